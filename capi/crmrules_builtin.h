/* crmrules_builtin.h: the built-in default rule set from C (included by crmrules.h).
 *
 *   crm_ruleset *rules = NULL;
 *   crm_ruleset_builtin(&rules, NULL);            // the deck's method, ready to grade
 *   char *out = NULL;
 *   const char *customer = "{\"annual_purchases\": 5000000, \"annual_net_profit\": 500000}";
 *   crm_ruleset_evaluate_json(&out, NULL, rules, customer, strlen(customer), 0, NULL);
 *   // {"value_score": ..., "value_grade": "...", "credit_grade": ..., "service_plan": ...}
 *   crm_string_free(out);
 *   crm_ruleset_free(rules);
 *
 *   const char *text; size_t len;
 *   crm_ruleset_builtin_json(&text, &len, NULL);  // the rules as JSON, to copy and change
 *
 * (The sketch leaves out testing each call's crm_status; real code tests every one.)
 * The rule set is rules/default.json, embedded in the library when it was built; its
 * inputs, outputs, bands and policy table are documented in docs/default-rules.md. Same
 * conventions as crmrules.h (docs/c-api.md). */
#ifndef CRMRULES_BUILTIN_H
#define CRMRULES_BUILTIN_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

/* ---- The built-in default rule set ---------------------------------------------- */
/* A new handle on the built-in rule set (free it with crm_ruleset_free). Every handle
 * shares one compiled rule set, loaded on the first call; like any crm_ruleset it is
 * immutable and may be used from many threads at once. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_builtin(crm_ruleset **out, crm_error **error);
/* The built-in rule set's JSON text (UTF-8, NUL-terminated; *out_len is its length in
 * bytes, without the NUL; out_len may be NULL). Borrowed: valid as long as the library is
 * loaded; do not free it. Load a changed copy with crm_ruleset_load. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_builtin_json(const char **out, size_t *out_len, crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif /* CRMRULES_BUILTIN_H */
