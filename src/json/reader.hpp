// Private: walking a parsed JSON document with JSON pointers, for loaders that must say
// exactly where a document is wrong.
//
//   JsonReader r(doc, "");                        // the root
//   auto obj = r.object();                        // error: "/: expected an object"
//   if (auto e = r.only_keys({"name", "inputs"}); !e) return e.error();  // unknown key
//   auto name = r["name"].string();               // error at "/name"
#pragma once

#include <boost/json/value.hpp>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "crmrules/decimal.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/text.hpp"

namespace crm::internal {

class JsonReader {
 public:
  JsonReader(const boost::json::value* value, std::string pointer) : value_(value), pointer_(std::move(pointer)) {}

  [[nodiscard]] bool exists() const noexcept { return value_ != nullptr; }
  [[nodiscard]] const std::string& pointer() const noexcept { return pointer_; }
  [[nodiscard]] const boost::json::value* raw() const noexcept { return value_; }

  /// The member `key` (absent: exists() is false) / element `index`.
  [[nodiscard]] JsonReader operator[](std::string_view key) const;
  [[nodiscard]] JsonReader at(std::size_t index) const;

  [[nodiscard]] expected<const boost::json::object*> object() const;
  [[nodiscard]] expected<const boost::json::array*> array() const;
  [[nodiscard]] expected<std::string_view> string() const;
  [[nodiscard]] expected<bool> boolean() const;
  /// A number, or a string holding exact decimal text ("0.15").
  [[nodiscard]] expected<Decimal> decimal() const;
  [[nodiscard]] expected<std::int64_t> integer() const;

  /// Fails on a member not in `allowed`, suggesting the closest allowed name.
  [[nodiscard]] expected<void> only_keys(std::span<const std::string_view> allowed) const;
  [[nodiscard]] expected<void> only_keys(std::initializer_list<std::string_view> allowed) const {
    return only_keys(std::span<const std::string_view>(allowed.begin(), allowed.size()));
  }

  /// An error located at this value.
  [[nodiscard]] unexpected error(ErrorCode code, std::string message) const;

 private:
  [[nodiscard]] unexpected expected_kind(const char* what) const;

  const boost::json::value* value_;
  std::string pointer_;
};

/// A built-in text, {"zh": "...", "en": "..."} (either may be missing; absent: empty).
[[nodiscard]] expected<Text> read_text(const JsonReader& at);

/// A decimal from a JSON number. Integers are exact; other numbers must have at most 15
/// significant digits (what a double carries exactly), which parse_json enforces.
[[nodiscard]] expected<Decimal> decimal_from_json_number(const boost::json::value& number);

}  // namespace crm::internal
