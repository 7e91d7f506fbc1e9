// crm::ValueView: a value that does not own its string, for results of the hot path.
//
//   crm::Value name = std::string("Huawei");
//   crm::ValueView v = name;                  // refers to name's characters, no copy
//   assert(v.kind() == crm::ValueKind::string && v.as_string() == "Huawei");
//   crm::Value owned = v.to_value();          // an owning copy
//   v.store_in(owned);                        // the same, reusing owned's buffer
//
// A view of a string is valid while the string it was taken from lives: a Value, an
// Expression's constant, or an EvalScratch (see expression.hpp); a view of a list
// refers to the list's elements the same way. Views of the other kinds hold their value. Equality is Value's: the same kind and the same content
// (1.0 == 1.00; a string never equals a decimal; null equals only null).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "crmrules/date.hpp"
#include "crmrules/date_time.hpp"
#include "crmrules/days_duration.hpp"
#include "crmrules/decimal.hpp"
#include "crmrules/months_duration.hpp"
#include "crmrules/time.hpp"
#include "crmrules/value.hpp"

namespace crm {

class ValueView {
 public:
  constexpr ValueView() noexcept {}
  constexpr ValueView(std::nullptr_t) noexcept {}
  constexpr ValueView(bool b) noexcept : kind_(ValueKind::boolean) { p_.b = b; }
  constexpr ValueView(Decimal d) noexcept : kind_(ValueKind::decimal) { p_.d = d; }
  constexpr ValueView(std::string_view s) noexcept : kind_(ValueKind::string) { p_.s = s; }
  constexpr ValueView(const char* s) noexcept : ValueView(std::string_view(s)) {}
  constexpr ValueView(Date d) noexcept : kind_(ValueKind::date) { p_.date = d; }
  constexpr ValueView(std::span<const Value> l) noexcept : kind_(ValueKind::list) { p_.list = l; }
  constexpr ValueView(Time t) noexcept : kind_(ValueKind::time) { p_.time = t; }
  constexpr ValueView(DateTime t) noexcept : kind_(ValueKind::date_time) { p_.date_time = t; }
  constexpr ValueView(DaysDuration d) noexcept : kind_(ValueKind::days_duration) { p_.days = d; }
  constexpr ValueView(MonthsDuration d) noexcept : kind_(ValueKind::months_duration) { p_.months = d; }
  /// A view of `v`; a string refers to v's characters.
  ValueView(const Value& v) noexcept : kind_(v.kind()) {  // NOLINT: implicit on purpose
    switch (kind_) {
      case ValueKind::null: break;
      case ValueKind::boolean: p_.b = v.as_bool(); break;
      case ValueKind::decimal: p_.d = v.as_decimal(); break;
      case ValueKind::string: p_.s = v.as_string(); break;
      case ValueKind::date: p_.date = v.as_date(); break;
      case ValueKind::list: p_.list = v.as_list(); break;
      case ValueKind::time: p_.time = v.as_time(); break;
      case ValueKind::date_time: p_.date_time = v.as_date_time(); break;
      case ValueKind::days_duration: p_.days = v.as_days_duration(); break;
      case ValueKind::months_duration: p_.months = v.as_months_duration(); break;
    }
  }

  [[nodiscard]] constexpr ValueKind kind() const noexcept { return kind_; }
  [[nodiscard]] constexpr bool is_null() const noexcept { return kind_ == ValueKind::null; }

  /// The held value; the kind must match (check kind() first).
  [[nodiscard]] constexpr bool as_bool() const noexcept { return p_.b; }
  [[nodiscard]] constexpr Decimal as_decimal() const noexcept { return p_.d; }
  /// The held decimal by reference, which spares a copy on hot paths.
  [[nodiscard]] constexpr const Decimal& decimal_ref() const noexcept { return p_.d; }
  [[nodiscard]] constexpr std::string_view as_string() const noexcept { return p_.s; }
  [[nodiscard]] constexpr Date as_date() const noexcept { return p_.date; }
  [[nodiscard]] constexpr std::span<const Value> as_list() const noexcept { return p_.list; }
  [[nodiscard]] constexpr Time as_time() const noexcept { return p_.time; }
  [[nodiscard]] constexpr DateTime as_date_time() const noexcept { return p_.date_time; }
  [[nodiscard]] constexpr DaysDuration as_days_duration() const noexcept { return p_.days; }
  [[nodiscard]] constexpr MonthsDuration as_months_duration() const noexcept { return p_.months; }

  /// An owning copy.
  [[nodiscard]] Value to_value() const {
    switch (kind_) {
      case ValueKind::null: break;
      case ValueKind::boolean: return Value(p_.b);
      case ValueKind::decimal: return Value(p_.d);
      case ValueKind::string: return Value(p_.s);
      case ValueKind::date: return Value(p_.date);
      case ValueKind::list: return Value(Value::List(p_.list.begin(), p_.list.end()));
      case ValueKind::time: return Value(p_.time);
      case ValueKind::date_time: return Value(p_.date_time);
      case ValueKind::days_duration: return Value(p_.days);
      case ValueKind::months_duration: return Value(p_.months);
    }
    return Value();
  }

  /// Copies the value into `out`, reusing out's string buffer when it holds a string
  /// (and its list buffer when it holds a list; a decimal over a decimal in place).
  void store_in(Value& out) const {
    if (kind_ == ValueKind::string) {
      out.set_string(p_.s);
    } else if (kind_ == ValueKind::decimal) {
      out.set_decimal(p_.d);
    } else if (kind_ == ValueKind::list) {
      if (out.kind() == ValueKind::list && out.as_list().data() == p_.list.data()) return;  // itself
      Value::List copy(p_.list.begin(), p_.list.end());
      out = Value(std::move(copy));
    } else {
      out = to_value();
    }
  }

  /// As Value::to_string().
  [[nodiscard]] std::string to_string() const {
    return kind_ == ValueKind::string ? std::string(p_.s) : to_value().to_string();
  }

  friend constexpr bool operator==(const ValueView& a, const ValueView& b) noexcept {
    if (a.kind_ != b.kind_) return false;
    switch (a.kind_) {
      case ValueKind::null: return true;
      case ValueKind::boolean: return a.p_.b == b.p_.b;
      case ValueKind::decimal: return a.p_.d == b.p_.d;
      case ValueKind::string: return a.p_.s == b.p_.s;
      case ValueKind::date: return a.p_.date == b.p_.date;
      case ValueKind::time: return a.p_.time == b.p_.time;
      case ValueKind::date_time: return a.p_.date_time == b.p_.date_time;
      case ValueKind::days_duration: return a.p_.days == b.p_.days;
      case ValueKind::months_duration: return a.p_.months == b.p_.months;
      case ValueKind::list:
        if (a.p_.list.size() != b.p_.list.size()) return false;
        for (std::size_t i = 0; i < a.p_.list.size(); ++i)
          if (!(a.p_.list[i] == b.p_.list[i])) return false;
        return true;
    }
    return false;
  }

 private:
  union Payload {
    constexpr Payload() noexcept : b(false) {}
    bool b;
    Decimal d;
    std::string_view s;
    Date date;
    std::span<const Value> list;
    Time time;
    DateTime date_time;
    DaysDuration days;
    MonthsDuration months;
  };
  Payload p_;
  ValueKind kind_ = ValueKind::null;
};

}  // namespace crm
