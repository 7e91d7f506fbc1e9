// crm_ruleset_* and crm_record_*: the C face of crm::RuleSet and crm::Record.
#include <cstring>

#include "capi/internal/bridge.hpp"
#include "capi/internal/ruleset_handle.hpp"
#include "crmrules/json.hpp"
#include "crmrules/rule_set.hpp"
#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/ruleset/loader.hpp"

struct crm_record {
  crm::Record record;
};

/// A new handle over a loaded rule set, for the C faces of other areas (capi/builtin.cpp).
namespace crm::capi {
crm_ruleset* new_ruleset_handle(RuleSet rules) { return new crm_ruleset{std::move(rules)}; }
}  // namespace crm::capi

namespace crm::capi {

// crm_ruleset_limits grows (bridge.hpp, Growth): where each version's members end.
template <>
struct Growth<crm_ruleset_limits> {
  static constexpr const char* name = "crm_ruleset_limits";
  static constexpr const char* init = "CRM_RULESET_LIMITS_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_ruleset_limits, string_bytes)};  // ABI 1
};

namespace {

/// Checks the pointer arguments named in `names` (pairs of pointer and name).
template <class... Args>
crm_status require_all(crm_error** err, Args... pairs) {
  crm_status status = CRM_OK;
  ((status = status == CRM_OK ? require(pairs.first, pairs.second, err) : status), ...);
  return status;
}

template <class T>
std::pair<const void*, const char*> arg(const T* p, const char* name) {
  return {static_cast<const void*>(p), name};
}

crm_status result(crm_error** err, const expected<void>& r) { return r ? CRM_OK : report(err, r.error()); }

/// The value of output `index`, or an out_of_range error.
[[nodiscard]] expected<const Value*> output_at(const crm_record* record, std::size_t index) {
  const auto outputs = record->record.outputs();
  if (index >= outputs.size())
    return fail(ErrorCode::out_of_range, "output " + std::to_string(index) + " does not exist (the rule set has " +
                                             std::to_string(outputs.size()) + " outputs)");
  return &outputs[index];
}

static_assert(static_cast<int>(crm::ValueKind::months_duration) == CRM_VALUE_MONTHS_DURATION &&
                  static_cast<int>(crm::ValueKind::time) == CRM_VALUE_TIME &&
                  static_cast<int>(crm::ValueKind::date_time) == CRM_VALUE_DATE_TIME &&
                  static_cast<int>(crm::ValueKind::days_duration) == CRM_VALUE_DAYS_DURATION,
              "crm_value_kind mirrors crm::ValueKind");
static_assert(static_cast<int>(crm::FieldType::time) == CRM_FIELD_TIME &&
                  static_cast<int>(crm::FieldType::date_time) == CRM_FIELD_DATE_TIME &&
                  static_cast<int>(crm::FieldType::days_duration) == CRM_FIELD_DAYS_DURATION &&
                  static_cast<int>(crm::FieldType::months_duration) == CRM_FIELD_MONTHS_DURATION &&
                  static_cast<int>(crm::FieldType::list) == CRM_FIELD_LIST,
              "crm_field_type mirrors crm::FieldType");

unexpected kind_mismatch(const Value& v, const char* wanted) {
  return fail(ErrorCode::type_mismatch, std::string("the output is ") + std::string(to_string(v.kind())) + ", not " + wanted);
}

[[nodiscard]] expected<std::size_t> index_of(const std::vector<std::string_view>& names, std::string_view name, const char* what) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  return fail(ErrorCode::unknown_name, std::string("unknown ") + what + " '" + std::string(name) + "'");
}

/// The caller's limits (NULL: the defaults): each member 0 keeps its default.
[[nodiscard]] crm_status read_limits(crm::Limits& out, const crm_ruleset_limits* limits, crm_error** err) {
  crm_ruleset_limits given;
  if (auto s = read_options(given, limits, "limits", err); s != CRM_OK) return s;
  auto set = [](std::size_t& member, std::size_t value) {
    if (value != 0) member = value;
  };
  set(out.document_bytes, given.document_bytes);
  set(out.decisions, given.decisions);
  set(out.inputs, given.inputs);
  set(out.table_rows, given.table_rows);
  set(out.string_bytes, given.string_bytes);
  return CRM_OK;
}

/// The EvaluateOptions of crm_eval_flag bits, or the error of an impossible mix.
crm::expected<crm::EvaluateOptions> evaluate_options(unsigned flags) {
  const unsigned known = CRM_EVAL_TRACE | CRM_EVAL_IGNORE_UNKNOWN | CRM_EVAL_REFUSE_UNKNOWN;
  if ((flags & ~known) != 0)
    return crm::fail(crm::ErrorCode::invalid_argument, "flags: unknown bits " + std::to_string(flags & ~known));
  if ((flags & CRM_EVAL_IGNORE_UNKNOWN) && (flags & CRM_EVAL_REFUSE_UNKNOWN))
    return crm::fail(crm::ErrorCode::invalid_argument,
                     "flags: CRM_EVAL_IGNORE_UNKNOWN and CRM_EVAL_REFUSE_UNKNOWN contradict each other");
  crm::EvaluateOptions options;
  options.trace = (flags & CRM_EVAL_TRACE) != 0;
  if (flags & CRM_EVAL_IGNORE_UNKNOWN) options.unknown_inputs = crm::UnknownInputs::ignore;
  if (flags & CRM_EVAL_REFUSE_UNKNOWN) options.unknown_inputs = crm::UnknownInputs::error;
  return options;
}

}  // namespace

}  // namespace crm::capi

using namespace crm::capi;
using crm::Value;

extern "C" {

crm_status crm_ruleset_load(crm_ruleset** out, const char* json, size_t len, crm_error** err) {
  return crm_ruleset_load_limited(out, json, len, nullptr, err);
}

crm_status crm_ruleset_load_limited(crm_ruleset** out, const char* json, size_t len, const crm_ruleset_limits* limits,
                                    crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    crm::Limits chosen;
    if (auto s = read_limits(chosen, limits, err); s != CRM_OK) return s;
    auto text = text_arg(json, len, "json");
    if (!text) return report(err, text.error());
    auto rules = crm::RuleSet::load(*text, chosen);
    if (!rules) return report(err, rules.error());
    *out = new crm_ruleset{std::move(*rules)};
    return CRM_OK;
  });
}

crm_status crm_ruleset_load_file(crm_ruleset** out, const char* path, size_t path_len, crm_error** err) {
  return crm_ruleset_load_file_limited(out, path, path_len, nullptr, err);
}

crm_status crm_ruleset_load_file_limited(crm_ruleset** out, const char* path, size_t path_len,
                                         const crm_ruleset_limits* limits, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    crm::Limits chosen;
    if (auto s = read_limits(chosen, limits, err); s != CRM_OK) return s;
    auto p = text_arg(path, path_len, "path");
    if (!p) return report(err, p.error());
    auto rules = crm::RuleSet::load_file(std::string(*p), chosen);
    if (!rules) return report(err, rules.error());
    *out = new crm_ruleset{std::move(*rules)};
    return CRM_OK;
  });
}

void crm_ruleset_free(crm_ruleset* rules) { delete rules; }

crm_status crm_ruleset_lint(char** out, size_t* out_len, const char* json, size_t len, crm_error** err) {
  return crm_ruleset_lint_limited(out, out_len, json, len, nullptr, err);
}

crm_status crm_ruleset_lint_limited(char** out, size_t* out_len, const char* json, size_t len,
                                    const crm_ruleset_limits* limits, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    crm::Limits chosen;
    if (auto s = read_limits(chosen, limits, err); s != CRM_OK) return s;
    auto text = text_arg(json, len, "json");
    if (!text) return report(err, text.error());
    return out_string(out, out_len, crm::to_json(crm::RuleSet::lint(*text, chosen)));
  });
}

crm_status crm_ruleset_name(const char** out, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    *out = rules->rules.name().c_str();
    return CRM_OK;
  });
}

crm_status crm_ruleset_version(const char** out, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    *out = rules->rules.version().c_str();
    return CRM_OK;
  });
}

crm_status crm_ruleset_input_count(size_t* out, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    *out = rules->rules.schema().size();
    return CRM_OK;
  });
}

crm_status crm_ruleset_input_name(const char** out, const crm_ruleset* rules, size_t index, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    const auto& fields = rules->rules.schema().fields();
    if (index >= fields.size())
      return report(err, crm::Error{crm::ErrorCode::out_of_range, "input " + std::to_string(index) + " does not exist", {}});
    *out = fields[index].name.c_str();
    return CRM_OK;
  });
}

crm_status crm_ruleset_input_index(size_t* out, const crm_ruleset* rules, const char* name, size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    auto n = text_arg(name, len, "name");
    if (!n) return report(err, n.error());
    std::vector<std::string_view> names;
    for (const auto& f : rules->rules.schema().fields()) names.push_back(f.name);
    return deliver(out, index_of(names, *n, "input"), err);
  });
}

crm_status crm_ruleset_output_count(size_t* out, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    *out = rules->rules.outputs().size();
    return CRM_OK;
  });
}

crm_status crm_ruleset_output_name(const char** out, const crm_ruleset* rules, size_t index, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    const auto& outputs = rules->rules.outputs();
    if (index >= outputs.size())
      return report(err, crm::Error{crm::ErrorCode::out_of_range, "output " + std::to_string(index) + " does not exist", {}});
    *out = outputs[index].name.c_str();
    return CRM_OK;
  });
}

crm_status crm_ruleset_output_index(size_t* out, const crm_ruleset* rules, const char* name, size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    auto n = text_arg(name, len, "name");
    if (!n) return report(err, n.error());
    std::vector<std::string_view> names;
    for (const auto& o : rules->rules.outputs()) names.push_back(o.name);
    return deliver(out, index_of(names, *n, "output"), err);
  });
}

crm_status crm_record_create(crm_record** out, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    *out = new crm_record{rules->rules.new_record()};
    return CRM_OK;
  });
}

void crm_record_free(crm_record* record) { delete record; }

crm_status crm_record_clear(crm_record* record, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(record, "record", err); s != CRM_OK) return s;
    record->record.clear();
    return CRM_OK;
  });
}

crm_status crm_record_set_decimal(crm_record* record, size_t input, const crm_decimal* value, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(record, "record"), arg(value, "value")); s != CRM_OK) return s;
    auto d = from_c(*value, "value");
    if (!d) return report(err, d.error());
    return result(err, record->record.set(input, Value(*d)));
  });
}

crm_status crm_record_set_string(crm_record* record, size_t input, const char* value, size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(record, "record", err); s != CRM_OK) return s;
    auto text = text_arg(value, len, "value");
    if (!text) return report(err, text.error());
    return result(err, record->record.set(input, Value(*text)));
  });
}

crm_status crm_record_set_json(crm_record* record, size_t input, const char* json, size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(record, "record", err); s != CRM_OK) return s;
    auto text = text_arg(json, len, "json");
    if (!text) return report(err, text.error());
    auto doc = crm::internal::parse_json(*text);
    if (!doc) return report(err, doc.error());
    if (doc->is_object()) return report(err, crm::Error{crm::ErrorCode::type_mismatch, "an input is a value or a list, not an object", {}});
    auto value = crm::internal::value_from_json(*doc, crm::internal::JsonReader(&*doc, ""));
    if (!value) return report(err, value.error());
    return result(err, record->record.set(input, *value));
  });
}

crm_status crm_record_set_bool(crm_record* record, size_t input, int value, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(record, "record", err); s != CRM_OK) return s;
    return result(err, record->record.set(input, Value(value != 0)));
  });
}

crm_status crm_record_set_null(crm_record* record, size_t input, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(record, "record", err); s != CRM_OK) return s;
    return result(err, record->record.set(input, Value()));
  });
}

crm_status crm_record_set_decimal_by_name(crm_record* record, const char* name, size_t name_len,
                                          const crm_decimal* value, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(record, "record"), arg(value, "value")); s != CRM_OK) return s;
    auto n = text_arg(name, name_len, "name");
    if (!n) return report(err, n.error());
    auto d = from_c(*value, "value");
    if (!d) return report(err, d.error());
    return result(err, record->record.set(*n, Value(*d)));
  });
}

crm_status crm_record_set_string_by_name(crm_record* record, const char* name, size_t name_len, const char* value,
                                         size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(record, "record", err); s != CRM_OK) return s;
    auto n = text_arg(name, name_len, "name");
    if (!n) return report(err, n.error());
    auto text = text_arg(value, len, "value");
    if (!text) return report(err, text.error());
    return result(err, record->record.set(*n, Value(*text)));
  });
}

crm_status crm_record_set_bool_by_name(crm_record* record, const char* name, size_t name_len, int value,
                                       crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(record, "record", err); s != CRM_OK) return s;
    auto n = text_arg(name, name_len, "name");
    if (!n) return report(err, n.error());
    return result(err, record->record.set(*n, Value(value != 0)));
  });
}

crm_status crm_record_set_null_by_name(crm_record* record, const char* name, size_t name_len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(record, "record", err); s != CRM_OK) return s;
    auto n = text_arg(name, name_len, "name");
    if (!n) return report(err, n.error());
    return result(err, record->record.set(*n, Value()));
  });
}

crm_status crm_ruleset_input_type(crm_field_type* out, const crm_ruleset* rules, size_t index, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    const auto& fields = rules->rules.schema().fields();
    if (index >= fields.size())
      return report(err, crm::Error{crm::ErrorCode::out_of_range, "input " + std::to_string(index) + " does not exist", {}});
    *out = static_cast<crm_field_type>(fields[index].type);
    return CRM_OK;
  });
}

crm_status crm_ruleset_output_kind(crm_value_kind* out, const crm_ruleset* rules, size_t index, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    const auto& outputs = rules->rules.outputs();
    if (index >= outputs.size())
      return report(err, crm::Error{crm::ErrorCode::out_of_range, "output " + std::to_string(index) + " does not exist", {}});
    *out = static_cast<crm_value_kind>(outputs[index].kind);
    return CRM_OK;
  });
}

crm_status crm_ruleset_evaluate(const crm_ruleset* rules, crm_record* record, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(rules, "rules"), arg(record, "record")); s != CRM_OK) return s;
    return result(err, rules->rules.evaluate(record->record));
  });
}

crm_status crm_ruleset_evaluate_traced(char** out, size_t* out_len, const crm_ruleset* rules, crm_record* record,
                                       crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules"), arg(record, "record")); s != CRM_OK) return s;
    crm::Trace trace;
    if (auto ok = rules->rules.evaluate(record->record, &trace); !ok) return report(err, ok.error());
    return out_string(out, out_len, trace.to_json());
  });
}

crm_status crm_ruleset_evaluate_records(const crm_ruleset* rules, crm_record* const* records, size_t count,
                                        crm_status* statuses, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    if (count > 0)
      if (auto s = require_all(err, arg(records, "records"), arg(statuses, "statuses")); s != CRM_OK) return s;
    crm_status first = CRM_OK;
    for (size_t i = 0; i < count; ++i) {
      if (records[i] == nullptr) {
        statuses[i] = CRM_E_INVALID_ARGUMENT;
      } else {
        auto ok = rules->rules.evaluate(records[i]->record);
        statuses[i] = ok ? CRM_OK : status_of(ok.error().code);
      }
      if (first == CRM_OK) first = statuses[i];
    }
    if (first != CRM_OK)
      return report(err, crm::Error{static_cast<crm::ErrorCode>(first),
                                    "some records failed: see statuses, and evaluate a failed record alone for details", {}});
    return CRM_OK;
  });
}

crm_status crm_record_output_kind(crm_value_kind* out, const crm_record* record, size_t output, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(record, "record")); s != CRM_OK) return s;
    auto v = output_at(record, output);
    if (!v) return report(err, v.error());
    *out = static_cast<crm_value_kind>((*v)->kind());
    return CRM_OK;
  });
}

crm_status crm_record_output_decimal(crm_decimal* out, const crm_record* record, size_t output, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(record, "record")); s != CRM_OK) return s;
    auto v = output_at(record, output);
    if (!v) return report(err, v.error());
    if ((*v)->kind() != crm::ValueKind::decimal) return report(err, kind_mismatch(**v, "decimal").error());
    *out = to_c((*v)->as_decimal());
    return CRM_OK;
  });
}

crm_status crm_record_output_string(const char** out, size_t* out_len, const crm_record* record, size_t output,
                                    crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(record, "record")); s != CRM_OK) return s;
    auto v = output_at(record, output);
    if (!v) return report(err, v.error());
    if ((*v)->kind() != crm::ValueKind::string) return report(err, kind_mismatch(**v, "string").error());
    *out = (*v)->as_string().c_str();
    if (out_len != nullptr) *out_len = (*v)->as_string().size();
    return CRM_OK;
  });
}

crm_status crm_record_output_bool(int* out, const crm_record* record, size_t output, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(record, "record")); s != CRM_OK) return s;
    auto v = output_at(record, output);
    if (!v) return report(err, v.error());
    if ((*v)->kind() != crm::ValueKind::boolean) return report(err, kind_mismatch(**v, "bool").error());
    *out = (*v)->as_bool() ? 1 : 0;
    return CRM_OK;
  });
}

crm_status crm_record_output_date(crm_date* out, const crm_record* record, size_t output, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(record, "record")); s != CRM_OK) return s;
    auto v = output_at(record, output);
    if (!v) return report(err, v.error());
    if ((*v)->kind() != crm::ValueKind::date) return report(err, kind_mismatch(**v, "date").error());
    const crm::Date d = (*v)->as_date();
    *out = crm_date{static_cast<int32_t>(d.year()), static_cast<int32_t>(d.month()), static_cast<int32_t>(d.day())};
    return CRM_OK;
  });
}

crm_status crm_record_output_iso8601(char** out, size_t* out_len, const crm_record* record, size_t output,
                                     crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(record, "record")); s != CRM_OK) return s;
    auto v = output_at(record, output);
    if (!v) return report(err, v.error());
    if (!crm::is_temporal((*v)->kind()))
      return report(err, kind_mismatch(**v, "date, time, date and time or duration").error());
    return out_string(out, out_len, (*v)->to_string());
  });
}

crm_status crm_record_output_length(size_t* out, const crm_record* record, size_t output, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(record, "record")); s != CRM_OK) return s;
    auto v = output_at(record, output);
    if (!v) return report(err, v.error());
    if ((*v)->kind() != crm::ValueKind::list) return report(err, kind_mismatch(**v, "list").error());
    *out = (*v)->as_list().size();
    return CRM_OK;
  });
}

crm_status crm_record_output_json(char** out, size_t* out_len, const crm_record* record, size_t output, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(record, "record")); s != CRM_OK) return s;
    auto v = output_at(record, output);
    if (!v) return report(err, v.error());
    return out_string(out, out_len, crm::to_json(**v));
  });
}

crm_status crm_ruleset_evaluate_json(char** out, size_t* out_len, const crm_ruleset* rules, const char* input,
                                     size_t len, int with_trace, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    auto text = text_arg(input, len, "input");
    if (!text) return report(err, text.error());
    auto json = rules->rules.evaluate_json(*text, with_trace != 0);
    if (!json) return report(err, json.error());
    return out_string(out, out_len, *json);
  });
}

crm_status crm_ruleset_evaluate_json_batch(char** out, size_t* out_len, const crm_ruleset* rules, const char* inputs,
                                           size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    auto text = text_arg(inputs, len, "inputs");
    if (!text) return report(err, text.error());
    auto json = rules->rules.evaluate_json_batch(*text);
    if (!json) return report(err, json.error());
    return out_string(out, out_len, *json);
  });
}

crm_status crm_ruleset_evaluate_json_flags(char** out, size_t* out_len, const crm_ruleset* rules, const char* input,
                                           size_t len, unsigned flags, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    auto options = evaluate_options(flags);
    if (!options) return report(err, options.error());
    auto text = text_arg(input, len, "input");
    if (!text) return report(err, text.error());
    auto json = rules->rules.evaluate_json(*text, *options);
    if (!json) return report(err, json.error());
    return out_string(out, out_len, *json);
  });
}

crm_status crm_ruleset_evaluate_json_batch_flags(char** out, size_t* out_len, const crm_ruleset* rules,
                                                 const char* inputs, size_t len, unsigned flags, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    auto options = evaluate_options(flags);
    if (!options) return report(err, options.error());
    if (options->trace)
      return report(err, crm::Error{crm::ErrorCode::invalid_argument,
                                    "flags: CRM_EVAL_TRACE is for crm_ruleset_evaluate_json_flags",
                                    {}});
    auto text = text_arg(inputs, len, "inputs");
    if (!text) return report(err, text.error());
    auto json = rules->rules.evaluate_json_batch(*text, *options);
    if (!json) return report(err, json.error());
    return out_string(out, out_len, *json);
  });
}

crm_status crm_ruleset_ignores_unknown_inputs(int* out, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    *out = rules->rules.unknown_inputs() == crm::UnknownInputs::ignore ? 1 : 0;
    return CRM_OK;
  });
}

crm_status crm_ruleset_run_tests(char** out, size_t* out_len, size_t* out_failures, const crm_ruleset* rules,
                                 crm_error** err) {
  return guard(err, [&] {
    if (auto s = require_all(err, arg(out, "out"), arg(rules, "rules")); s != CRM_OK) return s;
    const crm::TestReport report = rules->rules.run_tests();
    if (out_failures != nullptr) *out_failures = report.failures();
    return out_string(out, out_len, report.to_json());
  });
}

}  // extern "C"
