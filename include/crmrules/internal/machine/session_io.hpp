// Private: pieces shared by the session's JSON views and its saved forms.
#pragma once

#include <string>
#include <vector>

#include "crmrules/need.hpp"
#include "crmrules/schema.hpp"
#include "crmrules/value_view.hpp"
#include "crmrules/value.hpp"

namespace crm::internal::machine {

/// Whether `v` already is a value the field accepts as it is (the right kind, within its
/// bounds, a listed label): the hot paths copy it without Field::accept, which builds its
/// messages up front. False means "ask accept()" (a conversion, or an error to report).
[[nodiscard]] inline bool fits(const Field& f, const ValueView& v) noexcept {
  switch (f.type) {
    case FieldType::decimal:
    case FieldType::integer:
      if (v.kind() != ValueKind::decimal) return false;
      if (f.type == FieldType::integer && !v.decimal_ref().is_integer()) return false;
      return (!f.min || !(v.decimal_ref() < *f.min)) && (!f.max || !(v.decimal_ref() > *f.max));
    case FieldType::boolean: return v.kind() == ValueKind::boolean;
    case FieldType::string: return v.kind() == ValueKind::string;
    case FieldType::enumeration:
    case FieldType::grade: return v.kind() == ValueKind::string && f.label_index(v.as_string()).has_value();
    case FieldType::date: return v.kind() == ValueKind::date;
  }
  return false;
}

/// A JSON array of strings.
void write_strings(std::string& out, const std::vector<std::string>& items);
/// A value that reads back exactly: decimals other than short integers as strings.
void write_exact(std::string& out, const Value& v);
/// A need as a JSON object, with whether it is explicit and a buying signal.
void write_need(std::string& out, const Need& need, DealSize deal);

}  // namespace crm::internal::machine
