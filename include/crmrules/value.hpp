// crm::Value: one input or output value of a rule set.
//
//   crm::Value v = crm::Decimal::from_int(5);
//   if (v.kind() == crm::ValueKind::decimal) use(v.as_decimal());
//   crm::Value name = std::string("Huawei");
//   crm::Value nothing;                       // null
//   crm::Value day = *crm::Date::parse("2024-03-31");
//   std::string shown = v.to_string();        // "5"
//   crm::Value hits = crm::Value::List{"A1", crm::Decimal::from_int(2)};  // a list
//   for (const crm::Value& e : hits.as_list()) use(e);
//
// Null means "no value" (a missing optional field, `??`'s left side). A list holds the
// results of a multi-hit decision table (RULE ORDER, OUTPUT ORDER, COLLECT). More kinds
// join the end of ValueKind without renumbering the existing ones. Two times or
// date-times are == when both have an offset or neither and they are the same instant
// (time.hpp, date_time.hpp).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "crmrules/date.hpp"
#include "crmrules/date_time.hpp"
#include "crmrules/days_duration.hpp"
#include "crmrules/decimal.hpp"
#include "crmrules/months_duration.hpp"
#include "crmrules/time.hpp"

namespace crm {

enum class ValueKind : int {
  null = 0,
  boolean = 1,
  decimal = 2,
  string = 3,
  date = 4,
  list = 5,
  time = 6,             // crm::Time
  date_time = 7,        // crm::DateTime
  days_duration = 8,    // crm::DaysDuration
  months_duration = 9,  // crm::MonthsDuration
};

/// Whether values of the kind print as text in quotes in JSON: strings, dates, times,
/// date-times and durations (ISO 8601).
[[nodiscard]] constexpr bool is_temporal(ValueKind kind) noexcept {
  return kind == ValueKind::date || kind == ValueKind::time || kind == ValueKind::date_time ||
         kind == ValueKind::days_duration || kind == ValueKind::months_duration;
}

[[nodiscard]] constexpr std::string_view to_string(ValueKind kind) noexcept {
  switch (kind) {
    case ValueKind::null: return "null";
    case ValueKind::boolean: return "bool";
    case ValueKind::decimal: return "decimal";
    case ValueKind::string: return "string";
    case ValueKind::date: return "date";
    case ValueKind::list: return "list";
    case ValueKind::time: return "time";
    case ValueKind::date_time: return "date_time";
    case ValueKind::days_duration: return "days_duration";
    case ValueKind::months_duration: return "months_duration";
  }
  return "unknown";
}

class Value {
 public:
  using List = std::vector<Value>;

  Value() noexcept {}  // user-provided: value-initialising (vector::resize) need not zero 48 bytes first
  Value(std::nullptr_t) noexcept {}
  Value(bool b) noexcept : v_(b) {}
  Value(Decimal d) noexcept : v_(d) {}
  Value(std::string s) noexcept : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::in_place_type<std::string>, s) {}
  Value(const char* s) : v_(std::in_place_type<std::string>, s) {}
  Value(Date d) noexcept : v_(d) {}
  Value(List l) noexcept : v_(std::move(l)) {}
  Value(Time t) noexcept : v_(t) {}
  Value(DateTime t) noexcept : v_(t) {}
  Value(DaysDuration d) noexcept : v_(d) {}
  Value(MonthsDuration d) noexcept : v_(d) {}

  [[nodiscard]] ValueKind kind() const noexcept { return static_cast<ValueKind>(v_.index()); }
  [[nodiscard]] bool is_null() const noexcept { return kind() == ValueKind::null; }

  /// The held value; the kind must match (check kind() first).
  [[nodiscard]] bool as_bool() const { return std::get<bool>(v_); }
  [[nodiscard]] Decimal as_decimal() const { return std::get<Decimal>(v_); }
  [[nodiscard]] const std::string& as_string() const { return std::get<std::string>(v_); }
  [[nodiscard]] Date as_date() const { return std::get<Date>(v_); }
  [[nodiscard]] const List& as_list() const { return std::get<List>(v_); }
  [[nodiscard]] Time as_time() const { return std::get<Time>(v_); }
  [[nodiscard]] DateTime as_date_time() const { return std::get<DateTime>(v_); }
  [[nodiscard]] DaysDuration as_days_duration() const { return std::get<DaysDuration>(v_); }
  [[nodiscard]] MonthsDuration as_months_duration() const { return std::get<MonthsDuration>(v_); }

  /// Makes this a string holding `s`, reusing the current string's buffer when this
  /// already is a string (so refilling a result of the same size allocates nothing).
  void set_string(std::string_view s) {
    if (auto* held = std::get_if<std::string>(&v_)) held->assign(s.data(), s.size());
    else v_.emplace<std::string>(s);
  }

  /// Makes this the decimal `d`; a decimal already held is overwritten in place.
  void set_decimal(Decimal d) noexcept {
    if (auto* held = std::get_if<Decimal>(&v_)) *held = d;
    else v_.emplace<Decimal>(d);
  }

  /// Makes this an empty list and returns it for filling, reusing the current list's
  /// buffer when this already is a list.
  List& reset_list() {
    if (auto* held = std::get_if<List>(&v_)) {
      held->clear();
      return *held;
    }
    return v_.emplace<List>();
  }

  /// "null", "true"/"false", the decimal's text, the string itself, "YYYY-MM-DD" (and the
  /// ISO 8601 text of a time, date-time or duration: "10:30:00", "P1DT2H"), or a list's
  /// elements in brackets with strings and dates quoted: `["A1", 2, null]`.
  [[nodiscard]] std::string to_string() const {
    switch (kind()) {
      case ValueKind::null: return "null";
      case ValueKind::boolean: return as_bool() ? "true" : "false";
      case ValueKind::decimal: return as_decimal().to_string();
      case ValueKind::string: return as_string();
      case ValueKind::date: return as_date().to_string();
      case ValueKind::time: return as_time().to_string();
      case ValueKind::date_time: return as_date_time().to_string();
      case ValueKind::days_duration: return as_days_duration().to_string();
      case ValueKind::months_duration: return as_months_duration().to_string();
      case ValueKind::list: {
        std::string out = "[";
        for (std::size_t i = 0; i < as_list().size(); ++i) {
          const Value& e = as_list()[i];
          if (i) out += ", ";
          const bool quoted = e.kind() == ValueKind::string || is_temporal(e.kind());
          if (quoted) out += '"';
          out += e.to_string();
          if (quoted) out += '"';
        }
        return out + "]";
      }
    }
    return {};
  }

  friend bool operator==(const Value&, const Value&) = default;

 private:
  std::variant<std::monostate, bool, Decimal, std::string, Date, List, Time, DateTime, DaysDuration, MonthsDuration> v_;
};

}  // namespace crm
