/* The README's C fragments, one function per section, each fragment verbatim (a `part of`
 * marker in README.md; tests/docs/snippets_test.py) with the variables it uses declared
 * before it and checks of its results after it. Run from the project's root. */
#include <crmrules.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(condition)                                                       \
  do {                                                                         \
    if (!(condition)) {                                                        \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #condition); \
      exit(1);                                                                 \
    }                                                                          \
  } while (0)

/* A whole file, NUL-terminated; its length in *len. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  CHECK(f != NULL);
  CHECK(fseek(f, 0, SEEK_END) == 0);
  long size = ftell(f);
  CHECK(size >= 0 && fseek(f, 0, SEEK_SET) == 0);
  char *text = malloc((size_t)size + 1);
  CHECK(text != NULL && fread(text, 1, (size_t)size, f) == (size_t)size);
  text[size] = '\0';
  fclose(f);
  *len = (size_t)size;
  return text;
}

static crm_decimal dec(const char *text) {
  crm_decimal d;
  CHECK(crm_decimal_parse(&d, text, strlen(text), NULL) == CRM_OK);
  return d;
}

/* The decimal as text ("0.6667") equals `text`. */
static int is(const crm_decimal *d, const char *text) {
  char buffer[42];
  size_t len = 0;
  return crm_decimal_format(buffer, sizeof buffer, &len, d, NULL) == CRM_OK && strcmp(buffer, text) == 0;
}

static void portfolio_grading(void) {
  crm_error *err = NULL;
  crm_decimal profits[] = {dec("100"), dec("50"), dec("30"), dec("15"), dec("5")}, seventy_percent = dec("0.70");
  size_t n = 5;
  uint8_t classes[5] = {9, 9, 9, 9, 9};
  crm_portfolio *p = NULL;                                          /* crmrules_portfolio.h */
  crm_portfolio_options options = CRM_PORTFOLIO_OPTIONS_INIT;       /* or NULL: 80% / 95% / top 20% */
  options.a_share = &seventy_percent;
  if (crm_portfolio_classify(&p, profits, n, &options, &err) != CRM_OK ||
      crm_portfolio_classes(classes, n, p, &err) != CRM_OK) { puts(crm_error_message(err)); crm_error_free(err); }
  crm_portfolio_free(p);
  /* A: the top holding 70% (100 + 50 of 200), B: to 95%, C: the rest */
  CHECK(classes[0] == CRM_ABC_A && classes[1] == CRM_ABC_A && classes[2] == CRM_ABC_B && classes[3] == CRM_ABC_B &&
        classes[4] == CRM_ABC_C);
}

static void file_grading(void) {
  crm_error *err = NULL;
  const char *graded_json = "/tmp/crmrules_readme_graded.json";
  crm_grade_options grading = CRM_GRADE_OPTIONS_INIT;              /* crmrules_grade.h */
  grading.format = CRM_GRADE_JSON;                                  /* rows as a JSON array */
  char *summary = NULL;                                             /* {"rows": 3, "graded": 3, ...} */
  if (crm_grade_csv(&summary, NULL, NULL, "examples/data/deck_customers.csv", graded_json, &grading, &err) != CRM_OK) {
    puts(crm_error_message(err)); crm_error_free(err);
  }
  CHECK(summary != NULL && strstr(summary, "\"graded\": 3") != NULL);
  crm_string_free(summary);
  size_t len = 0;
  char *rows = read_file(graded_json, &len);
  CHECK(strncmp(rows, "[\n{\"line\": 2, \"id\": \"HQ\", \"name\": \"华强工贸\"", 40) == 0);
  free(rows);
  CHECK(remove(graded_json) == 0);
}

static void guided_selling(void) {
  crm_error *err = NULL;
  crm_session *s = NULL, *back = NULL;
  crm_ruleset *machines = NULL;
  const char *data = "{\"kind\": \"price_value\", \"text\": \"looks good but too expensive\"}", *state = NULL;
  unsigned char buf[4096];
  size_t n = 0;
  int64_t now = 1700000000;                                                   /* Unix seconds */
  if (crm_session_create_builtin(&s, "lscpa", 5, &err) != CRM_OK ||          /* crmrules_session.h */
      crm_session_fire(s, "objection", 9, data, strlen(data), now, &err) != CRM_OK ||
      crm_session_save(buf, sizeof buf, &n, s, &err) != CRM_OK) { puts(crm_error_message(err)); crm_error_free(err); }
  CHECK(crm_session_state(&state, NULL, s, NULL) == CRM_OK && strcmp(state, "share") == 0);
  CHECK(crm_ruleset_load_builtin_machines(&machines, NULL) == CRM_OK &&
        crm_session_restore(&back, machines, buf, n, NULL) == CRM_OK);
  CHECK(crm_session_state(&state, NULL, back, NULL) == CRM_OK && strcmp(state, "share") == 0);
  crm_session_free(back); crm_session_free(s); crm_ruleset_free(machines);
}

static void key_account_plans(void) {
  crm_error *err = NULL;
  size_t json_len = 0;
  char *json = read_file("examples/account/dongfeng.json", &json_len);
  const char *type = NULL;
  crm_account_counts counts = CRM_ACCOUNT_COUNTS_INIT;
  const crm_account_planner *planner = NULL; crm_account_plan *plan = NULL;   /* crmrules_account.h */
  if (crm_account_planner_builtin(&planner, &err) != CRM_OK ||
      crm_account_planner_plan(&plan, planner, json, strlen(json), &err) != CRM_OK) { puts(crm_error_message(err)); crm_error_free(err); }
  CHECK(crm_account_plan_type(&type, plan, NULL) == CRM_OK && strcmp(type, "partnership") == 0);
  CHECK(crm_account_plan_counts(&counts, plan, NULL) == CRM_OK && counts.clarities == 9 && counts.next_actions > 0);
  crm_account_plan_free(plan); free(json);
}

static void service_commitments(void) {
  crm_error *err = NULL;
  crm_service_counts counts = CRM_SERVICE_COUNTS_INIT;
  crm_service_tally reply = CRM_SERVICE_TALLY_INIT;
  const crm_service_checker *checker = NULL; crm_service_report *report = NULL;   /* crmrules_service.h */
  if (crm_service_checker_builtin(&checker, &err) != CRM_OK ||
      crm_service_check_file(&report, checker, "examples/service/tickets.csv", 28, NULL, &err) != CRM_OK) { puts(crm_error_message(err)); crm_error_free(err); }
  CHECK(crm_service_report_counts(&counts, report, NULL) == CRM_OK && counts.checked == 4 && counts.rejected == 4);
  CHECK(crm_service_report_tally(&reply, report, CRM_SERVICE_TOTAL, 0, NULL) == CRM_OK);
  CHECK(strcmp(reply.commitment, "reply_15min") == 0 && is(&reply.rate, "0.6667"));  /* 2 of 3: T2 a minute late */
  crm_service_report_free(report);
}

static void lifetime_value(void) {
  crm_error *err = NULL;
  crm_lifetime_summary *summary = NULL;
  crm_lifetime_counts counts = CRM_LIFETIME_COUNTS_INIT;
  crm_lifetime_bgnbd_params params = CRM_LIFETIME_BGNBD_PARAMS_INIT;
  const char *path = "tests/data/cdnow/cdnow_customers_summary.csv";
  CHECK(crm_lifetime_summary_read_file(&summary, path, strlen(path), CRM_LIFETIME_WEEKS, NULL) == CRM_OK &&
        crm_lifetime_summary_counts(&counts, summary, NULL) == CRM_OK && counts.customers == 2357);
  size_t n = counts.customers;
  double *x = malloc(n * sizeof *x), *t_x = malloc(n * sizeof *t_x), *T = malloc(n * sizeof *T);
  CHECK(x && t_x && T && crm_lifetime_summary_arrays(x, t_x, T, NULL, n, summary, NULL) == CRM_OK);
  crm_lifetime_bgnbd *bg = NULL;   /* crmrules_lifetime.h: x, t_x, T are arrays of n customers */
  if (crm_lifetime_bgnbd_fit(&bg, x, t_x, T, n, NULL, &err) != CRM_OK) { puts(crm_error_message(err)); crm_error_free(err); }
  CHECK(crm_lifetime_bgnbd_get(&params, bg, NULL) == CRM_OK);
  CHECK(fabs(params.r - 0.243) < 0.001 && fabs(params.alpha - 4.414) < 0.001 && fabs(params.a - 0.793) < 0.001 &&
        fabs(params.b - 2.426) < 0.001);  /* the paper's fit */
  crm_lifetime_bgnbd_free(bg); crm_lifetime_summary_free(summary); free(x); free(t_x); free(T);
}

static void next_best_actions(void) {
  crm_error *err = NULL;
  size_t json_len = 0;
  char *json = read_file("examples/next/dongfeng.json", &json_len);
  crm_next_counts counts = CRM_NEXT_COUNTS_INIT;
  crm_next_action first = CRM_NEXT_ACTION_INIT;
  const crm_next_advisor *advisor = NULL; crm_next_advice *advice = NULL;   /* crmrules_next.h */
  if (crm_next_advisor_builtin(&advisor, &err) != CRM_OK ||
      crm_next_advise(&advice, advisor, json, strlen(json), &err) != CRM_OK) { puts(crm_error_message(err)); crm_error_free(err); }
  CHECK(crm_next_advice_counts(&counts, advice, NULL) == CRM_OK && counts.actions > 0);
  CHECK(crm_next_advice_action(&first, advice, 0, CRM_LANG_ZH, NULL) == CRM_OK && first.channel[0] && first.owner[0]);
  crm_next_advice_free(advice); free(json);
}

static void kano_analysis(void) {
  crm_error *err = NULL;
  crm_kano_survey *s = NULL; crm_kano_analysis *a = NULL;
  crm_kano_result r = CRM_KANO_RESULT_INIT;                        /* sets r.size: result structs can grow */
  if (crm_kano_survey_create(&s, NULL, 0, &err) != CRM_OK ||
      crm_kano_survey_add(s, "r1", 2, "Free delivery", 13, "1", 1, "5", 1, NULL, 0, NULL, 0, 0, &err) != CRM_OK ||
      crm_kano_survey_analyze(&a, s, &err) != CRM_OK ||
      crm_kano_analysis_result(&r, a, 0, &err) != CRM_OK) { puts(crm_error_message(err)); crm_error_free(err); }
  /* r.category == CRM_KANO_ONE_DIMENSIONAL, r.better is 1.0000 */
  crm_kano_analysis_free(a); crm_kano_survey_free(s);
  CHECK(r.category == CRM_KANO_ONE_DIMENSIONAL && is(&r.better, "1.0000"));
}

static void dmn_decision_tables(void) {
  crm_error *err = NULL;
  crm_ruleset *rules = NULL;
  size_t len = 0;
  char *xml = read_file("tests/data/dmn-tck/TestCases/compliance-level-2/0004-simpletable-U/0004-simpletable-U.dmn", &len);
  const char *in = "{\"Age\": 18, \"RiskCategory\": \"Low\", \"isAffordable\": true}";
  char *out = NULL;
  if (crm_ruleset_load_dmn(&rules, xml, len, &err) != CRM_OK ||    /* crmrules_dmn.h */
      crm_dmn_evaluate_json(&out, NULL, rules, in, strlen(in), &err) != CRM_OK) { puts(crm_error_message(err)); crm_error_free(err); }
  CHECK(out != NULL && strcmp(out, "{\"Approval Status\":\"Approved\"}") == 0);
  crm_string_free(out); crm_ruleset_free(rules); free(xml);
}

int main(void) {
  portfolio_grading();
  file_grading();
  guided_selling();
  key_account_plans();
  service_commitments();
  lifetime_value();
  next_best_actions();
  kano_analysis();
  dmn_decision_tables();
  puts("the README's C fragments ran and gave what it says");
  return 0;
}
