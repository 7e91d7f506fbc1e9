// crm_service_*: the C face of crm::service (capi/crmrules_service.h). Conversion and
// error mapping only.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "capi/internal/bridge.hpp"
#include "capi/internal/ruleset_handle.hpp"
#include "crmrules.h"
#include "crmrules/service.hpp"

// The built-in checker is borrowed (checker points to crm::service::Checker::builtin(),
// owned is empty); one from a rule set owns its checker.
struct crm_service_checker {
  const crm::service::Checker* checker;
  std::optional<crm::service::Checker> owned;
};

struct crm_service_report {
  crm::service::Report report;
  std::optional<std::string> tickets_csv;  // when the check kept them
};

namespace crm::capi {

template <>
struct Growth<crm_service_options> {
  static constexpr const char* name = "crm_service_options";
  static constexpr const char* init = "CRM_SERVICE_OPTIONS_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_service_options, keep_tickets)};  // ABI 1
};
template <>
struct Growth<crm_service_counts> {
  static constexpr const char* name = "crm_service_counts";
  static constexpr const char* init = "CRM_SERVICE_COUNTS_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_service_counts, months)};  // ABI 1
};
template <>
struct Growth<crm_service_tally> {
  static constexpr const char* name = "crm_service_tally";
  static constexpr const char* init = "CRM_SERVICE_TALLY_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_service_tally, met_target)};  // ABI 1
};

namespace {

static_assert(static_cast<int>(service::GroupBy::month) == CRM_SERVICE_BY_MONTH, "crm_service_by mirrors GroupBy");

/// "a, b" into ids; false when one is empty.
bool split_ids(std::string_view list, std::vector<std::string>& ids) {
  for (std::size_t at = 0; at <= list.size();) {
    std::size_t end = list.find(',', at);
    if (end == std::string_view::npos) end = list.size();
    std::string_view id = list.substr(at, end - at);
    while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
    while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
    if (id.empty()) return false;
    ids.emplace_back(id);
    at = end + 1;
  }
  return true;
}

/// The library's options from the caller's; `jsonl` says the input's form.
crm_status options_arg(service::Options& out, bool& jsonl, bool& keep, const crm_service_options* options,
                       crm_error** err) {
  crm_service_options o;
  if (auto s = read_options(o, options, "options", err); s != CRM_OK) return s;
  if (o.by < CRM_SERVICE_BY_CUSTOMER || o.by > CRM_SERVICE_BY_MONTH)
    return invalid(err, "options->by must be a crm_service_by (0..2), not " + std::to_string(o.by));
  if (o.input != CRM_SERVICE_CSV && o.input != CRM_SERVICE_JSONL)
    return invalid(err, "options->input must be CRM_SERVICE_CSV or CRM_SERVICE_JSONL, not " + std::to_string(o.input));
  out.by = static_cast<service::GroupBy>(o.by);
  jsonl = o.input == CRM_SERVICE_JSONL;
  keep = o.keep_tickets != 0;
  return CRM_OK;
}

/// Runs one check (text or file) and hands the report to the caller.
template <class Check>
crm_status run_check(crm_service_report** out, const crm_service_checker* checker, const crm_service_options* options,
                     crm_error** err, Check&& check) {
  if (auto s = require(out, "out", err); s != CRM_OK) return s;
  if (auto s = require(checker, "checker", err); s != CRM_OK) return s;
  service::Options o;
  bool jsonl = false, keep = false;
  if (auto s = options_arg(o, jsonl, keep, options, err); s != CRM_OK) return s;
  std::optional<std::string> rows;
  if (keep) {
    rows.emplace(service::csv_header(checker->checker->commitments()));
    o.on_ticket = [&](const service::TicketResult& t) {
      *rows += service::csv_row(checker->checker->commitments(), t);
    };
  }
  auto result = check(*checker->checker, jsonl, o);
  if (!result) return report(err, std::move(result).error());
  *out = new crm_service_report{std::move(*result), std::move(rows)};
  return CRM_OK;
}

template <class Body>
crm_status with_report(const void* out, const crm_service_report* r, crm_error** err, Body&& body) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(r, "report", err); s != CRM_OK) return s;
    return body(r->report);
  });
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_service_checker_builtin(const crm_service_checker** out, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    static const crm_service_checker builtin{&crm::service::Checker::builtin(), std::nullopt};
    *out = &builtin;
    return CRM_OK;
  });
}

crm_status crm_service_checker_from_ruleset(crm_service_checker** out, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    auto checker = crm::service::Checker::from_rule_set(rules->rules);
    if (!checker) return report(err, std::move(checker).error());
    auto* handle = new crm_service_checker{nullptr, std::move(*checker)};
    handle->checker = &*handle->owned;
    *out = handle;
    return CRM_OK;
  });
}

crm_status crm_service_checker_only(crm_service_checker** out, const crm_service_checker* checker, const char* ids,
                                    size_t ids_len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(checker, "checker", err); s != CRM_OK) return s;
    auto text = text_arg(ids, ids_len, "ids");
    if (!text) return report(err, text.error());
    std::vector<std::string> list;
    if (!split_ids(*text, list))
      return invalid(err, "ids are commitment ids, comma-separated, not '" + std::string(*text) + "'");
    auto some = checker->checker->only(list);
    if (!some) return report(err, std::move(some).error());
    auto* handle = new crm_service_checker{nullptr, std::move(*some)};
    handle->checker = &*handle->owned;
    *out = handle;
    return CRM_OK;
  });
}

void crm_service_checker_free(crm_service_checker* checker) {
  if (checker != nullptr && checker->owned) delete checker;  // the built-in one is never freed
}

crm_status crm_service_builtin_json(const char** out, size_t* out_len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    const std::string_view text = crm::service::Checker::builtin_json();
    *out = text.data();
    if (out_len != nullptr) *out_len = text.size();
    return CRM_OK;
  });
}

crm_status crm_service_check(crm_service_report** out, const crm_service_checker* checker, const char* text, size_t len,
                             const crm_service_options* options, crm_error** err) {
  return guard(err, [&] {
    auto input = text_arg(text, len, "text");
    if (!input) return report(err, input.error());
    return run_check(out, checker, options, err, [&](const crm::service::Checker& c, bool jsonl, const auto& o) {
      return jsonl ? c.check_jsonl(*input, o) : c.check_csv(*input, o);
    });
  });
}

crm_status crm_service_check_file(crm_service_report** out, const crm_service_checker* checker, const char* path,
                                  size_t path_len, const crm_service_options* options, crm_error** err) {
  return guard(err, [&] {
    auto p = text_arg(path, path_len, "path");
    if (!p) return report(err, p.error());
    const std::string file(*p);
    return run_check(out, checker, options, err, [&](const crm::service::Checker& c, bool jsonl, const auto& o) {
      return jsonl ? c.check_jsonl_file(file, o) : c.check_csv_file(file, o);
    });
  });
}

void crm_service_report_free(crm_service_report* report) { delete report; }

crm_status crm_service_report_counts(crm_service_counts* out, const crm_service_report* r, crm_error** err) {
  return with_report(out, r, err, [&](const crm::service::Report& rep) {
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    fill(out, crm_service_counts{sizeof(crm_service_counts), rep.checked, rep.rejected.size(), rep.breaches.size(),
                                 rep.commitments.size(), rep.groups.size(), rep.months.size()});
    return CRM_OK;
  });
}

crm_status crm_service_report_tally(crm_service_tally* out, const crm_service_report* r, size_t group,
                                    size_t commitment, crm_error** err) {
  return with_report(out, r, err, [&](const crm::service::Report& rep) {
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    if (group != CRM_SERVICE_TOTAL && group >= rep.groups.size())
      return report(err, crm::Error{crm::ErrorCode::out_of_range,
                                    "group " + std::to_string(group) + " does not exist (there are " +
                                        std::to_string(rep.groups.size()) + "; CRM_SERVICE_TOTAL for all)",
                                    {}});
    if (commitment >= rep.commitments.size())
      return report(err, crm::Error{crm::ErrorCode::out_of_range,
                                    "commitment " + std::to_string(commitment) + " does not exist (there are " +
                                        std::to_string(rep.commitments.size()) + ")",
                                    {}});
    const crm::service::Group& g = group == CRM_SERVICE_TOTAL ? rep.total : rep.groups[group];
    const crm::service::Tally& t = g.tallies[commitment];
    const crm::service::Commitment& c = rep.commitments[commitment];
    const auto rate = t.rate();
    fill(out, crm_service_tally{sizeof(crm_service_tally), c.id.c_str(),
                                group == CRM_SERVICE_TOTAL ? nullptr : g.key.c_str(), g.tickets, t.met, t.not_met,
                                t.missing, rate ? 1 : 0, to_c(rate.value_or(crm::Decimal())), to_c(c.target),
                                t.meets(c.target) ? 1 : 0});
    return CRM_OK;
  });
}

crm_status crm_service_report_json(char** out, size_t* out_len, const crm_service_report* r, crm_error** err) {
  return with_report(out, r, err,
                     [&](const crm::service::Report& rep) { return out_string(out, out_len, rep.to_json()); });
}

crm_status crm_service_report_text(char** out, size_t* out_len, const crm_service_report* r, int lang,
                                   crm_error** err) {
  return with_report(out, r, err, [&](const crm::service::Report& rep) {
    crm::Lang chosen{};
    if (auto s = lang_arg(chosen, lang, err); s != CRM_OK) return s;
    return out_string(out, out_len, rep.to_text(chosen));
  });
}

crm_status crm_service_report_svg(char** out, size_t* out_len, const crm_service_report* r, int lang, crm_error** err) {
  return with_report(out, r, err, [&](const crm::service::Report& rep) {
    crm::Lang chosen{};
    if (auto s = lang_arg(chosen, lang, err); s != CRM_OK) return s;
    return out_string(out, out_len, rep.to_svg(chosen));
  });
}

crm_status crm_service_report_tickets_csv(char** out, size_t* out_len, const crm_service_report* r, crm_error** err) {
  return with_report(out, r, err, [&](const crm::service::Report&) {
    if (!r->tickets_csv) return invalid(err, "the check did not keep the tickets: set options->keep_tickets");
    return out_string(out, out_len, *r->tickets_csv);
  });
}

}  // extern "C"
