// crm_next_*: the C face of crm::next (capi/crmrules_next.h). Conversion and error
// mapping only.
#include <optional>
#include <string>
#include <utility>

#include "capi/internal/bridge.hpp"
#include "capi/internal/ruleset_handle.hpp"
#include "crmrules.h"
#include "crmrules/next.hpp"

// The built-in advisor is borrowed (advisor points to crm::next::Advisor::builtin(), owned
// is empty); one from a rule set owns its advisor.
struct crm_next_advisor {
  const crm::next::Advisor* advisor;
  std::optional<crm::next::Advisor> owned;
};

struct crm_next_advice {
  crm::next::Advice advice;
};

namespace crm::capi {

template <>
struct Growth<crm_next_counts> {
  static constexpr const char* name = "crm_next_counts";
  static constexpr const char* init = "CRM_NEXT_COUNTS_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_next_counts, levers)};  // ABI 1
};
template <>
struct Growth<crm_next_action> {
  static constexpr const char* name = "crm_next_action";
  static constexpr const char* init = "CRM_NEXT_ACTION_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_next_action, owner_name)};  // ABI 1
};

namespace {

template <class Body>
crm_status with_advice(const void* out, const crm_next_advice* a, crm_error** err, Body&& body) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(a, "advice", err); s != CRM_OK) return s;
    return body(a->advice);
  });
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_next_advisor_builtin(const crm_next_advisor** out, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    static const crm_next_advisor builtin{&crm::next::Advisor::builtin(), std::nullopt};
    *out = &builtin;
    return CRM_OK;
  });
}

crm_status crm_next_advisor_from_ruleset(crm_next_advisor** out, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    auto advisor = crm::next::Advisor::from_rule_set(rules->rules);
    if (!advisor) return report(err, std::move(advisor).error());
    auto* handle = new crm_next_advisor{nullptr, std::move(*advisor)};
    handle->advisor = &*handle->owned;
    *out = handle;
    return CRM_OK;
  });
}

void crm_next_advisor_free(crm_next_advisor* advisor) {
  if (advisor != nullptr && advisor->owned) delete advisor;  // the built-in one is never freed
}

crm_status crm_next_builtin_json(const char** out, size_t* out_len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    const std::string_view text = crm::next::Advisor::builtin_json();
    *out = text.data();
    if (out_len != nullptr) *out_len = text.size();
    return CRM_OK;
  });
}

crm_status crm_next_advise(crm_next_advice** out, const crm_next_advisor* advisor, const char* json, size_t len,
                           crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(advisor, "advisor", err); s != CRM_OK) return s;
    auto text = text_arg(json, len, "json");
    if (!text) return report(err, text.error());
    auto advice = advisor->advisor->advise(*text);
    if (!advice) return report(err, std::move(advice).error());
    *out = new crm_next_advice{std::move(*advice)};
    return CRM_OK;
  });
}

void crm_next_advice_free(crm_next_advice* advice) { delete advice; }

crm_status crm_next_advice_counts(crm_next_counts* out, const crm_next_advice* a, crm_error** err) {
  return with_advice(out, a, err, [&](const crm::next::Advice& advice) {
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    fill(out, crm_next_counts{sizeof(crm_next_counts), advice.actions.size(), advice.levers.size()});
    return CRM_OK;
  });
}

crm_status crm_next_advice_action(crm_next_action* out, const crm_next_advice* a, size_t index, int lang,
                                  crm_error** err) {
  return with_advice(out, a, err, [&](const crm::next::Advice& advice) {
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    crm::Lang chosen{};
    if (auto s = lang_arg(chosen, lang, err); s != CRM_OK) return s;
    if (index >= advice.actions.size()) return no_such(err, "action", index, advice.actions.size());
    const crm::next::Action& x = advice.actions[index];
    fill(out, crm_next_action{sizeof(crm_next_action), x.id.c_str(), to_c(x.priority), x.text.in(chosen).c_str(),
                              x.reason.in(chosen).c_str(), x.source.c_str(), x.purpose.c_str(), x.channel.c_str(),
                              x.channel_name.in(chosen).c_str(), x.owner.c_str(), x.owner_name.in(chosen).c_str()});
    return CRM_OK;
  });
}

crm_status crm_next_advice_lever(const char** id, const char** name, const crm_next_advice* a, size_t index, int lang,
                                 crm_error** err) {
  return with_advice(id, a, err, [&](const crm::next::Advice& advice) {
    crm::Lang chosen{};
    if (auto s = lang_arg(chosen, lang, err); s != CRM_OK) return s;
    if (index >= advice.levers.size()) return no_such(err, "lever", index, advice.levers.size());
    *id = advice.levers[index].id.c_str();
    if (name != nullptr) *name = advice.levers[index].name.in(chosen).c_str();
    return CRM_OK;
  });
}

crm_status crm_next_advice_json(char** out, size_t* out_len, const crm_next_advice* a, crm_error** err) {
  return with_advice(out, a, err,
                     [&](const crm::next::Advice& advice) { return out_string(out, out_len, advice.to_json()); });
}

crm_status crm_next_advice_text(char** out, size_t* out_len, const crm_next_advice* a, int lang, crm_error** err) {
  return with_advice(out, a, err, [&](const crm::next::Advice& advice) {
    crm::Lang chosen{};
    if (auto s = lang_arg(chosen, lang, err); s != CRM_OK) return s;
    return out_string(out, out_len, advice.to_text(chosen));
  });
}

}  // extern "C"
