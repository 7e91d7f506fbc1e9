/* Profile completeness (档案管理) through the C ABI, from pure C99: CSV and JSON Lines
 * against the built-in schema, completeness overall and per group, the owner warning,
 * the report's text, the built-in JSON, and bad input with its place. */
#include <crmrules.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define S(literal) literal, strlen(literal)

static int dec_text_is(const crm_decimal *d, const char *expected) {
  char buf[64];
  size_t len = 0;
  return crm_decimal_format(buf, sizeof buf, &len, d, NULL) == CRM_OK && strcmp(buf, expected) == 0;
}

static void test_csv(void) {
  const char *csv = "id,名称,address,owner\nHW,华为,深圳,张三\nHQ,华强工贸,,\n";
  crm_profile_report *r = NULL;
  size_t customers = 0, without = 0, groups = 0, missing = 0;
  const char *id = NULL, *owner = NULL, *zh = NULL, *en = NULL;
  crm_decimal completeness;
  int has_owner = -1;
  char *text = NULL;
  crm_error *err = NULL;
  CHECK(crm_profile_assess(&r, csv, strlen(csv), CRM_PROFILE_CSV, NULL, NULL) == CRM_OK);
  CHECK(crm_profile_report_size(&customers, &without, &groups, r, NULL) == CRM_OK);
  CHECK(customers == 2 && without == 1 && groups == 7);
  CHECK(crm_profile_report_customer(&id, &owner, &completeness, &missing, &has_owner, r, 0, NULL) == CRM_OK);
  CHECK(strcmp(id, "HW") == 0 && strcmp(owner, "张三") == 0 && has_owner == 1 && missing == 55);
  CHECK(dec_text_is(&completeness, "5.24"));
  CHECK(crm_profile_report_customer(&id, &owner, &completeness, NULL, &has_owner, r, 1, NULL) == CRM_OK);
  CHECK(strcmp(id, "HQ") == 0 && strcmp(owner, "") == 0 && has_owner == 0 && dec_text_is(&completeness, "1.19"));
  CHECK(crm_profile_report_group(&id, &zh, &en, &completeness, &missing, r, 0, 0, NULL) == CRM_OK);
  CHECK(strcmp(id, "basic") == 0 && strcmp(zh, "基础资料") == 0 && strcmp(en, "basic data") == 0);
  CHECK(dec_text_is(&completeness, "16.67") && missing == 10);
  CHECK(crm_profile_report_group(&id, NULL, NULL, &completeness, NULL, r, 0, 6, NULL) == CRM_OK);
  CHECK(strcmp(id, "ownership") == 0 && dec_text_is(&completeness, "20.00"));
  CHECK(crm_profile_report_group(&id, NULL, NULL, NULL, NULL, r, 0, 7, &err) == CRM_E_OUT_OF_RANGE);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_profile_report_customer(&id, NULL, NULL, NULL, NULL, r, 2, &err) == CRM_E_OUT_OF_RANGE);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_profile_report_text(&text, NULL, r, 0, CRM_LANG_ZH, NULL) == CRM_OK);
  CHECK(text != NULL && strncmp(text, "id,owner,completeness,basic,", 28) == 0);
  CHECK(text != NULL && strstr(text, "\nHQ,,1.19,8.33,") != NULL && strstr(text, "无专人负责") != NULL);
  crm_string_free(text);
  CHECK(crm_profile_report_text(&text, NULL, r, 1, CRM_LANG_EN, NULL) == CRM_OK);
  CHECK(text != NULL && text[0] == '[' && strstr(text, "\"has_owner\": false") != NULL);
  crm_string_free(text);
  crm_profile_report_free(r);
}

static void test_jsonl_and_bad_input(void) {
  const char *lines = "{\"id\": \"HW\", \"定岗定员\": \"张三\", \"sales\": 130000000}\n{\"id\": \"HQ\",}\n";
  const char *builtin = NULL;
  size_t len = 0, customers = 0;
  crm_profile_report *r = NULL;
  crm_ruleset *plain = NULL;
  crm_error *err = NULL;
  CHECK(crm_profile_assess(&r, lines, strlen(lines), CRM_PROFILE_JSONL, NULL, &err) == CRM_E_PARSE);
  CHECK(err != NULL && crm_error_line(err) == 2 && crm_error_column(err) > 1);
  CHECK(r == NULL);
  crm_error_free(err);
  err = NULL;
  /* The first line alone reads. */
  CHECK(crm_profile_assess(&r, lines, (size_t)(strchr(lines, '\n') - lines + 1), CRM_PROFILE_JSONL, NULL, NULL) ==
        CRM_OK);
  CHECK(crm_profile_report_size(&customers, NULL, NULL, r, NULL) == CRM_OK && customers == 1);
  crm_profile_report_free(r);
  CHECK(crm_profile_assess(&r, S("id\nHW\n"), (crm_profile_format)5, NULL, &err) == CRM_E_INVALID_ARGUMENT);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_profile_builtin_json(&builtin, &len, NULL) == CRM_OK);
  CHECK(len > 1000 && strlen(builtin) == len && strstr(builtin, "\"档案管理") != NULL);
  CHECK(crm_ruleset_load(&plain, S("{\"crmrules\": 1, \"name\": \"plain\", \"version\": \"1\", \"inputs\": {}, "
                                   "\"decisions\": []}"),
                         NULL) == CRM_OK);
  CHECK(crm_profile_assess(&r, S("id\nHW\n"), CRM_PROFILE_CSV, plain, &err) == CRM_E_INVALID_RULE);
  CHECK(err != NULL && strstr(crm_error_message(err), "no \"profile\" section") != NULL);
  crm_error_free(err);
  crm_ruleset_free(plain);
}

int main(void) {
  test_csv();
  test_jsonl_and_bad_input();
  return check_summary();
}
