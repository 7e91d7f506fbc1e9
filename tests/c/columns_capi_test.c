/* Whole columns through the C ABI (crmrules_columns.h): int64, text with offsets and
 * validity, floats as a decision, outputs as decimals, doubles, text and JSON, a failed
 * row named, the batch's own errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "crmrules.h"

#define S(text) text, strlen(text)

static const char *RULES =
    "{\"crmrules\": 1, \"name\": \"t\", \"version\": \"1\","
    " \"inputs\": {\"amount\": {\"type\": \"decimal\", \"required\": true},"
    "            \"region\": {\"type\": \"enum\", \"values\": [\"north\", \"south\"]}},"
    " \"decisions\": [{\"name\": \"fee\", \"expression\": \"amount * 0.1\"},"
    "               {\"name\": \"label\", \"expression\": \"region ?? 'unknown'\"}]}";

int main(void) {
  crm_ruleset *rules = NULL;
  crm_error *err = NULL;
  CHECK(crm_ruleset_load(&rules, S(RULES), NULL) == CRM_OK);
  int64_t amounts[] = {50, 200, 7};
  const char regions[] = "northeast";
  int64_t region_at[] = {0, 5, 9, 9};
  uint8_t region_valid[] = {1, 1, 0};
  crm_column in[2] = {CRM_COLUMN_INIT, CRM_COLUMN_INIT};
  in[0].name = "amount";
  in[0].name_len = 6;
  in[0].kind = CRM_COLUMN_INT64;
  in[0].values = amounts;
  in[1].name = "region";
  in[1].name_len = 6;
  in[1].kind = CRM_COLUMN_TEXT;
  in[1].values = regions;
  in[1].offsets = region_at;
  in[1].valid = region_valid;
  crm_columns_result *result = NULL;
  CHECK(crm_ruleset_evaluate_columns(&result, rules, in, 2, 3, NULL, &err) == CRM_OK);
  if (result != NULL) {
    size_t failed = 0;
    CHECK(crm_columns_result_failed(&failed, result, NULL) == CRM_OK && failed == 1);
    char *json = NULL;
    CHECK(crm_columns_result_failures_json(&json, NULL, result, NULL) == CRM_OK);
    CHECK(json && strstr(json, "[{\"row\": 1, \"code\": \"out_of_range\"") != NULL);
    CHECK(json && strstr(json, "\"pointer\": \"/region\"") != NULL);
    crm_string_free(json);
    crm_output_column fee = CRM_OUTPUT_COLUMN_INIT, label = CRM_OUTPUT_COLUMN_INIT;
    CHECK(crm_columns_result_output(&fee, result, 0, NULL) == CRM_OK);
    CHECK(strcmp(fee.name, "fee") == 0 && fee.kind == CRM_COLUMN_DECIMAL && fee.rows == 3);
    CHECK(fee.valid[0] == 1 && fee.valid[1] == 0 && fee.valid[2] == 1);
    double doubles[3];
    CHECK(crm_columns_result_doubles(doubles, 3, result, 0, NULL) == CRM_OK && doubles[0] == 5.0 && doubles[2] == 0.7);
    CHECK(crm_columns_result_doubles(doubles, 2, result, 0, NULL) == CRM_E_BUFFER_TOO_SMALL);
    char *text = NULL;
    CHECK(crm_columns_result_decimal_text(&text, NULL, result, 0, '|', NULL) == CRM_OK && strcmp(text, "5.0||0.7") == 0);
    crm_string_free(text);
    int32_t codes[3];
    char *values = NULL;
    size_t count = 0;
    CHECK(crm_columns_result_dictionary(codes, 3, &values, NULL, &count, result, 1, '|', NULL) == CRM_OK);
    CHECK(count == 2 && values && strcmp(values, "north|unknown") == 0);
    CHECK(codes[0] == 0 && codes[1] == -1 && codes[2] == 1); /* row 1 failed */
    crm_string_free(values);
    values = NULL;
    CHECK(crm_columns_result_dictionary(codes, 3, &values, NULL, &count, result, 0, '|', NULL) == CRM_OK);
    CHECK(count == 2 && values && strcmp(values, "5.0|0.7") == 0 && codes[2] == 1);
    crm_string_free(values);
    values = NULL;
    CHECK(crm_columns_result_dictionary(codes, 2, &values, NULL, &count, result, 1, '|', NULL) == CRM_E_BUFFER_TOO_SMALL);
    CHECK(crm_columns_result_dictionary(codes, 3, &values, NULL, &count, result, 1, 'o', &err) == CRM_E_INVALID_ARGUMENT);
    CHECK(err && strstr(crm_error_message(err), "holds the separator") != NULL);
    crm_error_free(err);
    err = NULL;
    CHECK(values == NULL);
    CHECK(crm_columns_result_output(&label, result, 1, NULL) == CRM_OK && label.kind == CRM_COLUMN_TEXT);
    CHECK(label.offsets[1] == 5 && strncmp(label.text, "north", 5) == 0);
    CHECK(label.offsets[3] - label.offsets[2] == 7 && strncmp(label.text + label.offsets[2], "unknown", 7) == 0);
    CHECK(crm_columns_result_output(&label, result, 2, NULL) == CRM_E_OUT_OF_RANGE);
    crm_columns_result_free(result);
  }

  /* Floats: the batch's error by default, naming the column; read as their shortest text on request. */
  double floats[] = {0.1, 2.5};
  crm_column f = CRM_COLUMN_INIT;
  f.name = "amount";
  f.name_len = 6;
  f.kind = CRM_COLUMN_FLOAT64;
  f.values = floats;
  result = NULL;
  CHECK(crm_ruleset_evaluate_columns(&result, rules, &f, 1, 2, NULL, &err) == CRM_E_TYPE_MISMATCH && result == NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "float columns 'amount'") != NULL);
  crm_error_free(err);
  err = NULL;
  crm_columns_options o = CRM_COLUMNS_OPTIONS_INIT;
  o.floats = CRM_FLOATS_SHORTEST;
  o.threads = 1;
  CHECK(crm_ruleset_evaluate_columns(&result, rules, &f, 1, 2, &o, NULL) == CRM_OK);
  char *text = NULL;
  CHECK(crm_columns_result_decimal_text(&text, NULL, result, 0, ',', NULL) == CRM_OK && strcmp(text, "0.01,0.25") == 0);
  crm_string_free(text);
  crm_columns_result_free(result);
  o.floats = 7;
  CHECK(crm_ruleset_evaluate_columns(&result, rules, &f, 1, 2, &o, NULL) == CRM_E_INVALID_ARGUMENT);
  /* A required input no column gives: the batch's error, named once. */
  CHECK(crm_ruleset_evaluate_columns(&result, rules, NULL, 0, 2, NULL, &err) == CRM_E_MISSING);
  CHECK(err != NULL && strcmp(crm_error_message(err), "input 'amount' is required and no column gives it") == 0);
  crm_error_free(err);
  crm_ruleset_free(rules);
  return check_summary();
}
