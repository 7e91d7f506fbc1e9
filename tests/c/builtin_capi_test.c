/* The built-in default rule set through the C ABI, from pure C99 against the shared
 * library: a handle, its own tests, its JSON text, and grading the deck's customers one by
 * one and in a batch where one bad record does not stop the rest. */
#include <crmrules.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define S(literal) literal, strlen(literal)

/* Removes the whitespace between JSON tokens, in place, so that texts compare exactly. */
static void compact(char *json) {
  char *to = json;
  int in_string = 0, escaped = 0;
  for (; *json; ++json) {
    const char c = *json;
    if (in_string) {
      if (escaped) escaped = 0;
      else if (c == '\\') escaped = 1;
      else if (c == '"') in_string = 0;
    } else if (c == '"') {
      in_string = 1;
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      continue;
    }
    *to++ = c;
  }
  *to = '\0';
}

static crm_ruleset *builtin(void) {
  crm_ruleset *rules = NULL;
  crm_error *err = NULL;
  if (crm_ruleset_builtin(&rules, &err) != CRM_OK) {
    fprintf(stderr, "no built-in rule set: %s\n", crm_error_message(err));
    crm_error_free(err);
    exit(1);
  }
  return rules;
}

static size_t input(const crm_ruleset *rules, const char *name) {
  size_t i = (size_t)-1;
  CHECK(crm_ruleset_input_index(&i, rules, name, strlen(name), NULL) == CRM_OK);
  return i;
}

static size_t output(const crm_ruleset *rules, const char *name) {
  size_t i = (size_t)-1;
  CHECK(crm_ruleset_output_index(&i, rules, name, strlen(name), NULL) == CRM_OK);
  return i;
}

static int string_output_is(const crm_record *record, size_t index, const char *expected) {
  const char *s = NULL;
  size_t len = 0;
  if (crm_record_output_string(&s, &len, record, index, NULL) != CRM_OK) return 0;
  return len == strlen(expected) && memcmp(s, expected, len) == 0;
}

static int decimal_output_is(const crm_record *record, size_t index, const char *expected) {
  crm_decimal d;
  char buf[64];
  size_t len = 0;
  if (crm_record_output_decimal(&d, record, index, NULL) != CRM_OK) return 0;
  if (crm_decimal_format(buf, sizeof buf, &len, &d, NULL) != CRM_OK) return 0;
  return strcmp(buf, expected) == 0;
}

static void set_money(crm_record *record, const crm_ruleset *rules, const char *name, const char *amount) {
  crm_decimal d;
  memset(&d, 0, sizeof d);
  CHECK(crm_decimal_parse(&d, amount, strlen(amount), NULL) == CRM_OK);
  CHECK(crm_record_set_decimal(record, input(rules, name), &d, NULL) == CRM_OK);
}

static void test_handle_and_text(void) {
  crm_ruleset *a = builtin(), *b = builtin();
  const char *name = NULL, *text = NULL;
  size_t len = 0, n = 0;
  crm_error *err = NULL;
  crm_ruleset *copy = NULL;
  CHECK(a != b); /* two handles, each freed on its own */
  CHECK(crm_ruleset_name(&name, a, NULL) == CRM_OK && strcmp(name, "crmrules-default") == 0);
  CHECK(crm_ruleset_input_count(&n, a, NULL) == CRM_OK && n == 39);
  CHECK(crm_ruleset_builtin_json(&text, &len, NULL) == CRM_OK);
  CHECK(len > 1000 && strlen(text) == len && text[0] == '{');
  CHECK(strstr(text, "\"annual_purchases\"") != NULL);
  CHECK(crm_ruleset_builtin_json(&text, NULL, NULL) == CRM_OK); /* out_len may be NULL */
  /* The text is a rule set that loads as it is: users copy it and change it. */
  CHECK(crm_ruleset_load(&copy, text, len, NULL) == CRM_OK);
  CHECK(crm_ruleset_output_count(&n, copy, NULL) == CRM_OK && n > 20);
  crm_ruleset_free(copy);
  /* NULL out-pointers are refused, naming the parameter. */
  CHECK(crm_ruleset_builtin(NULL, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(err != NULL && strstr(crm_error_message(err), "out") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_ruleset_builtin_json(NULL, &len, &err) == CRM_E_INVALID_ARGUMENT);
  crm_error_free(err);
  crm_ruleset_free(a);
  crm_ruleset_free(b);
}

static void test_own_tests(void) {
  crm_ruleset *rules = builtin();
  char *report = NULL;
  size_t failures = 99;
  CHECK(crm_ruleset_run_tests(&report, NULL, &failures, rules, NULL) == CRM_OK);
  CHECK(failures == 0);
  CHECK(report != NULL);
  if (report) compact(report);
  CHECK(report != NULL && strstr(report, "\"deck: Huaqiang Trading (华强工贸) grades B2\"") != NULL);
  CHECK(report != NULL && strstr(report, "\"percent\":100.00") != NULL);
  if (report && !strstr(report, "\"percent\":100.00")) fprintf(stderr, "%.300s\n", report);
  crm_string_free(report);
  crm_ruleset_free(rules);
}

static void test_deck_customers_one_by_one(void) {
  crm_ruleset *rules = builtin();
  crm_record *record = NULL;
  crm_error *err = NULL;
  const size_t grade = output(rules, "value_grade"), score = output(rules, "value_score");
  const size_t plan = output(rules, "service_plan"), limit = output(rules, "credit_limit");
  CHECK(crm_record_create(&record, rules, NULL) == CRM_OK);

  /* 华强工贸 (Huaqiang Trading): B2 */
  set_money(record, rules, "annual_purchases", "5000000");
  set_money(record, rules, "annual_discount", "870000");
  set_money(record, rules, "contact_cost", "200000");
  set_money(record, rules, "annual_net_profit", "500000");
  set_money(record, rules, "historical_contribution", "4000000");
  set_money(record, rules, "cooperation", "7");
  set_money(record, rules, "budgeted_total_profit", "6000000");
  CHECK(crm_record_set_string(record, input(rules, "background"), S("none"), NULL) == CRM_OK);
  CHECK(crm_record_set_string(record, input(rules, "potential"), S("C1"), NULL) == CRM_OK);
  CHECK(crm_record_set_string(record, input(rules, "influence"), S("A1"), NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(string_output_is(record, grade, "B2"));
  CHECK(decimal_output_is(record, score, "49.25"));
  CHECK(string_output_is(record, plan, "B-retention"));
  CHECK(decimal_output_is(record, limit, "250000.00")); /* BB: 5% of purchases */

  /* Satisfaction by its Chinese label, by number, and a label that is not on the scale. */
  CHECK(crm_record_set_string(record, input(rules, "satisfaction"), S("不满意"), NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(string_output_is(record, output(rules, "satisfaction_label"), "dissatisfied"));
  CHECK(string_output_is(record, plan, "B-objection"));
  CHECK(crm_record_set_string(record, input(rules, "satisfaction"), S("7"), NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(decimal_output_is(record, output(rules, "satisfaction_index"), "100"));
  CHECK(crm_record_set_string(record, input(rules, "satisfaction"), S("happy"), &err) == CRM_E_OUT_OF_RANGE);
  CHECK(err != NULL && strcmp(crm_error_pointer(err), "/satisfaction") == 0);
  crm_error_free(err);
  err = NULL;

  /* A required field left out: the evaluation names it. */
  CHECK(crm_record_clear(record, NULL) == CRM_OK);
  set_money(record, rules, "annual_net_profit", "1");
  CHECK(crm_ruleset_evaluate(rules, record, &err) == CRM_E_MISSING);
  CHECK(err != NULL && strstr(crm_error_message(err), "annual_purchases") != NULL);
  crm_error_free(err);

  crm_record_free(record);
  crm_ruleset_free(rules);
}

static void test_batch(void) {
  crm_ruleset *rules = builtin();
  char *out = NULL;
  const char *batch =
      "[{\"annual_purchases\": 130000000, \"annual_discount\": 13000000, \"contact_cost\": 300000,"
      "  \"annual_net_profit\": 20000000, \"historical_contribution\": 57000000, \"cooperation\": 5,"
      "  \"budgeted_total_profit\": 250000000, \"background\": \"technology\", \"potential\": \"A1\", \"influence\": \"A1\"},"
      " {\"annual_purchases\": \"lots\", \"annual_net_profit\": 1},"
      " {\"annual_purchases\": 50000000, \"annual_discount\": 2300000, \"contact_cost\": 700000,"
      "  \"annual_net_profit\": 6000000, \"historical_contribution\": 15000000, \"cooperation\": 3,"
      "  \"budgeted_total_profit\": 100000000, \"background\": \"政府关系\", \"potential\": \"A1\", \"influence\": \"B\"}]";
  const char *first, *error, *third;
  CHECK(crm_ruleset_evaluate_json_batch(&out, NULL, rules, batch, strlen(batch), NULL) == CRM_OK);
  CHECK(out != NULL);
  if (out) {
    compact(out);
    first = strstr(out, "\"value_grade\":\"A1\"");
    error = strstr(out, "\"error\"");
    third = first ? strstr(first + 1, "\"value_grade\":\"A1\"") : NULL;
    CHECK(first != NULL && error != NULL && third != NULL);
    CHECK(first < error && error < third);
    CHECK(strstr(out, "annual_purchases") != NULL);
    CHECK(error == NULL || strstr(error + 1, "\"error\"") == NULL);
  }
  crm_string_free(out);
  crm_ruleset_free(rules);
}

static void set_text(crm_record *record, const crm_ruleset *rules, const char *name, const char *text) {
  crm_error *err = NULL;
  CHECK(crm_record_set_string(record, input(rules, name), text, strlen(text), &err) == CRM_OK);
  if (err) fprintf(stderr, "%s: %s\n", name, crm_error_message(err));
  crm_error_free(err);
}

/* Huawei as the deck writes it: 1.3亿, 万, 5/10 and 国际领先技术 read exactly; ambiguous and
 * misspelt text is refused, naming the field. */
static void test_deck_notation(void) {
  crm_ruleset *rules = builtin();
  crm_record *record = NULL;
  crm_error *err = NULL;
  CHECK(crm_record_create(&record, rules, NULL) == CRM_OK);
  set_text(record, rules, "annual_purchases", "1.3亿");
  set_text(record, rules, "annual_discount", "1300万");
  set_text(record, rules, "contact_cost", "３０万");
  set_text(record, rules, "annual_net_profit", "2000万");
  set_text(record, rules, "historical_contribution", "5700万");
  set_text(record, rules, "cooperation", "5/10");
  set_text(record, rules, "budgeted_total_profit", "2.5亿");
  set_text(record, rules, "background", "国际领先技术");
  set_text(record, rules, "potential", "A1");
  set_text(record, rules, "influence", "A1");
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(decimal_output_is(record, output(rules, "value_score"), "95.50"));
  CHECK(string_output_is(record, output(rules, "value_grade"), "A1"));
  CHECK(decimal_output_is(record, output(rules, "credit_limit"), "6500000.00"));

  const char *ambiguous = "1.3.5万";
  CHECK(crm_record_set_string(record, input(rules, "annual_purchases"), ambiguous, strlen(ambiguous), &err) == CRM_E_PARSE);
  CHECK(err != NULL && strstr(crm_error_message(err), "annual_purchases") != NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "more than one decimal point") != NULL);
  crm_error_free(err);
  err = NULL;
  const char *typo = "国际领先技";
  CHECK(crm_record_set_string(record, input(rules, "background"), typo, strlen(typo), &err) == CRM_E_OUT_OF_RANGE);
  CHECK(err != NULL && strstr(crm_error_message(err), "did you mean '国际领先技术'") != NULL);
  crm_error_free(err);
  crm_record_free(record);
  crm_ruleset_free(rules);
}

/* Credit by 5P and by 6A beside 6C: credit_method picks the score that grades (by its
 * label or the deck's 5P评估); the 6C score stays what it was; an unknown method is refused. */
static void test_credit_methods(void) {
  crm_ruleset *rules = builtin();
  crm_record *record = NULL;
  crm_error *err = NULL;
  const size_t grade = output(rules, "credit_grade");
  CHECK(crm_record_create(&record, rules, NULL) == CRM_OK);
  set_money(record, rules, "annual_purchases", "10000000");
  set_money(record, rules, "annual_net_profit", "1000000");
  set_text(record, rules, "credit_method", "5P评估");
  set_text(record, rules, "payment", "1");
  set_text(record, rules, "purpose", "3");
  set_text(record, rules, "personal", "8");
  set_text(record, rules, "perspective", "7");
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(decimal_output_is(record, output(rules, "credit_5p_score"), "48.00"));
  CHECK(string_output_is(record, output(rules, "credit_5p_score_reasons"), "WEAK_PAYMENT,WEAK_PURPOSE,WEAK_PROTECTION"));
  CHECK(decimal_output_is(record, output(rules, "credit_score"), "50.00"));
  CHECK(string_output_is(record, grade, "B"));
  set_text(record, rules, "credit_method", "6A");
  set_text(record, rules, "financial", "10");
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(decimal_output_is(record, output(rules, "credit_6a_score"), "60.00"));
  CHECK(string_output_is(record, grade, "BBB"));
  set_text(record, rules, "credit_method", "6c");
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(string_output_is(record, grade, "BB"));
  CHECK(crm_record_set_string(record, input(rules, "credit_method"), S("7C"), &err) == CRM_E_OUT_OF_RANGE);
  CHECK(err != NULL && strcmp(crm_error_pointer(err), "/credit_method") == 0);
  crm_error_free(err);
  crm_record_free(record);
  crm_ruleset_free(rules);
}

int main(void) {
  test_handle_and_text();
  test_own_tests();
  test_deck_customers_one_by_one();
  test_deck_notation();
  test_credit_methods();
  test_batch();
  return check_summary();
}
