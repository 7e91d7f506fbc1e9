/* docs/account.md's C fragment (`part of` it: tests/docs/snippets_test.py): a plan through
 * the C ABI, checked. */
#include <crmrules.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  const char *json = "{\"customer\": {\"name\": \"东风集团\"}, \"traits\": {\"cooperation\": \"strategic\"}}", *type = NULL;
  size_t len = strlen(json);
  crm_error *err = NULL;
  crm_account_counts counts = CRM_ACCOUNT_COUNTS_INIT;

  const crm_account_planner *planner = NULL; crm_account_plan *plan = NULL;
  if (crm_account_planner_builtin(&planner, &err) != CRM_OK ||
      crm_account_planner_plan(&plan, planner, json, len, &err) != CRM_OK) { puts(crm_error_message(err)); crm_error_free(err); }
  /* then crm_account_plan_json, _text, _counts, _type, _action */

  int ok = plan != NULL && crm_account_plan_type(&type, plan, NULL) == CRM_OK && strcmp(type, "partnership") == 0 &&
           crm_account_plan_counts(&counts, plan, NULL) == CRM_OK && counts.clarities == 9 &&
           counts.clarities_known == 0 && counts.next_actions > 0;
  crm_account_plan_free(plan);
  puts(ok ? "docs/account.md: a partnership, nothing known yet" : "docs/account.md: the plan is not as documented");
  return ok ? 0 : 1;
}
