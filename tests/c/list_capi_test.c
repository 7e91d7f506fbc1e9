/* List inputs and list results through the C ABI: a rule set with a list field, evaluated
 * by crm_ruleset_evaluate_json (JSON arrays in and out) and by a record set with
 * crm_record_set_json; a wrong element is an error whose pointer names it. */
#include <crmrules.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define S(literal) literal, strlen(literal)

static const char *rules_json =
    "{\"crmrules\": 1, \"name\": \"flu\", \"version\": \"1\","
    " \"inputs\": {\"symptoms\": {\"type\": \"list\", \"of\": \"string\", \"required\": true}},"
    " \"decisions\": [{\"name\": \"all\", \"expression\": \"flatten([symptoms, 'fever'])\"},"
    "                 {\"name\": \"coughs\", \"expression\": \"'cough' in symptoms\"}]}";

int main(void) {
  crm_ruleset *rules = NULL;
  crm_error *err = NULL;
  char *out = NULL;
  size_t len = 0;
  crm_record *record = NULL;
  if (crm_ruleset_load(&rules, S(rules_json), &err) != CRM_OK) {
    fprintf(stderr, "cannot load: %s\n", crm_error_message(err));
    return 1;
  }

  CHECK(crm_ruleset_evaluate_json(&out, &len, rules, S("{\"symptoms\": [\"cough\", \"sneeze\"]}"), 0, &err) == CRM_OK);
  CHECK(out != NULL && strcmp(out, "{\"all\": [\"cough\", \"sneeze\", \"fever\"], \"coughs\": true}") == 0);
  crm_string_free(out);
  out = NULL;

  CHECK(crm_ruleset_evaluate_json(&out, &len, rules, S("{\"symptoms\": [\"cough\", 2]}"), 0, &err) == CRM_E_TYPE_MISMATCH);
  CHECK(err != NULL && strcmp(crm_error_pointer(err), "/symptoms/1") == 0);
  crm_error_free(err);
  err = NULL;

  CHECK(crm_record_create(&record, rules, &err) == CRM_OK);
  CHECK(crm_record_set_json(record, 0, S("[\"sneeze\"]"), &err) == CRM_OK);
  CHECK(crm_ruleset_evaluate(rules, record, &err) == CRM_OK);
  CHECK(crm_record_output_json(&out, &len, record, 0, &err) == CRM_OK);
  CHECK(out != NULL && strcmp(out, "[\"sneeze\", \"fever\"]") == 0);
  crm_string_free(out);
  CHECK(crm_record_set_json(record, 0, S("\"cough\""), &err) == CRM_E_TYPE_MISMATCH);
  CHECK(err != NULL && strcmp(crm_error_message(err), "field 'symptoms' is list, not string (cough)") == 0);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_record_set_json(record, 0, S("[1"), &err) == CRM_E_PARSE);
  crm_error_free(err);

  crm_record_free(record);
  crm_ruleset_free(rules);
  return check_summary();
}
