// crm_ruleset_load_dmn, crm_dmn_*: the C face of crm::dmn. Conversion and error mapping only.
#include "capi/internal/bridge.hpp"
#include "capi/internal/ruleset_handle.hpp"
#include "crmrules/dmn.hpp"
#include "crmrules_dmn.h"

using namespace crm::capi;

extern "C" {

crm_status crm_ruleset_load_dmn(crm_ruleset** out, const char* xml, size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    auto text = text_arg(xml, len, "xml");
    if (!text) return report(err, text.error());
    auto rules = crm::RuleSet::load_dmn(*text);
    if (!rules) return report(err, rules.error());
    *out = new crm_ruleset{std::move(*rules)};
    return CRM_OK;
  });
}

crm_status crm_dmn_to_rule_set_json(char** out, size_t* out_len, const char* xml, size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    auto text = text_arg(xml, len, "xml");
    if (!text) return report(err, text.error());
    auto json = crm::dmn::to_rule_set_json(*text);
    if (!json) return report(err, json.error());
    return out_string(out, out_len, *json);
  });
}

crm_status crm_dmn_evaluate_json(char** out, size_t* out_len, const crm_ruleset* rules, const char* inputs, size_t len,
                                 crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    auto text = text_arg(inputs, len, "inputs");
    if (!text) return report(err, text.error());
    auto result = crm::dmn::evaluate_json(rules->rules, *text);
    if (!result) return report(err, result.error());
    return out_string(out, out_len, *result);
  });
}

crm_status crm_dmn_from_rule_set(char** out, size_t* out_len, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    auto xml = crm::dmn::to_dmn(rules->rules);
    if (!xml) return report(err, xml.error());
    return out_string(out, out_len, *xml);
  });
}

crm_status crm_dmn_names_json(char** out, size_t* out_len, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    return out_string(out, out_len, crm::dmn::names_json(rules->rules));
  });
}

}  // extern "C"
