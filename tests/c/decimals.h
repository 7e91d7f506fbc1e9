/* Decimals for the pure C tests: dec("12.50") parses text the test writes, counting a
 * failure (check.h) when it does not parse. Include after check.h. */
#ifndef CRMRULES_TESTS_C_DECIMALS_H
#define CRMRULES_TESTS_C_DECIMALS_H

#include <stdio.h>
#include <string.h>

#include "crmrules.h"

static crm_decimal dec(const char *text) {
  crm_decimal d;
  memset(&d, 0, sizeof d);
  if (crm_decimal_parse(&d, text, strlen(text), NULL) != CRM_OK) {
    fprintf(stderr, "cannot parse %s\n", text);
    ++failed;
  }
  return d;
}

#endif
