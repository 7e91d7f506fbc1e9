#include <crmrules.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  crm_ruleset *rules = NULL; crm_record *record = NULL; crm_error *err = NULL; crm_decimal d;
  size_t grade_output = 0, len = 0; const char *grade = NULL;
  int ok = crm_ruleset_load_file(&rules, "grading.json", 12, &err) == CRM_OK &&   /* test every status: */
           crm_record_create(&record, rules, &err) == CRM_OK &&                   /* the compiler warns */
           crm_decimal_parse(&d, "8000000", 7, &err) == CRM_OK &&                 /* when one is ignored */
           crm_record_set_decimal_by_name(record, "purchases", 9, &d, &err) == CRM_OK &&
           crm_ruleset_evaluate(rules, record, &err) == CRM_OK &&
           crm_ruleset_output_index(&grade_output, rules, "value_grade", 11, &err) == CRM_OK &&
           crm_record_output_string(&grade, &len, record, grade_output, &err) == CRM_OK;
  if (ok) printf("%.*s\n", (int)len, grade); /* B1 */
  else fprintf(stderr, "grading.json:%u:%u: %s: %s\n", crm_error_line(err), crm_error_column(err),
               crm_status_name(crm_error_code(err)), crm_error_message(err)); /* the place, code and message */
  ok = ok && len == 2 && memcmp(grade, "B1", 2) == 0;
  crm_error_free(err); crm_record_free(record); crm_ruleset_free(rules);
  return ok ? 0 : 1;
}
