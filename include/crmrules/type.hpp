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

enum class Type : int { any = 0, boolean = 1, decimal = 2, string = 3, date = 4, list = 5 };

/// "any", "bool", "decimal", "string", "date", "list".
[[nodiscard]] constexpr std::string_view to_string(Type type) noexcept {
  switch (type) {
    case Type::any: return "any";
    case Type::boolean: return "bool";
    case Type::decimal: return "decimal";
    case Type::string: return "string";
    case Type::date: return "date";
    case Type::list: return "list";
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
    case ValueKind::null: break;
  }
  return Type::any;
}

}  // namespace crm
