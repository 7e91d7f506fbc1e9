// crm::Type: what the expression compiler knows about a value before it exists.
//
//   crm::Scope scope;
//   scope.add("annual_purchases", crm::Type::decimal);
//   auto e = crm::Expression::compile("annual_purchases * 0.15", scope);
//   assert(e->result_type() == crm::Type::decimal);
//
// `list` is a list of values of any type (["a", 1], a list field, a multi-hit
// table's results). `any` means "not known until evaluation": such values are checked when used. Every
// type also admits null (a missing optional value); see docs/expressions.md.
#pragma once

#include <string_view>

#include "crmrules/value.hpp"

namespace crm {

enum class Type : int {
  any = 0,
  boolean = 1,
  decimal = 2,
  string = 3,
  date = 4,
  list = 5,
  time = 6,
  date_time = 7,
  days_duration = 8,
  months_duration = 9,
};

/// "any", "bool", "decimal", "string", "date", "list", "time", "date_time",
/// "days_duration", "months_duration".
[[nodiscard]] constexpr std::string_view to_string(Type type) noexcept {
  switch (type) {
    case Type::any: return "any";
    case Type::boolean: return "bool";
    case Type::decimal: return "decimal";
    case Type::string: return "string";
    case Type::date: return "date";
    case Type::list: return "list";
    case Type::time: return "time";
    case Type::date_time: return "date_time";
    case Type::days_duration: return "days_duration";
    case Type::months_duration: return "months_duration";
  }
  return "unknown";
}

/// The type of values of a kind (null has no type of its own: any).
[[nodiscard]] constexpr Type type_of(ValueKind kind) noexcept {
  switch (kind) {
    case ValueKind::boolean: return Type::boolean;
    case ValueKind::decimal: return Type::decimal;
    case ValueKind::string: return Type::string;
    case ValueKind::date: return Type::date;
    case ValueKind::list: return Type::list;  // of elements of any type
    case ValueKind::time: return Type::time;
    case ValueKind::date_time: return Type::date_time;
    case ValueKind::days_duration: return Type::days_duration;
    case ValueKind::months_duration: return Type::months_duration;
    case ValueKind::null: break;
  }
  return Type::any;
}

}  // namespace crm
