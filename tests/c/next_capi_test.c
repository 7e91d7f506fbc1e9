/* Next best actions from pure C99 (crmrules_next.h): a customer document in, the ranked
 * actions out (typed, in both languages), the levers, JSON and text, a vendor's own rules,
 * and bad documents and arguments refused with their place and nothing allocated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "crmrules.h"

#define S(text) text, strlen(text)

static const char *CUSTOMER =
    "{\"customer\": {\"id\": \"C001\", \"name\": \"华为\"},\n"
    " \"grading\": {\"value_grade\": \"A1\", \"loyalty_level\": \"repeat\", \"service_channels\": \"visit,phone,email\"},\n"
    " \"satisfaction\": {\"after_sale\": \"不满意\"},\n"
    " \"service\": {\"commitments\": [{\"id\": \"reply_15min\", \"met\": 3, \"not_met\": 2, \"missing\": 0,"
    " \"rate\": \"0.6\", \"target\": \"1\", \"met_target\": false}]}}";

static void test_builtin(void) {
  const crm_next_advisor *advisor = NULL;
  crm_next_advice *advice = NULL;
  crm_error *err = NULL;
  CHECK(crm_next_advisor_builtin(&advisor, NULL) == CRM_OK);
  CHECK(crm_next_advise(&advice, advisor, S(CUSTOMER), &err) == CRM_OK);
  if (advice == NULL) return;
  crm_next_counts counts = CRM_NEXT_COUNTS_INIT;
  CHECK(crm_next_advice_counts(&counts, advice, NULL) == CRM_OK && counts.actions == 3 && counts.levers == 3);
  crm_next_action a = CRM_NEXT_ACTION_INIT;
  CHECK(crm_next_advice_action(&a, advice, 0, CRM_LANG_EN, NULL) == CRM_OK);
  CHECK(strcmp(a.id, "keep_commitments") == 0 && strcmp(a.source, "service") == 0);
  CHECK(strcmp(a.reason, "1 commitment(s) below target, the worst reply_15min; 2 breach(es)") == 0);
  CHECK(strcmp(a.channel, "email") == 0 && strcmp(a.channel_name, "e-mail") == 0 && strcmp(a.owner, "after_sales") == 0);
  char *p = NULL;
  CHECK(crm_decimal_to_string(&p, NULL, &a.priority, NULL) == CRM_OK && strcmp(p, "89") == 0);
  crm_string_free(p);
  CHECK(crm_next_advice_action(&a, advice, 1, CRM_LANG_ZH, NULL) == CRM_OK);
  CHECK(strcmp(a.id, "objection_communication") == 0 && strstr(a.reason, "满意度只有 2 分") != NULL);
  CHECK(strcmp(a.channel, "phone") == 0 && strcmp(a.channel_name, "电话") == 0);
  CHECK(crm_next_advice_action(&a, advice, 3, CRM_LANG_ZH, &err) == CRM_E_OUT_OF_RANGE);
  CHECK(err != NULL && strstr(crm_error_message(err), "action 3 does not exist (there are 3)") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_next_advice_action(&a, advice, 0, 5, NULL) == CRM_E_INVALID_ARGUMENT);
  const char *id = NULL, *name = NULL;
  CHECK(crm_next_advice_lever(&id, &name, advice, 0, CRM_LANG_ZH, NULL) == CRM_OK);
  CHECK(strcmp(id, "service") == 0 && strcmp(name, "塑造服务特质") == 0);
  char *json = NULL, *text = NULL;
  CHECK(crm_next_advice_json(&json, NULL, advice, NULL) == CRM_OK && strstr(json, "\"rank\": 1, \"id\": \"keep_commitments\"") != NULL);
  CHECK(crm_next_advice_text(&text, NULL, advice, CRM_LANG_EN, NULL) == CRM_OK && strstr(text, "Customer 华为 (C001)") != NULL);
  crm_string_free(json);
  crm_string_free(text);
  crm_next_advice_free(advice);
}

static void test_bad_input_and_own_rules(void) {
  const crm_next_advisor *advisor = NULL;
  crm_next_advice *advice = NULL;
  crm_error *err = NULL;
  CHECK(crm_next_advisor_builtin(&advisor, NULL) == CRM_OK);
  CHECK(crm_next_advise(&advice, advisor, S("{\"grading\": {},\n \"sesions\": []}"), &err) == CRM_E_UNKNOWN_NAME);
  CHECK(advice == NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "did you mean 'sessions'") != NULL);
  CHECK(err != NULL && crm_error_line(err) == 2 && strcmp(crm_error_pointer(err), "/sesions") == 0);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_next_advise(&advice, NULL, S("{}"), NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_next_advise(&advice, advisor, NULL, 3, NULL) == CRM_E_INVALID_ARGUMENT);

  const char *text = NULL;
  size_t len = 0;
  CHECK(crm_next_builtin_json(&text, &len, NULL) == CRM_OK && len > 0);
  crm_ruleset *rules = NULL;
  crm_next_advisor *mine = NULL;
  CHECK(crm_ruleset_load(&rules, text, len, NULL) == CRM_OK);
  CHECK(crm_next_advisor_from_ruleset(&mine, rules, NULL) == CRM_OK);
  crm_ruleset_free(rules);
  CHECK(crm_next_advise(&advice, mine, S("{}"), NULL) == CRM_OK);
  crm_next_counts counts = CRM_NEXT_COUNTS_INIT;
  CHECK(crm_next_advice_counts(&counts, advice, NULL) == CRM_OK && counts.actions == 1 && counts.levers == 0);
  crm_next_advice_free(advice);
  crm_next_advisor_free(mine);
  CHECK(crm_ruleset_builtin(&rules, NULL) == CRM_OK);
  CHECK(crm_next_advisor_from_ruleset(&mine, rules, NULL) == CRM_E_INVALID_RULE);
  crm_ruleset_free(rules);
}

int main(void) {
  test_builtin();
  test_bad_input_and_own_rules();
  return check_summary();
}
