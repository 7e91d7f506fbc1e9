/* Satisfaction = actual product / ideal product through the C ABI, from pure C99: a
 * weighted rating with the built-in bands, an exact band edge, per-attribute ratios, a
 * CSV of customers (as CSV and JSON), and bad input with its place. */
#include <crmrules.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "decimals.h"

#define S(literal) literal, strlen(literal)

static int dec_text_is(const crm_decimal *d, const char *expected) {
  char buf[64];
  size_t len = 0;
  return crm_decimal_format(buf, sizeof buf, &len, d, NULL) == CRM_OK && strcmp(buf, expected) == 0;
}

static void test_weighted_rating(void) {
  crm_decimal actual[2], ideal[2], weight[2], ratio, a, i, shortfall;
  crm_satisfaction_rating *r = NULL;
  const char *label = NULL, *zh = NULL, *en = NULL;
  int32_t points = 0;
  int defined = -1;
  crm_error *err = NULL;
  actual[0] = dec("8"), ideal[0] = dec("10"), weight[0] = dec("1");
  actual[1] = dec("9"), ideal[1] = dec("10"), weight[1] = dec("2");
  CHECK(crm_satisfaction_rate(&r, NULL, actual, ideal, weight, 2, NULL, NULL) == CRM_OK);
  CHECK(crm_satisfaction_rating_ratio(&ratio, &a, &i, r, NULL) == CRM_OK);
  CHECK(dec_text_is(&ratio, "0.8667") && dec_text_is(&a, "26") && dec_text_is(&i, "30"));
  CHECK(crm_satisfaction_rating_band(&label, &zh, &en, &points, r, NULL) == CRM_OK);
  CHECK(strcmp(label, "fairly_satisfied") == 0 && strcmp(zh, "较满意") == 0 && strcmp(en, "fairly satisfied") == 0);
  CHECK(points == 5);
  CHECK(crm_satisfaction_rating_attribute(&ratio, &defined, &shortfall, r, 0, NULL) == CRM_OK);
  CHECK(defined == 1 && dec_text_is(&ratio, "0.8000") && dec_text_is(&shortfall, "2"));
  CHECK(crm_satisfaction_rating_attribute(&ratio, &defined, &shortfall, r, 2, &err) == CRM_E_OUT_OF_RANGE);
  crm_error_free(err);
  crm_satisfaction_rating_free(r);

  /* Exactly 0.9 (2.7 of 3), weights NULL: satisfied. */
  actual[0] = dec("2.7"), ideal[0] = dec("3");
  CHECK(crm_satisfaction_rate(&r, NULL, actual, ideal, NULL, 1, NULL, NULL) == CRM_OK);
  CHECK(crm_satisfaction_rating_band(&label, NULL, NULL, &points, r, NULL) == CRM_OK);
  CHECK(strcmp(label, "satisfied") == 0 && points == 6);
  crm_satisfaction_rating_free(r);
}

static void test_bad_input(void) {
  crm_decimal actual[1], ideal[1], weight[1];
  crm_satisfaction_rating *r = NULL;
  crm_ruleset *plain = NULL;
  crm_error *err = NULL;
  const char *names[1] = {"交货周期"};
  actual[0] = dec("-1"), ideal[0] = dec("10"), weight[0] = dec("1");
  CHECK(crm_satisfaction_rate(&r, names, actual, ideal, weight, 1, NULL, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(err != NULL && strstr(crm_error_message(err), "attribute 1 '交货周期': actual is 0 or more") != NULL);
  crm_error_free(err);
  err = NULL;
  actual[0] = dec("1"), ideal[0] = dec("0");
  CHECK(crm_satisfaction_rate(&r, NULL, actual, ideal, weight, 1, NULL, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(err != NULL && strstr(crm_error_message(err), "the ideal product is 0") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_satisfaction_rate(&r, NULL, NULL, NULL, NULL, 0, NULL, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(err != NULL && strstr(crm_error_message(err), "no attribute") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_satisfaction_rate(NULL, NULL, actual, ideal, weight, 1, NULL, &err) == CRM_E_INVALID_ARGUMENT);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_ruleset_load(&plain, S("{\"crmrules\": 1, \"name\": \"plain\", \"version\": \"1\", \"inputs\": {\"x\": "
                                   "{\"type\": \"decimal\"}}, \"decisions\": [{\"name\": \"y\", \"expression\": \"x\"}]}"),
                         NULL) == CRM_OK);
  ideal[0] = dec("1");
  CHECK(crm_satisfaction_rate(&r, NULL, actual, ideal, weight, 1, plain, &err) == CRM_E_INVALID_RULE);
  CHECK(err != NULL && strstr(crm_error_message(err), "no \"satisfaction\" section") != NULL);
  crm_error_free(err);
  crm_ruleset_free(plain);
}

static void test_csv(void) {
  const char *csv = "customer,attribute,actual,ideal,weight\n"
                    "华为,交货周期,8,10,\n"
                    "华为,质量功能,9,10,2\n"
                    "华强工贸,服务,3,10,\n";
  const char *bad = "customer,attribute,actual,ideal\nA,x,1,2\nA,y,万万,2\n";
  char *out = NULL;
  size_t len = 0;
  crm_error *err = NULL;
  CHECK(crm_satisfaction_rate_csv(&out, &len, csv, strlen(csv), 0, CRM_LANG_ZH, NULL, NULL) == CRM_OK);
  CHECK(out != NULL && strlen(out) == len);
  CHECK(out != NULL && strstr(out, "\n华为,2,26,30,0.8667,fairly_satisfied,5,较满意,交货周期:0.8000;质量功能:0.9000\n") != NULL);
  CHECK(out != NULL && strstr(out, "\n华强工贸,4,3,10,0.3000,very_dissatisfied,1,很不满意,服务:0.3000\n") != NULL);
  crm_string_free(out);
  CHECK(crm_satisfaction_rate_csv(&out, NULL, csv, strlen(csv), 0, CRM_LANG_EN, NULL, NULL) == CRM_OK);
  CHECK(out != NULL && strstr(out, ",fairly satisfied,") != NULL);
  crm_string_free(out);
  CHECK(crm_satisfaction_rate_csv(&out, NULL, csv, strlen(csv), 1, CRM_LANG_ZH, NULL, NULL) == CRM_OK);
  CHECK(out != NULL && out[0] == '[' && strstr(out, "\"satisfaction\": \"fairly_satisfied\"") != NULL);
  crm_string_free(out);
  out = NULL;
  CHECK(crm_satisfaction_rate_csv(&out, NULL, bad, strlen(bad), 0, CRM_LANG_ZH, NULL, &err) == CRM_E_PARSE);
  CHECK(err != NULL && crm_error_line(err) == 3 && crm_error_column(err) == 3);
  CHECK(err != NULL && strstr(crm_error_message(err), "actual") != NULL);
  CHECK(out == NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_satisfaction_rate_csv(&out, NULL, csv, strlen(csv), 0, (crm_lang)7, NULL, &err) ==
        CRM_E_INVALID_ARGUMENT);
  crm_error_free(err);
}

int main(void) {
  test_weighted_rating();
  test_bad_input();
  test_csv();
  return check_summary();
}
