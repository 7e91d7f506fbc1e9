/* crmrules_dmn.h: DMN decision tables as rule sets through the C ABI (included by
 * crmrules.h; the same conventions: docs/c-api.md; what is imported: docs/dmn.md).
 *
 *   crm_ruleset *rules = NULL;
 *   crm_error *err = NULL;
 *   if (crm_ruleset_load_dmn(&rules, xml, xml_len, &err) != CRM_OK) {
 *     // the XML element's path, line and column: "/definitions/decision[@name='X']/..."
 *     fprintf(stderr, "%s line %u: %s\n", crm_error_pointer(err), crm_error_line(err), crm_error_message(err));
 *     crm_error_free(err);
 *   }
 *   char *out = NULL;
 *   const char *in = "{\"Age\": 18, \"RiskCategory\": \"Low\", \"isAffordable\": true}";
 *   crm_dmn_evaluate_json(&out, NULL, rules, in, strlen(in), NULL);   // {"Approval Status": "Approved"}
 *   crm_string_free(out);
 *   crm_ruleset_free(rules);
 */
#ifndef CRMRULES_DMN_H
#define CRMRULES_DMN_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

/* A DMN 1.1-1.5 model (XML text) as a rule set, a new handle (crm_ruleset_free). Errors:
 * CRM_E_PARSE (malformed XML, at its line and column), CRM_E_VERSION_MISMATCH (no DMN
 * namespace), CRM_E_INVALID_RULE / CRM_E_UNKNOWN_NAME / CRM_E_TYPE_MISMATCH (what crmrules
 * cannot express, FEEL that does not parse), with the element's path as the error's
 * pointer and its line and column. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_load_dmn(crm_ruleset **out, const char *xml, size_t len,
                                                      crm_error **error);
/* The rule set's JSON document (to edit further, load with crm_ruleset_load), a new string.
 * The same errors. */
CRM_API CRM_NODISCARD crm_status crm_dmn_to_rule_set_json(char **out, size_t *out_len, const char *xml, size_t len,
                                                          crm_error **error);
/* Evaluates an imported rule set with inputs and results by their DMN names (a JSON
 * object in, a JSON object out; a structured input is an object of its components, a
 * decision with several outputs gives a structure). CRM_E_UNKNOWN_NAME for an input the
 * model does not have (with "did you mean"), and the errors of crm_ruleset_evaluate_json. */
CRM_API CRM_NODISCARD crm_status crm_dmn_evaluate_json(char **out, size_t *out_len, const crm_ruleset *rules,
                                                       const char *inputs, size_t len, crm_error **error);
/* The rule set as a DMN 1.4 model (XML), a new string that crm_ruleset_load_dmn reads back
 * to the same results. CRM_E_INVALID_RULE naming the decision for what DMN cannot say (a
 * scorecard, "??", round ...). */
CRM_API CRM_NODISCARD crm_status crm_dmn_from_rule_set(char **out, size_t *out_len, const crm_ruleset *rules,
                                                       crm_error **error);
/* The names the model gave its inputs, decisions and outputs: a JSON array of {"dmn",
 * "crm", "kind", "parent"} ([] for a rule set not imported from DMN). */
CRM_API CRM_NODISCARD crm_status crm_dmn_names_json(char **out, size_t *out_len, const crm_ruleset *rules,
                                                    crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif
