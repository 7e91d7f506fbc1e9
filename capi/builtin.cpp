// crm_ruleset_builtin*: the C face of crm::RuleSet::builtin().
#include "capi/internal/bridge.hpp"
#include "crmrules/rule_set.hpp"

namespace crm::capi {
crm_ruleset* new_ruleset_handle(RuleSet rules);  // capi/ruleset.cpp
}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_ruleset_builtin(crm_ruleset** out, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    *out = new_ruleset_handle(crm::RuleSet::builtin());
    return CRM_OK;
  });
}

crm_status crm_ruleset_builtin_json(const char** out, size_t* out_len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    const std::string_view text = crm::RuleSet::builtin_json();
    *out = text.data();
    if (out_len != nullptr) *out_len = text.size();
    return CRM_OK;
  });
}

}  // extern "C"
