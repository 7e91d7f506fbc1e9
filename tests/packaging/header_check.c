/* capi/crmrules.h on its own: compiled (never linked) as C99 and as C++11 by the
 * packaging.header_* tests, with every warning an error. Included twice to check its
 * include guard; nothing else is included first, so it must be self-contained. */
#include "crmrules.h"
#include "crmrules.h"

int crm_header_check(void);

int crm_header_check(void) {
  crm_decimal zero = {{0, 0, 0}};
  crm_error *error = NULL;
  crm_status status = CRM_OK;
  crm_rounding mode = CRM_ROUND_HALF_EVEN;
  (void)zero;
  (void)error;
  (void)mode;
  return (int)status + CRM_VERSION_NUMBER * 0;
}
