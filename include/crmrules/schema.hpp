// crm::Schema: the typed inputs of a rule set.
//
//   const crm::Schema& schema = rules.schema();
//   const crm::Field* f = schema.find("cooperation");   // {type integer, min 0, max 10}
//   crm::expected<crm::Value> v = f->accept(crm::Decimal::from_int(11));
//   // out_of_range: field 'cooperation' is 11, above its maximum 10
//
// Field types: decimal (money and scores; optional min/max), integer (a decimal without
// fraction; optional min/max), bool, string, enum (one of listed values), grade (one of
// ordered labels such as A1..C2, best first), date ("YYYY-MM-DD"), time ("10:30:00",
// "10:30:00+08:00"), date_time ("2024-03-31T10:30:00Z"), days_duration ("P1DT2H30M") and
// months_duration ("P1Y2M"): ISO 8601 text, or a value of the kind; and list (a JSON
// array; `of` names the type every element has, else elements are of any type). A field is
// required, or optional with a default (null when none is given). An enum or grade field
// may list aliases for its labels (other spellings, other languages, numbers): accept()
// turns "满意", "Satisfied" or 6 into the label "satisfied".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/value.hpp"
#include "crmrules/value_view.hpp"

namespace crm {

enum class FieldType : int {
  decimal = 0,
  integer = 1,
  boolean = 2,
  string = 3,
  enumeration = 4,
  grade = 5,
  date = 6,
  time = 7,             // crm::Time, "hh:mm:ss[.f][Z|±hh:mm]"
  date_time = 8,        // crm::DateTime, "YYYY-MM-DDThh:mm:ss[.f][Z|±hh:mm]"
  days_duration = 9,    // crm::DaysDuration, "P1DT2H30M"
  months_duration = 10,  // crm::MonthsDuration, "P1Y2M"
  list = 11              // a JSON array; Field::of: its elements' type
};

/// "decimal", "integer", "bool", "string", "enum", "grade", "date", "time", "date_time",
/// "days_duration", "months_duration", "list".
[[nodiscard]] std::string_view to_string(FieldType type) noexcept;
[[nodiscard]] std::optional<FieldType> field_type_from_string(std::string_view name) noexcept;

struct Field {
  std::string name;
  FieldType type = FieldType::decimal;
  bool required = false;
  Value default_value;               // used when an optional field is not set
  std::optional<Decimal> min, max;   // decimal and integer bounds, inclusive
  std::vector<std::string> labels;   // enum values; grade labels, best first
  /// Enum and grade fields: other spellings of a label, {alias, label}. An alias matches
  /// ignoring ASCII case; a number given for the field matches an alias written as that
  /// number ("6").
  std::vector<std::pair<std::string, std::string>> aliases;
  std::string description;
  /// List fields: the type of every element (decimal, integer, bool, string or date), or
  /// nothing for elements of any type. Rule-set key "of".
  std::optional<FieldType> of;
  /// Decimal and integer fields: whether text may write the number as the deck does
  /// (500万, 1.3亿, full-width digits, １，０００ grouped by three, and "7/10" when the
  /// field's maximum is 10). Plain numbers read the same either way. Rule-set key
  /// "chinese_amounts" (default true).
  bool chinese_amounts = true;

  /// The value checked and normalised for this field: the right kind, within bounds, a
  /// listed label; a decimal string for a decimal field; a date string for a date
  /// field; "true"/"false", "yes"/"no", "1"/"0" or "是"/"否" for a bool field (ASCII case
  /// ignored); an alias for its label. Null is accepted (it means "not given"). Errors
  /// name the field.
  [[nodiscard]] expected<Value> accept(const Value& value) const;
  /// A decimal or integer field's text as a number: plain digits, or (when
  /// chinese_amounts) the deck's notation. Bounds are not checked here.
  [[nodiscard]] expected<Decimal> parse_number(std::string_view text) const;
  /// Every spelling accept() takes for an enum or grade field: labels, then aliases.
  [[nodiscard]] std::vector<std::string_view> label_spellings() const;
  /// Whether accept(value) gives the value itself (a non-null value of the field's own
  /// kind within its bounds, a label itself): hot paths store it without accept(), which
  /// builds a Value. False means "ask accept()" (a conversion, or an error to report).
  /// Inline, for a view and for a Value (which needs no view built): Record::set, the
  /// machines' event data and effects, and restore call it on every value they store.
  [[nodiscard, gnu::always_inline]] bool takes_as_is(const ValueView& value) const noexcept {
    switch (value.kind()) {
      case ValueKind::decimal: return takes_number(value.decimal_ref());
      case ValueKind::string: return takes_text(value.as_string());
      default: return takes_kind(value.kind());
    }
  }
  [[nodiscard, gnu::always_inline]] bool takes_as_is(const Value& value) const noexcept {
    switch (value.kind()) {
      case ValueKind::decimal: return takes_number(value.as_decimal());
      case ValueKind::string: return takes_text(value.as_string());
      default: return takes_kind(value.kind());
    }
  }

  /// The rank of a grade or enum label (0 = first listed), or nothing.
  [[nodiscard]] std::optional<std::size_t> label_index(std::string_view label) const noexcept;
  /// The label that `text` spells: the label itself, or the label of a matching alias.
  [[nodiscard]] const std::string* resolve_label(std::string_view text) const noexcept;

 private:
  // takes_as_is by the value's kind.
  [[nodiscard, gnu::always_inline]] bool takes_number(const Decimal& d) const noexcept {
    if (type != FieldType::decimal && (type != FieldType::integer || !d.is_integer())) return false;
    return !(min && d < *min) && !(max && d > *max);
  }
  [[nodiscard, gnu::always_inline]] bool takes_text(std::string_view s) const noexcept {
    return type == FieldType::string ||
           ((type == FieldType::enumeration || type == FieldType::grade) && label_index(s).has_value());
  }
  [[nodiscard, gnu::always_inline]] bool takes_kind(ValueKind kind) const noexcept {
    switch (kind) {
      case ValueKind::boolean: return type == FieldType::boolean;
      case ValueKind::date: return type == FieldType::date;
      case ValueKind::time: return type == FieldType::time;
      case ValueKind::date_time: return type == FieldType::date_time;
      case ValueKind::days_duration: return type == FieldType::days_duration;
      case ValueKind::months_duration: return type == FieldType::months_duration;
      case ValueKind::list: return type == FieldType::list && !of;
      default: return false;
    }
  }
};

class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields);

  [[nodiscard]] const std::vector<Field>& fields() const noexcept { return fields_; }
  [[nodiscard]] std::size_t size() const noexcept { return fields_.size(); }
  /// The field's slot (its index), or nothing.
  [[nodiscard]] std::optional<std::size_t> slot_of(std::string_view name) const noexcept;
  [[nodiscard]] const Field* find(std::string_view name) const noexcept;

 private:
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const noexcept { return std::hash<std::string_view>{}(name); }
  };
  /// Up to this many fields, slot_of() compares names one by one (faster than hashing them).
  static constexpr std::size_t scanned_fields = 16;
  std::vector<Field> fields_;
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> index_;  // more fields: name -> slot
};

}  // namespace crm
