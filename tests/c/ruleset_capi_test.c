/* The rule-set part of the C ABI, tested from pure C99 against the shared library with
 * tests/data/grading.json (path given as argv[1]). */
#include <crmrules.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "decimals.h"

#define S(literal) literal, strlen(literal)

static const char *path;

static crm_ruleset *load(void) {
  crm_ruleset *rules = NULL;
  crm_error *err = NULL;
  if (crm_ruleset_load_file(&rules, S(path), &err) != CRM_OK) {
    fprintf(stderr, "cannot load %s: %s\n", path, crm_error_message(err));
    crm_error_free(err);
    exit(1);
  }
  return rules;
}

static int output_is(const crm_record *record, size_t output, const char *expected) {
  crm_value_kind kind;
  char buf[64];
  const char *s = NULL;
  size_t len = 0;
  crm_decimal d;
  int b;
  if (crm_record_output_kind(&kind, record, output, NULL) != CRM_OK) return 0;
  switch (kind) {
    case CRM_VALUE_DECIMAL:
      if (crm_record_output_decimal(&d, record, output, NULL) != CRM_OK) return 0;
      if (crm_decimal_format(buf, sizeof buf, &len, &d, NULL) != CRM_OK) return 0;
      return strcmp(buf, expected) == 0;
    case CRM_VALUE_STRING:
      if (crm_record_output_string(&s, &len, record, output, NULL) != CRM_OK) return 0;
      return strlen(expected) == len && memcmp(s, expected, len) == 0;
    case CRM_VALUE_BOOL:
      if (crm_record_output_bool(&b, record, output, NULL) != CRM_OK) return 0;
      return strcmp(b ? "true" : "false", expected) == 0;
    default:
      return strcmp(expected, "null") == 0;
  }
}

static void test_introspection(void) {
  crm_ruleset *rules = load();
  const char *s = NULL;
  size_t n = 0, i = 99;
  CHECK(crm_ruleset_name(&s, rules, NULL) == CRM_OK && strcmp(s, "grading-fixture") == 0);
  CHECK(crm_ruleset_version(&s, rules, NULL) == CRM_OK && strcmp(s, "1.0.0") == 0);
  CHECK(crm_ruleset_input_count(&n, rules, NULL) == CRM_OK && n == 4);
  CHECK(crm_ruleset_input_name(&s, rules, 1, NULL) == CRM_OK && strcmp(s, "cooperation") == 0);
  CHECK(crm_ruleset_input_name(&s, rules, 4, NULL) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_ruleset_input_index(&i, rules, S("sector"), NULL) == CRM_OK && i == 2);
  CHECK(crm_ruleset_input_index(&i, rules, S("sectr"), NULL) == CRM_E_UNKNOWN_NAME);
  CHECK(crm_ruleset_output_count(&n, rules, NULL) == CRM_OK && n == 4);
  CHECK(crm_ruleset_output_name(&s, rules, 2, NULL) == CRM_OK && strcmp(s, "value_grade") == 0);
  CHECK(crm_ruleset_output_name(&s, rules, 9, NULL) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_ruleset_output_index(&i, rules, S("key_account"), NULL) == CRM_OK && i == 3);
  CHECK(crm_ruleset_output_index(&i, rules, S("nope"), NULL) == CRM_E_UNKNOWN_NAME);
  crm_ruleset_free(rules);
  crm_ruleset_free(NULL);
}

static void test_typed_record(void) {
  crm_ruleset *rules = load();
  crm_record *record = NULL;
  crm_decimal purchases = dec("8000000"), six = dec("6"), eleven = dec("11");
  crm_error *err = NULL;
  char *trace = NULL;
  size_t len = 0;
  CHECK(crm_record_create(&record, rules, NULL) == CRM_OK);
  CHECK(crm_record_set_decimal(record, 0, &purchases, NULL) == CRM_OK);
  CHECK(crm_record_set_decimal_by_name(record, S("cooperation"), &six, NULL) == CRM_OK);
  CHECK(crm_record_set_string_by_name(record, S("sector"), S("retail"), NULL) == CRM_OK);
  CHECK(crm_record_set_string(record, 3, S("华强工贸"), NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(output_is(record, 0, "71.00"));
  CHECK(output_is(record, 1, ""));
  CHECK(output_is(record, 2, "B1"));
  CHECK(output_is(record, 3, "false"));
  /* bad values keep the old one */
  CHECK(crm_record_set_decimal(record, 1, &eleven, &err) == CRM_E_OUT_OF_RANGE);
  CHECK(strstr(crm_error_message(err), "cooperation") != NULL);
  CHECK(strcmp(crm_error_pointer(err), "/cooperation") == 0);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_record_set_string(record, 2, S("mining"), NULL) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_record_set_bool(record, 0, 1, NULL) == CRM_E_TYPE_MISMATCH);
  CHECK(crm_record_set_bool_by_name(record, S("purchase"), 1, &err) == CRM_E_UNKNOWN_NAME);
  CHECK(strstr(crm_error_message(err), "did you mean 'purchases'") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_record_set_decimal(record, 7, &six, NULL) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(output_is(record, 0, "71.00"));
  /* reading an output as the wrong kind, or one that does not exist */
  CHECK(crm_record_output_bool((int[]){0}, record, 0, NULL) == CRM_E_TYPE_MISMATCH);
  CHECK(crm_record_output_decimal(&six, record, 2, NULL) == CRM_E_TYPE_MISMATCH);
  CHECK(crm_record_output_string((const char *[]){NULL}, NULL, record, 9, NULL) == CRM_E_OUT_OF_RANGE);
  /* the trace */
  CHECK(crm_ruleset_evaluate_traced(&trace, &len, rules, record, NULL) == CRM_OK);
  CHECK(trace != NULL && strstr(trace, "\"selected_rows\": [1]") != NULL && len == strlen(trace));
  crm_string_free(trace);
  /* a missing required input */
  CHECK(crm_record_clear(record, NULL) == CRM_OK);
  CHECK(crm_record_set_null(record, 0, NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate(rules, record, &err) == CRM_E_MISSING);
  CHECK(strstr(crm_error_message(err), "purchases") != NULL);
  crm_error_free(err);
  /* after clear, the inputs given before (cooperation 6, retail) are gone: the defaults
     (cooperation 5, other) apply, as when given explicitly */
  {
    char with_defaults[64], explicit_defaults[64];
    crm_decimal score, five = dec("5");
    size_t n = 0;
    CHECK(crm_record_set_decimal(record, 0, &purchases, NULL) == CRM_OK);
    CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
    CHECK(crm_record_output_decimal(&score, record, 0, NULL) == CRM_OK);
    CHECK(crm_decimal_format(with_defaults, sizeof with_defaults, &n, &score, NULL) == CRM_OK);
    CHECK(crm_record_clear(record, NULL) == CRM_OK);
    CHECK(crm_record_set_decimal(record, 0, &purchases, NULL) == CRM_OK);
    CHECK(crm_record_set_decimal(record, 1, &five, NULL) == CRM_OK);
    CHECK(crm_record_set_string(record, 2, S("other"), NULL) == CRM_OK);
    CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
    CHECK(crm_record_output_decimal(&score, record, 0, NULL) == CRM_OK);
    CHECK(crm_decimal_format(explicit_defaults, sizeof explicit_defaults, &n, &score, NULL) == CRM_OK);
    CHECK(strcmp(with_defaults, explicit_defaults) == 0);
    CHECK(strcmp(with_defaults, "71.00") != 0);
  }
  crm_record_free(record);
  crm_record_free(NULL);
  crm_ruleset_free(rules);
}

static void test_batch_of_records(void) {
  crm_ruleset *rules = load();
  crm_record *records[3];
  crm_status statuses[3];
  crm_decimal big = dec("10000000");
  int k;
  for (k = 0; k < 3; ++k) {
    records[k] = NULL;
    CHECK(crm_record_create(&records[k], rules, NULL) == CRM_OK);
  }
  CHECK(crm_record_set_decimal(records[0], 0, &big, NULL) == CRM_OK);
  CHECK(crm_record_set_decimal(records[2], 0, &big, NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate_records(rules, records, 3, statuses, NULL) == CRM_E_MISSING);
  CHECK(statuses[0] == CRM_OK && statuses[1] == CRM_E_MISSING && statuses[2] == CRM_OK);
  CHECK(output_is(records[2], 2, "B1"));
  for (k = 0; k < 3; ++k) crm_record_free(records[k]);
  CHECK(crm_ruleset_evaluate_records(rules, NULL, 0, NULL, NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate_records(rules, NULL, 2, statuses, NULL) == CRM_E_INVALID_ARGUMENT);
  crm_ruleset_free(rules);
}

static void test_json_paths(void) {
  crm_ruleset *rules = load();
  char *out = NULL;
  size_t len = 0, failures = 99;
  crm_error *err = NULL;
  CHECK(crm_ruleset_evaluate_json(&out, &len, rules, S("{\"purchases\": 10000000, \"sector\": \"tech\"}"), 0, NULL) ==
        CRM_OK);
  CHECK(out && strstr(out, "\"value_grade\": \"A1\"") != NULL);
  crm_string_free(out);
  CHECK(crm_ruleset_evaluate_json(&out, &len, rules, S("{\"purchases\": -1}"), 0, &err) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_error_line(err) == 1 && crm_error_column(err) == 15);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_ruleset_evaluate_json_batch(&out, &len, rules, S("[{\"purchases\": 0}, {\"purchase\": 1}]"), NULL) == CRM_OK);
  CHECK(out && strstr(out, "\"value_grade\": \"C1\"") != NULL && strstr(out, "\"code\": \"unknown_name\"") != NULL);
  crm_string_free(out);
  CHECK(crm_ruleset_evaluate_json_batch(&out, &len, rules, S("{}"), NULL) == CRM_E_TYPE_MISMATCH);
  CHECK(crm_ruleset_run_tests(&out, &len, &failures, rules, NULL) == CRM_OK && failures == 0);
  CHECK(out && strstr(out, "\"passed\": 4") != NULL);
  crm_string_free(out);
  crm_ruleset_free(rules);
}

/* Lists, dates, introspection of types and kinds, null by name, exact JSON numbers. */
static const char lists_rules[] =
    "{\"crmrules\": 1, \"name\": \"lists\", \"version\": \"1\","
    " \"inputs\": {\"x\": {\"type\": \"decimal\", \"required\": true}, \"since\": {\"type\": \"date\", \"default\": \"2024-03-31\"},"
    "   \"tier\": {\"type\": \"grade\", \"labels\": [\"A1\", \"B1\"], \"default\": \"B1\"}},"
    " \"decisions\": ["
    "  {\"name\": \"offers\", \"table\": {\"hit_policy\": \"OUTPUT ORDER\", \"inputs\": [\"x\"],"
    "   \"outputs\": [{\"name\": \"offer\", \"values\": [\"loan\", \"card\"]}],"
    "   \"rows\": [[\"> 0\", \"'card'\"], [\"> 10\", \"'loan'\"]]}},"
    "  {\"name\": \"start\", \"expression\": \"since\"},"
    "  {\"name\": \"same\", \"expression\": \"x\"}]}";

static void test_lists_dates_and_types(void) {
  crm_ruleset *rules = NULL;
  crm_record *record = NULL;
  crm_error *err = NULL;
  crm_field_type type = CRM_FIELD_DECIMAL;
  crm_value_kind kind = CRM_VALUE_NULL;
  crm_date date = {0, 0, 0};
  crm_decimal d;
  char *out = NULL;
  size_t len = 0, offer = 0, start = 0, n = 0;
  CHECK(crm_ruleset_load(&rules, lists_rules, strlen(lists_rules), &err) == CRM_OK);
  if (rules == NULL) {
    fprintf(stderr, "%s\n", crm_error_message(err));
    crm_error_free(err);
    return;
  }
  CHECK(crm_ruleset_input_type(&type, rules, 1, NULL) == CRM_OK && type == CRM_FIELD_DATE);
  CHECK(crm_ruleset_input_type(&type, rules, 2, NULL) == CRM_OK && type == CRM_FIELD_GRADE);
  CHECK(crm_ruleset_input_type(&type, rules, 3, NULL) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_ruleset_output_index(&offer, rules, S("offer"), NULL) == CRM_OK);
  CHECK(crm_ruleset_output_index(&start, rules, S("start"), NULL) == CRM_OK);
  CHECK(crm_ruleset_output_kind(&kind, rules, offer, NULL) == CRM_OK && kind == CRM_VALUE_LIST);
  CHECK(crm_ruleset_output_kind(&kind, rules, start, NULL) == CRM_OK && kind == CRM_VALUE_DATE);
  CHECK(crm_ruleset_output_kind(&kind, rules, 9, NULL) == CRM_E_OUT_OF_RANGE);

  CHECK(crm_record_create(&record, rules, NULL) == CRM_OK);
  d = dec("20");
  CHECK(crm_record_set_decimal_by_name(record, S("x"), &d, NULL) == CRM_OK);
  CHECK(crm_record_set_string_by_name(record, S("since"), S("2025-01-15"), NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  /* A list: its kind, its length, its elements as JSON (sorted by the priority list). */
  CHECK(crm_record_output_kind(&kind, record, offer, NULL) == CRM_OK && kind == CRM_VALUE_LIST);
  CHECK(crm_record_output_length(&n, record, offer, NULL) == CRM_OK && n == 2);
  CHECK(crm_record_output_json(&out, &len, record, offer, NULL) == CRM_OK);
  CHECK(out && strcmp(out, "[\"loan\", \"card\"]") == 0 && len == strlen(out));
  crm_string_free(out);
  CHECK(crm_record_output_string(NULL, NULL, record, offer, NULL) == CRM_E_INVALID_ARGUMENT);
  {
    const char *s = NULL;
    CHECK(crm_record_output_string(&s, &len, record, offer, &err) == CRM_E_TYPE_MISMATCH);
    CHECK(strstr(crm_error_message(err), "the output is list, not string") != NULL);
    crm_error_free(err);
    err = NULL;
  }
  /* A date through its typed getter; the others refuse it. */
  CHECK(crm_record_output_date(&date, record, start, NULL) == CRM_OK);
  CHECK(date.year == 2025 && date.month == 1 && date.day == 15);
  CHECK(crm_record_output_date(&date, record, offer, NULL) == CRM_E_TYPE_MISMATCH);
  CHECK(crm_record_output_length(&n, record, start, NULL) == CRM_E_TYPE_MISMATCH);
  CHECK(crm_record_output_json(&out, NULL, record, start, NULL) == CRM_OK && strcmp(out, "\"2025-01-15\"") == 0);
  crm_string_free(out);
  /* Null by name: the default applies again. */
  CHECK(crm_record_set_null_by_name(record, S("since"), NULL) == CRM_OK);
  CHECK(crm_record_set_null_by_name(record, S("sinse"), &err) == CRM_E_UNKNOWN_NAME);
  CHECK(strstr(crm_error_message(err), "did you mean 'since'") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(crm_record_output_date(&date, record, start, NULL) == CRM_OK && date.year == 2024 && date.month == 3 && date.day == 31);
  d = dec("5");
  CHECK(crm_record_set_decimal_by_name(record, S("x"), &d, NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(crm_record_output_json(&out, NULL, record, offer, NULL) == CRM_OK && strcmp(out, "[\"card\"]") == 0);
  crm_string_free(out);
  crm_record_free(record);

  /* JSON numbers keep their text: scale and 19 digits. */
  CHECK(crm_ruleset_evaluate_json(&out, &len, rules, S("{\"x\": 71.00}"), 0, NULL) == CRM_OK);
  CHECK(out && strstr(out, "\"same\": 71.00") != NULL && strstr(out, "\"offer\": [\"loan\", \"card\"]") != NULL);
  crm_string_free(out);
  CHECK(crm_ruleset_evaluate_json(&out, &len, rules, S("{\"x\": 1234567890123456789.25}"), 0, NULL) == CRM_OK);
  CHECK(out && strstr(out, "\"same\": 1234567890123456789.25") != NULL);
  crm_string_free(out);
  /* Batch errors name their row. */
  CHECK(crm_ruleset_evaluate_json_batch(&out, &len, rules, S("[{\"x\": 1}, {\"x\": \"abc\"}, {}]"), NULL) == CRM_OK);
  CHECK(out && strstr(out, "\"pointer\": \"/1/x\"") != NULL && strstr(out, "\"pointer\": \"/2/x\"") != NULL);
  crm_string_free(out);
  crm_ruleset_free(rules);
}

static void test_bad_rule_sets(void) {
  crm_ruleset *rules = NULL;
  crm_error *err = NULL;
  char *out = NULL;
  const char bad_utf8[] = {'{', (char)0xc3, '}'};
  CHECK(crm_ruleset_load(&rules, S("{\n  \"crmrules\": 1,,\n}"), &err) == CRM_E_PARSE);
  CHECK(crm_error_line(err) == 2 && crm_error_column(err) == 17);
  crm_error_free(err);
  err = NULL;
  CHECK(rules == NULL);
  CHECK(crm_ruleset_load(&rules, bad_utf8, sizeof bad_utf8, NULL) == CRM_E_INVALID_UTF8);
  CHECK(crm_ruleset_load(NULL, S("{}"), NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_ruleset_load_file(&rules, S("/nonexistent.json"), NULL) == CRM_E_IO);
  CHECK(crm_ruleset_lint(&out, NULL,
                         S("{\"crmrules\": 1, \"name\": \"t\", \"version\": \"1\", \"inputs\": {}, \"decisions\": "
                           "[{\"name\": \"a\", \"expression\": \"b\"}]}"),
                         NULL) == CRM_OK);
  CHECK(out && strstr(out, "\"severity\": \"error\"") != NULL && strstr(out, "unknown_name") != NULL);
  crm_string_free(out);
  CHECK(crm_record_create(NULL, NULL, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_ruleset_evaluate(NULL, NULL, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_ruleset_name(NULL, NULL, NULL) == CRM_E_INVALID_ARGUMENT);
}

static void test_record_of_another_rule_set(void) {
  crm_ruleset *a = load(), *b = load();
  crm_record *record = NULL;
  CHECK(crm_record_create(&record, a, NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate(b, record, NULL) == CRM_E_INVALID_ARGUMENT);
  crm_record_free(record);
  crm_ruleset_free(a);
  crm_ruleset_free(b);
}

/* Evaluation is all or nothing: a record whose evaluation fails part-way (1 / x with
 * x = 0, after x * 2 was written) has every output null, never the new customer's first
 * output beside the previous one's second; a JSON result is not written at all. */
static const char two_step_rules[] =
    "{\"crmrules\": 1, \"name\": \"t\", \"version\": \"1\","
    " \"inputs\": {\"x\": {\"type\": \"decimal\", \"required\": true}},"
    " \"decisions\": [{\"name\": \"twice\", \"expression\": \"x * 2\"},"
    "                {\"name\": \"inverse\", \"expression\": \"1 / x\"}]}";

static void test_evaluation_is_all_or_nothing(void) {
  crm_ruleset *rules = NULL;
  crm_record *records[2] = {NULL, NULL};
  crm_status statuses[2];
  crm_error *err = NULL;
  crm_decimal four = dec("4"), zero = dec("0"), eight = dec("8");
  static char untouched[] = "untouched";
  char *out = untouched;
  size_t len = 12345;
  int k;
  CHECK(crm_ruleset_load(&rules, S(two_step_rules), NULL) == CRM_OK);
  for (k = 0; k < 2; ++k) CHECK(crm_record_create(&records[k], rules, NULL) == CRM_OK);

  /* One record: evaluated, then evaluated again with x = 0. */
  CHECK(crm_record_set_decimal(records[0], 0, &four, NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate(rules, records[0], NULL) == CRM_OK);
  CHECK(output_is(records[0], 0, "8") && output_is(records[0], 1, "0.25"));
  CHECK(crm_record_set_decimal(records[0], 0, &zero, NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate(rules, records[0], &err) == CRM_E_DIVISION_BY_ZERO);
  CHECK(strstr(crm_error_message(err), "inverse") != NULL);
  crm_error_free(err);
  CHECK(output_is(records[0], 0, "null") && output_is(records[0], 1, "null"));
  CHECK(crm_ruleset_evaluate_traced(&out, &len, rules, records[0], NULL) == CRM_E_DIVISION_BY_ZERO);
  CHECK(out == untouched && len == 12345);
  CHECK(output_is(records[0], 0, "null") && output_is(records[0], 1, "null"));

  /* A batch: the failing record's outputs are null, the other's are its own. */
  CHECK(crm_record_set_decimal(records[0], 0, &four, NULL) == CRM_OK);
  CHECK(crm_record_set_decimal(records[1], 0, &eight, NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate_records(rules, records, 2, statuses, NULL) == CRM_OK);
  CHECK(crm_record_set_decimal(records[0], 0, &zero, NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate_records(rules, records, 2, statuses, NULL) == CRM_E_DIVISION_BY_ZERO);
  CHECK(statuses[0] == CRM_E_DIVISION_BY_ZERO && statuses[1] == CRM_OK);
  CHECK(output_is(records[0], 0, "null") && output_is(records[0], 1, "null"));
  CHECK(output_is(records[1], 0, "16") && output_is(records[1], 1, "0.125"));

  /* JSON: no result on error, the caller's pointer left as it was. */
  CHECK(crm_ruleset_evaluate_json(&out, &len, rules, S("{\"x\": 0}"), 0, NULL) == CRM_E_DIVISION_BY_ZERO);
  CHECK(out == untouched && len == 12345);
  CHECK(crm_ruleset_evaluate_json_batch(&out, &len, rules, S("[{\"x\": 0}, {\"x\": 4}]"), NULL) == CRM_OK);
  CHECK(strstr(out, "[{\"error\": {\"code\": \"division_by_zero\"") == out);
  CHECK(strstr(out, "{\"twice\": 8, \"inverse\": 0.25}]") != NULL);
  crm_string_free(out);

  for (k = 0; k < 2; ++k) crm_record_free(records[k]);
  crm_ruleset_free(rules);
}

/* crm_ruleset_limits: a document past a limit is refused naming it; 0 keeps a default. */
static void test_limits(void) {
  const char *two = "{\"crmrules\": 1, \"name\": \"l\", \"version\": \"1\", \"inputs\": {\"x\": {\"type\": \"decimal\"}},"
                    " \"decisions\": [{\"name\": \"a\", \"expression\": \"x\"}, {\"name\": \"b\", \"expression\": \"a\"}]}";
  crm_ruleset_limits limits = CRM_RULESET_LIMITS_INIT;
  crm_ruleset *rules = NULL;
  crm_error *err = NULL;
  char *out = NULL;
  limits.decisions = 1;
  CHECK(crm_ruleset_load_limited(&rules, S(two), &limits, &err) == CRM_E_OUT_OF_RANGE);
  CHECK(rules == NULL && strstr(crm_error_message(err), "crm::Limits::decisions") != NULL);
  CHECK(strcmp(crm_error_pointer(err), "/decisions") == 0);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_ruleset_lint_limited(&out, NULL, S(two), &limits, NULL) == CRM_OK);
  CHECK(out && strstr(out, "crm::Limits::decisions") != NULL);
  crm_string_free(out);
  limits.decisions = 3;
  CHECK(crm_ruleset_load_file_limited(&rules, S(path), &limits, NULL) == CRM_OK); /* grading.json has three */
  crm_ruleset_free(rules);
  rules = NULL;
  limits.decisions = 0; /* the default */
  CHECK(crm_ruleset_load_limited(&rules, S(two), &limits, NULL) == CRM_OK);
  crm_ruleset_free(rules);
  rules = NULL;
  CHECK(crm_ruleset_load_limited(&rules, S(two), NULL, NULL) == CRM_OK);
  crm_ruleset_free(rules);
  rules = NULL;
  limits.size = 0; /* not initialised */
  CHECK(crm_ruleset_load_limited(&rules, S(two), &limits, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "CRM_RULESET_LIMITS_INIT") != NULL);
  crm_error_free(err);
}

/* crm_ruleset_lint lists every finding (two decisions, a test's given and expect keys);
   the load refuses the document naming the first. */
static size_t count(const char *text, const char *what) {
  size_t n = 0;
  for (const char *at = strstr(text, what); at; at = strstr(at + 1, what)) ++n;
  return n;
}

static void test_lint_lists_every_finding(void) {
  static const char text[] =
      "{\"crmrules\": 1, \"name\": \"t\", \"version\": \"1\", \"inputs\": {\"visits\": {\"type\": \"integer\"}},\n"
      " \"decisions\": [{\"name\": \"a\", \"expression\": \"visit\"}, {\"name\": \"b\", \"expression\": \"visits "
      ">\"},\n"
      "   {\"name\": \"c\", \"expression\": \"visits\"}],\n"
      " \"tests\": [{\"name\": \"t\", \"given\": {\"visit\": 1}, \"expect\": {\"d\": 1}}]}";
  char *out = NULL;
  crm_ruleset *rules = NULL;
  crm_error* err = NULL;
  CHECK(crm_ruleset_lint(&out, NULL, S(text), NULL) == CRM_OK);
  CHECK(out && count(out, "\"severity\": \"error\"") == 4);
  CHECK(out && strstr(out, "\"pointer\": \"/decisions/1/expression\"") != NULL);
  CHECK(out && strstr(out, "given names no input 'visit' (did you mean 'visits'?)") != NULL);
  CHECK(out && strstr(out, "\"pointer\": \"/tests/0/expect/d\"") != NULL);
  crm_string_free(out);
  CHECK(crm_ruleset_load(&rules, S(text), &err) == CRM_E_UNKNOWN_NAME);
  CHECK(strcmp(crm_error_pointer(err), "/decisions/0/expression") == 0);
  CHECK(strstr(crm_error_message(err), "(and 3 more: run crmrules lint)") != NULL);
  crm_error_free(err);
}

/* Unknown inputs: refused by default, ignored or refused per call by flag, ignored by a
   rule set that says "unknown_inputs": "ignore". */
static void test_unknown_inputs(void) {
  static const char strict[] = "{\"crmrules\": 1, \"name\": \"t\", \"version\": \"1\", \"inputs\": {\"x\": {\"type\": \"integer\"}},"
      " \"decisions\": [{\"name\": \"d\", \"expression\": \"x * 2\"}]}";
  static const char lenient[] = "{\"crmrules\": 1, \"name\": \"t\", \"version\": \"1\", \"unknown_inputs\": \"ignore\","
      " \"inputs\": {\"x\": {\"type\": \"integer\"}}, \"decisions\": [{\"name\": \"d\", \"expression\": \"x * 2\"}]}";
  static const char extra[] = "{\"x\": 2, \"y\": 1}";
  crm_ruleset *rules = NULL;
  crm_error *err = NULL;
  char *out = NULL;
  int ignores = -1;
  CHECK(crm_ruleset_load(&rules, S(strict), NULL) == CRM_OK);
  CHECK(crm_ruleset_ignores_unknown_inputs(&ignores, rules, NULL) == CRM_OK && ignores == 0);
  CHECK(crm_ruleset_evaluate_json_flags(&out, NULL, rules, S(extra), 0, &err) == CRM_E_UNKNOWN_NAME);
  CHECK(err && strcmp(crm_error_pointer(err), "/y") == 0);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_ruleset_evaluate_json_flags(&out, NULL, rules, S(extra), CRM_EVAL_IGNORE_UNKNOWN, NULL) == CRM_OK);
  CHECK(out && strcmp(out, "{\"d\": 4}") == 0);
  crm_string_free(out);
  out = NULL;
  CHECK(crm_ruleset_evaluate_json_batch_flags(&out, NULL, rules, S("[{\"x\": 1, \"y\": 1}]"),
                                              CRM_EVAL_IGNORE_UNKNOWN, NULL) == CRM_OK);
  CHECK(out && strcmp(out, "[{\"d\": 2}]") == 0);
  crm_string_free(out);
  out = NULL;
  CHECK(crm_ruleset_evaluate_json_flags(&out, NULL, rules, S("{}"), CRM_EVAL_IGNORE_UNKNOWN | CRM_EVAL_REFUSE_UNKNOWN,
                                        &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(err && strstr(crm_error_message(err), "contradict") != NULL);
  crm_error_free(err);
  err = NULL;
  crm_ruleset_free(rules);
  rules = NULL;
  CHECK(crm_ruleset_load(&rules, S(lenient), NULL) == CRM_OK);
  CHECK(crm_ruleset_ignores_unknown_inputs(&ignores, rules, NULL) == CRM_OK && ignores == 1);
  CHECK(crm_ruleset_evaluate_json_flags(&out, NULL, rules, S(extra), 0, NULL) == CRM_OK);
  CHECK(out && strcmp(out, "{\"d\": 4}") == 0);
  crm_string_free(out);
  out = NULL;
  CHECK(crm_ruleset_evaluate_json_flags(&out, NULL, rules, S(extra), CRM_EVAL_REFUSE_UNKNOWN, &err) ==
        CRM_E_UNKNOWN_NAME);
  crm_error_free(err);
  crm_ruleset_free(rules);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s grading.json\n", argv[0]);
    return 2;
  }
  path = argv[1];
  test_introspection();
  test_typed_record();
  test_batch_of_records();
  test_json_paths();
  test_lists_dates_and_types();
  test_bad_rule_sets();
  test_record_of_another_rule_set();
  test_evaluation_is_all_or_nothing();
  test_limits();
  test_lint_lists_every_finding();
  test_unknown_inputs();
  return check_summary();
}
