/* The built-in complaint machine and the complaint audit from pure C99: the 1-2-3 law
 * walked from a complaint to a loyal customer, an event out of order refused with the
 * session unchanged, a save and restore mid-complaint, and the audit's score and gaps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "crmrules.h"

#define S(text) text, strlen(text)

static int fire(crm_session *s, const char *event, const char *data, int64_t time) {
  crm_error *err = NULL;
  const crm_status st = crm_session_fire(s, S(event), data, data ? strlen(data) : 0, time, &err);
  if (st != CRM_OK) crm_error_free(err);
  return st;
}

static int state_is(const crm_session *s, const char *name) {
  const char *state = NULL;
  return crm_session_state(&state, NULL, s, NULL) == CRM_OK && strcmp(state, name) == 0;
}

static int recommends(const crm_session *s, const char *part) {
  char *json = NULL;
  int found = 0;
  if (crm_session_recommendations_json(&json, NULL, s, NULL) == CRM_OK) found = strstr(json, part) != NULL;
  crm_string_free(json);
  return found;
}

static void test_recovery_to_loyal(void) {
  crm_session *s = NULL;
  CHECK(crm_session_create_builtin(&s, S("complaint"), NULL) == CRM_OK);
  CHECK(state_is(s, "in_use"));
  CHECK(fire(s, "rate", "{\"stage\": \"after_sale\", \"satisfaction\": \"不满意\"}", 1) == CRM_OK);
  CHECK(state_is(s, "dissatisfied"));
  CHECK(fire(s, "complain", "{\"channel\": \"on_site\", \"text\": \"the pump leaks\"}", 2) == CRM_OK);
  CHECK(recommends(s, "分析处理可行性"));

  /* Out of order: compensating before step one; the session is as it was. */
  char *before = NULL, *after = NULL;
  CHECK(crm_session_save_json(&before, NULL, s, NULL) == CRM_OK);
  crm_error *err = NULL;
  CHECK(crm_session_fire(s, S("compensate"), S("{\"amount\": 500}"), 3, &err) == CRM_E_ILLEGAL_TRANSITION);
  CHECK(err != NULL && strstr(crm_error_message(err), "allowed: rate, analyse, churn, anger") != NULL);
  crm_error_free(err);
  CHECK(crm_session_save_json(&after, NULL, s, NULL) == CRM_OK);
  CHECK(before && after && strcmp(before, after) == 0);
  crm_string_free(before);
  crm_string_free(after);

  CHECK(fire(s, "analyse", "{\"feasible\": true, \"cost\": \"8000.00\"}", 3) == CRM_OK);
  CHECK(fire(s, "correct", NULL, 4) == CRM_OK);
  CHECK(fire(s, "compensate", "{\"amount\": \"2000.00\"}", 5) == CRM_OK);

  /* A stateless server: save, free, restore, go on. */
  unsigned char buffer[4096];
  size_t len = 0;
  CHECK(crm_session_save(buffer, sizeof buffer, &len, s, NULL) == CRM_OK);
  crm_session_free(s);
  crm_ruleset *rules = NULL;
  CHECK(crm_ruleset_load_builtin_machines(&rules, NULL) == CRM_OK);
  s = NULL;
  CHECK(crm_session_restore(&s, rules, buffer, len, NULL) == CRM_OK);
  CHECK(state_is(s, "handled"));

  CHECK(fire(s, "follow_up", "{\"satisfaction\": \"satisfied\"}", 6) == CRM_OK);
  CHECK(state_is(s, "recovered"));
  CHECK(recommends(s, "开发新产品"));
  CHECK(fire(s, "opportunity", "{\"kind\": \"loyal\"}", 7) == CRM_OK);
  CHECK(fire(s, "close", NULL, 8) == CRM_OK);
  CHECK(state_is(s, "loyal"));
  int final = 0;
  CHECK(crm_session_is_final(&final, s, NULL) == CRM_OK && final == 1);
  char *context = NULL;
  CHECK(crm_session_context_json(&context, NULL, s, NULL) == CRM_OK);
  CHECK(context && strstr(context, "\"compensation\": 2000.00") != NULL);
  CHECK(context && strstr(context, "\"satisfaction_after_sale\": \"satisfied\"") != NULL);
  crm_string_free(context);
  crm_session_free(s);
  crm_ruleset_free(rules);
}

static void test_audit(void) {
  crm_ruleset *rules = NULL;
  CHECK(crm_ruleset_load_builtin_machines(&rules, NULL) == CRM_OK);
  const char *answers =
      "{\"encourages_complaints\": true, \"encourages_voicing\": true, \"dedicated_unit\": false,"
      " \"chance_to_voice\": true, \"leadership_attention\": true, \"root_cause_plan\": true, \"knows_outcomes\": false}";
  char *out = NULL;
  CHECK(crm_ruleset_evaluate_json(&out, NULL, rules, S(answers), 0, NULL) == CRM_OK);
  CHECK(out && strstr(out, "\"complaint_audit_score\": 5") != NULL);
  CHECK(out && strstr(out, "\"complaint_audit_level\": \"gaps\"") != NULL);
  CHECK(out && strstr(out, "\"complaint_audit_gaps\": [\"dedicated_unit\", \"knows_outcomes\"]") != NULL);
  crm_string_free(out);

  /* An unanswered question is an error that names it. */
  crm_error *err = NULL;
  out = NULL;
  CHECK(crm_ruleset_evaluate_json(&out, NULL, rules, S("{\"encourages_complaints\": true}"), 0, &err) ==
        CRM_E_MISSING);
  CHECK(err != NULL && strstr(crm_error_message(err), "encourages_voicing") != NULL);
  CHECK(out == NULL);
  crm_error_free(err);
  crm_ruleset_free(rules);
}

int main(void) {
  test_recovery_to_loyal();
  test_audit();
  return check_summary();
}
