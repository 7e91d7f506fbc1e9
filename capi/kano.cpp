// crm_kano_*: the C face of crm::kano (capi/crmrules_kano.h). Conversion and error
// mapping only.
#include "capi/internal/bridge.hpp"
#include "crmrules.h"
#include "crmrules/kano.hpp"

struct crm_kano_survey {
  crm::kano::Survey survey;
};

struct crm_kano_analysis {
  crm::kano::Analysis analysis;
};

namespace crm::capi {

// The Kano structs that grow: where each version's members end (bridge.hpp, Growth).
template <>
struct Growth<crm_kano_result> {
  static constexpr const char* name = "crm_kano_result";
  static constexpr const char* init = "CRM_KANO_RESULT_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_kano_result, category_strength)};  // ABI 1
};
template <>
struct Growth<crm_kano_priority> {
  static constexpr const char* name = "crm_kano_priority";
  static constexpr const char* init = "CRM_KANO_PRIORITY_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_kano_priority, advice)};  // ABI 1
};
template <>
struct Growth<crm_kano_difference> {
  static constexpr const char* name = "crm_kano_difference";
  static constexpr const char* init = "CRM_KANO_DIFFERENCE_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_kano_difference, results)};  // ABI 1
};
template <>
struct Growth<crm_kano_drift> {
  static constexpr const char* name = "crm_kano_drift";
  static constexpr const char* init = "CRM_KANO_DRIFT_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_kano_drift, to_result)};  // ABI 1
};
template <>
struct Growth<crm_kano_issue> {
  static constexpr const char* name = "crm_kano_issue";
  static constexpr const char* init = "CRM_KANO_ISSUE_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_kano_issue, message)};  // ABI 1
};
template <>
struct Growth<crm_kano_csv_options> {
  static constexpr const char* name = "crm_kano_csv_options";
  static constexpr const char* init = "CRM_KANO_CSV_OPTIONS_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_kano_csv_options, wave_len),  // ABI 1
                                         CRM_MEMBER_END(crm_kano_csv_options, csv_columns),
                                         CRM_MEMBER_END(crm_kano_csv_options, csv_record_bytes)};  // after 0.2.0
};

namespace {

crm_kano_category to_c(kano::Category c) noexcept { return static_cast<crm_kano_category>(c); }

const char* segment_of(const std::optional<std::string>& s) noexcept { return s ? s->c_str() : nullptr; }

/// Index `index` of a list of `size` items, or an out_of_range error naming `what`.
crm_status check_index(std::size_t index, std::size_t size, const char* what, crm_error** err) {
  if (index < size) return CRM_OK;
  return report(err, Error{ErrorCode::out_of_range, std::string(what) + " " + std::to_string(index) +
                                                        " does not exist (there are " + std::to_string(size) + ")",
                           {}});
}

template <class Body>
crm_status with_analysis(const void* out, const crm_kano_analysis* analysis, crm_error** err, Body&& body) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(analysis, "analysis", err); s != CRM_OK) return s;
    return body(analysis->analysis);
  });
}

/// Item `index` of one of the analysis's lists into the caller's sized struct *out:
/// convert(item) gives this library's whole struct, fill() copies what fits.
template <class Out, class List, class Convert>
crm_status item_of(Out* out, const crm_kano_analysis* analysis, std::size_t index, crm_error** err,
                   List kano::Analysis::*list, const char* what, Convert convert) {
  return with_analysis(out, analysis, err, [&](const kano::Analysis& a) {
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    if (auto s = check_index(index, (a.*list).size(), what, err); s != CRM_OK) return s;
    fill(out, convert((a.*list)[index]));
    return CRM_OK;
  });
}

/// The number of items of one of the analysis's lists.
template <class List>
crm_status count_of(size_t* out, const crm_kano_analysis* analysis, crm_error** err, List kano::Analysis::*list) {
  return with_analysis(out, analysis, err, [&](const kano::Analysis& a) {
    *out = (a.*list).size();
    return CRM_OK;
  });
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_kano_survey_create(crm_kano_survey** out, const char* settings, size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    auto text = text_arg(settings, len, "settings");
    if (!text) return report(err, text.error());
    crm::kano::Settings parsed;
    if (!text->empty()) {
      auto s = crm::kano::Settings::from_json(*text);
      if (!s) return report(err, s.error());
      parsed = std::move(*s);
    }
    *out = new crm_kano_survey{crm::kano::Survey(std::move(parsed))};
    return CRM_OK;
  });
}

void crm_kano_survey_free(crm_kano_survey* survey) { delete survey; }

crm_status crm_kano_survey_add(crm_kano_survey* survey, const char* respondent, size_t respondent_len,
                               const char* attribute, size_t attribute_len, const char* functional,
                               size_t functional_len, const char* dysfunctional, size_t dysfunctional_len,
                               const char* segment, size_t segment_len, const char* wave, size_t wave_len,
                               uint64_t line, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(survey, "survey", err); s != CRM_OK) return s;
    // Text that is not UTF-8 is the caller's pair: the survey keeps it as an issue.
    auto view = [](const char* p, size_t n) { return std::string_view(p == nullptr ? "" : p, p == nullptr ? 0 : n); };
    const std::pair<const char*, size_t> args[] = {{respondent, respondent_len}, {attribute, attribute_len},
                                                   {functional, functional_len}, {dysfunctional, dysfunctional_len},
                                                   {segment, segment_len},       {wave, wave_len}};
    const char* names[] = {"respondent", "attribute", "functional", "dysfunctional", "segment", "wave"};
    for (std::size_t i = 0; i < 6; ++i)
      if (args[i].first == nullptr && args[i].second != 0)
        return report(err, crm::Error{crm::ErrorCode::invalid_argument, std::string("argument '") + names[i] + "' is NULL", {}});
    auto ok = survey->survey.add(view(respondent, respondent_len), view(attribute, attribute_len),
                                 view(functional, functional_len), view(dysfunctional, dysfunctional_len),
                                 view(segment, segment_len), view(wave, wave_len), line);
    return ok ? CRM_OK : report(err, ok.error());
  });
}

crm_status crm_kano_survey_add_csv(crm_kano_survey* survey, const char* csv, size_t len,
                                   const crm_kano_csv_options* options, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(survey, "survey", err); s != CRM_OK) return s;
    if (csv == nullptr && len != 0) return null_argument("csv", err);
    crm_kano_csv_options o;
    if (auto s = read_options(o, options, "options", err); s != CRM_OK) return s;
    auto segment = text_arg(o.segment_column, o.segment_len, "options->segment_column");
    if (!segment) return report(err, segment.error());
    auto wave = text_arg(o.wave_column, o.wave_len, "options->wave_column");
    if (!wave) return report(err, wave.error());
    crm::Limits limits;
    if (o.csv_columns != 0) limits.csv_columns = o.csv_columns;
    if (o.csv_record_bytes != 0) limits.csv_record_bytes = o.csv_record_bytes;
    // The CSV reader checks UTF-8 record by record (a bad record is an issue).
    auto ok = crm::kano::read_csv(survey->survey, std::string_view(csv == nullptr ? "" : csv, len),
                                  crm::kano::CsvColumns{std::string(*segment), std::string(*wave)}, limits);
    return ok ? CRM_OK : report(err, ok.error());
  });
}

crm_status crm_kano_survey_pairs(uint64_t* out, const crm_kano_survey* survey, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(survey, "survey", err); s != CRM_OK) return s;
    *out = survey->survey.pairs();
    return CRM_OK;
  });
}

crm_status crm_kano_survey_analyze(crm_kano_analysis** out, const crm_kano_survey* survey, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(survey, "survey", err); s != CRM_OK) return s;
    *out = new crm_kano_analysis{survey->survey.analyze()};
    return CRM_OK;
  });
}

void crm_kano_analysis_free(crm_kano_analysis* analysis) { delete analysis; }

crm_status crm_kano_analysis_json(char** out, size_t* out_len, const crm_kano_analysis* analysis, crm_error** err) {
  return with_analysis(out, analysis, err, [&](const crm::kano::Analysis& a) { return out_string(out, out_len, a.to_json()); });
}

crm_status crm_kano_analysis_csv(char** out, size_t* out_len, const crm_kano_analysis* analysis, crm_error** err) {
  return with_analysis(out, analysis, err, [&](const crm::kano::Analysis& a) { return out_string(out, out_len, a.to_csv()); });
}

crm_status crm_kano_analysis_svg(char** out, size_t* out_len, const crm_kano_analysis* analysis, crm_error** err) {
  return with_analysis(out, analysis, err, [&](const crm::kano::Analysis& a) { return out_string(out, out_len, a.to_svg()); });
}

crm_status crm_kano_analysis_result_count(size_t* out, const crm_kano_analysis* analysis, crm_error** err) {
  return count_of(out, analysis, err, &crm::kano::Analysis::results);
}

crm_status crm_kano_analysis_result(crm_kano_result* out, const crm_kano_analysis* analysis, size_t index,
                                    crm_error** err) {
  return item_of(out, analysis, index, err, &crm::kano::Analysis::results, "result", [](const crm::kano::Result& r) {
    crm_kano_result c{};
    c.attribute = r.attribute.c_str();
    c.segment = segment_of(r.segment);
    c.wave = r.wave.c_str();
    for (std::size_t k = 0; k < crm::kano::category_count; ++k) c.counts[k] = r.counts[k];
    c.n = r.n;
    c.mode = to_c(r.mode);
    c.category = to_c(r.category);
    c.rule_applied = r.rule_applied ? 1 : 0;
    c.fong_first = to_c(r.first);
    c.fong_second = to_c(r.second);
    c.fong_difference = r.fong_difference;
    c.fong_threshold = crm::capi::to_c(r.fong_threshold);
    c.significant = r.significant ? 1 : 0;
    c.has_coefficients = r.better ? 1 : 0;
    c.better = crm::capi::to_c(r.better.value_or(crm::Decimal()));
    c.worse = crm::capi::to_c(r.worse.value_or(crm::Decimal()));
    c.total_strength = crm::capi::to_c(r.total_strength);
    c.category_strength = crm::capi::to_c(r.category_strength);
    return c;
  });
}

crm_status crm_kano_analysis_priority_count(size_t* out, const crm_kano_analysis* analysis, crm_error** err) {
  return count_of(out, analysis, err, &crm::kano::Analysis::priorities);
}

crm_status crm_kano_analysis_priority(crm_kano_priority* out, const crm_kano_analysis* analysis, size_t index,
                                      crm_error** err) {
  return item_of(out, analysis, index, err, &crm::kano::Analysis::priorities, "priority",
                 [](const crm::kano::Priority& p) {
                   return crm_kano_priority{sizeof(crm_kano_priority), p.rank, p.result, p.attribute.c_str(),
                                            to_c(p.category), p.advice.c_str()};
                 });
}

crm_status crm_kano_analysis_difference_count(size_t* out, const crm_kano_analysis* analysis, crm_error** err) {
  return count_of(out, analysis, err, &crm::kano::Analysis::differences);
}

crm_status crm_kano_analysis_difference(crm_kano_difference* out, const crm_kano_analysis* analysis, size_t index,
                                        crm_error** err) {
  return item_of(out, analysis, index, err, &crm::kano::Analysis::differences, "difference",
                 [](const crm::kano::SegmentDifference& d) {
                   return crm_kano_difference{sizeof(crm_kano_difference), d.attribute.c_str(), d.wave.c_str(),
                                              d.results.size(), d.results.data()};
                 });
}

crm_status crm_kano_analysis_drift_count(size_t* out, const crm_kano_analysis* analysis, crm_error** err) {
  return count_of(out, analysis, err, &crm::kano::Analysis::drifts);
}

crm_status crm_kano_analysis_drift(crm_kano_drift* out, const crm_kano_analysis* analysis, size_t index,
                                   crm_error** err) {
  return item_of(out, analysis, index, err, &crm::kano::Analysis::drifts, "drift", [](const crm::kano::Drift& d) {
    return crm_kano_drift{sizeof(crm_kano_drift), d.attribute.c_str(), segment_of(d.segment), d.from_wave.c_str(),
                          d.to_wave.c_str(), to_c(d.from), to_c(d.to), static_cast<crm_kano_direction>(d.direction),
                          d.from_result, d.to_result};
  });
}

crm_status crm_kano_analysis_issue_count(size_t* out, const crm_kano_analysis* analysis, crm_error** err) {
  return count_of(out, analysis, err, &crm::kano::Analysis::issues);
}

crm_status crm_kano_analysis_issue(crm_kano_issue* out, const crm_kano_analysis* analysis, size_t index,
                                   crm_error** err) {
  return item_of(out, analysis, index, err, &crm::kano::Analysis::issues, "issue", [](const crm::Error& e) {
    return crm_kano_issue{sizeof(crm_kano_issue), status_of(e.code), e.where.line, e.where.column, e.message.c_str()};
  });
}

const char* crm_kano_category_letter(crm_kano_category category) {
  const auto c = static_cast<unsigned>(category);
  return c < crm::kano::category_count ? crm::kano::letter(static_cast<crm::kano::Category>(c)).data() : "?";
}

const char* crm_kano_category_name(crm_kano_category category) {
  const auto c = static_cast<unsigned>(category);
  return c < crm::kano::category_count ? crm::kano::name(static_cast<crm::kano::Category>(c)).data() : "?";
}

}  // extern "C"
