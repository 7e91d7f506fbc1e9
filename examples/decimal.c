/* Exact money arithmetic through the C ABI: 0.1 + 0.2, and a price with 13% VAT rounded
 * to cents. Build: cc decimal.c $(pkg-config --cflags --libs crmrules) */
#include <crmrules.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  crm_decimal a, b, sum, price, rate, gross, cents;
  crm_error *err = NULL;
  char *text = NULL;
  if (crm_decimal_parse(&a, "0.1", 3, &err) != CRM_OK || crm_decimal_parse(&b, "0.2", 3, &err) != CRM_OK ||
      crm_decimal_add(&sum, &a, &b, &err) != CRM_OK || crm_decimal_to_string(&text, NULL, &sum, &err) != CRM_OK)
    goto fail;
  printf("0.1 + 0.2 = %s\n", text);
  crm_string_free(text);
  if (crm_decimal_parse(&price, "19.99", 5, &err) != CRM_OK || crm_decimal_parse(&rate, "1.13", 4, &err) != CRM_OK ||
      crm_decimal_mul(&gross, &price, &rate, &err) != CRM_OK ||
      crm_decimal_round(&cents, &gross, 2, CRM_ROUND_HALF_UP, &err) != CRM_OK ||
      crm_decimal_to_string(&text, NULL, &cents, &err) != CRM_OK)
    goto fail;
  printf("19.99 * 1.13 = %s\n", text);
  crm_string_free(text);
  return 0;
fail:
  fprintf(stderr, "%s: %s\n", crm_status_name(crm_error_code(err)), crm_error_message(err));
  crm_error_free(err);
  return 1;
}
