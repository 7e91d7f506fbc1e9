/* crmrules_satisfaction.h: satisfaction as the ratio of the actual product to the ideal
 * one (客户满意度 = 实际产品/理想产品) on the deck's 7-point scale, through the C ABI
 * (included by crmrules.h).
 *
 *   crm_decimal actual[2], ideal[2], weight[2];
 *   crm_decimal_parse(&actual[0], "8", 1, NULL);  crm_decimal_parse(&ideal[0], "10", 2, NULL);
 *   crm_decimal_parse(&actual[1], "9", 1, NULL);  crm_decimal_parse(&ideal[1], "10", 2, NULL);
 *   crm_decimal_from_int64(&weight[0], 1, NULL);  crm_decimal_from_int64(&weight[1], 2, NULL);
 *   crm_satisfaction_rating *r = NULL;
 *   const char *names[2] = {"交货周期", "质量功能"};
 *   crm_satisfaction_rate(&r, names, actual, ideal, weight, 2, NULL, NULL);   (the built-in bands)
 *   crm_decimal ratio;
 *   crm_satisfaction_rating_ratio(&ratio, NULL, NULL, r, NULL);         (0.8667: 26 / 30)
 *   const char *label, *zh; int32_t points;
 *   crm_satisfaction_rating_band(&label, &zh, NULL, &points, r, NULL);  (fairly_satisfied, 较满意, 5)
 *   crm_satisfaction_rating_free(r);
 *
 * (The sketch leaves out testing each call's crm_status; real code tests every one.)
 * The rules (include/crmrules/satisfaction.hpp): the actual product is Σ weight × actual,
 * the ideal Σ weight × ideal, exactly; the band is decided on their exact quotient and
 * only the reported ratio is rounded. The bands and cut-offs are the rule set's
 * "satisfaction" section (the built-in one's: 1, 0.9, 0.8, 0.7, 0.6, 0.5, the project's
 * defaults). Conventions: docs/c-api.md. A rating is immutable: share it between threads. */
#ifndef CRMRULES_SATISFACTION_H
#define CRMRULES_SATISFACTION_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

typedef struct crm_satisfaction_rating crm_satisfaction_rating;

/* Rates one product of count attributes: names[i] (NUL-terminated UTF-8, used in errors;
 * names NULL or names[i] NULL: none), actual[i] and ideal[i] (0 or more), weights[i]
 * (above 0; weights NULL: 1 each), with the bands of rules' "satisfaction" section (rules
 * NULL: the built-in rule set). CRM_E_INVALID_ARGUMENT naming the attribute for a bad
 * value, no attribute or an ideal product of 0; CRM_E_INVALID_RULE for a rule set without
 * the section. */
CRM_API CRM_NODISCARD crm_status crm_satisfaction_rate(crm_satisfaction_rating **out, const char *const *names,
                                                       const crm_decimal *actual, const crm_decimal *ideal,
                                                       const crm_decimal *weights, size_t count,
                                                       const crm_ruleset *rules, crm_error **error);
CRM_API void crm_satisfaction_rating_free(crm_satisfaction_rating *rating);

/* The ratio (to the section's scale, half-even) and the exact actual and ideal products.
 * Any output may be NULL. */
CRM_API CRM_NODISCARD crm_status crm_satisfaction_rating_ratio(crm_decimal *out_ratio, crm_decimal *out_actual,
                                                               crm_decimal *out_ideal,
                                                               const crm_satisfaction_rating *rating,
                                                               crm_error **error);
/* The band: its label (the built-in rule set's satisfaction input reads it), its name in
 * Chinese and English, its points (7 .. 1). Strings borrowed from the rating. Any output
 * may be NULL. */
CRM_API CRM_NODISCARD crm_status crm_satisfaction_rating_band(const char **out_label, const char **out_zh,
                                                              const char **out_en, int32_t *out_points,
                                                              const crm_satisfaction_rating *rating,
                                                              crm_error **error);
/* Attribute index (input order): its own ratio actual / ideal (*out_defined 0 when its
 * ideal is 0) and its shortfall (ideal - actual, or 0). CRM_E_OUT_OF_RANGE past the end. */
CRM_API CRM_NODISCARD crm_status crm_satisfaction_rating_attribute(crm_decimal *out_ratio, int *out_defined,
                                                                   crm_decimal *out_shortfall,
                                                                   const crm_satisfaction_rating *rating, size_t index,
                                                                   crm_error **error);

/* Rates every customer of a CSV held in memory (columns customer, attribute, actual,
 * ideal, optionally weight; one attribute per row) and writes the ratings as CSV (json 0;
 * band names in lang) or as a JSON array (json 1). *out is the caller's, freed with
 * crm_string_free. An error names the CSV line and column; nothing is written then. */
CRM_API CRM_NODISCARD crm_status crm_satisfaction_rate_csv(char **out, size_t *out_len, const char *csv,
                                                           size_t csv_len, int json, crm_lang lang,
                                                           const crm_ruleset *rules, crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif /* CRMRULES_SATISFACTION_H */
