// crm_account_*: the C face of crm::account (capi/crmrules_account.h). Conversion and
// error mapping only.
#include <optional>
#include <string>
#include <utility>

#include "capi/internal/bridge.hpp"
#include "capi/internal/ruleset_handle.hpp"
#include "crmrules.h"
#include "crmrules/account.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/text.hpp"


// The built-in planner is borrowed (planner points to crm::account::Planner::builtin(),
// owned is empty); one from a rule set owns its planner.
struct crm_account_planner {
  const crm::account::Planner* planner;
  std::optional<crm::account::Planner> owned;
};

struct crm_account_plan {
  crm::account::Plan plan;
};

namespace crm::capi {

// The account structs that grow (bridge.hpp, Growth): where each version's members end.
template <>
struct Growth<crm_account_counts> {
  static constexpr const char* name = "crm_account_counts";
  static constexpr const char* init = "CRM_ACCOUNT_COUNTS_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_account_counts, next_actions)};  // ABI 1
};
template <>
struct Growth<crm_account_action> {
  static constexpr const char* name = "crm_account_action";
  static constexpr const char* init = "CRM_ACCOUNT_ACTION_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_account_action, source)};  // ABI 1
};

namespace {

template <class Body>
crm_status with_plan(const void* out, const crm_account_plan* plan, crm_error** err, Body&& body) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(plan, "plan", err); s != CRM_OK) return s;
    return body(plan->plan);
  });
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_account_planner_builtin(const crm_account_planner** out, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    // Built on the first call (thread-safe), then shared for the life of the library.
    static const crm_account_planner builtin{&crm::account::Planner::builtin(), std::nullopt};
    *out = &builtin;
    return CRM_OK;
  });
}

crm_status crm_account_planner_from_ruleset(crm_account_planner** out, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    auto planner = crm::account::Planner::from_rule_set(rules->rules);
    if (!planner) return report(err, std::move(planner).error());
    auto* handle = new crm_account_planner{nullptr, std::move(*planner)};
    handle->planner = &*handle->owned;
    *out = handle;
    return CRM_OK;
  });
}

void crm_account_planner_free(crm_account_planner* planner) {
  // The built-in planner owns nothing and is never freed.
  if (planner != nullptr && planner->owned) delete planner;
}

crm_status crm_account_builtin_json(const char** out, size_t* out_len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    const std::string_view text = crm::account::Planner::builtin_json();
    *out = text.data();
    if (out_len != nullptr) *out_len = text.size();
    return CRM_OK;
  });
}

crm_status crm_account_planner_plan(crm_account_plan** out, const crm_account_planner* planner, const char* json,
                                    size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(planner, "planner", err); s != CRM_OK) return s;
    auto text = text_arg(json, len, "json");
    if (!text) return report(err, text.error());
    auto plan = planner->planner->plan(*text);
    if (!plan) return report(err, std::move(plan).error());
    *out = new crm_account_plan{std::move(*plan)};
    return CRM_OK;
  });
}

void crm_account_plan_free(crm_account_plan* plan) { delete plan; }

crm_status crm_account_plan_json(char** out, size_t* out_len, const crm_account_plan* plan, crm_error** err) {
  return with_plan(out, plan, err, [&](const crm::account::Plan& p) { return out_string(out, out_len, p.to_json()); });
}

crm_status crm_account_plan_text(char** out, size_t* out_len, const crm_account_plan* plan, int lang, crm_error** err) {
  return with_plan(out, plan, err, [&](const crm::account::Plan& p) {
    crm::Lang chosen{};
    if (auto s = lang_arg(chosen, lang, err); s != CRM_OK) return s;
    return out_string(out, out_len, p.to_text(chosen));
  });
}

crm_status crm_account_plan_counts(crm_account_counts* out, const crm_account_plan* plan, crm_error** err) {
  return with_plan(out, plan, err, [&](const crm::account::Plan& p) {
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    const auto& centre = p.buying_centre;
    fill(out,
         crm_account_counts{sizeof(crm_account_counts), p.clarities.size(), p.clarities_known, p.stakeholders.size(),
                            centre.supporters, centre.neutrals, centre.opponents, centre.unknown_attitudes,
                            centre.unheld.size(), p.criteria.size(), p.tactics.size(), p.next_actions.size()});
    return CRM_OK;
  });
}

crm_status crm_account_plan_type(const char** out, const crm_account_plan* plan, crm_error** err) {
  return with_plan(out, plan, err, [&](const crm::account::Plan& p) {
    *out = p.type.id.c_str();
    return CRM_OK;
  });
}

crm_status crm_account_plan_action(crm_account_action* out, const crm_account_plan* plan, size_t index, int lang,
                                   crm_error** err) {
  return with_plan(out, plan, err, [&](const crm::account::Plan& p) {
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    crm::Lang chosen{};
    if (auto s = lang_arg(chosen, lang, err); s != CRM_OK) return s;
    if (index >= p.next_actions.size())
      return report(err, crm::Error{crm::ErrorCode::out_of_range,
                                    "next action " + std::to_string(index) + " does not exist (there are " +
                                        std::to_string(p.next_actions.size()) + ")",
                                    {}});
    const crm::account::Action& a = p.next_actions[index];
    fill(out, crm_account_action{sizeof(crm_account_action), a.id.c_str(), a.priority, a.text.in(chosen).c_str(),
                                 a.reason.in(chosen).c_str(), a.source.c_str()});
    return CRM_OK;
  });
}

}  // extern "C"
