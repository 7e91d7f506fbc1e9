/* crmrules_lifetime.h: retention and lifetime value through the C ABI (included by
 * crmrules.h): transactions to a summary, the BG/NBD and Gamma-Gamma models fitted from
 * arrays, P(alive), expected purchases, CLV, retention (docs/lifetime.md).
 *
 *   crm_lifetime_summary *summary = NULL;
 *   crm_lifetime_bgnbd *bg = NULL;
 *   crm_error *err = NULL;
 *   if (crm_lifetime_summary_read_file(&summary, "cdnow.csv", 9, CRM_LIFETIME_WEEKS, &err) != CRM_OK) {
 *     printf("%s\n", crm_error_message(err));                     (the line and column at fault)
 *     crm_error_free(err);
 *   }
 *   crm_lifetime_counts counts = CRM_LIFETIME_COUNTS_INIT;
 *   crm_lifetime_summary_counts(&counts, summary, NULL);           (counts.customers: 2357)
 *   double *x = ..., *t_x = ..., *T = ..., *m = ...;                (counts.customers each)
 *   crm_lifetime_summary_arrays(x, t_x, T, m, counts.customers, summary, NULL);
 *   crm_lifetime_bgnbd_fit(&bg, x, t_x, T, counts.customers, NULL, &err);   (no convergence: the last values)
 *   crm_lifetime_bgnbd_params params = CRM_LIFETIME_BGNBD_PARAMS_INIT;
 *   crm_lifetime_bgnbd_get(&params, bg, NULL);                     (r 0.243, alpha 4.414, a 0.793, b 2.426)
 *   double alive;
 *   crm_lifetime_bgnbd_p_alive(&alive, bg, x, t_x, T, 1, NULL);    (one customer, or many)
 *   crm_lifetime_bgnbd_free(bg);
 *   crm_lifetime_summary_free(summary);
 *
 * (The sketch leaves out testing each call's crm_status; real code tests every one.)
 * Conventions: docs/c-api.md. Every object is immutable once made: share it between
 * threads. Dates are days since 1970-01-01 (crm::Date::days); amounts are exact decimals
 * (crm_decimal, or their text where a column of them is passed). Arrays of customers are
 * checked whole before anything is computed: a bad one is CRM_E_INVALID_ARGUMENT at
 * "/<index>/<field>" and nothing is written. */
#ifndef CRMRULES_LIFETIME_H
#define CRMRULES_LIFETIME_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

typedef struct crm_lifetime_log crm_lifetime_log;
typedef struct crm_lifetime_summary crm_lifetime_summary;
typedef struct crm_lifetime_bgnbd crm_lifetime_bgnbd;
typedef struct crm_lifetime_gamma_gamma crm_lifetime_gamma_gamma;
typedef struct crm_lifetime_analysis crm_lifetime_analysis;

typedef enum crm_lifetime_unit {
  CRM_LIFETIME_DAYS = 0,
  CRM_LIFETIME_WEEKS = 1 /* 7 days; fractional weeks, as the CDNOW data */
} crm_lifetime_unit;

typedef enum crm_lifetime_returns {
  CRM_LIFETIME_RETURNS_REFUSE = 0, /* a negative amount fails the read (its line and column) */
  CRM_LIFETIME_RETURNS_NET = 1     /* netted against that day's purchases; the day still counts */
} crm_lifetime_returns;

/* The structs below may gain members at their end: each begins with size, the bytes the
 * caller's struct has, set by its CRM_LIFETIME_..._INIT macro (docs/c-api.md). Options may
 * be NULL: the defaults of the built-in settings (rules/lifetime.json). */
typedef struct crm_lifetime_summary_options {
  size_t size;             /* sizeof(crm_lifetime_summary_options): CRM_LIFETIME_SUMMARY_OPTIONS_INIT */
  int unit;                /* crm_lifetime_unit */
  int has_calibration_end; /* non-zero: the calibration period ends on calibration_end (the holdout follows) */
  int32_t calibration_end; /* days since 1970-01-01 */
  int has_observation_end; /* non-zero: observation ends on observation_end (else the log's last day) */
  int32_t observation_end;
} crm_lifetime_summary_options;
#define CRM_LIFETIME_SUMMARY_OPTIONS_INIT {sizeof(crm_lifetime_summary_options), CRM_LIFETIME_WEEKS, 0, 0, 0, 0}

typedef struct crm_lifetime_fit_options {
  size_t size;         /* sizeof(crm_lifetime_fit_options): CRM_LIFETIME_FIT_OPTIONS_INIT */
  int max_evaluations; /* the optimiser's limit (2000) */
  double tolerance;    /* relative change of the log-likelihood at which it stops (1e-10) */
  double lower_bound;  /* every parameter's search range (1e-6 .. 1e6) */
  double upper_bound;
} crm_lifetime_fit_options;
#define CRM_LIFETIME_FIT_OPTIONS_INIT {sizeof(crm_lifetime_fit_options), 2000, 1e-10, 1e-6, 1e6}

typedef struct crm_lifetime_clv_options {
  size_t size;          /* sizeof(crm_lifetime_clv_options): CRM_LIFETIME_CLV_OPTIONS_INIT */
  int unit;             /* crm_lifetime_unit of x, t_x, T and t */
  int horizon_months;   /* the CLV's horizon, 0..1200 (12) */
  double discount_rate; /* per month, [0, 1) (0.01) */
  double month_days;    /* a month in days (30) */
  double month_weeks;   /* a month in weeks (4.345) */
  unsigned threads;     /* 0: the hardware's */
} crm_lifetime_clv_options;
#define CRM_LIFETIME_CLV_OPTIONS_INIT {sizeof(crm_lifetime_clv_options), CRM_LIFETIME_WEEKS, 12, 0.01, 30, 4.345, 0}

typedef struct crm_lifetime_counts {
  size_t size;           /* sizeof(crm_lifetime_counts): CRM_LIFETIME_COUNTS_INIT */
  size_t customers;      /* the summary's customers: the arrays' length */
  uint64_t transactions; /* rows summarised (0 for a summary read from CSV) */
  uint64_t one_purchase; /* customers with frequency 0 */
  int has_holdout;       /* a calibration end was given */
  double duration_holdout; /* its length, in the unit */
  int unit;              /* crm_lifetime_unit */
} crm_lifetime_counts;
#define CRM_LIFETIME_COUNTS_INIT {sizeof(crm_lifetime_counts), 0, 0, 0, 0, 0, CRM_LIFETIME_WEEKS}

typedef struct crm_lifetime_bgnbd_params {
  size_t size; /* sizeof(crm_lifetime_bgnbd_params): CRM_LIFETIME_BGNBD_PARAMS_INIT */
  double r, alpha, a, b;
  double log_likelihood; /* of the customers fitted (0 for a model from parameters) */
  uint64_t customers;
  int evaluations;
} crm_lifetime_bgnbd_params;
#define CRM_LIFETIME_BGNBD_PARAMS_INIT {sizeof(crm_lifetime_bgnbd_params), 0, 0, 0, 0, 0, 0, 0}

typedef struct crm_lifetime_gamma_gamma_params {
  size_t size; /* sizeof(crm_lifetime_gamma_gamma_params): CRM_LIFETIME_GAMMA_GAMMA_PARAMS_INIT */
  double p, q, v;
  double log_likelihood;
  uint64_t customers;  /* the repeat buyers fitted */
  double correlation;  /* Pearson's, of frequency and monetary value: the model assumes near 0 */
} crm_lifetime_gamma_gamma_params;
#define CRM_LIFETIME_GAMMA_GAMMA_PARAMS_INIT {sizeof(crm_lifetime_gamma_gamma_params), 0, 0, 0, 0, 0, 0}

/* The deck's simple lifetime value, exact (crm::lifetime::simple_clv). */
typedef struct crm_lifetime_simple_clv {
  size_t size; /* sizeof(crm_lifetime_simple_clv): CRM_LIFETIME_SIMPLE_CLV_INIT */
  crm_decimal lifetime_value;    /* margin / (1 - retention) */
  crm_decimal expected_lifetime; /* 1 / (1 - retention) periods */
  crm_decimal discounted_value;  /* the sum over the periods of margin * retention^k / (1 + discount)^k */
  crm_decimal lifetime_profit;   /* discounted_value - acquisition cost */
  int has_profit_rate;           /* 0 when the acquisition cost is 0 */
  crm_decimal lifetime_profit_rate; /* lifetime_profit / acquisition cost */
} crm_lifetime_simple_clv;
#define CRM_LIFETIME_SIMPLE_CLV_INIT \
  {sizeof(crm_lifetime_simple_clv), {{0, 0, 0}}, {{0, 0, 0}}, {{0, 0, 0}}, {{0, 0, 0}}, 0, {{0, 0, 0}}}

/* ---- Transactions and summaries -------------------------------------------------- */
/* A transaction log from CSV (a header naming customer, date, amount; other columns
 * ignored; a date may carry a time of day) or from columns: `n` customers as UTF-8 texts
 * back to back with n + 1 byte offsets, `days` per row, amounts as decimal texts back to
 * back with n + 1 offsets (NULL text: no amounts, every amount 0). `returns` is
 * crm_lifetime_returns. Errors name the line and column (CSV) or "/<row>/<field>". Free
 * the log with crm_lifetime_log_free. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_log_read(crm_lifetime_log **out, const char *text, size_t len,
                                                       int returns, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_lifetime_log_read_file(crm_lifetime_log **out, const char *path, size_t path_len,
                                                            int returns, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_lifetime_log_from_columns(crm_lifetime_log **out, const char *customers,
                                                               const int64_t *customer_offsets, const int32_t *days,
                                                               const char *amounts, const int64_t *amount_offsets,
                                                               size_t n, int returns, crm_error **error);
CRM_API void crm_lifetime_log_free(crm_lifetime_log *log);

/* The summary the models read (frequency, recency, T, monetary value per customer, sorted
 * by customer; a holdout with a calibration end). CRM_E_MISSING when no customer bought in
 * the calibration period, CRM_E_OUT_OF_RANGE for a calibration end not before the
 * observation end. Free it with crm_lifetime_summary_free. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_summarize(crm_lifetime_summary **out, const crm_lifetime_log *log,
                                                        const crm_lifetime_summary_options *options,
                                                        crm_error **error);
/* A summary already made: a CSV with customer (or ID), frequency (or x), recency (or t_x),
 * T and optionally monetary_value (or zbar), in `unit`. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_summary_read(crm_lifetime_summary **out, const char *text, size_t len,
                                                           int unit, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_lifetime_summary_read_file(crm_lifetime_summary **out, const char *path,
                                                                size_t path_len, int unit, crm_error **error);
CRM_API void crm_lifetime_summary_free(crm_lifetime_summary *summary);
CRM_API CRM_NODISCARD crm_status crm_lifetime_summary_counts(crm_lifetime_counts *out,
                                                             const crm_lifetime_summary *summary, crm_error **error);
/* The per-customer columns into the caller's arrays of `capacity` (at least customers);
 * any array may be NULL. CRM_E_BUFFER_TOO_SMALL when capacity is short. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_summary_arrays(double *frequency, double *recency, double *T,
                                                             double *monetary_value, size_t capacity,
                                                             const crm_lifetime_summary *summary, crm_error **error);
/* The holdout columns (purchase days after the calibration end, their mean amount); zeros
 * without a holdout. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_summary_holdout(double *frequency, double *monetary_value,
                                                              size_t capacity, const crm_lifetime_summary *summary,
                                                              crm_error **error);
/* Customer `index`'s id (borrowed from the summary). */
CRM_API CRM_NODISCARD crm_status crm_lifetime_summary_customer(const char **out, size_t *out_len,
                                                               const crm_lifetime_summary *summary, size_t index,
                                                               crm_error **error);
/* Every customer's id, in the summary's order, joined by `separator` into a new string
 * (crm_string_free); CRM_E_INVALID_ARGUMENT when an id holds the separator. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_summary_customers(char **out, size_t *out_len,
                                                                const crm_lifetime_summary *summary, char separator,
                                                                crm_error **error);
/* New strings (crm_string_free): the summary as CSV (lifetimes' column names) and JSON. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_summary_csv(char **out, size_t *out_len,
                                                          const crm_lifetime_summary *summary, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_lifetime_summary_json(char **out, size_t *out_len,
                                                           const crm_lifetime_summary *summary, crm_error **error);

/* ---- BG/NBD ----------------------------------------------------------------------- */
/* Maximum likelihood on n customers' (x, t_x, T). CRM_E_MISSING for no customer or no
 * repeat purchase at all, CRM_E_NO_MATCH when the fit does not converge (the message has
 * the last values), CRM_E_OUT_OF_RANGE when a parameter ends at its bound. Free the model
 * with crm_lifetime_bgnbd_free. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_bgnbd_fit(crm_lifetime_bgnbd **out, const double *frequency,
                                                        const double *recency, const double *T, size_t n,
                                                        const crm_lifetime_fit_options *options, crm_error **error);
/* A model from known parameters (r, alpha, a, b: finite and above 0). */
CRM_API CRM_NODISCARD crm_status crm_lifetime_bgnbd_from_params(crm_lifetime_bgnbd **out,
                                                                const crm_lifetime_bgnbd_params *params,
                                                                crm_error **error);
CRM_API void crm_lifetime_bgnbd_free(crm_lifetime_bgnbd *model);
CRM_API CRM_NODISCARD crm_status crm_lifetime_bgnbd_get(crm_lifetime_bgnbd_params *out,
                                                        const crm_lifetime_bgnbd *model, crm_error **error);
/* Per customer, into out[0 .. n-1]: P(alive | x, t_x, T), and the expected purchases in
 * the next t units. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_bgnbd_p_alive(double *out, const crm_lifetime_bgnbd *model,
                                                            const double *frequency, const double *recency,
                                                            const double *T, size_t n, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_lifetime_bgnbd_expected_purchases(double *out, const crm_lifetime_bgnbd *model,
                                                                       double t, const double *frequency,
                                                                       const double *recency, const double *T,
                                                                       size_t n, crm_error **error);
/* E[X(t)]: a new customer's expected repeat purchases in its first t units (the fit plot). */
CRM_API CRM_NODISCARD crm_status crm_lifetime_bgnbd_expected_repeat_purchases(double *out,
                                                                              const crm_lifetime_bgnbd *model,
                                                                              double t, crm_error **error);
/* {"model": "bg/nbd", "params", "log_likelihood", "customers", "evaluations"} (crm_string_free). */
CRM_API CRM_NODISCARD crm_status crm_lifetime_bgnbd_json(char **out, size_t *out_len, const crm_lifetime_bgnbd *model,
                                                         crm_error **error);

/* ---- Gamma-Gamma ---------------------------------------------------------------- */
/* Maximum likelihood on the customers with x > 0 (their mean repeat value above 0). */
CRM_API CRM_NODISCARD crm_status crm_lifetime_gamma_gamma_fit(crm_lifetime_gamma_gamma **out,
                                                              const double *frequency, const double *monetary_value,
                                                              size_t n, const crm_lifetime_fit_options *options,
                                                              crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_lifetime_gamma_gamma_from_params(crm_lifetime_gamma_gamma **out,
                                                                      const crm_lifetime_gamma_gamma_params *params,
                                                                      crm_error **error);
CRM_API void crm_lifetime_gamma_gamma_free(crm_lifetime_gamma_gamma *model);
CRM_API CRM_NODISCARD crm_status crm_lifetime_gamma_gamma_get(crm_lifetime_gamma_gamma_params *out,
                                                              const crm_lifetime_gamma_gamma *model,
                                                              crm_error **error);
/* E[M | x, m] per customer into out[0 .. n-1] (the population mean for x = 0). */
CRM_API CRM_NODISCARD crm_status crm_lifetime_gamma_gamma_expected_profit(double *out,
                                                                          const crm_lifetime_gamma_gamma *model,
                                                                          const double *frequency,
                                                                          const double *monetary_value, size_t n,
                                                                          crm_error **error);

/* ---- Lifetime value -------------------------------------------------------------- */
/* n customers scored, into the caller's arrays (any may be NULL): P(alive), the expected
 * purchases in the next t units, the expected average profit and the model CLV (the
 * monthly expected purchases times the profit, discounted per month, as lifetimes'
 * customer_lifetime_value). All or nothing. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_score(double *p_alive, double *expected_purchases,
                                                    double *expected_profit, double *clv,
                                                    const crm_lifetime_bgnbd *bg, const crm_lifetime_gamma_gamma *gg,
                                                    const double *frequency, const double *recency, const double *T,
                                                    const double *monetary_value, size_t n, double t,
                                                    const crm_lifetime_clv_options *options, crm_error **error);
/* The deck's simple forms from a margin per period, a retention rate in [0, 1), a discount
 * rate per period, the periods and the acquisition cost, each result rounded to `places`. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_simple_clv_of(crm_lifetime_simple_clv *out, const crm_decimal *margin,
                                                            const crm_decimal *retention, const crm_decimal *discount,
                                                            int periods, const crm_decimal *acquisition_cost,
                                                            int places, crm_error **error);

/* ---- Retention ------------------------------------------------------------------- */
typedef enum crm_lifetime_retention_form {
  CRM_LIFETIME_RETENTION_JSON = 0,        /* months, cohorts, costs */
  CRM_LIFETIME_RETENTION_COHORTS_CSV = 1, /* cohort,size,m0,m1,... as rates */
  CRM_LIFETIME_RETENTION_TEXT = 2         /* readable, in `lang` */
} crm_lifetime_retention_form;
/* Retention and churn per month and per cohort of a log, with the cost view (the costs may
 * be NULL: the settings' 5 : 1), as a new string (crm_string_free). */
CRM_API CRM_NODISCARD crm_status crm_lifetime_retention(char **out, size_t *out_len, const crm_lifetime_log *log,
                                                        const crm_decimal *acquisition_cost,
                                                        const crm_decimal *retention_cost, int form, int lang,
                                                        crm_error **error);

/* ---- The analysis (what crmrules clv prints) ------------------------------------- */
/* Both models fitted on `fitted`, the customers of `to_score` (NULL: the fitted ones)
 * scored over t units (0: one month) with `options` (NULL: the settings'); `rules` (NULL:
 * the built-in settings) is a rule set with a "lifetime" section. When Gamma-Gamma cannot
 * be fitted the analysis has no CLV and a note says why. Free it with
 * crm_lifetime_analysis_free. */
CRM_API CRM_NODISCARD crm_status crm_lifetime_analyse(crm_lifetime_analysis **out,
                                                      const crm_lifetime_summary *fitted,
                                                      const crm_lifetime_summary *to_score, double t,
                                                      const crm_lifetime_clv_options *options,
                                                      const crm_ruleset *rules, crm_error **error);
CRM_API void crm_lifetime_analysis_free(crm_lifetime_analysis *analysis);
typedef enum crm_lifetime_analysis_form {
  CRM_LIFETIME_ANALYSIS_JSON = 0, /* the fits, the histogram, every customer, the notes */
  CRM_LIFETIME_ANALYSIS_CSV = 1,  /* one row per scored customer */
  CRM_LIFETIME_ANALYSIS_TEXT = 2, /* readable, in `lang` */
  CRM_LIFETIME_ANALYSIS_SVG = 3   /* the fit plot: actual against predicted repeat purchases */
} crm_lifetime_analysis_form;
CRM_API CRM_NODISCARD crm_status crm_lifetime_analysis_write(char **out, size_t *out_len,
                                                             const crm_lifetime_analysis *analysis, int form,
                                                             int lang, crm_error **error);
/* The built-in lifetime settings' rule set as JSON, to copy and change (borrowed, static). */
CRM_API CRM_NODISCARD crm_status crm_lifetime_builtin_json(const char **out, size_t *out_len, crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif /* CRMRULES_LIFETIME_H */
