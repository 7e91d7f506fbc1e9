/* capi/crmrules.h on its own: compiled (never linked) as C99 and as C++11 by the
 * packaging.header_* tests, with every warning an error. Included twice to check its
 * include guard; nothing else is included first, so it must be self-contained. Every
 * CRM_..._INIT macro is used, so that each initialises every member of its struct in both
 * languages (-Wmissing-field-initializers, in -Wextra, would fail otherwise). */
#include "crmrules.h"
#include "crmrules.h"

int crm_header_check(void);

int crm_header_check(void) {
  crm_decimal zero = {{0, 0, 0}};
  crm_error *error = NULL;
  crm_status status = CRM_OK;
  crm_rounding mode = CRM_ROUND_HALF_EVEN;
  crm_kano_result result = CRM_KANO_RESULT_INIT;
  crm_kano_priority priority = CRM_KANO_PRIORITY_INIT;
  crm_kano_difference difference = CRM_KANO_DIFFERENCE_INIT;
  crm_kano_drift drift = CRM_KANO_DRIFT_INIT;
  crm_kano_issue issue = CRM_KANO_ISSUE_INIT;
  crm_kano_csv_options csv = CRM_KANO_CSV_OPTIONS_INIT;
  crm_portfolio_options portfolio = CRM_PORTFOLIO_OPTIONS_INIT;
  crm_account_counts account_counts = CRM_ACCOUNT_COUNTS_INIT;
  crm_account_action account_action = CRM_ACCOUNT_ACTION_INIT;
  (void)zero;
  (void)error;
  (void)mode;
  return (int)status + CRM_VERSION_NUMBER * 0 +
         (int)(result.size + priority.size + difference.size + drift.size + issue.size + csv.size + portfolio.size +
               account_counts.size + account_action.size) * 0;
}
