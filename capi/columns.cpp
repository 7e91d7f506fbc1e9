// crm_ruleset_evaluate_columns and crm_columns_result_*: the C face of
// RuleSet::evaluate_columns (capi/crmrules_columns.h). Conversion and error mapping only.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "capi/internal/bridge.hpp"
#include "capi/internal/ruleset_handle.hpp"
#include "crmrules.h"
#include "crmrules/columns.hpp"
#include "crmrules/json.hpp"

struct crm_columns_result {
  crm::ColumnResult result;
  std::vector<std::vector<crm_decimal>> decimals;  // per output: its decimals in C form (DECIMAL outputs)
};

namespace crm::capi {

template <>
struct Growth<crm_column> {
  static constexpr const char* name = "crm_column";
  static constexpr const char* init = "CRM_COLUMN_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_column, valid)};  // ABI 1
};
template <>
struct Growth<crm_columns_options> {
  static constexpr const char* name = "crm_columns_options";
  static constexpr const char* init = "CRM_COLUMNS_OPTIONS_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_columns_options, threads)};  // ABI 1
};
template <>
struct Growth<crm_output_column> {
  static constexpr const char* name = "crm_output_column";
  static constexpr const char* init = "CRM_OUTPUT_COLUMN_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_output_column, valid)};  // ABI 1
};

namespace {

static_assert(static_cast<int>(ColumnKind::json) == CRM_COLUMN_JSON, "crm_column_kind mirrors ColumnKind");
static_assert(static_cast<int>(FloatPolicy::reject) == CRM_FLOATS_REJECT, "crm_floats mirrors FloatPolicy");

/// The caller's columns as the library's; decimal columns converted (and checked) into `kept`.
crm_status read_columns(std::vector<InputColumn>& out, std::vector<std::vector<Decimal>>& kept,
                        const crm_column* columns, std::size_t count, std::size_t rows, crm_error** err) {
  for (std::size_t i = 0; i < count; ++i) {
    crm_column c;
    const std::string name = "columns[" + std::to_string(i) + "]";
    if (auto s = read_options(c, &columns[i], name.c_str(), err); s != CRM_OK) return s;
    auto column_name = text_arg(c.name, c.name_len, "name");
    if (!column_name) return report(err, column_name.error());
    if (c.kind < CRM_COLUMN_TEXT || c.kind > CRM_COLUMN_DECIMAL)
      return invalid(err, name + ".kind must be a crm_column_kind of an input (0..4), not " + std::to_string(c.kind));
    InputColumn in{*column_name, static_cast<ColumnKind>(c.kind), c.values, c.offsets, c.valid};
    if (c.kind == CRM_COLUMN_DECIMAL && c.values != nullptr) {
      auto& decimals = kept.emplace_back();
      decimals.reserve(rows);
      const auto* given = static_cast<const crm_decimal*>(c.values);
      for (std::size_t r = 0; r < rows; ++r) {
        auto d = from_c(given[r], name.c_str());
        if (!d) return report(err, d.error());
        decimals.push_back(*d);
      }
      in.values = decimals.data();
    }
    out.push_back(in);
  }
  return CRM_OK;
}

/// The nearest double: exact division when the coefficient has at most 53 bits.
double to_double(const Decimal& d) {
  static constexpr double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8, 1e9,
                                     1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
  const auto c = d.coefficient();
  if (c > -(Decimal::Coefficient{1} << 53) && c < (Decimal::Coefficient{1} << 53))
    return static_cast<double>(static_cast<std::int64_t>(c)) / pow10[d.scale()];
  return std::strtod(d.to_string().c_str(), nullptr);
}

template <class Body>
crm_status with_result(const void* out, const crm_columns_result* r, crm_error** err, Body&& body) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(r, "result", err); s != CRM_OK) return s;
    return body(r->result);
  });
}

crm_status output_index(const ColumnResult& r, std::size_t index, crm_error** err) {
  if (index < r.outputs.size()) return CRM_OK;
  return report(err, Error{ErrorCode::out_of_range,
                           "output " + std::to_string(index) + " does not exist (there are " +
                               std::to_string(r.outputs.size()) + ")",
                           {}});
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_ruleset_evaluate_columns(crm_columns_result** out, const crm_ruleset* rules, const crm_column* columns,
                                        size_t count, size_t rows, const crm_columns_options* options,
                                        crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    if (count > 0)
      if (auto s = require(columns, "columns", err); s != CRM_OK) return s;
    crm_columns_options o;
    if (auto s = read_options(o, options, "options", err); s != CRM_OK) return s;
    if (o.floats < CRM_FLOATS_ERROR || o.floats > CRM_FLOATS_REJECT)
      return invalid(err, "options->floats must be a crm_floats (0..2), not " + std::to_string(o.floats));
    std::vector<crm::InputColumn> in;
    std::vector<std::vector<crm::Decimal>> kept;
    if (auto s = read_columns(in, kept, columns, count, rows, err); s != CRM_OK) return s;
    const crm::ColumnOptions opts{static_cast<crm::FloatPolicy>(o.floats), o.strict != 0, o.threads};
    auto result = rules->rules.evaluate_columns(in, rows, opts);
    if (!result) return report(err, std::move(result).error());
    auto* handle = new crm_columns_result{std::move(*result), {}};
    handle->decimals.resize(handle->result.outputs.size());
    for (std::size_t i = 0; i < handle->result.outputs.size(); ++i)
      for (const crm::Decimal& d : handle->result.outputs[i].decimals) handle->decimals[i].push_back(to_c(d));
    *out = handle;
    return CRM_OK;
  });
}

void crm_columns_result_free(crm_columns_result* result) { delete result; }

crm_status crm_columns_result_failed(size_t* out, const crm_columns_result* r, crm_error** err) {
  return with_result(out, r, err, [&](const crm::ColumnResult& res) {
    *out = res.failures.size();
    return CRM_OK;
  });
}

crm_status crm_columns_result_output(crm_output_column* out, const crm_columns_result* r, size_t index,
                                     crm_error** err) {
  return with_result(out, r, err, [&](const crm::ColumnResult& res) {
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    if (auto s = output_index(res, index, err); s != CRM_OK) return s;
    const crm::OutputColumn& o = res.outputs[index];
    const bool text = o.kind == crm::ColumnKind::text || o.kind == crm::ColumnKind::json;
    fill(out, crm_output_column{sizeof(crm_output_column), o.name.c_str(), static_cast<int>(o.kind), res.rows,
                                o.decimals.empty() ? nullptr : r->decimals[index].data(),
                                o.booleans.empty() ? nullptr : o.booleans.data(), text ? o.text.data() : nullptr,
                                text ? o.offsets.data() : nullptr, o.valid.data()});
    return CRM_OK;
  });
}

crm_status crm_columns_result_doubles(double* out, size_t capacity, const crm_columns_result* r, size_t index,
                                      crm_error** err) {
  return with_result(out, r, err, [&](const crm::ColumnResult& res) {
    if (auto s = output_index(res, index, err); s != CRM_OK) return s;
    const crm::OutputColumn& o = res.outputs[index];
    if (o.kind != crm::ColumnKind::decimal) return invalid(err, "output '" + o.name + "' is not a decimal output");
    if (capacity < res.rows)
      return report(err, crm::Error{crm::ErrorCode::buffer_too_small,
                                    "the array holds " + std::to_string(capacity) + " doubles, not the " +
                                        std::to_string(res.rows) + " rows",
                                    {}});
    for (std::size_t i = 0; i < res.rows; ++i) out[i] = o.valid[i] ? to_double(o.decimals[i]) : 0.0;
    return CRM_OK;
  });
}

crm_status crm_columns_result_decimal_text(char** out, size_t* out_len, const crm_columns_result* r, size_t index,
                                           char separator, crm_error** err) {
  return with_result(out, r, err, [&](const crm::ColumnResult& res) {
    if (auto s = output_index(res, index, err); s != CRM_OK) return s;
    const crm::OutputColumn& o = res.outputs[index];
    if (o.kind != crm::ColumnKind::decimal) return invalid(err, "output '" + o.name + "' is not a decimal output");
    std::string text;
    text.reserve(res.rows * 8);
    for (std::size_t i = 0; i < res.rows; ++i) {
      if (i) text += separator;
      if (o.valid[i]) text += o.decimals[i].to_string();
    }
    return out_string(out, out_len, text);
  });
}

crm_status crm_columns_result_dictionary(int32_t* codes, size_t capacity, char** values, size_t* values_len,
                                         size_t* count, const crm_columns_result* r, size_t index, char separator,
                                         crm_error** err) {
  return with_result(codes, r, err, [&](const crm::ColumnResult& res) {
    if (auto s = require(values, "values", err); s != CRM_OK) return s;
    if (auto s = require(count, "count", err); s != CRM_OK) return s;
    if (auto s = output_index(res, index, err); s != CRM_OK) return s;
    if (capacity < res.rows)
      return report(err, crm::Error{crm::ErrorCode::buffer_too_small,
                                    "the array holds " + std::to_string(capacity) + " codes, not the " +
                                        std::to_string(res.rows) + " rows",
                                    {}});
    auto dictionary = crm::dictionary_encode(res.outputs[index]);
    if (!dictionary) return report(err, dictionary.error());
    if (dictionary->text.find(separator) != std::string::npos)
      return invalid(err, "a value of output '" + res.outputs[index].name + "' holds the separator");
    std::string joined;
    joined.reserve(dictionary->text.size() + dictionary->size());
    for (std::size_t k = 0; k < dictionary->size(); ++k) {
      if (k) joined += separator;
      joined += dictionary->value(k);
    }
    std::copy(dictionary->codes.begin(), dictionary->codes.end(), codes);
    *count = dictionary->size();
    return out_string(values, values_len, joined);
  });
}

crm_status crm_columns_result_failures_json(char** out, size_t* out_len, const crm_columns_result* r, crm_error** err) {
  return with_result(out, r, err, [&](const crm::ColumnResult& res) {
    std::string json = "[";
    for (const crm::RowFailure& f : res.failures) {
      const std::string error = crm::to_json(f.error);  // {"code", "message", ...}: the row goes first
      json += (json.size() > 1 ? ", {\"row\": " : "{\"row\": ") + std::to_string(f.row) + ", " + error.substr(1);
    }
    return out_string(out, out_len, json + "]");
  });
}

}  // extern "C"
