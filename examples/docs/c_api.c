/* docs/c-api.md's fragment on structs that grow (`part of` it: tests/docs/snippets_test.py):
 * a result struct filled by the library and an options struct set member by member, checked. */
#include <crmrules.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  crm_error *err = NULL;
  crm_kano_survey *survey = NULL; crm_kano_analysis *analysis = NULL;
  crm_portfolio *p = NULL;
  crm_decimal ten_percent, pareto, profits[10];
  int defined = 0, ok = 1;
  char share[42];
  size_t len = 0;
  for (int i = 0; i < 10; ++i) ok = ok && crm_decimal_from_int64(&profits[i], i == 0 ? 91 : 1, NULL) == CRM_OK;
  ok = ok && crm_decimal_parse(&ten_percent, "0.10", 4, NULL) == CRM_OK &&
       crm_kano_survey_create(&survey, NULL, 0, NULL) == CRM_OK &&
       crm_kano_survey_add(survey, "r1", 2, "Free delivery", 13, "Like", 4, "Dislike", 7, NULL, 0, NULL, 0, 0, NULL) == CRM_OK &&
       crm_kano_survey_analyze(&analysis, survey, NULL) == CRM_OK;

  crm_kano_result r = CRM_KANO_RESULT_INIT;                 /* {sizeof(crm_kano_result), NULL, ...} */
  if (crm_kano_analysis_result(&r, analysis, 0, &err) != CRM_OK) { puts(crm_error_message(err)); crm_error_free(err); }
  crm_portfolio_options options = CRM_PORTFOLIO_OPTIONS_INIT;
  options.pareto_top = &ten_percent;                         /* the members not set keep their default */

  ok = ok && r.size == sizeof(crm_kano_result) && r.n == 1 && r.category == CRM_KANO_ONE_DIMENSIONAL &&
       strcmp(r.attribute, "Free delivery") == 0 && options.a_share == NULL &&
       crm_portfolio_classify(&p, profits, 10, &options, NULL) == CRM_OK &&
       crm_portfolio_pareto_share(&pareto, &defined, p, NULL) == CRM_OK && defined &&
       crm_decimal_format(share, sizeof share, &len, &pareto, NULL) == CRM_OK &&
       strcmp(share, "0.910000") == 0;  /* the top 10%: one customer of ten holds 91 of 100 */
  crm_portfolio_free(p); crm_kano_analysis_free(analysis); crm_kano_survey_free(survey);
  puts(ok ? "docs/c-api.md: the result filled, the options' other members at their defaults"
          : "docs/c-api.md: not as documented");
  return ok ? 0 : 1;
}
