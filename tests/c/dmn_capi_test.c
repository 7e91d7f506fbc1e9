/* DMN import through the C ABI, from pure C99: the TCK's simple UNIQUE table read from its
 * file, evaluated by DMN names, written as JSON; bad models refused at the element. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "crmrules.h"

#define S(text) (text), strlen(text)

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *text = NULL;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  *len = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  text = malloc(*len + 1);
  if (text != NULL && fread(text, 1, *len, f) != *len) *len = 0;
  fclose(f);
  return text;
}

static void tck_model(const char *path) {
  size_t len = 0;
  char *xml = read_all(path, &len);
  crm_ruleset *rules = NULL;
  crm_error *err = NULL;
  char *out = NULL;
  CHECK(xml != NULL);
  if (xml == NULL) return;
  CHECK(crm_ruleset_load_dmn(&rules, xml, len, &err) == CRM_OK);
  CHECK(crm_dmn_evaluate_json(&out, NULL, rules, S("{\"Age\": 18, \"RiskCategory\": \"Medium\", \"isAffordable\": true}"),
                              NULL) == CRM_OK);
  CHECK(out != NULL && strcmp(out, "{\"Approval Status\":\"Approved\"}") == 0);
  crm_string_free(out);
  CHECK(crm_dmn_evaluate_json(&out, NULL, rules, S("{\"Ages\": 18}"), &err) == CRM_E_UNKNOWN_NAME);
  CHECK(strstr(crm_error_message(err), "did you mean 'Age'") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_dmn_names_json(&out, NULL, rules, NULL) == CRM_OK);
  CHECK(strstr(out, "{\"dmn\": \"Approval Status\", \"crm\": \"Approval_Status\", \"kind\": \"decision\", \"parent\": \"\"}") != NULL);
  crm_string_free(out);
  CHECK(crm_dmn_to_rule_set_json(&out, NULL, xml, len, NULL) == CRM_OK);
  CHECK(strstr(out, "\"hit_policy\": \"UNIQUE\"") != NULL);
  crm_string_free(out);
  {
    /* Written as DMN 1.4 and read back: the same answer. */
    crm_ruleset *back = NULL;
    CHECK(crm_dmn_from_rule_set(&out, NULL, rules, NULL) == CRM_OK);
    CHECK(strstr(out, "https://www.omg.org/spec/DMN/20211108/MODEL/") != NULL);
    CHECK(crm_ruleset_load_dmn(&back, out, strlen(out), NULL) == CRM_OK);
    crm_string_free(out);
    CHECK(crm_dmn_evaluate_json(&out, NULL, back, S("{\"Age\": 17, \"RiskCategory\": \"Low\", \"isAffordable\": true}"),
                                NULL) == CRM_OK);
    CHECK(out != NULL && strcmp(out, "{\"Approval Status\":\"Declined\"}") == 0);
    crm_string_free(out);
    crm_ruleset_free(back);
  }
  crm_ruleset_free(rules);
  free(xml);
}

/* A decision whose logic is a boxed context: its entries are seen by name inside it and
 * are not results; numbers come back exact. */
static void boxed_context(void) {
  static const char xml[] =
      "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" name=\"c\" namespace=\"urn:c\">\n"
      "<inputData name=\"Principal\"><variable name=\"Principal\" typeRef=\"number\"/></inputData>\n"
      "<decision name=\"Payment\"><variable name=\"Payment\" typeRef=\"number\"/><context>\n"
      "<contextEntry><variable name=\"Monthly Rate\"/><literalExpression><text>0.05 / 12</text></literalExpression></contextEntry>\n"
      "<contextEntry><literalExpression><text>Principal * Monthly Rate</text></literalExpression></contextEntry>\n"
      "</context></decision></definitions>\n";
  static const char unnamed[] =
      "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" name=\"c\" namespace=\"urn:c\">\n"
      "<decision name=\"Payment\"><variable name=\"Payment\"/><context>\n"
      "<contextEntry><literalExpression><text>1</text></literalExpression></contextEntry>\n"
      "<contextEntry><literalExpression><text>2</text></literalExpression></contextEntry>\n"
      "</context></decision></definitions>\n";
  crm_ruleset *rules = NULL;
  crm_error *err = NULL;
  char *out = NULL;
  CHECK(crm_ruleset_load_dmn(&rules, S(xml), NULL) == CRM_OK);
  CHECK(crm_dmn_evaluate_json(&out, NULL, rules, S("{\"Principal\": 1000}"), NULL) == CRM_OK);
  CHECK(out != NULL && strcmp(out, "{\"Payment\":4.166666666666667000}") == 0);
  crm_string_free(out);
  crm_ruleset_free(rules);
  CHECK(crm_ruleset_load_dmn(&rules, S(unnamed), &err) == CRM_E_MISSING);
  CHECK(strcmp(crm_error_pointer(err), "/definitions/decision[@name='Payment']/context/contextEntry[1]") == 0);
  CHECK(crm_error_line(err) == 3);
  crm_error_free(err);
}

static void bad_models(void) {
  crm_ruleset *rules = NULL;
  crm_error *err = NULL;
  char *out = NULL;
  CHECK(crm_ruleset_load_dmn(&rules, S("<definitions xmlns=\"urn:nothing\"/>"), &err) == CRM_E_VERSION_MISMATCH);
  CHECK(strcmp(crm_error_pointer(err), "/definitions") == 0 && crm_error_line(err) == 1);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_dmn_to_rule_set_json(&out, NULL, S("<definitions"), &err) == CRM_E_PARSE);
  CHECK(rules == NULL && out == NULL);
  crm_error_free(err);
  CHECK(crm_ruleset_load_dmn(NULL, S("<x/>"), NULL) == CRM_E_INVALID_ARGUMENT);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: crmrules_c_dmn_tests MODEL.dmn\n");
    return 2;
  }
  tck_model(argv[1]);
  boxed_context();
  bad_models();
  return check_summary();
}
