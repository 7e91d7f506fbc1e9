// crm::Value: one input or output value of a rule set.
//
//   crm::Value v = crm::Decimal::from_int(5);
//   if (v.kind() == crm::ValueKind::decimal) use(v.as_decimal());
//   crm::Value name = std::string("Huawei");
//   crm::Value nothing;                       // null
//   crm::Value day = *crm::Date::parse("2024-03-31");
//   std::string shown = v.to_string();        // "5"
//
// Null means "no value" (a missing optional field, `??`'s left side). More kinds (list)
// join the end of ValueKind without renumbering the existing ones.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "crmrules/date.hpp"
#include "crmrules/decimal.hpp"

namespace crm {

enum class ValueKind : int { null = 0, boolean = 1, decimal = 2, string = 3, date = 4 };

[[nodiscard]] constexpr std::string_view to_string(ValueKind kind) noexcept {
  switch (kind) {
    case ValueKind::null: return "null";
    case ValueKind::boolean: return "bool";
    case ValueKind::decimal: return "decimal";
    case ValueKind::string: return "string";
    case ValueKind::date: return "date";
  }
  return "unknown";
}

class Value {
 public:
  Value() noexcept = default;
  Value(std::nullptr_t) noexcept {}
  Value(bool b) noexcept : v_(b) {}
  Value(Decimal d) noexcept : v_(d) {}
  Value(std::string s) noexcept : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(Date d) noexcept : v_(d) {}

  [[nodiscard]] ValueKind kind() const noexcept { return static_cast<ValueKind>(v_.index()); }
  [[nodiscard]] bool is_null() const noexcept { return kind() == ValueKind::null; }

  /// The held value; the kind must match (check kind() first).
  [[nodiscard]] bool as_bool() const { return std::get<bool>(v_); }
  [[nodiscard]] Decimal as_decimal() const { return std::get<Decimal>(v_); }
  [[nodiscard]] const std::string& as_string() const { return std::get<std::string>(v_); }
  [[nodiscard]] Date as_date() const { return std::get<Date>(v_); }

  /// Makes this a string holding `s`, reusing the current string's buffer when this
  /// already is a string (so refilling a result of the same size allocates nothing).
  void set_string(std::string_view s) {
    if (auto* held = std::get_if<std::string>(&v_)) held->assign(s.data(), s.size());
    else v_.emplace<std::string>(s);
  }

  /// "null", "true"/"false", the decimal's text, the string itself, or "YYYY-MM-DD".
  [[nodiscard]] std::string to_string() const {
    switch (kind()) {
      case ValueKind::null: return "null";
      case ValueKind::boolean: return as_bool() ? "true" : "false";
      case ValueKind::decimal: return as_decimal().to_string();
      case ValueKind::string: return as_string();
      case ValueKind::date: return as_date().to_string();
    }
    return {};
  }

  friend bool operator==(const Value&, const Value&) = default;

 private:
  std::variant<std::monostate, bool, Decimal, std::string, Date> v_;
};

}  // namespace crm
