#include <boost/json.hpp>
#include <vector>

#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/core/suggest.hpp"

namespace crm::internal {

JsonReader JsonReader::operator[](std::string_view key) const {
  const boost::json::value* child = nullptr;
  if (value_ != nullptr && value_->is_object()) child = value_->as_object().if_contains(key);
  return JsonReader(child, pointer_ + "/" + pointer_token(key));
}

JsonReader JsonReader::at(std::size_t index) const {
  const boost::json::value* child = nullptr;
  if (value_ != nullptr && value_->is_array() && index < value_->as_array().size()) child = &value_->as_array()[index];
  return JsonReader(child, pointer_ + "/" + std::to_string(index));
}

unexpected JsonReader::error(ErrorCode code, std::string message) const {
  return fail(code, std::move(message), Location::at_pointer(pointer_.empty() ? "/" : pointer_));
}

unexpected JsonReader::expected_kind(const char* what) const {
  if (value_ == nullptr) return error(ErrorCode::missing, std::string("missing ") + what);
  return error(ErrorCode::type_mismatch, std::string("expected ") + what);
}

expected<const boost::json::object*> JsonReader::object() const {
  if (value_ == nullptr || !value_->is_object()) return expected_kind("an object");
  return &value_->as_object();
}

expected<const boost::json::array*> JsonReader::array() const {
  if (value_ == nullptr || !value_->is_array()) return expected_kind("an array");
  return &value_->as_array();
}

expected<std::string_view> JsonReader::string() const {
  if (value_ == nullptr || !value_->is_string()) return expected_kind("a string");
  const auto& s = value_->as_string();
  return std::string_view(s.data(), s.size());
}

expected<bool> JsonReader::boolean() const {
  if (value_ == nullptr || !value_->is_bool()) return expected_kind("true or false");
  return value_->as_bool();
}

expected<Decimal> JsonReader::decimal() const {
  if (value_ != nullptr && value_->is_string()) {
    auto d = Decimal::parse(std::string_view(value_->as_string().data(), value_->as_string().size()));
    if (!d) return error(d.error().code, d.error().message);
    return d;
  }
  if (value_ == nullptr || !value_->is_number()) return expected_kind("a number");
  auto d = decimal_from_json_number(*value_);
  if (!d) return error(d.error().code, d.error().message);
  return d;
}

expected<std::int64_t> JsonReader::integer() const {
  auto d = decimal();
  if (!d) return unexpected(d.error());
  auto i = d->to_int64();
  if (!i) return error(ErrorCode::type_mismatch, "expected a whole number, found " + d->to_string());
  return i;
}

expected<void> JsonReader::only_keys(std::span<const std::string_view> allowed) const {
  auto obj = object();
  if (!obj) return unexpected(obj.error());
  for (const auto& member : **obj) {
    const std::string_view key(member.key().data(), member.key().size());
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (known) continue;
    const std::vector<std::string_view> names(allowed.begin(), allowed.end());  // for the hint only
    return (*this)[key].error(ErrorCode::unknown_name, "unknown key '" + std::string(key) + "'" + did_you_mean(key, names));
  }
  return {};
}

[[nodiscard]] expected<Decimal> decimal_from_json_number(const boost::json::value& number) {
  if (number.is_int64()) return Decimal::from_int(number.as_int64());
  if (number.is_uint64()) return Decimal::parse(std::to_string(number.as_uint64()));
  // Shortest text that reads back as the same double: the author's text whenever it had
  // at most 15 significant digits.
  const std::string text = boost::json::serialize(number);
  return Decimal::parse(text);
}

expected<Text> read_text(const JsonReader& at) {
  Text t;
  if (!at.exists()) return t;
  if (auto keys = at.only_keys({"zh", "en"}); !keys) return unexpected(keys.error());
  for (auto [key, into] : {std::pair{"zh", &t.zh}, std::pair{"en", &t.en}}) {
    if (!at[key].exists()) continue;
    auto s = at[key].string();
    if (!s) return unexpected(s.error());
    *into = *s;
  }
  return t;
}

}  // namespace crm::internal
