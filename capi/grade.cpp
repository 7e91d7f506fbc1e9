// crm_grade_csv: the C face of crm::grade_csv_file (include/crmrules/portfolio_grading.hpp).
// Conversion and error mapping only.
#include <cstring>
#include <string>

#include "capi/internal/bridge.hpp"
#include "capi/internal/portfolio_handle.hpp"
#include "capi/internal/ruleset_handle.hpp"
#include "crmrules/portfolio_grading.hpp"
#include "crmrules_grade.h"

namespace crm::capi {

// crm_grade_options grows (bridge.hpp, Growth): where each version's members end.
template <>
struct Growth<crm_grade_options> {
  static constexpr const char* name = "crm_grade_options";
  static constexpr const char* init = "CRM_GRADE_OPTIONS_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_grade_options, threads)};  // ABI 1
};

namespace {

/// A string option (NULL: keep `into` as it is), checked to be UTF-8.
crm_status string_option(std::string& into, const char* value, const char* name, crm_error** err) {
  if (value == nullptr) return CRM_OK;
  auto text = text_arg(value, std::char_traits<char>::length(value), name);
  if (!text) return report(err, text.error());
  into = *text;
  return CRM_OK;
}

/// The caller's options as the library's GradeOptions.
crm_status grade_options(GradeOptions& out, const crm_grade_options* c_options, crm_error** err) {
  crm_grade_options given;
  if (auto s = read_options(given, c_options, "options", err); s != CRM_OK) return s;
  if (auto s = portfolio_options(out.portfolio, given.portfolio, "options->portfolio", err); s != CRM_OK) return s;
  const std::pair<std::string*, const char*> strings[] = {{&out.measure, given.measure},
                                                          {&out.grade_output, given.grade_output},
                                                          {&out.recency, given.recency},
                                                          {&out.frequency, given.frequency},
                                                          {&out.monetary, given.monetary}};
  const char* names[] = {"options->measure", "options->grade_output", "options->recency", "options->frequency",
                         "options->monetary"};
  for (std::size_t i = 0; i < std::size(strings); ++i)
    if (auto s = string_option(*strings[i].first, strings[i].second, names[i], err); s != CRM_OK) return s;
  int format = 0;  // read as the int it is: a C caller may pass any int
  static_assert(sizeof format == sizeof given.format);
  std::memcpy(&format, &given.format, sizeof format);
  if (format != CRM_GRADE_CSV && format != CRM_GRADE_JSON)
    return report(err, Error{ErrorCode::invalid_argument,
                             "options->format is CRM_GRADE_CSV or CRM_GRADE_JSON, not " + std::to_string(format),
                             {}});
  out.format = format == CRM_GRADE_JSON ? GradeOptions::Format::json : GradeOptions::Format::csv;
  if (given.recency_higher_is_better) out.recency_better = Better::higher;
  if (given.rfm_bins != 0) out.rfm_bins = given.rfm_bins;
  out.explain = given.explain != 0;
  if (given.keep_count > 0)
    if (auto s = require(given.keep, "options->keep", err); s != CRM_OK) return s;
  for (std::size_t i = 0; i < given.keep_count; ++i) {
    const std::string name = "options->keep[" + std::to_string(i) + "]";
    if (auto s = require(given.keep[i], name.c_str(), err); s != CRM_OK) return s;
    if (auto s = string_option(out.keep.emplace_back(), given.keep[i], name.c_str(), err); s != CRM_OK) return s;
  }
  out.keep_all = given.keep_all != 0;
  out.ignore_unknown = given.ignore_unknown != 0;
  out.threads = given.threads;
  return CRM_OK;
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_grade_csv(char** out_summary, size_t* out_len, const crm_ruleset* rules, const char* in_path,
                         const char* out_path, const crm_grade_options* c_options, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(in_path, "in_path", err); s != CRM_OK) return s;
    if (auto s = require(out_path, "out_path", err); s != CRM_OK) return s;
    std::string in, out;
    if (auto s = string_option(in, in_path, "in_path", err); s != CRM_OK) return s;
    if (auto s = string_option(out, out_path, "out_path", err); s != CRM_OK) return s;
    crm::GradeOptions options;
    if (auto s = grade_options(options, c_options, err); s != CRM_OK) return s;
    const crm::RuleSet& chosen = rules != nullptr ? rules->rules : crm::RuleSet::builtin();
    auto summary = crm::grade_csv_file(chosen, in, out, options);
    if (!summary) return report(err, summary.error());
    if (out_summary == nullptr) return CRM_OK;
    return out_string(out_summary, out_len, summary->to_json());
  });
}

}  // extern "C"
