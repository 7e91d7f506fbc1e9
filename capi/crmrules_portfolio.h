/* crmrules_portfolio.h: portfolio grading through the C ABI (included by crmrules.h):
 * ABC classes, ranks and cumulative shares of a measure over a whole population, the
 * Pareto share, and RFM quantile scores.
 *
 *   crm_decimal profit[3];                           (one per customer)
 *   crm_decimal_parse(&profit[0], "500000", 6, NULL);
 *   crm_decimal_parse(&profit[1], "20000000", 8, NULL);
 *   crm_decimal_parse(&profit[2], "6000000", 7, NULL);
 *   crm_portfolio *p = NULL;
 *   crm_portfolio_classify(&p, profit, 3, NULL, NULL);   (default options: 80% / 95% / top 20%)
 *   uint8_t classes[3];
 *   crm_portfolio_classes(classes, 3, p, NULL);      (CRM_ABC_C, CRM_ABC_A, CRM_ABC_A)
 *   crm_abc_class c; size_t rank; crm_decimal share;
 *   crm_portfolio_customer(&c, &rank, &share, p, 1, NULL);   (A, 1, 0.754717)
 *   crm_decimal pareto; int defined;
 *   crm_portfolio_pareto_share(&pareto, &defined, p, NULL);  (0.452830)
 *   crm_portfolio_free(p);
 *
 *   crm_decimal top;
 *   crm_decimal_parse(&top, "0.1", 3, NULL);
 *   crm_portfolio_options options = CRM_PORTFOLIO_OPTIONS_INIT;  (every member: its default)
 *   options.pareto_top = &top;                                  (the top 10% instead)
 *   crm_portfolio_classify(&p, profit, 3, &options, NULL);
 *
 * (The sketch leaves out testing each call's crm_status; real code tests every one.)
 *
 * The rules (exact decimals; include/crmrules/portfolio.hpp says it all): customers are
 * ranked by the measure, largest first, ties sharing rank, share and class; class A is
 * the smallest top group holding at least a_share of the positive total (the customer
 * reaching exactly 80% is A), B up to b_share, the rest C; zero and negative measures are
 * C and hold no share; the Pareto share of a fractional top count is interpolated.
 * Grading a rule set's outputs over many customers is crm_ruleset_evaluate_records or
 * crm_ruleset_evaluate_json_batch; the command `crmrules grade` does both over a CSV.
 * Conventions: docs/c-api.md. A crm_portfolio is immutable: share it between threads. */
#ifndef CRMRULES_PORTFOLIO_H
#define CRMRULES_PORTFOLIO_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

typedef struct crm_portfolio crm_portfolio;

typedef enum crm_abc_class { CRM_ABC_A = 0, CRM_ABC_B = 1, CRM_ABC_C = 2 } crm_abc_class;

/* Which end of a measure is better, for RFM scores. */
typedef enum crm_better { CRM_BETTER_HIGHER = 0, CRM_BETTER_LOWER = 1 } crm_better;

/* How crm_portfolio_classify classifies. May gain members at its end: start from
 * CRM_PORTFOLIO_OPTIONS_INIT (every member NULL: its default) and set what you need. The
 * decimals pointed to are read during the call only. */
typedef struct crm_portfolio_options {
  size_t size;                    /* sizeof(crm_portfolio_options) */
  const crm_decimal *a_share;     /* class A: the top holding this share; NULL: 0.80 */
  const crm_decimal *b_share;     /* class B: up to this share; NULL: 0.95 */
  const crm_decimal *pareto_top;  /* the Pareto share's top fraction; NULL: 0.20 */
} crm_portfolio_options;
#define CRM_PORTFOLIO_OPTIONS_INIT {sizeof(crm_portfolio_options), NULL, NULL, NULL}

/* Classifies count measures (one per customer). options may be NULL for every default;
 * its shares must satisfy 0 < a_share <= b_share <= 1 and 0 <= pareto_top <= 1
 * (CRM_E_INVALID_ARGUMENT otherwise, as for a bad options->size). measures may be NULL
 * only when count is 0. Shares are reported with six decimals. */
CRM_API CRM_NODISCARD crm_status crm_portfolio_classify(crm_portfolio **out, const crm_decimal *measures, size_t count,
                                                        const crm_portfolio_options *options, crm_error **error);
CRM_API void crm_portfolio_free(crm_portfolio *portfolio);

/* The number of customers. */
CRM_API CRM_NODISCARD crm_status crm_portfolio_size(size_t *out, const crm_portfolio *portfolio, crm_error **error);
/* Customer index (input order): its class, its rank (1 = largest; ties share it) and the
 * share of the positive total held by the customers ranked at or above it. Any of the
 * three outputs may be NULL. CRM_E_OUT_OF_RANGE for an index past the end. */
CRM_API CRM_NODISCARD crm_status crm_portfolio_customer(crm_abc_class *out_class, size_t *out_rank,
                                                        crm_decimal *out_share, const crm_portfolio *portfolio,
                                                        size_t index, crm_error **error);
/* Every customer's class (a crm_abc_class value) into out[0..count), count = the size. */
CRM_API CRM_NODISCARD crm_status crm_portfolio_classes(uint8_t *out, size_t count, const crm_portfolio *portfolio,
                                                       crm_error **error);
/* Customers in a class and the share of the positive total they hold. */
CRM_API CRM_NODISCARD crm_status crm_portfolio_class_summary(size_t *out_customers, crm_decimal *out_share,
                                                             const crm_portfolio *portfolio, crm_abc_class abc_class,
                                                             crm_error **error);
/* Customers whose measure is below zero. */
CRM_API CRM_NODISCARD crm_status crm_portfolio_loss_making(size_t *out, const crm_portfolio *portfolio,
                                                           crm_error **error);
/* The share held by the top pareto_top of customers; *out_defined is 0 (and *out left
 * alone) when no measure is positive. */
CRM_API CRM_NODISCARD crm_status crm_portfolio_pareto_share(crm_decimal *out, int *out_defined,
                                                            const crm_portfolio *portfolio, crm_error **error);
/* The same for any fraction of customers from 0 to 1. */
CRM_API CRM_NODISCARD crm_status crm_portfolio_top_share(crm_decimal *out, int *out_defined,
                                                         const crm_portfolio *portfolio, const crm_decimal *fraction,
                                                         crm_error **error);

/* The four classes 主/次/辅/杂 (A main, B secondary, C auxiliary, D miscellaneous) beside
 * ABC, as a rule set defines them in its "portfolio" section (the built-in rule set: A up
 * to 0.80 of the measure, B up to 0.90, C up to 0.95, D the rest; rules data, to copy and
 * change). CRM_E_INVALID_RULE when the rule set defines none. The strings are borrowed
 * from the rule set (NUL-terminated UTF-8, valid while it lives).
 * The number of classes (4 in the built-in rule set; a rule set may define 2..255): */
CRM_API CRM_NODISCARD crm_status crm_portfolio_four_class_count(size_t *out, const crm_ruleset *rules,
                                                                crm_error **error);
/* Class index: its label ("A"), its name in Chinese (主要客户) and English, and the
 * cumulative share its customers reach up to (*out_has_up_to 0 for the last class, which
 * takes every customer left). Any output may be NULL. CRM_E_OUT_OF_RANGE past the end. */
CRM_API CRM_NODISCARD crm_status crm_portfolio_four_class_info(const char **out_label, const char **out_zh,
                                                               const char **out_en, crm_decimal *out_up_to,
                                                               int *out_has_up_to, const crm_ruleset *rules,
                                                               size_t index, crm_error **error);
/* Every customer's class (an index: 0 for A) into out[0..count), count = the portfolio's
 * size, decided exactly as ABC is: a customer is in the first class whose cut-off the
 * customers ranked strictly above it hold less than; at or below zero, the last class.
 * out_customers and out_shares (each NULL or of classes = the class count elements) get
 * the customers per class and the part of the positive total each holds (six decimals). */
CRM_API CRM_NODISCARD crm_status crm_portfolio_four_classes(uint8_t *out, size_t count, size_t *out_customers,
                                                            crm_decimal *out_shares, size_t classes,
                                                            const crm_portfolio *portfolio, const crm_ruleset *rules,
                                                            crm_error **error);

/* RFM: quantile scores 1..bins (2..100; 5 for quintiles) into out[0..count), 0 where
 * present[i] is 0 (present may be NULL: every value is given). Ties keep one score; a
 * score is 1 + floor(bins * w / n), w the values strictly worse, n the values given. */
CRM_API CRM_NODISCARD crm_status crm_quantile_scores(uint8_t *out, const crm_decimal *values, const uint8_t *present,
                                                     size_t count, int32_t bins, crm_better better, crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif /* CRMRULES_PORTFOLIO_H */
