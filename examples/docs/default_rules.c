/* docs/default-rules.md's C fragment (`part of` it: tests/docs/snippets_test.py): the
 * built-in rules and their JSON through the C ABI, checked. */
#include <crmrules.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  crm_error *err = NULL;
  const char *input = "{\"annual_purchases\": 5000000, \"annual_net_profit\": 500000}";
  char *out = NULL;

  crm_ruleset *rules = NULL; const char *text = NULL; size_t len = 0;
  if (crm_ruleset_builtin(&rules, &err) != CRM_OK ||             /* free with crm_ruleset_free */
      crm_ruleset_builtin_json(&text, &len, &err) != CRM_OK) {   /* borrowed, static */
    puts(crm_error_message(err)); crm_error_free(err);
  }

  int ok = rules != NULL && len > 0 && text[0] == '{' &&
           crm_ruleset_evaluate_json(&out, NULL, rules, input, strlen(input), 0, NULL) == CRM_OK &&
           strstr(out, "\"value_grade\": \"C1\"") != NULL;
  crm_string_free(out); crm_ruleset_free(rules);
  puts(ok ? "docs/default-rules.md: the built-in rules grade C1" : "docs/default-rules.md: not as documented");
  return ok ? 0 : 1;
}
