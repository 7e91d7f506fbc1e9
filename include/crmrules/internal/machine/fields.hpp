// Private: Field::takes_as_is with its common cases inline, for the session's hot paths
// (firing an event stores its data and its effects' values; restoring stores every saved
// value). The common cases are a value of the field's own kind in a field without
// bounds or labels: a decimal in an unbounded decimal field, an integral decimal in an
// unbounded integer field, a bool, a string or a date in a field of that type. Anything
// else asks Field::takes_as_is, so the answer is always the same as its
// (tests/cpp/machine/session_test.cpp compares the two over every field type and value kind).
#pragma once

#include "crmrules/schema.hpp"
#include "crmrules/value_view.hpp"

namespace crm::internal::machine {

/// The inline answer: 1 yes, 0 no, -1 ask Field::takes_as_is. `scale` is the value's
/// scale when it is a decimal.
[[nodiscard, gnu::always_inline]] inline int takes_inline(const Field& field, ValueKind kind, int scale) noexcept {
  switch (kind) {
    case ValueKind::decimal:
      if (field.min || field.max) return -1;
      if (field.type == FieldType::decimal) return 1;
      if (field.type == FieldType::integer && scale == 0) return 1;
      return -1;
    case ValueKind::string: return field.type == FieldType::string ? 1 : -1;
    case ValueKind::boolean: return field.type == FieldType::boolean ? 1 : 0;
    case ValueKind::date: return field.type == FieldType::date ? 1 : 0;
    default: return -1;
  }
}

[[nodiscard, gnu::always_inline]] inline bool takes_as_is(const Field& field, const ValueView& value) noexcept {
  const int fast =
      takes_inline(field, value.kind(), value.kind() == ValueKind::decimal ? value.decimal_ref().scale() : 0);
  return fast >= 0 ? fast == 1 : field.takes_as_is(value);
}

[[nodiscard, gnu::always_inline]] inline bool takes_as_is(const Field& field, const Value& value) noexcept {
  const int fast = takes_inline(field, value.kind(), value.kind() == ValueKind::decimal ? value.as_decimal().scale() : 0);
  return fast >= 0 ? fast == 1 : field.takes_as_is(value);
}

}  // namespace crm::internal::machine
