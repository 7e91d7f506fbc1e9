// crm_profile_*: the C face of crm::profile (include/crmrules/profile.hpp). Conversion and
// error mapping only.
#include <cstring>
#include <memory>
#include <string>

#include "capi/internal/bridge.hpp"
#include "capi/internal/ruleset_handle.hpp"
#include "crmrules.h"
#include "crmrules/profile.hpp"

namespace pf = crm::profile;

struct crm_profile_report {
  pf::Schema schema;  // what the report's groups and fields point into: assessed with this one
  pf::Report report;
};

namespace crm::capi {
namespace {

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_profile_assess(crm_profile_report** out, const char* text, size_t len, crm_profile_format format,
                              const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (len > 0)
      if (auto s = require(text, "text", err); s != CRM_OK) return s;
    int raw = 0;
    std::memcpy(&raw, &format, sizeof raw);
    if (raw != CRM_PROFILE_CSV && raw != CRM_PROFILE_JSONL)
      return report(err, crm::Error{crm::ErrorCode::invalid_argument,
                                    "format is CRM_PROFILE_CSV or CRM_PROFILE_JSONL, not " + std::to_string(raw),
                                    {}});
    auto handle = std::make_unique<crm_profile_report>();
    if (rules == nullptr) {
      handle->schema = pf::Schema::builtin();
    } else {
      auto schema = pf::Schema::from_rule_set(rules->rules);
      if (!schema) return report(err, schema.error());
      handle->schema = std::move(*schema);
    }
    const std::string_view input(text == nullptr ? "" : text, len);
    auto assessed =
        raw == CRM_PROFILE_CSV ? pf::assess_csv(input, handle->schema) : pf::assess_jsonl(input, handle->schema);
    if (!assessed) return report(err, assessed.error());
    handle->report = std::move(*assessed);
    *out = handle.release();
    return CRM_OK;
  });
}

void crm_profile_report_free(crm_profile_report* report) { delete report; }

crm_status crm_profile_report_size(size_t* out_customers, size_t* out_without_owner, size_t* out_groups,
                                   const crm_profile_report* r, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(r, "report", err); s != CRM_OK) return s;
    if (out_customers != nullptr) *out_customers = r->report.customers.size();
    if (out_without_owner != nullptr) *out_without_owner = r->report.without_owner();
    if (out_groups != nullptr) *out_groups = r->schema.groups.size();
    return CRM_OK;
  });
}

crm_status crm_profile_report_customer(const char** out_id, const char** out_owner, crm_decimal* out_completeness,
                                       size_t* out_missing, int* out_has_owner, const crm_profile_report* r,
                                       size_t index, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(r, "report", err); s != CRM_OK) return s;
    const auto& all = r->report.customers;
    if (index >= all.size()) return no_such(err, "customer", index, all.size());
    const pf::Assessment& a = all[index];
    if (out_id != nullptr) *out_id = a.id.c_str();
    if (out_owner != nullptr) *out_owner = a.owner.c_str();
    if (out_completeness != nullptr) *out_completeness = to_c(a.completeness);
    if (out_missing != nullptr) *out_missing = a.missing();
    if (out_has_owner != nullptr) *out_has_owner = a.has_owner() ? 1 : 0;
    return CRM_OK;
  });
}

crm_status crm_profile_report_group(const char** out_id, const char** out_zh, const char** out_en,
                                    crm_decimal* out_completeness, size_t* out_missing, const crm_profile_report* r,
                                    size_t customer, size_t group, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(r, "report", err); s != CRM_OK) return s;
    const auto& all = r->report.customers;
    if (customer >= all.size()) return no_such(err, "customer", customer, all.size());
    const auto& groups = all[customer].groups;
    if (group >= groups.size()) return no_such(err, "group", group, groups.size());
    const pf::GroupScore& g = groups[group];
    if (out_id != nullptr) *out_id = g.group->id.c_str();
    if (out_zh != nullptr) *out_zh = g.group->name.zh.c_str();
    if (out_en != nullptr) *out_en = g.group->name.en.c_str();
    if (out_completeness != nullptr) *out_completeness = to_c(g.completeness);
    if (out_missing != nullptr) *out_missing = g.missing.size();
    return CRM_OK;
  });
}

crm_status crm_profile_report_text(char** out, size_t* out_len, const crm_profile_report* r, int json, crm_lang lang,
                                   crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(r, "report", err); s != CRM_OK) return s;
    int raw = 0;
    std::memcpy(&raw, &lang, sizeof raw);
    crm::Lang language = crm::Lang::zh;
    if (auto s = lang_arg(language, raw, err); s != CRM_OK) return s;
    return out_string(out, out_len, json != 0 ? pf::to_json(r->report) : pf::to_csv(r->report, language));
  });
}

crm_status crm_profile_builtin_json(const char** out, size_t* out_len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    const std::string_view text = pf::Schema::builtin_json();
    *out = text.data();
    if (out_len != nullptr) *out_len = text.size();
    return CRM_OK;
  });
}

}  // extern "C"
