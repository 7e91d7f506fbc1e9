/* A test of the C ABI written in pure C99: links the shared library and exercises every
 * core function (version, status names, errors, strings, decimals), good input and bad.
 * ruleset_capi_test.c does the same for rule sets and records. */
#include <crmrules.h>
#include <stdio.h>
#include <limits.h>
#include <string.h>

#include "check.h"
#include "decimals.h"

/* 1 when d prints as expected. */
static int prints(const crm_decimal *d, const char *expected) {
  char *text = NULL;
  size_t len = 0;
  int ok = crm_decimal_to_string(&text, &len, d, NULL) == CRM_OK && strcmp(text, expected) == 0 &&
           len == strlen(expected);
  if (!ok) fprintf(stderr, "  got %s, expected %s\n", text ? text : "(null)", expected);
  crm_string_free(text);
  return ok;
}

static void test_version(void) {
  char expected[32];
  CHECK(crm_version() == CRM_VERSION_NUMBER);
  sprintf(expected, "%d.%d.%d", CRM_VERSION_MAJOR, CRM_VERSION_MINOR, CRM_VERSION_PATCH);
  CHECK(strcmp(crm_version_string(), expected) == 0);
}

static void test_status_names(void) {
  CHECK(strcmp(crm_status_name(CRM_OK), "ok") == 0);
  CHECK(strcmp(crm_status_name(CRM_E_DIVISION_BY_ZERO), "division_by_zero") == 0);
  CHECK(strcmp(crm_status_name(CRM_E_INTERNAL), "internal") == 0);
  CHECK(strcmp(crm_status_name(CRM_E_UNAUTHENTICATED), "unauthenticated") == 0);
  CHECK(strcmp(crm_status_name((crm_status)999), "unknown") == 0);
  /* Any int a caller passes, in the enum's range or far outside it, names a status or
     is "unknown" (never undefined: tests/c runs under UBSan too). */
  CHECK(strcmp(crm_status_name((crm_status)-1), "unknown") == 0);
  CHECK(strcmp(crm_status_name((crm_status)25), "unknown") == 0);
  CHECK(strcmp(crm_status_name((crm_status)32), "unknown") == 0);
  CHECK(strcmp(crm_status_name((crm_status)INT_MAX), "unknown") == 0);
  CHECK(strcmp(crm_status_name((crm_status)INT_MIN), "unknown") == 0);
}

static void test_error_object(void) {
  crm_error *err = NULL;
  crm_decimal d;
  CHECK(crm_decimal_parse(&d, "12,5", 4, &err) == CRM_E_PARSE);
  CHECK(err != NULL);
  CHECK(crm_error_code(err) == CRM_E_PARSE);
  CHECK(strstr(crm_error_message(err), "12,5") != NULL);
  CHECK(crm_error_offset(err) == 2);
  CHECK(strcmp(crm_error_pointer(err), "") == 0);
  CHECK(crm_error_line(err) == 0);
  CHECK(crm_error_column(err) == 0);
  crm_error_free(err);
  /* NULL is accepted everywhere on the error object. */
  CHECK(crm_error_code(NULL) == CRM_OK);
  CHECK(strcmp(crm_error_message(NULL), "") == 0);
  CHECK(strcmp(crm_error_pointer(NULL), "") == 0);
  CHECK(crm_error_line(NULL) == 0 && crm_error_column(NULL) == 0 && crm_error_offset(NULL) == -1);
  crm_error_free(NULL);
  crm_string_free(NULL);
  /* Without an error object the status alone still tells. */
  CHECK(crm_decimal_parse(&d, "x", 1, NULL) == CRM_E_PARSE);
}

static void test_parse_and_print(void) {
  crm_decimal d = dec("0.10");
  char buf[64];
  size_t len = 0;
  int32_t scale = -1;
  int64_t i = 0;
  crm_error *err = NULL;
  CHECK(prints(&d, "0.10"));
  CHECK(crm_decimal_scale(&scale, &d, NULL) == CRM_OK && scale == 2);
  CHECK(crm_decimal_format(buf, sizeof buf, &len, &d, NULL) == CRM_OK && strcmp(buf, "0.10") == 0 && len == 4);
  CHECK(crm_decimal_format(buf, 4, &len, &d, &err) == CRM_E_BUFFER_TOO_SMALL && len == 4);
  CHECK(crm_error_code(err) == CRM_E_BUFFER_TOO_SMALL);
  crm_error_free(err);
  /* text need not be NUL-terminated */
  CHECK(crm_decimal_parse(&d, "123456", 3, NULL) == CRM_OK && prints(&d, "123"));
  CHECK(crm_decimal_from_int64(&d, -42, NULL) == CRM_OK && prints(&d, "-42"));
  CHECK(crm_decimal_to_int64(&i, &d, NULL) == CRM_OK && i == -42);
  d = dec("1.5");
  CHECK(crm_decimal_to_int64(&i, &d, NULL) == CRM_E_TYPE_MISMATCH);
  d = dec("1e19");
  CHECK(crm_decimal_to_int64(&i, &d, NULL) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_decimal_parse(&d, "1e20", 4, NULL) == CRM_E_OVERFLOW);
  CHECK(crm_decimal_parse(&d, "0.0000000000000000001", 21, NULL) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_decimal_parse(&d, "", 0, NULL) == CRM_E_PARSE);
  CHECK(crm_decimal_parse(&d, NULL, 0, NULL) == CRM_E_PARSE);
}

static void test_arithmetic(void) {
  crm_decimal a = dec("0.1"), b = dec("0.2"), r;
  int32_t cmp = 9;
  CHECK(crm_decimal_add(&r, &a, &b, NULL) == CRM_OK && prints(&r, "0.3"));
  CHECK(crm_decimal_sub(&r, &a, &b, NULL) == CRM_OK && prints(&r, "-0.1"));
  CHECK(crm_decimal_mul(&r, &a, &b, NULL) == CRM_OK && prints(&r, "0.02"));
  a = dec("2");
  b = dec("3");
  CHECK(crm_decimal_div(&r, &a, &b, 4, CRM_ROUND_HALF_EVEN, NULL) == CRM_OK && prints(&r, "0.6667"));
  CHECK(crm_decimal_div(&r, &a, &b, 4, CRM_ROUND_DOWN, NULL) == CRM_OK && prints(&r, "0.6666"));
  a = dec("2.5");
  CHECK(crm_decimal_round(&r, &a, 0, CRM_ROUND_HALF_EVEN, NULL) == CRM_OK && prints(&r, "2"));
  CHECK(crm_decimal_round(&r, &a, 0, CRM_ROUND_HALF_UP, NULL) == CRM_OK && prints(&r, "3"));
  a = dec("1.0");
  b = dec("1.00");
  CHECK(crm_decimal_compare(&cmp, &a, &b, NULL) == CRM_OK && cmp == 0);
  b = dec("-3");
  CHECK(crm_decimal_compare(&cmp, &a, &b, NULL) == CRM_OK && cmp == 1);
  CHECK(crm_decimal_compare(&cmp, &b, &a, NULL) == CRM_OK && cmp == -1);
}

static void test_arithmetic_errors(void) {
  crm_decimal big = dec("99999999999999999999"), one = dec("1"), zero = dec("0"), r;
  crm_decimal before = dec("7");
  crm_error *err = NULL;
  r = before;
  CHECK(crm_decimal_add(&r, &big, &one, &err) == CRM_E_OVERFLOW);
  CHECK(crm_error_code(err) == CRM_E_OVERFLOW && strstr(crm_error_message(err), "overflow") != NULL);
  crm_error_free(err);
  CHECK(prints(&r, "7")); /* the output is untouched on error */
  CHECK(crm_decimal_mul(&r, &big, &big, NULL) == CRM_E_OVERFLOW);
  CHECK(crm_decimal_sub(&r, &zero, &big, NULL) == CRM_OK);
  CHECK(crm_decimal_div(&r, &one, &zero, 2, CRM_ROUND_HALF_EVEN, NULL) == CRM_E_DIVISION_BY_ZERO);
  CHECK(crm_decimal_div(&r, &one, &one, 19, CRM_ROUND_HALF_EVEN, NULL) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_decimal_div(&r, &one, &one, 2, (crm_rounding)42, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_round(&r, &one, -1, CRM_ROUND_HALF_EVEN, NULL) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_decimal_round(&r, &one, 0, (crm_rounding)-1, NULL) == CRM_E_INVALID_ARGUMENT);
}

static void test_bad_arguments(void) {
  crm_decimal a = dec("1"), r, garbage;
  crm_error *err = NULL;
  int32_t cmp;
  char *s = NULL;
  char buf[8];
  int64_t i;
  int32_t scale;
  const char bad_utf8[] = {'1', (char)0xff, '2'};

  CHECK(crm_decimal_parse(NULL, "1", 1, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "'out'") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_decimal_parse(&r, NULL, 3, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_parse(&r, bad_utf8, sizeof bad_utf8, &err) == CRM_E_INVALID_UTF8);
  CHECK(crm_error_offset(err) == 1);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_decimal_from_int64(NULL, 1, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_to_int64(NULL, &a, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_to_int64(&i, NULL, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_to_string(NULL, NULL, &a, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_to_string(&s, NULL, NULL, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_format(NULL, 8, NULL, &a, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_format(buf, sizeof buf, NULL, NULL, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_scale(NULL, &a, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_scale(&scale, NULL, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_add(NULL, &a, &a, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_add(&r, NULL, &a, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "'a'") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_decimal_sub(&r, &a, NULL, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_mul(&r, NULL, NULL, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_div(&r, &a, NULL, 2, CRM_ROUND_HALF_EVEN, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_round(&r, NULL, 2, CRM_ROUND_HALF_EVEN, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_decimal_compare(NULL, &a, &a, NULL) == CRM_E_INVALID_ARGUMENT);
  /* Bytes that no crmrules function made are refused, not trusted. */
  memset(&garbage, 0xff, sizeof garbage);
  CHECK(crm_decimal_add(&r, &garbage, &a, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "not a crm_decimal") != NULL);
  crm_error_free(err);
  CHECK(crm_decimal_compare(&cmp, &a, &garbage, NULL) == CRM_E_INVALID_ARGUMENT);
  /* A zero-filled crm_decimal is 0. */
  memset(&garbage, 0, sizeof garbage);
  CHECK(prints(&garbage, "0"));
}

/* Amounts as the deck writes them: exact, full-width digits, ambiguous forms refused. */
static void test_parse_amount(void) {
  crm_decimal d;
  CHECK(crm_decimal_parse_amount(&d, "500\xe4\xb8\x87", 6, NULL) == CRM_OK && prints(&d, "5000000")); /* 500万 */
  CHECK(crm_decimal_parse_amount(&d, "1.3\xe4\xba\xbf", 6, NULL) == CRM_OK && prints(&d, "130000000")); /* 1.3亿 */
  CHECK(crm_decimal_parse_amount(&d, "\xef\xbc\x91\xef\xbc\x92", 6, NULL) == CRM_OK && prints(&d, "12")); /* １２ */
  crm_error *err = NULL;
  CHECK(crm_decimal_parse_amount(&d, "\xe4\xb8\x87\xe4\xb8\x87", 6, &err) == CRM_E_PARSE); /* 万万 */
  CHECK(err != NULL && strstr(crm_error_message(err), "more than one unit") != NULL);
  crm_error_free(err);
  CHECK(crm_decimal_parse_amount(NULL, "1", 1, NULL) == CRM_E_INVALID_ARGUMENT);
}

int main(void) {
  test_version();
  test_parse_amount();
  test_status_names();
  test_error_object();
  test_parse_and_print();
  test_arithmetic();
  test_arithmetic_errors();
  test_bad_arguments();
  return check_summary();
}
