/* Retention and lifetime value from pure C99 (crmrules_lifetime.h): the CDNOW summary's
 * fits against the paper, predictions for one customer and for arrays, scores and CLV, the
 * deck's simple CLV, a transaction log from CSV and from columns, retention, the
 * analysis, and bad input refused with its place and nothing allocated.
 *
 *   crmrules_c_lifetime_tests CDNOW_SUMMARY.csv */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "crmrules.h"

#define S(text) text, strlen(text)

static const char *ORDERS =
    "customer,date,amount\n"
    "A,2024-01-01,10.00\nA,2024-01-01 16:30,5.00\nA,2024-01-15,20.00\nB,2024-01-10,50.00\n"
    "C,2024-02-01,8.50\nA,2024-02-12,30.00\nC,2024-03-01,11.50\nC,2024-03-10,12.00\n"
    "D,2024-03-20,40.00\nA,2024-03-25,25.00\n";

static int near(double got, double want, double margin) { return fabs(got - want) <= margin; }

static int decimal_is(const crm_decimal *d, const char *text) {
  char *s = NULL;
  const int same = crm_decimal_to_string(&s, NULL, d, NULL) == CRM_OK && strcmp(s, text) == 0;
  crm_string_free(s);
  return same;
}

static int message_has(crm_error *err, const char *part) {
  return err != NULL && strstr(crm_error_message(err), part) != NULL;
}

static void test_cdnow(const char *path) {
  crm_lifetime_summary *summary = NULL;
  CHECK(crm_lifetime_summary_read_file(&summary, path, strlen(path), CRM_LIFETIME_WEEKS, NULL) == CRM_OK);
  if (summary == NULL) return;
  crm_lifetime_counts counts = CRM_LIFETIME_COUNTS_INIT;
  CHECK(crm_lifetime_summary_counts(&counts, summary, NULL) == CRM_OK && counts.customers == 2357);
  const size_t n = counts.customers;
  double *x = malloc(n * sizeof *x), *t_x = malloc(n * sizeof *t_x), *T = malloc(n * sizeof *T),
         *m = malloc(n * sizeof *m), *out = malloc(n * sizeof *out);
  CHECK(crm_lifetime_summary_arrays(x, t_x, T, m, n, summary, NULL) == CRM_OK);
  CHECK(x[0] == 2 && t_x[0] == 30.43 && T[0] == 38.86 && m[0] == 22.35);
  CHECK(crm_lifetime_summary_arrays(x, NULL, NULL, NULL, n - 1, summary, NULL) == CRM_E_BUFFER_TOO_SMALL);
  const char *id = NULL;
  CHECK(crm_lifetime_summary_customer(&id, NULL, summary, 0, NULL) == CRM_OK && strcmp(id, "1") == 0);
  CHECK(crm_lifetime_summary_customer(&id, NULL, summary, n, NULL) == CRM_E_OUT_OF_RANGE);

  crm_lifetime_bgnbd *bg = NULL;
  CHECK(crm_lifetime_bgnbd_fit(&bg, x, t_x, T, n, NULL, NULL) == CRM_OK);
  crm_lifetime_gamma_gamma *gg = NULL;
  CHECK(crm_lifetime_gamma_gamma_fit(&gg, x, m, n, NULL, NULL) == CRM_OK);
  if (bg != NULL && gg != NULL) {
    crm_lifetime_bgnbd_params p = CRM_LIFETIME_BGNBD_PARAMS_INIT;
    CHECK(crm_lifetime_bgnbd_get(&p, bg, NULL) == CRM_OK);
    CHECK(near(p.r, 0.243, 0.0005) && near(p.alpha, 4.414, 0.0011) && near(p.a, 0.793, 0.0005) &&
          near(p.b, 2.426, 0.0011));
    CHECK(near(p.log_likelihood, -9582.4, 0.05) && p.customers == 2357);
    crm_lifetime_gamma_gamma_params g = CRM_LIFETIME_GAMMA_GAMMA_PARAMS_INIT;
    CHECK(crm_lifetime_gamma_gamma_get(&g, gg, NULL) == CRM_OK);
    CHECK(near(g.p, 6.25, 0.01) && near(g.q, 3.74, 0.01) && near(g.v, 15.44, 0.02) && g.customers == 946);

    double one = 0;
    CHECK(crm_lifetime_bgnbd_expected_purchases(&one, bg, 39, x, t_x, T, 1, NULL) == CRM_OK);
    CHECK(near(one, 1.226, 0.001)); /* the paper's worked customer */
    CHECK(crm_lifetime_bgnbd_p_alive(out, bg, x, t_x, T, n, NULL) == CRM_OK && out[2] == 1.0);
    double e = 0;
    CHECK(crm_lifetime_bgnbd_expected_repeat_purchases(&e, bg, 39, NULL) == CRM_OK && e > 0);

    double *clv = malloc(n * sizeof *clv);
    crm_lifetime_clv_options o = CRM_LIFETIME_CLV_OPTIONS_INIT;
    o.threads = 2;
    CHECK(crm_lifetime_score(out, NULL, NULL, clv, bg, gg, x, t_x, T, m, n, 52, &o, NULL) == CRM_OK);
    CHECK(near(out[0], 0.726609, 0.000001) && clv[0] > 0);
    o.horizon_months = 24;
    double longer = 0;
    CHECK(crm_lifetime_score(NULL, NULL, NULL, &longer, bg, gg, x, t_x, T, m, 1, 52, &o, NULL) == CRM_OK);
    CHECK(longer > clv[0]);
    o.discount_rate = 1.5;
    crm_error *err = NULL;
    CHECK(crm_lifetime_score(NULL, NULL, NULL, clv, bg, gg, x, t_x, T, m, n, 52, &o, &err) == CRM_E_OUT_OF_RANGE);
    CHECK(message_has(err, "discount rate"));
    crm_error_free(err);
    free(clv);

    char *json = NULL;
    CHECK(crm_lifetime_bgnbd_json(&json, NULL, bg, NULL) == CRM_OK && strstr(json, "\"r\": 0.24") != NULL);
    crm_string_free(json);
  }
  crm_lifetime_analysis *analysis = NULL;
  CHECK(crm_lifetime_analyse(&analysis, summary, NULL, 0, NULL, NULL, NULL) == CRM_OK);
  if (analysis != NULL) {
    char *text = NULL;
    CHECK(crm_lifetime_analysis_write(&text, NULL, analysis, CRM_LIFETIME_ANALYSIS_TEXT, CRM_LANG_EN, NULL) == CRM_OK);
    CHECK(text && strstr(text, "BG/NBD: r = 0.2426") != NULL);
    crm_string_free(text);
    CHECK(crm_lifetime_analysis_write(&text, NULL, analysis, CRM_LIFETIME_ANALYSIS_SVG, CRM_LANG_ZH, NULL) == CRM_OK);
    CHECK(text && strstr(text, "<svg") != NULL && strstr(text, "重复购买次数") != NULL);
    crm_string_free(text);
    text = NULL;
    CHECK(crm_lifetime_analysis_write(&text, NULL, analysis, 9, CRM_LANG_ZH, NULL) == CRM_E_INVALID_ARGUMENT);
    CHECK(text == NULL);
    crm_lifetime_analysis_free(analysis);
  }
  crm_lifetime_bgnbd_free(bg);
  crm_lifetime_gamma_gamma_free(gg);
  crm_lifetime_summary_free(summary);
  free(x), free(t_x), free(T), free(m), free(out);
}

static void test_transactions(void) {
  crm_lifetime_log *log = NULL;
  CHECK(crm_lifetime_log_read(&log, S(ORDERS), CRM_LIFETIME_RETURNS_REFUSE, NULL) == CRM_OK);
  if (log == NULL) return;
  crm_lifetime_summary_options o = CRM_LIFETIME_SUMMARY_OPTIONS_INIT;
  o.unit = CRM_LIFETIME_DAYS;
  o.has_calibration_end = 1;
  o.calibration_end = 19782; /* 2024-02-29 */
  crm_lifetime_summary *summary = NULL;
  CHECK(crm_lifetime_summarize(&summary, log, &o, NULL) == CRM_OK);
  if (summary != NULL) {
    crm_lifetime_counts counts = CRM_LIFETIME_COUNTS_INIT;
    CHECK(crm_lifetime_summary_counts(&counts, summary, NULL) == CRM_OK);
    CHECK(counts.customers == 3 && counts.has_holdout && counts.duration_holdout == 25 &&
          counts.unit == CRM_LIFETIME_DAYS);
    double x[3], T[3], hx[3], hm[3];
    CHECK(crm_lifetime_summary_arrays(x, NULL, T, NULL, 3, summary, NULL) == CRM_OK);
    CHECK(x[0] == 2 && T[0] == 59);
    CHECK(crm_lifetime_summary_holdout(hx, hm, 3, summary, NULL) == CRM_OK && hx[2] == 2 && hm[2] == 11.75);
    char *ids = NULL;
    CHECK(crm_lifetime_summary_customers(&ids, NULL, summary, '|', NULL) == CRM_OK && strcmp(ids, "A|B|C") == 0);
    crm_string_free(ids);
    ids = NULL;
    CHECK(crm_lifetime_summary_customers(&ids, NULL, summary, 'B', NULL) == CRM_E_INVALID_ARGUMENT && ids == NULL);
    char *csv = NULL;
    CHECK(crm_lifetime_summary_csv(&csv, NULL, summary, NULL) == CRM_OK);
    CHECK(csv && strncmp(csv, "customer,frequency_cal,recency_cal,T_cal", 40) == 0);
    crm_string_free(csv);
    crm_lifetime_summary_free(summary);
  }
  char *cohorts = NULL;
  crm_decimal acquisition;
  CHECK(crm_decimal_parse(&acquisition, S("120.50"), NULL) == CRM_OK);
  CHECK(crm_lifetime_retention(&cohorts, NULL, log, &acquisition, NULL, CRM_LIFETIME_RETENTION_COHORTS_CSV,
                               CRM_LANG_ZH, NULL) == CRM_OK);
  CHECK(cohorts && strncmp(cohorts, "cohort,size,m0,m1,m2\n2024-01,2,1.0000,0.5000,0.5000\n", 50) == 0);
  crm_string_free(cohorts);
  char *json = NULL;
  CHECK(crm_lifetime_retention(&json, NULL, log, &acquisition, NULL, CRM_LIFETIME_RETENTION_JSON, CRM_LANG_ZH,
                               NULL) == CRM_OK);
  CHECK(json && strstr(json, "\"lost_acquisition\": 120.50") != NULL);
  crm_string_free(json);
  crm_lifetime_log_free(log);

  /* the same log from columns: customers and amounts as texts back to back */
  const char customers[] = "AAB";
  const int64_t customer_at[] = {0, 1, 2, 3};
  const int32_t days[] = {19723, 19737, 19732}; /* 2024-01-01, 2024-01-15, 2024-01-10 */
  const char amounts[] = "10.0020.0050";
  const int64_t amount_at[] = {0, 5, 10, 12};
  CHECK(crm_lifetime_log_from_columns(&log, customers, customer_at, days, amounts, amount_at, 3,
                                      CRM_LIFETIME_RETURNS_REFUSE, NULL) == CRM_OK);
  CHECK(crm_lifetime_summarize(&summary, log, NULL, NULL) == CRM_OK);
  if (summary != NULL) {
    double x[2], m[2];
    CHECK(crm_lifetime_summary_arrays(x, NULL, NULL, m, 2, summary, NULL) == CRM_OK && x[0] == 1 && m[0] == 20);
    crm_lifetime_summary_free(summary);
  }
  crm_lifetime_log_free(log);
}

static void test_simple_clv(void) {
  crm_decimal margin, retention, discount, cost;
  CHECK(crm_decimal_parse(&margin, S("100"), NULL) == CRM_OK && crm_decimal_parse(&retention, S("0.8"), NULL) == CRM_OK);
  CHECK(crm_decimal_parse(&discount, S("0.1"), NULL) == CRM_OK && crm_decimal_parse(&cost, S("150"), NULL) == CRM_OK);
  crm_lifetime_simple_clv c = CRM_LIFETIME_SIMPLE_CLV_INIT;
  CHECK(crm_lifetime_simple_clv_of(&c, &margin, &retention, &discount, 3, &cost, 2, NULL) == CRM_OK);
  CHECK(decimal_is(&c.lifetime_value, "500.00") && decimal_is(&c.discounted_value, "225.62"));
  CHECK(decimal_is(&c.lifetime_profit, "75.62") && c.has_profit_rate && decimal_is(&c.lifetime_profit_rate, "0.50"));
  crm_error *err = NULL;
  CHECK(crm_lifetime_simple_clv_of(&c, &margin, &margin, &discount, 3, &cost, 2, &err) == CRM_E_OUT_OF_RANGE);
  CHECK(err && strcmp(crm_error_pointer(err), "/retention") == 0);
  crm_error_free(err);
}

static void test_bad_input(void) {
  crm_error *err = NULL;
  crm_lifetime_log *log = NULL;
  CHECK(crm_lifetime_log_read(&log, S("customer,date,amount\nA,2024-01-01,10\nA,2024-01-02,-4\n"),
                              CRM_LIFETIME_RETURNS_REFUSE, &err) == CRM_E_OUT_OF_RANGE);
  CHECK(log == NULL && err && crm_error_line(err) == 3 && message_has(err, "returns = net"));
  crm_error_free(err);
  err = NULL;
  CHECK(crm_lifetime_log_read(&log, S("customer,date,amount\nA,2024-13-01,10\n"), CRM_LIFETIME_RETURNS_REFUSE, &err) !=
        CRM_OK);
  CHECK(log == NULL && err && crm_error_line(err) == 2 && crm_error_column(err) == 2);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_lifetime_log_read(&log, S("customer,date,amount\n"), 7, &err) == CRM_E_INVALID_ARGUMENT);
  crm_error_free(err);
  err = NULL;

  const double once_x[] = {0, 0}, once_t[] = {0, 0}, once_T[] = {10, 12};
  crm_lifetime_bgnbd *bg = NULL;
  CHECK(crm_lifetime_bgnbd_fit(&bg, once_x, once_t, once_T, 2, NULL, &err) == CRM_E_MISSING);
  CHECK(bg == NULL && message_has(err, "every customer bought once"));
  crm_error_free(err);
  err = NULL;
  const double bad_x[] = {1, 2.5}, bad_t[] = {1, 2}, bad_T[] = {3, 4};
  CHECK(crm_lifetime_bgnbd_fit(&bg, bad_x, bad_t, bad_T, 2, NULL, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(err && strcmp(crm_error_pointer(err), "/1/frequency") == 0);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_lifetime_bgnbd_fit(&bg, NULL, bad_t, bad_T, 2, NULL, &err) == CRM_E_INVALID_ARGUMENT);
  crm_error_free(err);
  err = NULL;
  crm_lifetime_fit_options few = CRM_LIFETIME_FIT_OPTIONS_INIT;
  few.upper_bound = 0;
  CHECK(crm_lifetime_bgnbd_fit(&bg, bad_x, bad_t, bad_T, 1, &few, NULL) == CRM_E_OUT_OF_RANGE);

  crm_lifetime_bgnbd_params params = CRM_LIFETIME_BGNBD_PARAMS_INIT;
  params.r = 0.24, params.alpha = 4.4, params.a = 0.79, params.b = 2.4;
  CHECK(crm_lifetime_bgnbd_from_params(&bg, &params, NULL) == CRM_OK);
  double out[2] = {-1, -1};
  const double past_x[] = {1, 1}, past_t[] = {1, 5}, past_T[] = {3, 4};
  CHECK(crm_lifetime_bgnbd_p_alive(out, bg, past_x, past_t, past_T, 2, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(err && strcmp(crm_error_pointer(err), "/1/recency") == 0 && out[0] == -1); /* nothing written */
  crm_error_free(err);
  crm_lifetime_bgnbd_free(bg);
  params.a = -1;
  bg = NULL;
  CHECK(crm_lifetime_bgnbd_from_params(&bg, &params, NULL) == CRM_E_OUT_OF_RANGE && bg == NULL);
  crm_lifetime_counts zero_size = CRM_LIFETIME_COUNTS_INIT;
  zero_size.size = 0;
  crm_lifetime_summary *summary = NULL;
  CHECK(crm_lifetime_summary_read(&summary, S("ID,x,t_x,T\n1,1,2,3\n"), CRM_LIFETIME_WEEKS, NULL) == CRM_OK);
  err = NULL;
  CHECK(crm_lifetime_summary_counts(&zero_size, summary, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(message_has(err, "CRM_LIFETIME_COUNTS_INIT")); /* the error names the macro to use */
  crm_error_free(err);
  err = NULL;
  crm_lifetime_summary_free(summary);
  summary = NULL;
  CHECK(crm_lifetime_summary_read(&summary, S("ID,x,T\n1,1,3\n"), CRM_LIFETIME_WEEKS, &err) == CRM_E_MISSING);
  CHECK(summary == NULL && message_has(err, "no column recency"));
  crm_error_free(err);
  err = NULL;
  /* A frequency past what a summary holds (2^32 - 1): refused, naming its line. */
  CHECK(crm_lifetime_summary_read(&summary, S("ID,x,t_x,T\n1,4444444444444444,30,38\n"), CRM_LIFETIME_WEEKS, &err) ==
        CRM_E_OUT_OF_RANGE);
  CHECK(summary == NULL && message_has(err, "at most 4294967295") && crm_error_line(err) == 2);
  crm_error_free(err);
  const char *json = NULL;
  CHECK(crm_lifetime_builtin_json(&json, NULL, NULL) == CRM_OK && strstr(json, "crmrules-lifetime") != NULL);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: crmrules_c_lifetime_tests CDNOW_SUMMARY.csv\n");
    return 2;
  }
  test_cdnow(argv[1]);
  test_transactions();
  test_simple_clv();
  test_bad_input();
  return check_summary();
}
