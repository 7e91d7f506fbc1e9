#include "crmrules/schema.hpp"

#include <array>

#include "crmrules/date.hpp"
#include "crmrules/date_time.hpp"
#include "crmrules/days_duration.hpp"
#include "crmrules/months_duration.hpp"
#include "crmrules/time.hpp"
#include "src/core/chinese_amount.hpp"
#include "src/core/same_text.hpp"
#include "src/core/suggest.hpp"

namespace crm {
namespace {

// Indexed by FieldType.
constexpr std::array<std::string_view, 12> type_names = {"decimal", "integer",   "bool",          "string",
                                                         "enum",    "grade",     "date",          "time",
                                                         "date_time", "days_duration", "months_duration", "list"};

/// A time, date-time or duration field's text read with T::parse; the error names the
/// field and keeps the offset within the text.
template <class T>
expected<Value> parse_temporal(const Value& value, const std::string& field_name) {
  auto t = T::parse(value.as_string());
  if (!t) {
    Error e = std::move(t.error());
    const std::int64_t at = e.where.offset;
    e.message = "field '" + field_name + "': " + e.message + (at >= 0 ? " (at offset " + std::to_string(at) + ")" : "");
    return unexpected(std::move(e));
  }
  return Value(*t);
}

std::string quoted_list(const std::vector<std::string>& labels) {
  std::string out;
  for (const auto& l : labels) out += (out.empty() ? "'" : ", '") + l + "'";
  return out;
}

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

namespace internal {
expected<Value> accept_list(const Field& field, const Value& value);  // list_field.cpp
}
using internal::accept_list;

std::string_view to_string(FieldType type) noexcept {
  const auto i = static_cast<std::size_t>(type);
  return i < type_names.size() ? type_names[i] : "unknown";
}

std::optional<FieldType> field_type_from_string(std::string_view name) noexcept {
  if (name == "money") return FieldType::decimal;  // a synonym rule authors expect
  for (std::size_t i = 0; i < type_names.size(); ++i)
    if (type_names[i] == name) return static_cast<FieldType>(i);
  return std::nullopt;
}

std::optional<std::size_t> Field::label_index(std::string_view label) const noexcept {
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (internal::same_text(labels[i], label)) return i;
  return std::nullopt;
}

const std::string* Field::resolve_label(std::string_view text) const noexcept {
  if (auto i = label_index(text)) return &labels[*i];
  for (const auto& [alias, label] : aliases)
    if (equal_ignoring_ascii_case(alias, text)) return &label;
  return nullptr;
}

std::vector<std::string_view> Field::label_spellings() const {
  std::vector<std::string_view> out(labels.begin(), labels.end());
  for (const auto& alias : aliases) out.push_back(alias.first);
  return out;
}

expected<Decimal> Field::parse_number(std::string_view text) const {
  if (!internal::is_chinese_amount_notation(text)) return Decimal::parse(text);
  if (!chinese_amounts)
    return fail(ErrorCode::parse,
                "'" + std::string(text) +
                    "' is written in Chinese amount notation (万, 亿, full-width digits, ',' or 'a/b'), "
                    "which this field refuses (chinese_amounts: false); write plain digits");
  return internal::parse_chinese_amount(text, max);
}

expected<Value> Field::accept(const Value& value) const {
  if (value.is_null()) return value;
  const auto what = [&] { return "field '" + name + "'"; };  // built only for an error
  auto mismatch = [&] {
    return fail(ErrorCode::type_mismatch, what() + " is " + std::string(to_string(type)) + ", not " +
                                              std::string(crm::to_string(value.kind())) + " (" + value.to_string() + ")");
  };
  switch (type) {
    case FieldType::decimal:
    case FieldType::integer: {
      Decimal d;
      if (value.kind() == ValueKind::decimal) {
        d = value.as_decimal();
      } else if (value.kind() == ValueKind::string) {
        auto parsed = parse_number(value.as_string());
        if (!parsed) return fail(parsed.error().code, what() + ": " + parsed.error().message);
        d = *parsed;
      } else {
        return mismatch();
      }
      if (type == FieldType::integer && !d.is_integer())
        return fail(ErrorCode::type_mismatch, what() + " is an integer, not " + d.to_string());
      if (min && d < *min)
        return fail(ErrorCode::out_of_range, what() + " is " + d.to_string() + ", below its minimum " + min->to_string());
      if (max && d > *max)
        return fail(ErrorCode::out_of_range, what() + " is " + d.to_string() + ", above its maximum " + max->to_string());
      return Value(d);
    }
    case FieldType::boolean:
      if (value.kind() == ValueKind::string) {
        // The text forms a CSV cell or a form gives: true/false, yes/no, 1/0, 是/否.
        const std::string& text = value.as_string();
        for (std::string_view yes : {"true", "yes", "1", "是"})
          if (equal_ignoring_ascii_case(text, yes)) return Value(true);
        for (std::string_view no : {"false", "no", "0", "否"})
          if (equal_ignoring_ascii_case(text, no)) return Value(false);
        return fail(ErrorCode::type_mismatch, what() + " is bool, not '" + text + "' (true, false, yes, no, 1, 0, 是, 否)");
      }
      if (value.kind() != ValueKind::boolean) return mismatch();
      return value;
    case FieldType::string:
      if (value.kind() != ValueKind::string) return mismatch();
      return value;
    case FieldType::enumeration:
    case FieldType::grade: {
      if (value.kind() == ValueKind::decimal && !aliases.empty()) {
        // A number names a label through an alias written as that number ("6").
        const Decimal d = value.as_decimal();
        auto whole = d.is_integer() ? d.round(0) : expected<Decimal>(d);
        const std::string text = whole ? whole->to_string() : d.to_string();
        if (const std::string* label = resolve_label(text)) return Value(*label);
        return fail(ErrorCode::out_of_range, what() + " is " + text + ", which is not an alias of one of " + quoted_list(labels));
      }
      if (value.kind() != ValueKind::string) return mismatch();
      if (label_index(value.as_string())) return value;
      if (const std::string* label = resolve_label(value.as_string())) return Value(*label);
      return fail(ErrorCode::out_of_range, what() + " is '" + value.as_string() + "', not one of " +
                                               quoted_list(labels) + (aliases.empty() ? "" : " (or their aliases)") +
                                               internal::did_you_mean(value.as_string(), label_spellings()));
    }
    case FieldType::date:
      if (value.kind() == ValueKind::date) return value;
      if (value.kind() != ValueKind::string) return mismatch();
      {
        auto d = Date::parse(value.as_string());
        if (!d) return fail(d.error().code, what() + ": " + d.error().message);
        return Value(*d);
      }
    case FieldType::list:
      if (value.kind() != ValueKind::list) return mismatch();
      return accept_list(*this, value);
    case FieldType::time:
      if (value.kind() == ValueKind::time) return value;
      if (value.kind() != ValueKind::string) return mismatch();
      return parse_temporal<Time>(value, name);
    case FieldType::date_time:
      if (value.kind() == ValueKind::date_time) return value;
      if (value.kind() != ValueKind::string) return mismatch();
      return parse_temporal<DateTime>(value, name);
    case FieldType::days_duration:
      if (value.kind() == ValueKind::days_duration) return value;
      if (value.kind() != ValueKind::string) return mismatch();
      return parse_temporal<DaysDuration>(value, name);
    case FieldType::months_duration:
      if (value.kind() == ValueKind::months_duration) return value;
      if (value.kind() != ValueKind::string) return mismatch();
      return parse_temporal<MonthsDuration>(value, name);
  }
  return mismatch();
}

Schema::Schema(std::vector<Field> fields) : fields_(std::move(fields)) {
  if (fields_.size() <= scanned_fields) return;
  index_.reserve(fields_.size());
  for (std::size_t i = 0; i < fields_.size(); ++i) index_.emplace(fields_[i].name, i);
}

std::optional<std::size_t> Schema::slot_of(std::string_view name) const noexcept {
  if (fields_.size() > scanned_fields) {
    const auto it = index_.find(name);
    return it == index_.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }
  for (std::size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i].name == name) return i;
  return std::nullopt;
}

const Field* Schema::find(std::string_view name) const noexcept {
  const auto slot = slot_of(name);
  return slot ? &fields_[*slot] : nullptr;
}

}  // namespace crm
