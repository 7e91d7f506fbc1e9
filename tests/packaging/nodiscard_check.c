/* A caller that ignores a crm_status: the packaging.header_nodiscard_* tests compile it
 * with -Werror=unused-result and expect the compiler to refuse it, naming
 * warn_unused_result (CRM_NODISCARD in capi/crmrules.h). */
#include "crmrules.h"

int crm_nodiscard_check(void);

int crm_nodiscard_check(void) {
  crm_decimal d;
  crm_decimal_from_int64(&d, 1, NULL);
  return 0;
}
