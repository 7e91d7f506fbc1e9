/* Times, dates and times and durations through the C ABI: set as ISO 8601 text, their
 * field types and output kinds, read back with crm_record_output_iso8601, errors naming
 * the field. */
#include <crmrules.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define S(literal) literal, strlen(literal)

static const char rules_json[] =
    "{\"crmrules\": 1, \"name\": \"shifts\", \"version\": \"1\","
    " \"inputs\": {\"start\": {\"type\": \"time\"}, \"booked\": {\"type\": \"date_time\"},"
    "  \"wait\": {\"type\": \"days_duration\"}, \"tenure\": {\"type\": \"months_duration\"}},"
    " \"decisions\": ["
    "  {\"name\": \"morning\", \"expression\": \"start < time('12:00:00')\"},"
    "  {\"name\": \"wait_out\", \"expression\": \"wait\"},"
    "  {\"name\": \"tenure_out\", \"expression\": \"tenure\"},"
    "  {\"name\": \"booked_out\", \"expression\": \"booked\"},"
    "  {\"name\": \"start_out\", \"expression\": \"start\"}]}";

static int iso_is(const crm_record *record, size_t output, const char *expected) {
  char *out = NULL;
  size_t len = 0;
  int same;
  if (crm_record_output_iso8601(&out, &len, record, output, NULL) != CRM_OK) return 0;
  same = strlen(expected) == len && memcmp(out, expected, len) == 0;
  if (!same) fprintf(stderr, "got %s, expected %s\n", out, expected);
  crm_string_free(out);
  return same;
}

int main(void) {
  crm_ruleset *rules = NULL;
  crm_record *record = NULL;
  crm_error *err = NULL;
  crm_field_type type = CRM_FIELD_DECIMAL;
  crm_value_kind kind = CRM_VALUE_NULL;
  int flag = 0;
  char *out = NULL;
  size_t len = 0;
  if (crm_ruleset_load(&rules, rules_json, strlen(rules_json), &err) != CRM_OK) {
    fprintf(stderr, "%s\n", crm_error_message(err));
    crm_error_free(err);
    return 1;
  }
  CHECK(crm_ruleset_input_type(&type, rules, 0, NULL) == CRM_OK && type == CRM_FIELD_TIME);
  CHECK(crm_ruleset_input_type(&type, rules, 1, NULL) == CRM_OK && type == CRM_FIELD_DATE_TIME);
  CHECK(crm_ruleset_input_type(&type, rules, 2, NULL) == CRM_OK && type == CRM_FIELD_DAYS_DURATION);
  CHECK(crm_ruleset_input_type(&type, rules, 3, NULL) == CRM_OK && type == CRM_FIELD_MONTHS_DURATION);
  CHECK(crm_ruleset_output_kind(&kind, rules, 1, NULL) == CRM_OK && kind == CRM_VALUE_DAYS_DURATION);
  CHECK(crm_ruleset_output_kind(&kind, rules, 2, NULL) == CRM_OK && kind == CRM_VALUE_MONTHS_DURATION);
  CHECK(crm_ruleset_output_kind(&kind, rules, 3, NULL) == CRM_OK && kind == CRM_VALUE_DATE_TIME);
  CHECK(crm_ruleset_output_kind(&kind, rules, 4, NULL) == CRM_OK && kind == CRM_VALUE_TIME);

  CHECK(crm_record_create(&record, rules, NULL) == CRM_OK);
  CHECK(crm_record_set_string_by_name(record, S("start"), S("09:30:00.5"), NULL) == CRM_OK);
  CHECK(crm_record_set_string_by_name(record, S("booked"), S("2024-05-31T23:00:00Z"), NULL) == CRM_OK);
  CHECK(crm_record_set_string_by_name(record, S("wait"), S("PT36H"), NULL) == CRM_OK);
  CHECK(crm_record_set_string_by_name(record, S("tenure"), S("P14M"), NULL) == CRM_OK);
  /* Wrong text: refused naming the field; the record keeps the previous value. */
  CHECK(crm_record_set_string_by_name(record, S("wait"), S("P1Y"), &err) == CRM_E_PARSE);
  CHECK(err != NULL && strstr(crm_error_message(err), "field 'wait'") != NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "years and months duration") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_record_set_string_by_name(record, S("start"), S("24:00:00"), NULL) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_record_set_string_by_name(record, S("start"), S("9:30"), NULL) == CRM_E_PARSE);

  CHECK(crm_ruleset_evaluate(rules, record, NULL) == CRM_OK);
  CHECK(crm_record_output_kind(&kind, record, 4, NULL) == CRM_OK && kind == CRM_VALUE_TIME);
  CHECK(crm_record_output_bool(&flag, record, 0, NULL) == CRM_OK && flag == 1);
  CHECK(iso_is(record, 1, "P1DT12H"));
  CHECK(iso_is(record, 2, "P1Y2M"));
  CHECK(iso_is(record, 3, "2024-05-31T23:00:00Z"));
  CHECK(iso_is(record, 4, "09:30:00.5"));
  CHECK(crm_record_output_iso8601(&out, &len, record, 0, &err) == CRM_E_TYPE_MISMATCH);
  CHECK(err != NULL && strstr(crm_error_message(err), "the output is bool") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_record_output_json(&out, &len, record, 1, NULL) == CRM_OK && strcmp(out, "\"P1DT12H\"") == 0);
  crm_string_free(out);
  /* A time with an offset against one without has no order: the evaluation says so. */
  CHECK(crm_record_set_string_by_name(record, S("start"), S("09:30:00+08:00"), NULL) == CRM_OK);
  CHECK(crm_ruleset_evaluate(rules, record, &err) == CRM_E_TYPE_MISMATCH);
  CHECK(err != NULL && strstr(crm_error_message(err), "have no order") != NULL);
  crm_error_free(err);
  crm_record_free(record);
  crm_ruleset_free(rules);
  return check_summary();
}
