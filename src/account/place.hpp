// Private: a place in a parsed account document, for reading it fast. The happy path
// reads Boost.JSON values directly; the JSON pointer (a string per level) is built only
// when something is wrong, by handing the place to a JsonReader, whose errors (wording,
// "did you mean", pointer) are the rest of the library's.
//
//   Place root(&doc);
//   auto name = root["customer"]["name"].string();  // error: missing / type_mismatch at /customer/name
//
// A Place refers to its parent: keep it no longer than the expression or the call that
// made it (pass places down, never store them).
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"
#include "src/json/parse.hpp"
#include "src/json/reader.hpp"

namespace crm::internal::account {

class Place {
 public:
  explicit Place(const boost::json::value* root) : value_(root) {}

  [[nodiscard]] bool exists() const noexcept { return value_ != nullptr; }

  [[nodiscard]] Place operator[](std::string_view key) const {
    const boost::json::object* o = value_ != nullptr ? value_->if_object() : nullptr;
    return Place(o != nullptr ? o->if_contains(key) : nullptr, this, key, 0, true);
  }
  [[nodiscard]] Place at(std::size_t index) const {
    const boost::json::array* a = value_ != nullptr ? value_->if_array() : nullptr;
    return Place(a != nullptr && index < a->size() ? &(*a)[index] : nullptr, this, {}, index, false);
  }

  /// The array's size, or JsonReader's error.
  [[nodiscard]] expected<std::size_t> size() const {
    if (const boost::json::array* a = value_ != nullptr ? value_->if_array() : nullptr) return a->size();
    auto a = reader().array();
    return unexpected(a.error());
  }
  [[nodiscard]] expected<std::string_view> string() const {
    if (const boost::json::string* s = value_ != nullptr ? value_->if_string() : nullptr)
      return std::string_view(s->data(), s->size());
    return reader().string();
  }
  [[nodiscard]] expected<bool> boolean() const {
    if (value_ != nullptr && value_->is_bool()) return value_->get_bool();
    return reader().boolean();
  }
  [[nodiscard]] expected<void> only_keys(std::initializer_list<std::string_view> allowed) const {
    if (const boost::json::object* o = value_ != nullptr ? value_->if_object() : nullptr) {
      bool all_known = true;
      for (const auto& member : *o) {
        bool known = false;
        for (std::string_view a : allowed) known = known || a == std::string_view(member.key());
        all_known = all_known && known;
      }
      if (all_known) return {};
    }
    return reader().only_keys(allowed);
  }

  [[nodiscard]] unexpected error(ErrorCode code, std::string message) const {
    return reader().error(code, std::move(message));
  }
  /// This place as a JsonReader: with its pointer, built now.
  [[nodiscard]] JsonReader reader() const { return JsonReader(value_, pointer()); }

 private:
  Place(const boost::json::value* value, const Place* parent, std::string_view key, std::size_t index, bool by_key)
      : value_(value), parent_(parent), key_(key), index_(index), by_key_(by_key) {}

  [[nodiscard]] std::string pointer() const {
    if (parent_ == nullptr) return {};
    return parent_->pointer() + "/" + (by_key_ ? pointer_token(key_) : std::to_string(index_));
  }

  const boost::json::value* value_;
  const Place* parent_ = nullptr;
  std::string_view key_;   // in the parent object
  std::size_t index_ = 0;  // in the parent array
  bool by_key_ = false;    // a member (else an element)
};

}  // namespace crm::internal::account
