/* A consumer of the C ABI, in C99: a price with tax and a share, in exact decimals.
 * Prints what it computed; exits 1 when a value is not the exact expected one, or when
 * the library is not the version of the header it was compiled against. */
#include <crmrules.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

static crm_decimal parse(const char *text) {
  crm_decimal d;
  crm_error *err = NULL;
  memset(&d, 0, sizeof d);
  if (crm_decimal_parse(&d, text, strlen(text), &err) != CRM_OK) {
    fprintf(stderr, "consumer_c: cannot parse %s: %s\n", text, crm_error_message(err));
    crm_error_free(err);
    ++failures;
  }
  return d;
}

/* Prints "what = value" and compares the text with want. */
static void expect(const char *what, crm_status status, const crm_decimal *value, const char *want) {
  char text[64] = "(error)";
  if (status != CRM_OK || crm_decimal_format(text, sizeof text, NULL, value, NULL) != CRM_OK)
    strcpy(text, "(error)");
  printf("%s = %s\n", what, text);
  if (strcmp(text, want) != 0) {
    fprintf(stderr, "consumer_c: %s is %s, expected %s\n", what, text, want);
    ++failures;
  }
}

int main(void) {
  crm_decimal price = parse("19.99"), three = parse("3"), rate = parse("0.075");
  crm_decimal two = parse("2"), zero = parse("0");
  crm_decimal gross, tax_exact, tax, total, share, nothing;
  crm_status s;
  crm_error *err = NULL;

  if (crm_version() != CRM_VERSION_NUMBER) {
    fprintf(stderr, "consumer_c: library version %u (%s), header version %u\n", (unsigned)crm_version(),
            crm_version_string(), (unsigned)CRM_VERSION_NUMBER);
    ++failures;
  }
  printf("crmrules %s\n", crm_version_string());

  s = crm_decimal_mul(&gross, &price, &three, &err);
  expect("19.99 * 3", s, &gross, "59.97");
  s = crm_decimal_mul(&tax_exact, &gross, &rate, &err);
  if (s == CRM_OK) s = crm_decimal_round(&tax, &tax_exact, 2, CRM_ROUND_HALF_UP, &err);
  expect("tax at 7.5%", s, &tax, "4.50");
  if (s == CRM_OK) s = crm_decimal_add(&total, &gross, &tax, &err);
  expect("total", s, &total, "64.47");
  s = crm_decimal_div(&share, &two, &three, 4, CRM_ROUND_HALF_EVEN, &err);
  expect("2 / 3", s, &share, "0.6667");
  if (err != NULL) {
    fprintf(stderr, "consumer_c: %s\n", crm_error_message(err));
    crm_error_free(err);
    err = NULL;
    ++failures;
  }

  /* An error crosses the boundary as a status and an error object the caller frees. */
  s = crm_decimal_div(&nothing, &two, &zero, 2, CRM_ROUND_HALF_EVEN, &err);
  if (s != CRM_E_DIVISION_BY_ZERO || crm_error_code(err) != CRM_E_DIVISION_BY_ZERO) {
    fprintf(stderr, "consumer_c: 2 / 0 gave status %s\n", crm_status_name(s));
    ++failures;
  } else {
    printf("2 / 0 -> %s: %s\n", crm_status_name(s), crm_error_message(err));
  }
  crm_error_free(err);
  return failures == 0 ? 0 : 1;
}
