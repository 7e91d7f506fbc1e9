/* The C ABI of state machines and sessions (crmrules_session.h), from pure C99: the
 * built-in LSCPA walked through the deck's price objection, a rule set's own machine,
 * save and restore as bytes and JSON, and every error path leaving the session as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "crmrules.h"

#define S(text) text, strlen(text)

static const char *ORDERS =
    "{\"crmrules\": 1, \"name\": \"orders\", \"version\": \"1.0\", \"inputs\": {}, \"decisions\": [],"
    " \"machines\": {\"order\": {"
    "  \"context\": {\"total\": {\"type\": \"decimal\", \"default\": 0}},"
    "  \"events\": {\"add\": {\"data\": {\"amount\": {\"type\": \"decimal\", \"required\": true}}},"
    "             \"divide\": {\"data\": {\"by\": {\"type\": \"decimal\", \"required\": true}}}, \"ship\": {}, \"split\": {\"data\": {\"parts\": {\"type\": \"decimal\"}}}},"
    "  \"states\": {\"draft\": {\"initial\": true}, \"shipped\": {\"final\": true}},"
    "  \"transitions\": [{\"from\": \"draft\", \"on\": \"add\", \"set\": {\"total\": \"total + event.amount\"}},"
    "                  {\"from\": \"draft\", \"on\": \"divide\", \"set\": {\"total\": \"total / event.by\"}},"
    "                  {\"from\": \"draft\", \"on\": \"ship\", \"to\": \"shipped\", \"when\": \"total > 0\"},"
    "                  {\"from\": \"draft\", \"on\": \"split\", \"when\": \"total / event.parts > 1\"}]}}}";

static const char *ORDERS_CHANGED =
    "{\"crmrules\": 1, \"name\": \"orders\", \"version\": \"1.1\", \"inputs\": {}, \"decisions\": [],"
    " \"machines\": {\"order\": {"
    "  \"context\": {\"total\": {\"type\": \"decimal\", \"default\": 0}},"
    "  \"events\": {\"add\": {\"data\": {\"amount\": {\"type\": \"decimal\", \"required\": true}}},"
    "             \"divide\": {\"data\": {\"by\": {\"type\": \"decimal\", \"required\": true}}}, \"ship\": {}, \"split\": {\"data\": {\"parts\": {\"type\": \"decimal\"}}}},"
    "  \"states\": {\"draft\": {\"initial\": true}, \"shipped\": {\"final\": true}},"
    "  \"transitions\": [{\"from\": \"draft\", \"on\": \"add\", \"set\": {\"total\": \"total + event.amount\"}},"
    "                  {\"from\": \"draft\", \"on\": \"divide\", \"set\": {\"total\": \"total / event.by\"}},"
    "                  {\"from\": \"draft\", \"on\": \"ship\", \"to\": \"shipped\", \"when\": \"total > 100\"},"
    "                  {\"from\": \"draft\", \"on\": \"split\", \"when\": \"total / event.parts > 1\"}]}}}";

/* ORDERS reworded: a description, a recommendation, another version, its keys in another
 * order; it does the same, so sessions saved under ORDERS restore under it. */
static const char *ORDERS_REWORDED =
    "{\"crmrules\": 1, \"name\": \"orders\", \"version\": \"2.0\", \"inputs\": {}, \"decisions\": [],"
    " \"machines\": {\"order\": {\"description\": \"订单 orders\", \"version\": \"2.0\","
    "  \"states\": {\"draft\": {\"initial\": true, \"recommend\": [{\"text\": {\"zh\": \"添加\", \"en\": \"add\"}}]},"
    "             \"shipped\": {\"final\": true, \"description\": \"gone\"}},"
    "  \"context\": {\"total\": {\"default\": 0, \"type\": \"decimal\"}},"
    "  \"events\": {\"add\": {\"data\": {\"amount\": {\"type\": \"decimal\", \"required\": true}}},"
    "             \"divide\": {\"data\": {\"by\": {\"type\": \"decimal\", \"required\": true}}}, \"ship\": {}, \"split\": {\"data\": {\"parts\": {\"type\": \"decimal\"}}}},"
    "  \"transitions\": [{\"from\": \"draft\", \"on\": \"add\", \"set\": {\"total\": \"total + event.amount\"}},"
    "                  {\"from\": \"draft\", \"on\": \"divide\", \"set\": {\"total\": \"total / event.by\"}},"
    "                  {\"from\": \"draft\", \"on\": \"ship\", \"to\": \"shipped\", \"when\": \"total > 0\", \"description\": \"发货\"},"
    "                  {\"from\": \"draft\", \"on\": \"split\", \"when\": \"total / event.parts > 1\"}]}}}";

/* The session's saved JSON: everything observable, to compare before and after a failure. */
static char *snapshot(const crm_session *s) {
  char *out = NULL;
  CHECK(crm_session_save_json(&out, NULL, s, NULL) == CRM_OK);
  return out;
}

static int contains(const char *text, const char *part) { return text != NULL && strstr(text, part) != NULL; }

static void test_price_objection(void) {
  crm_session *s = NULL;
  crm_error *err = NULL;
  const char *state = NULL;
  size_t index = 99, count = 0;
  char *json = NULL;
  int final = -1;
  CHECK(crm_session_create_builtin(&s, S("lscpa"), &err) == CRM_OK);
  CHECK(crm_session_state(&state, &index, s, NULL) == CRM_OK && strcmp(state, "listen") == 0);
  CHECK(crm_session_state_count(&count, s, NULL) == CRM_OK && count == 8);
  CHECK(crm_session_state_name(&state, s, index, NULL) == CRM_OK && strcmp(state, "listen") == 0);
  CHECK(crm_session_machine(&state, s, NULL) == CRM_OK && strcmp(state, "lscpa") == 0);
  CHECK(crm_session_fire(s, S("objection"), S("{\"kind\": \"price_value\", \"text\": \"looks good but too expensive\"}"),
                         1, &err) == CRM_OK);
  CHECK(crm_session_state(&state, NULL, s, NULL) == CRM_OK && strcmp(state, "share") == 0);
  CHECK(crm_session_recommendations_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(contains(json, "除非你能证明你的产品是物有所值") && contains(json, "\"lang\": \"zh\", \"fallback\": false"));
  crm_string_free(json);
  int lang = -1;
  CHECK(crm_session_lang(&lang, s, NULL) == CRM_OK && lang == CRM_LANG_ZH);
  CHECK(crm_session_set_lang(s, CRM_LANG_EN, NULL) == CRM_OK);
  CHECK(crm_session_lang(&lang, s, NULL) == CRM_OK && lang == CRM_LANG_EN);
  CHECK(crm_session_recommendations_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(contains(json, "prove it is value for money") && contains(json, "\"lang\": \"en\""));
  crm_string_free(json);
  CHECK(crm_session_set_lang(s, 7, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(contains(crm_error_message(err), "CRM_LANG_ZH (0) or CRM_LANG_EN (1), not 7"));
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_lang(&lang, s, NULL) == CRM_OK && lang == CRM_LANG_EN); /* unchanged */
  CHECK(crm_session_fire(s, S("shared"), NULL, 0, 2, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("judged"), S("{\"true_objection\": true}"), 3, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("clarified"), S(""), 4, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("presented"), S("null"), 5, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("accepted"), NULL, 0, 6, NULL) == CRM_OK);
  CHECK(crm_session_state(&state, &index, s, NULL) == CRM_OK && strcmp(state, "resolved") == 0);
  CHECK(crm_session_is_final(&final, s, NULL) == CRM_OK && final == 1);
  CHECK(crm_session_allowed_json(&json, NULL, s, NULL) == CRM_OK && strcmp(json, "[]") == 0);
  crm_string_free(json);
  CHECK(crm_session_context_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(contains(json, "\"true_objection\": true"));
  crm_string_free(json);
  CHECK(crm_session_audit_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(contains(json, "\"event\": \"objection\", \"from\": \"listen\", \"to\": \"share\""));
  CHECK(contains(json, "\"text\": \"looks good but too expensive\""));
  crm_string_free(json);
  CHECK(crm_session_status_json(&json, NULL, s, NULL) == CRM_OK && contains(json, "\"final\": true"));
  crm_string_free(json);
  /* An ended machine allows nothing. */
  CHECK(crm_session_fire(s, S("objection"), S("{\"kind\": \"fit\"}"), 7, &err) == CRM_E_ILLEGAL_TRANSITION);
  CHECK(contains(crm_error_message(err), "has ended in its final state 'resolved'"));
  crm_error_free(err);
  crm_session_free(s);
}

/* Accepted without a satisfaction check: the last two checklist steps stay open. */
static void test_accepted_unchecked(void) {
  crm_session *s = NULL;
  char *json = NULL;
  CHECK(crm_session_create_builtin(&s, S("lscpa"), NULL) == CRM_OK);
  CHECK(crm_session_set_lang(s, CRM_LANG_EN, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("objection"), S("{\"kind\": \"price_value\"}"), 1, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("shared"), NULL, 0, 2, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("judged"), S("{\"true_objection\": true}"), 3, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("clarified"), NULL, 0, 4, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("presented"), NULL, 0, 5, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("accepted"), NULL, 0, 6, NULL) == CRM_OK);
  CHECK(crm_session_context_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(contains(json, "\"locked\": false") && contains(json, "\"next_action_agreed\": false"));
  crm_string_free(json);
  CHECK(crm_session_recommendations_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(contains(json, "Agreed without checking satisfaction"));
  crm_string_free(json);
  crm_session_free(s);
}

/* Languages by code; the customer's words classified, directly and when firing. */
static void test_lang_and_classifiers(void) {
  int lang = -1;
  crm_error *err = NULL;
  char *json = NULL;
  crm_session *s = NULL;
  CHECK(crm_lang_parse(&lang, S("zh-CN"), NULL) == CRM_OK && lang == CRM_LANG_ZH);
  CHECK(crm_lang_parse(&lang, S("EN_gb"), NULL) == CRM_OK && lang == CRM_LANG_EN);
  CHECK(crm_lang_parse(&lang, S("fr"), &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(contains(crm_error_message(err), "unknown language 'fr'"));
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_create_builtin(&s, S("lscpa"), NULL) == CRM_OK);
  CHECK(crm_session_classifiers_json(&json, NULL, s, NULL) == CRM_OK && strcmp(json, "[\"objection_kind\"]") == 0);
  crm_string_free(json);
  CHECK(crm_session_classify_json(&json, NULL, s, S("objection_kind"), S("我从未听说过你的公司。"), NULL) == CRM_OK);
  CHECK(strcmp(json, "{\"classifier\": \"objection_kind\", \"label\": \"credibility\", \"rule\": \"credibility\", "
                     "\"matched\": true}") == 0);
  crm_string_free(json);
  CHECK(crm_session_classify_json(&json, NULL, s, S("objection_kind"), S("我再想想"), NULL) == CRM_OK);
  CHECK(contains(json, "\"label\": null") && contains(json, "\"matched\": false"));
  crm_string_free(json);
  CHECK(crm_session_classify_json(&json, NULL, s, S("objection_kinds"), S("太贵了"), &err) == CRM_E_UNKNOWN_NAME);
  CHECK(contains(crm_error_message(err), "did you mean 'objection_kind'"));
  crm_error_free(err);
  /* Firing with the customer's words only: the kind is classified. */
  CHECK(crm_session_fire(s, S("objection"), S("{\"text\": \"我很忙,没有时间去听课。\"}"), 1, NULL) == CRM_OK);
  CHECK(crm_session_context_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(contains(json, "\"objection_kind\": \"busy\"") && contains(json, "\"kind_recognised\": true"));
  crm_string_free(json);
  CHECK(crm_session_recommendations_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(contains(json, "忙是很自然的"));
  crm_string_free(json);
  crm_session_free(s);
}

/* In a small deal a latent need is a buying signal: a benefit against it is not premature. */
static void test_small_deal(void) {
  crm_session *s = NULL;
  crm_error *err = NULL;
  const char *state = NULL;
  char *json = NULL;
  CHECK(crm_session_create_builtin(&s, S("spin"), NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("problem_question"), S("{\"need\": \"speed\"}"), 1, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("commitment"), NULL, 0, 2, &err) == CRM_E_ILLEGAL_TRANSITION);
  crm_error_free(err);
  CHECK(crm_session_fire(s, S("set_deal"), S("{\"size\": \"small\"}"), 2, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("present_benefit"), S("{\"need\": \"speed\", \"benefit\": \"fast\"}"), 3, NULL) ==
        CRM_OK);
  CHECK(crm_session_state(&state, NULL, s, NULL) == CRM_OK && strcmp(state, "presenting") == 0);
  CHECK(crm_session_recommendations_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(!contains(json, "Premature presentation"));
  crm_string_free(json);
  CHECK(crm_session_fire(s, S("commitment"), NULL, 0, 4, NULL) == CRM_OK);
  CHECK(crm_session_state(&state, NULL, s, NULL) == CRM_OK && strcmp(state, "advanced") == 0);
  crm_session_free(s);
}

static void test_errors_leave_session_unchanged(void) {
  crm_ruleset *rules = NULL;
  crm_session *s = NULL;
  crm_error *err = NULL;
  char *before = NULL, *after = NULL;
  CHECK(crm_ruleset_load(&rules, S(ORDERS), &err) == CRM_OK);
  CHECK(crm_session_create(&s, rules, S("ordr"), &err) == CRM_E_UNKNOWN_NAME);
  CHECK(contains(crm_error_message(err), "did you mean 'order'"));
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_create(&s, rules, S("order"), NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("add"), S("{\"amount\": 5}"), 10, NULL) == CRM_OK);
  before = snapshot(s);

  /* Illegal in this state? No: unknown event. */
  CHECK(crm_session_fire(s, S("shipp"), NULL, 0, 11, &err) == CRM_E_UNKNOWN_NAME);
  crm_error_free(err);
  err = NULL;
  /* A guard that fails to evaluate: division by zero in an effect. */
  CHECK(crm_session_fire(s, S("divide"), S("{\"by\": 0}"), 11, &err) == CRM_E_DIVISION_BY_ZERO);
  CHECK(strcmp(crm_error_pointer(err), "/machines/order/transitions/1") == 0);
  crm_error_free(err);
  err = NULL;
  /* A guard that fails to evaluate. */
  CHECK(crm_session_fire(s, S("split"), S("{\"parts\": 0}"), 11, &err) == CRM_E_DIVISION_BY_ZERO);
  CHECK(strcmp(crm_error_pointer(err), "/machines/order/transitions/3") == 0);
  CHECK(contains(crm_error_message(err), "guard 'total / event.parts > 1' failed"));
  crm_error_free(err);
  err = NULL;
  /* Bad data: its place in the data text. */
  CHECK(crm_session_fire(s, S("add"), S("{\n \"amount\": \"five\"}"), 11, &err) == CRM_E_PARSE);
  CHECK(strcmp(crm_error_pointer(err), "/amount") == 0);
  CHECK(crm_error_line(err) == 2);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_fire(s, S("add"), S("{\"amount\": 1, \"colour\": 2}"), 11, &err) == CRM_E_UNKNOWN_NAME);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_fire(s, S("add"), S("{"), 11, &err) == CRM_E_PARSE);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_fire(s, S("add"), S("{\"amount\": 1}"), 9, &err) == CRM_E_OUT_OF_RANGE);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_fire(s, S("add"), "\xff", 1, 11, &err) == CRM_E_INVALID_UTF8);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_fire(NULL, S("add"), NULL, 0, 11, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(contains(crm_error_message(err), "'session'"));
  crm_error_free(err);
  after = snapshot(s);
  CHECK(strcmp(before, after) == 0);
  crm_string_free(after);
  crm_string_free(before);
  crm_session_free(s);
  crm_ruleset_free(rules);
}

static void test_illegal_event_lists_allowed(void) {
  crm_session *s = NULL;
  crm_error *err = NULL;
  CHECK(crm_session_create_builtin(&s, S("lscpa"), NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("accepted"), NULL, 0, 1, &err) == CRM_E_ILLEGAL_TRANSITION);
  CHECK(contains(crm_error_message(err), "(allowed: objection, step_done, escalate)"));
  crm_error_free(err);
  crm_session_free(s);
}

static void test_restore_reworded(void) {
  crm_ruleset *rules = NULL, *reworded = NULL;
  crm_session *s = NULL, *back = NULL;
  unsigned char buffer[4096];
  size_t n = 0;
  char *json = NULL;
  CHECK(crm_ruleset_load(&rules, S(ORDERS), NULL) == CRM_OK);
  CHECK(crm_ruleset_load(&reworded, S(ORDERS_REWORDED), NULL) == CRM_OK);
  CHECK(crm_session_create(&s, rules, S("order"), NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("add"), S("{\"amount\": 12.50}"), 1, NULL) == CRM_OK);
  CHECK(crm_session_save(buffer, sizeof buffer, &n, s, NULL) == CRM_OK);
  CHECK(crm_session_restore(&back, reworded, buffer, n, NULL) == CRM_OK);
  CHECK(back != NULL && crm_session_fire(back, S("ship"), NULL, 0, 2, NULL) == CRM_OK);
  crm_session_free(back);
  back = NULL;
  CHECK(crm_session_save_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(crm_session_restore_json(&back, reworded, json, strlen(json), NULL) == CRM_OK);
  CHECK(back != NULL);
  crm_string_free(json);
  crm_session_free(back);
  crm_session_free(s);
  crm_ruleset_free(reworded);
  crm_ruleset_free(rules);
}

static void test_save_restore(void) {
  crm_ruleset *rules = NULL, *changed = NULL, *builtin = NULL;
  crm_session *s = NULL, *back = NULL, *copy = NULL;
  crm_error *err = NULL;
  unsigned char buffer[4096];
  unsigned char small[8];
  size_t n = 0, needed = 0;
  char *json = NULL, *json_back = NULL;
  const char *state = NULL;
  CHECK(crm_ruleset_load(&rules, S(ORDERS), NULL) == CRM_OK);
  CHECK(crm_ruleset_load(&changed, S(ORDERS_CHANGED), NULL) == CRM_OK);
  CHECK(crm_session_create(&s, rules, S("order"), NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("add"), S("{\"amount\": 12.50}"), 1, NULL) == CRM_OK);

  CHECK(crm_session_save(small, sizeof small, &needed, s, &err) == CRM_E_BUFFER_TOO_SMALL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_save(buffer, sizeof buffer, &n, s, NULL) == CRM_OK);
  CHECK(n == needed && n > 28);
  CHECK(memcmp(buffer, "CRMS", 4) == 0);
  CHECK(crm_session_restore(&back, rules, buffer, n, &err) == CRM_OK);
  CHECK(crm_session_save_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(crm_session_save_json(&json_back, NULL, back, NULL) == CRM_OK);
  CHECK(json != NULL && json_back != NULL && strcmp(json, json_back) == 0);
  crm_string_free(json_back);
  CHECK(crm_session_fire(back, S("ship"), NULL, 0, 2, NULL) == CRM_OK);
  CHECK(crm_session_state(&state, NULL, back, NULL) == CRM_OK && strcmp(state, "shipped") == 0);
  crm_session_free(back);
  back = NULL;

  /* Truncated, damaged, another definition. */
  CHECK(crm_session_restore(&back, rules, buffer, n - 1, &err) == CRM_E_CORRUPT);
  CHECK(contains(crm_error_message(err), "truncated"));
  crm_error_free(err);
  err = NULL;
  buffer[n / 2] ^= 1;
  CHECK(crm_session_restore(&back, rules, buffer, n, &err) == CRM_E_CORRUPT);
  crm_error_free(err);
  err = NULL;
  buffer[n / 2] ^= 1;
  CHECK(buffer[4] == 2); /* the format this library writes unsealed; it reads 1, 2 and 3 */
  buffer[4] = 4;
  CHECK(crm_session_restore(&back, rules, buffer, n, &err) == CRM_E_VERSION_MISMATCH);
  CHECK(contains(crm_error_message(err), "saved session format 4 is not supported"));
  crm_error_free(err);
  err = NULL;
  buffer[4] = 2;
  CHECK(crm_session_restore(&back, changed, buffer, n, &err) == CRM_E_VERSION_MISMATCH);
  CHECK(contains(crm_error_message(err), "has changed since the session was saved"));
  crm_error_free(err);
  err = NULL;
  CHECK(back == NULL);

  /* JSON. */
  CHECK(crm_session_restore_json(&back, rules, json, strlen(json), NULL) == CRM_OK);
  crm_session_free(back);
  back = NULL;
  CHECK(crm_session_restore_json(&back, changed, json, strlen(json), &err) == CRM_E_VERSION_MISMATCH);
  CHECK(strcmp(crm_error_pointer(err), "/definition") == 0);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_restore_json(&back, rules, json, 10, &err) == CRM_E_PARSE);
  crm_error_free(err);
  crm_string_free(json);

  /* A copy is independent. */
  CHECK(crm_session_copy(&copy, s, NULL) == CRM_OK);
  CHECK(crm_session_fire(copy, S("ship"), NULL, 0, 3, NULL) == CRM_OK);
  CHECK(crm_session_state(&state, NULL, s, NULL) == CRM_OK && strcmp(state, "draft") == 0);

  /* The built-in rule set restores built-in sessions. */
  CHECK(crm_ruleset_load_builtin_machines(&builtin, NULL) == CRM_OK);
  CHECK(crm_ruleset_machines_json(&json, NULL, builtin, NULL) == CRM_OK);
  CHECK(strcmp(json, "[\"spin\", \"fabe\", \"lscpa\", \"complaint\"]") == 0);
  crm_string_free(json);
  crm_session_free(s);
  CHECK(crm_session_create(&s, builtin, S("spin"), NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("problem_question"), S("{\"need\": \"uptime\", \"finding\": \"breaks down\"}"), 1, NULL) == CRM_OK);
  CHECK(crm_session_needs_json(&json, NULL, s, NULL) == CRM_OK && contains(json, "\"explicit\": false"));
  crm_string_free(json);
  CHECK(crm_session_save(buffer, sizeof buffer, &n, s, NULL) == CRM_OK);
  CHECK(crm_session_restore(&back, builtin, buffer, n, NULL) == CRM_OK);
  CHECK(crm_session_restore(&back, rules, buffer, n, &err) == CRM_E_VERSION_MISMATCH);
  crm_error_free(err);
  {
    size_t len = 0;
    const char *text = crm_builtin_machines_json(&len);
    CHECK(len > 1000 && text[0] == '{');
  }
  crm_session_free(back);
  crm_session_free(copy);
  crm_session_free(s);
  crm_session_free(NULL);
  crm_ruleset_free(builtin);
  crm_ruleset_free(changed);
  crm_ruleset_free(rules);
}

static const unsigned char KEY[32] = {0x3a, 0x91, 0x07, 0xc2, 0x55, 0xe8, 0x1f, 0x6d, 0xa0, 0x4b, 0x99,
                                      0x12, 0xfe, 0x70, 0x28, 0xd3, 0x64, 0x0c, 0xb7, 0x81, 0x5e, 0x2a,
                                      0xc9, 0x36, 0x4f, 0xe1, 0x08, 0x9d, 0x73, 0xba, 0x15, 0x60};

/* Restores `bytes` under `key` (NULL: none) and returns the status, freeing what it made. */
static crm_status restore_status(const crm_ruleset *rules, const unsigned char *bytes, size_t n,
                                 const unsigned char *key, size_t key_len) {
  crm_session_restore_options options = CRM_SESSION_RESTORE_OPTIONS_INIT;
  crm_session *back = NULL;
  crm_status status;
  options.key = key;
  options.key_len = key_len;
  status = crm_session_restore_with(&back, rules, bytes, n, &options, NULL);
  CHECK((status == CRM_OK) == (back != NULL));
  crm_session_free(back);
  return status;
}

/* Sealed sessions: saved under a key, restored only under it and only unchanged. */
static void test_sealed(void) {
  crm_ruleset *rules = NULL;
  crm_session *s = NULL, *back = NULL;
  crm_error *err = NULL;
  crm_session_save_options save = CRM_SESSION_SAVE_OPTIONS_INIT;
  crm_session_restore_options restore = CRM_SESSION_RESTORE_OPTIONS_INIT;
  unsigned char sealed[4096], plain[4096], other_key[32];
  size_t n = 0, plain_n = 0, i = 0;
  char *json = NULL, *json_back = NULL, *plain_json = NULL;
  CHECK(strcmp(crm_status_name(CRM_E_UNAUTHENTICATED), "unauthenticated") == 0);
  CHECK(crm_ruleset_load(&rules, S(ORDERS), NULL) == CRM_OK);
  CHECK(crm_session_create(&s, rules, S("order"), NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("add"), S("{\"amount\": 12.50}"), 1, NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("add"), S("{\"amount\": 7}"), 2, NULL) == CRM_OK);

  /* The defaults (INIT, or NULL options) are the unsealed calls. */
  CHECK(crm_session_save(plain, sizeof plain, &plain_n, s, NULL) == CRM_OK);
  CHECK(crm_session_save_with(sealed, sizeof sealed, &n, s, &save, NULL) == CRM_OK);
  CHECK(n == plain_n && memcmp(sealed, plain, n) == 0);
  CHECK(crm_session_save_with(sealed, sizeof sealed, &n, s, NULL, NULL) == CRM_OK && n == plain_n);
  CHECK(restore_status(rules, plain, plain_n, NULL, 0) == CRM_OK);

  /* Sealed: format 3, restored under the key. */
  save.key = KEY;
  save.key_len = sizeof KEY;
  restore.key = KEY;
  restore.key_len = sizeof KEY;
  CHECK(crm_session_save_with(sealed, 8, &n, s, &save, &err) == CRM_E_BUFFER_TOO_SMALL);
  CHECK(n == plain_n + 24);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_save_with(sealed, sizeof sealed, &n, s, &save, NULL) == CRM_OK);
  CHECK(sealed[4] == 3 && n == plain_n + 24);
  CHECK(crm_session_restore_with(&back, rules, sealed, n, &restore, &err) == CRM_OK);
  CHECK(crm_session_save_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(crm_session_save_json(&json_back, NULL, back, NULL) == CRM_OK);
  CHECK(strcmp(json, json_back) == 0);
  crm_string_free(json_back);
  crm_session_free(back);
  back = NULL;

  /* Every changed byte is refused. */
  for (i = 0; i < n; ++i) {
    sealed[i] ^= 1;
    CHECK(restore_status(rules, sealed, n, KEY, sizeof KEY) != CRM_OK);
    sealed[i] ^= 1;
  }
  CHECK(restore_status(rules, sealed, n, KEY, sizeof KEY) == CRM_OK);
  /* Unsealed under the key, sealed without it, another key: unauthenticated. */
  CHECK(crm_session_restore_with(&back, rules, plain, plain_n, &restore, &err) == CRM_E_UNAUTHENTICATED);
  CHECK(contains(crm_error_message(err), "not sealed"));
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_restore(&back, rules, sealed, n, &err) == CRM_E_UNAUTHENTICATED);
  CHECK(contains(crm_error_message(err), "restore it with the key it was sealed under"));
  crm_error_free(err);
  err = NULL;
  memcpy(other_key, KEY, sizeof KEY);
  other_key[0] ^= 1;
  CHECK(restore_status(rules, sealed, n, other_key, sizeof other_key) == CRM_E_UNAUTHENTICATED);
  CHECK(back == NULL);

  /* JSON: a "seal" member; a changed value is refused. */
  CHECK(crm_session_save_json_with(&json_back, NULL, s, &save, NULL) == CRM_OK);
  CHECK(contains(json_back, "\"seal\": \"hmac-sha256:"));
  CHECK(crm_session_restore_json_with(&back, rules, json_back, strlen(json_back), &restore, NULL) == CRM_OK);
  crm_session_free(back);
  back = NULL;
  CHECK(crm_session_restore_json(&back, rules, json_back, strlen(json_back), &err) == CRM_E_UNAUTHENTICATED);
  CHECK(strcmp(crm_error_pointer(err), "/seal") == 0);
  crm_error_free(err);
  err = NULL;
  {
    char *total = strstr(json_back, "\"total\": \"19.5\"");
    CHECK(total != NULL);
    if (total != NULL) total[11] = '8'; /* 19.5 -> 18.5 */
    CHECK(crm_session_restore_json_with(&back, rules, json_back, strlen(json_back), &restore, &err) ==
          CRM_E_UNAUTHENTICATED);
    CHECK(contains(crm_error_message(err), "the seal does not match"));
    crm_error_free(err);
    err = NULL;
  }
  crm_string_free(json_back);
  CHECK(crm_session_restore_json_with(&back, rules, json, strlen(json), &restore, &err) == CRM_E_UNAUTHENTICATED);
  crm_error_free(err);
  err = NULL;

  /* Keys and options that are wrong: invalid_argument, the outputs left as they were. */
  save.key_len = 15;
  n = 7;
  CHECK(crm_session_save_with(sealed, sizeof sealed, &n, s, &save, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(contains(crm_error_message(err), "at least 16 bytes"));
  crm_error_free(err);
  err = NULL;
  CHECK(crm_session_save_json_with(&plain_json, NULL, s, &save, NULL) == CRM_E_INVALID_ARGUMENT && plain_json == NULL);
  restore.key_len = 15;
  CHECK(crm_session_restore_with(&back, rules, sealed, sizeof sealed, &restore, NULL) == CRM_E_INVALID_ARGUMENT);
  restore.key = NULL;
  restore.key_len = 32;
  CHECK(crm_session_restore_with(&back, rules, plain, plain_n, &restore, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(contains(crm_error_message(err), "key NULL but key_len 32"));
  crm_error_free(err);
  err = NULL;
  restore.key_len = 0;
  restore.size = 0;
  CHECK(crm_session_restore_with(&back, rules, plain, plain_n, &restore, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(contains(crm_error_message(err), "CRM_SESSION_RESTORE_OPTIONS_INIT"));
  crm_error_free(err);
  CHECK(back == NULL);

  crm_string_free(json);
  crm_session_free(s);
  crm_ruleset_free(rules);
}

/* JSON sessions without a key are checked strictly: the forgeries are refused. */
static void test_strict_json(void) {
  crm_ruleset *rules = NULL;
  crm_session *s = NULL, *back = NULL;
  crm_error *err = NULL;
  char *json = NULL;
  const char *forged_context =
      "{\"crmrules_session\": 1, \"rule_set\": \"orders\", \"rule_set_version\": \"1.0\", \"machine\": \"order\","
      " \"machine_version\": \"1.0\", \"definition\": \"%.16s\", \"state\": \"draft\", \"last_transition\": 0,"
      " \"context\": {}, \"needs\": [], \"audit\": []}";
  char text[1024];
  CHECK(crm_ruleset_load(&rules, S(ORDERS), NULL) == CRM_OK);
  CHECK(crm_session_create(&s, rules, S("order"), NULL) == CRM_OK);
  CHECK(crm_session_fire(s, S("add"), S("{\"amount\": 12.50}"), 1, NULL) == CRM_OK);
  CHECK(crm_session_save_json(&json, NULL, s, NULL) == CRM_OK);
  CHECK(crm_session_restore_json(&back, rules, json, strlen(json), NULL) == CRM_OK);
  crm_session_free(back);
  back = NULL;
  {
    /* "context": {} no longer resets anything: every field must be there. */
    const char *definition = strstr(json, "\"definition\": \"");
    CHECK(definition != NULL);
    if (definition != NULL) snprintf(text, sizeof text, forged_context, definition + 15);
    CHECK(crm_session_restore_json(&back, rules, text, strlen(text), &err) == CRM_E_MISSING);
    CHECK(strcmp(crm_error_pointer(err), "/context/total") == 0);
    crm_error_free(err);
    err = NULL;
  }
  {
    /* A counter set back: the audit trail, replayed, gives another total. */
    char *total = strstr(json, "\"total\": \"12.5\"");
    CHECK(total != NULL);
    if (total != NULL) total[10] = '2'; /* 12.5 -> 22.5 */
    CHECK(crm_session_restore_json(&back, rules, json, strlen(json), &err) == CRM_E_CORRUPT);
    CHECK(strcmp(crm_error_pointer(err), "/context/total") == 0);
    CHECK(contains(crm_error_message(err), "context field 'total' is 22.5, but replaying the audit trail gives 12.5"));
    CHECK(crm_error_line(err) == 1);
    crm_error_free(err);
    err = NULL;
  }
  CHECK(back == NULL);
  crm_string_free(json);
  crm_session_free(s);
  crm_ruleset_free(rules);
}

/* A script replayed: each step fired or failed in the report, the failed ones placed in the
 * script, the session going on; a script that is not an array is the call's error. */
static void test_replay(void) {
  crm_ruleset *rules = NULL;
  crm_session *s = NULL;
  crm_error *err = NULL;
  const char *state = NULL;
  char *report = NULL, *before = NULL, *after = NULL;
  size_t len = 0;
  const char *script =
      "[\n"
      "  {\"event\": \"add\", \"data\": {\"amount\": 40}, \"time\": 10},\n"
      "  {\"event\": \"add\", \"data\": {\"amount\": true}},\n"
      "  {\"event\": \"shipp\", \"note\": \"a typo\"},\n"
      "  {\"event\": \"ship\", \"time\": 20}\n"
      "]";
  CHECK(crm_ruleset_load(&rules, S(ORDERS), NULL) == CRM_OK);
  CHECK(crm_session_create(&s, rules, S("order"), NULL) == CRM_OK);
  CHECK(crm_session_replay_json(&report, &len, s, S(script), &err) == CRM_OK);
  CHECK(report != NULL && len == strlen(report));
  CHECK(contains(report, "{\"fired\": 2, \"failed\": 2, \"steps\": [{\"step\": 1, \"event\": \"add\", \"time\": 10, "
                         "\"from\": \"draft\", \"to\": \"draft\", \"recommendations\": []}"));
  CHECK(contains(report, "{\"step\": 2, \"error\": {\"code\": \"type_mismatch\""));
  CHECK(contains(report, "\"pointer\": \"/1/data/amount\", \"line\": 3, \"column\": 39"));
  CHECK(contains(report, "(did you mean 'ship'?)\"}, \"state\": \"draft\"}"));
  CHECK(contains(report, "{\"step\": 4, \"event\": \"ship\", \"time\": 20, \"from\": \"draft\", \"to\": \"shipped\""));
  crm_string_free(report);
  CHECK(crm_session_state(&state, NULL, s, NULL) == CRM_OK && strcmp(state, "shipped") == 0);

  /* The script's own errors: nothing fires, the output is left as it was. */
  before = snapshot(s);
  report = NULL;
  CHECK(crm_session_replay_json(&report, NULL, s, S("[{\"event\": \"ship\"},\n  oops]"), &err) == CRM_E_PARSE);
  CHECK(crm_error_line(err) == 2 && report == NULL);
  crm_error_free(err);
  CHECK(crm_session_replay_json(&report, NULL, s, S("{\"event\": \"ship\"}"), &err) == CRM_E_TYPE_MISMATCH);
  CHECK(strcmp(crm_error_pointer(err), "/") == 0);
  crm_error_free(err);
  CHECK(crm_session_replay_json(&report, NULL, s, S("[{\"event\": \"add\", \"data\": {\"amount\": 0.12345678901234567}}]"),
                                &err) == CRM_E_OUT_OF_RANGE);
  crm_error_free(err);
  CHECK(crm_session_replay_json(&report, NULL, s, "\xff", 1, &err) == CRM_E_INVALID_UTF8);
  crm_error_free(err);
  CHECK(crm_session_replay_json(NULL, NULL, s, S("[]"), &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "'out'") != NULL);
  crm_error_free(err);
  CHECK(crm_session_replay_json(&report, NULL, NULL, S("[]"), NULL) == CRM_E_INVALID_ARGUMENT);
  after = snapshot(s);
  CHECK(report == NULL && strcmp(before, after) == 0);
  crm_string_free(before);
  crm_string_free(after);

  CHECK(crm_session_replay_json(&report, NULL, s, NULL, 0, NULL) == CRM_E_PARSE); /* no text is not JSON */
  CHECK(crm_session_replay_json(&report, NULL, s, S("[]"), NULL) == CRM_OK);
  CHECK(report != NULL && strcmp(report, "{\"fired\": 0, \"failed\": 0, \"steps\": []}") == 0);
  crm_string_free(report);
  crm_session_free(s);
  crm_ruleset_free(rules);
}

/* A machine's (state, event) table counts against the rule set's table_rows: ORDERS has 2
 * states and 4 events, 8 cells. */
static void test_machine_size_limit(void) {
  crm_ruleset *rules = NULL;
  crm_error *err = NULL;
  crm_ruleset_limits limits = CRM_RULESET_LIMITS_INIT;
  limits.table_rows = 7;
  CHECK(crm_ruleset_load_limited(&rules, S(ORDERS), &limits, &err) == CRM_E_OUT_OF_RANGE && rules == NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "table of 8 cells") != NULL);
  crm_error_free(err);
  limits.table_rows = 8;
  CHECK(crm_ruleset_load_limited(&rules, S(ORDERS), &limits, NULL) == CRM_OK);
  crm_ruleset_free(rules);
}

int main(void) {
  test_price_objection();
  test_accepted_unchecked();
  test_small_deal();
  test_lang_and_classifiers();
  test_errors_leave_session_unchanged();
  test_illegal_event_lists_allowed();
  test_save_restore();
  test_restore_reworded();
  test_sealed();
  test_strict_json();
  test_replay();
  test_machine_size_limit();
  return check_summary();
}
