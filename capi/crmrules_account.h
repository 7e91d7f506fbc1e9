/* crmrules_account.h: the key-account planner through the C ABI (included by crmrules.h).
 *
 *   const crm_account_planner *planner = NULL;
 *   crm_account_plan *plan = NULL;
 *   crm_error *err = NULL;
 *   const char *doc = "{\"customer\": {\"name\": \"东风集团\"}}";
 *   crm_account_planner_builtin(&planner, NULL);          (borrowed: never freed)
 *   if (crm_account_planner_plan(&plan, planner, doc, strlen(doc), &err) != CRM_OK) {
 *     printf("%s (line %u, column %u, at %s)\n", crm_error_message(err), crm_error_line(err),
 *            crm_error_column(err), crm_error_pointer(err));
 *     crm_error_free(err);
 *   }
 *   crm_account_counts counts = CRM_ACCOUNT_COUNTS_INIT;   (size: the members you have)
 *   crm_account_plan_counts(&counts, plan, NULL);         (counts.clarities_known of 9, ...)
 *   crm_account_action a = CRM_ACCOUNT_ACTION_INIT;
 *   crm_account_plan_action(&a, plan, 0, CRM_LANG_ZH, NULL);   (the first next action)
 *   char *text = NULL;
 *   crm_account_plan_text(&text, NULL, plan, CRM_LANG_EN, NULL);  (the readable plan)
 *   crm_string_free(text);
 *   crm_account_plan_free(plan);
 *
 *   const char *rules_json; size_t len;
 *   crm_account_builtin_json(&rules_json, &len, NULL);    (the account rules, to copy and change)
 *   crm_ruleset *rules = NULL; crm_account_planner *mine = NULL;
 *   crm_ruleset_load(&rules, changed, changed_len, NULL);
 *   crm_account_planner_from_ruleset(&mine, rules, NULL);
 *   ...
 *   crm_account_planner_free(mine);
 *   crm_ruleset_free(rules);
 *
 * (The sketch leaves out testing each call's crm_status; real code tests every one.)
 * The account document and the plan's JSON: docs/account.md. Conventions: docs/c-api.md.
 * A planner and a plan are immutable: share them between threads freely. Strings inside
 * crm_account_action and from crm_account_plan_type are borrowed from the plan: valid
 * until crm_account_plan_free. */
#ifndef CRMRULES_ACCOUNT_H
#define CRMRULES_ACCOUNT_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

typedef struct crm_account_planner crm_account_planner;
typedef struct crm_account_plan crm_account_plan;

/* The structs below may gain members at their end: each begins with size, the bytes the
 * caller's struct has, set by its CRM_ACCOUNT_..._INIT macro. The library fills only the
 * members that fit in size and never writes size (docs/c-api.md). */

/* How much of the account is known, and how long the plan's lists are. */
typedef struct crm_account_counts {
  size_t size;            /* sizeof(crm_account_counts): CRM_ACCOUNT_COUNTS_INIT */
  size_t clarities;       /* the nine clarities (九大明确) of the rules */
  size_t clarities_known; /* of those, the ones the document answers */
  size_t stakeholders;
  size_t supporters, neutrals, opponents, unknown_attitudes;
  size_t unheld_roles; /* buying-centre roles nobody holds */
  size_t criteria;
  size_t tactics;
  size_t next_actions; /* crm_account_plan_action's indexes are 0 .. next_actions - 1 */
} crm_account_counts;
#define CRM_ACCOUNT_COUNTS_INIT {sizeof(crm_account_counts), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}

/* One of the plan's next actions, ranked (index 0 first). */
typedef struct crm_account_action {
  size_t size;        /* sizeof(crm_account_action): CRM_ACCOUNT_ACTION_INIT */
  const char *id;     /* the rules' action id ("ask_open_clarity", ...) */
  int priority;       /* lower first */
  const char *text;   /* what to do, in the language asked for */
  const char *reason; /* why, in the language asked for */
  const char *source; /* where it came from ("clarities/who_decides", "stakeholders/2", ...) */
} crm_account_action;
#define CRM_ACCOUNT_ACTION_INIT {sizeof(crm_account_action), NULL, 0, NULL, NULL, NULL}

/* ---- Planners ------------------------------------------------------------------- */
/* The planner of the built-in account rules (rules/account.json, embedded when the
 * library was built). Borrowed: it lives as long as the library is loaded; never free it
 * (crm_account_planner_free ignores it). */
CRM_API CRM_NODISCARD crm_status crm_account_planner_builtin(const crm_account_planner **out, crm_error **error);
/* A planner of a loaded rule set with an "account" section (a changed copy of
 * crm_account_builtin_json). CRM_E_INVALID_RULE when the rule set has none. The planner
 * keeps what it needs: the rule set may be freed afterwards. Free it with
 * crm_account_planner_free. */
CRM_API CRM_NODISCARD crm_status crm_account_planner_from_ruleset(crm_account_planner **out,
                                                                  const crm_ruleset *rules, crm_error **error);
CRM_API void crm_account_planner_free(crm_account_planner *planner);
/* The built-in account rules as JSON text (UTF-8, NUL-terminated; *out_len is its length
 * in bytes, without the NUL; out_len may be NULL). Borrowed: valid as long as the library
 * is loaded; do not free it. Load a changed copy with crm_ruleset_load. */
CRM_API CRM_NODISCARD crm_status crm_account_builtin_json(const char **out, size_t *out_len, crm_error **error);

/* ---- Plans ---------------------------------------------------------------------- */
/* (crm_<object>_<verb>: the planner plans; crm_account_plan is the plan's type.)
 * The plan of an account document (JSON text; docs/account.md). Unknown keys, roles,
 * attitudes, stages and traits, a stakeholder without a name, two with one name and a
 * value of the wrong type are errors carrying the JSON pointer, line and column. Free the
 * plan with crm_account_plan_free. */
CRM_API CRM_NODISCARD crm_status crm_account_planner_plan(crm_account_plan **out,
                                                          const crm_account_planner *planner, const char *json,
                                                          size_t len, crm_error **error);
CRM_API void crm_account_plan_free(crm_account_plan *plan);

/* The whole plan as one JSON object, every text in both languages (docs/account.md); the
 * readable plan for a terminal in lang (CRM_LANG_ZH or CRM_LANG_EN). Caller's strings,
 * freed with crm_string_free; out_len may be NULL. */
CRM_API CRM_NODISCARD crm_status crm_account_plan_json(char **out, size_t *out_len, const crm_account_plan *plan,
                                                       crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_account_plan_text(char **out, size_t *out_len, const crm_account_plan *plan,
                                                       int lang, crm_error **error);

/* Typed access. The counts; the account type's id ("transactional", "value_added",
 * "partnership"; "" while the traits are unknown; borrowed from the plan); next action
 * index (CRM_E_OUT_OF_RANGE past the end), its texts in lang. */
CRM_API CRM_NODISCARD crm_status crm_account_plan_counts(crm_account_counts *out, const crm_account_plan *plan,
                                                         crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_account_plan_type(const char **out, const crm_account_plan *plan,
                                                       crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_account_plan_action(crm_account_action *out, const crm_account_plan *plan,
                                                         size_t index, int lang, crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif /* CRMRULES_ACCOUNT_H */
