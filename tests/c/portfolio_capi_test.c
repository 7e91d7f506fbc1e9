/* Portfolio grading through the C ABI, from pure C99: the deck's three customers graded
 * with the built-in rules in one batch and classified by net profit; exact ABC
 * boundaries, ties, losses, the Pareto share, RFM scores, and bad arguments. */
#include <crmrules.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "decimals.h"

#define S(literal) literal, strlen(literal)

static int dec_is(const crm_decimal *d, const char *text) {
  crm_decimal want = dec(text);
  int32_t cmp = 2;
  return crm_decimal_compare(&cmp, d, &want, NULL) == CRM_OK && cmp == 0;
}

static crm_portfolio *classify(const char *const *texts, size_t n) {
  crm_decimal m[16];
  crm_portfolio *p = NULL;
  crm_error *err = NULL;
  size_t i;
  for (i = 0; i < n; ++i) m[i] = dec(texts[i]);
  if (crm_portfolio_classify(&p, m, n, NULL, &err) != CRM_OK) {
    fprintf(stderr, "classify: %s\n", crm_error_message(err));
    crm_error_free(err);
    exit(1);
  }
  return p;
}

static void test_deck_graded_in_a_batch(void) {
  static const char *ids[3] = {"HQ", "HW", "CM"};
  static const char *purchases[3] = {"5000000", "130000000", "50000000"};
  static const char *profit[3] = {"500000", "20000000", "6000000"};
  crm_ruleset *rules = NULL;
  crm_record *records[3];
  crm_status statuses[3];
  crm_decimal measures[3];
  uint8_t classes[3];
  size_t grade = 0, i;
  CHECK(crm_ruleset_builtin(&rules, NULL) == CRM_OK);
  CHECK(crm_ruleset_output_index(&grade, rules, S("value_grade"), NULL) == CRM_OK);
  for (i = 0; i < 3; ++i) {
    crm_decimal d;
    records[i] = NULL;
    CHECK(crm_record_create(&records[i], rules, NULL) == CRM_OK);
    CHECK(crm_record_set_string_by_name(records[i], S("id"), ids[i], 2, NULL) == CRM_OK);
    d = dec(purchases[i]);
    CHECK(crm_record_set_decimal_by_name(records[i], S("annual_purchases"), &d, NULL) == CRM_OK);
    measures[i] = dec(profit[i]);
    CHECK(crm_record_set_decimal_by_name(records[i], S("annual_net_profit"), &measures[i], NULL) == CRM_OK);
  }
  CHECK(crm_ruleset_evaluate_records(rules, records, 3, statuses, NULL) == CRM_OK);
  {
    crm_portfolio *p = NULL;
    crm_abc_class c = CRM_ABC_C;
    size_t rank = 0, size = 0;
    crm_decimal share;
    int defined = 0;
    const char *text = NULL;
    size_t len = 0;
    CHECK(crm_record_output_string(&text, &len, records[1], grade, NULL) == CRM_OK && len == 2);
    CHECK(crm_portfolio_classify(&p, measures, 3, NULL, NULL) == CRM_OK);
    CHECK(crm_portfolio_size(&size, p, NULL) == CRM_OK && size == 3);
    CHECK(crm_portfolio_classes(classes, 3, p, NULL) == CRM_OK);
    CHECK(classes[0] == CRM_ABC_C && classes[1] == CRM_ABC_A && classes[2] == CRM_ABC_A);
    CHECK(crm_portfolio_customer(&c, &rank, &share, p, 1, NULL) == CRM_OK);
    CHECK(c == CRM_ABC_A && rank == 1 && dec_is(&share, "0.754717"));
    CHECK(crm_portfolio_pareto_share(&share, &defined, p, NULL) == CRM_OK);
    CHECK(defined == 1 && dec_is(&share, "0.45283"));
    crm_portfolio_free(p);
  }
  for (i = 0; i < 3; ++i) crm_record_free(records[i]);
  crm_ruleset_free(rules);
}

static void test_boundaries_ties_and_losses(void) {
  static const char *exact[6] = {"50", "30", "10", "5", "3", "2"};
  static const char *ties[5] = {"40", "20", "20", "20", "1"};
  static const char *losses[3] = {"-50", "100", "0"};
  uint8_t c[6];
  size_t n = 0, rank = 0;
  crm_decimal share;
  int defined = 7;
  crm_portfolio *p = classify(exact, 6);
  CHECK(crm_portfolio_classes(c, 6, p, NULL) == CRM_OK);
  /* 50 + 30 reach exactly 80%: both A; 10 and 5 reach 95%: B. */
  CHECK(c[0] == CRM_ABC_A && c[1] == CRM_ABC_A && c[2] == CRM_ABC_B && c[3] == CRM_ABC_B && c[4] == CRM_ABC_C);
  CHECK(crm_portfolio_class_summary(&n, &share, p, CRM_ABC_A, NULL) == CRM_OK && n == 2 && dec_is(&share, "0.8"));
  crm_portfolio_free(p);

  p = classify(ties, 5);
  CHECK(crm_portfolio_customer(NULL, &rank, NULL, p, 3, NULL) == CRM_OK && rank == 2);
  CHECK(crm_portfolio_customer(NULL, &rank, NULL, p, 4, NULL) == CRM_OK && rank == 5);
  crm_portfolio_free(p);

  p = classify(losses, 3);
  CHECK(crm_portfolio_classes(c, 3, p, NULL) == CRM_OK && c[0] == CRM_ABC_C && c[1] == CRM_ABC_A && c[2] == CRM_ABC_C);
  CHECK(crm_portfolio_loss_making(&n, p, NULL) == CRM_OK && n == 1);
  {
    crm_decimal half = dec("0.5");
    CHECK(crm_portfolio_top_share(&share, &defined, p, &half, NULL) == CRM_OK && defined == 1 && dec_is(&share, "1"));
  }
  crm_portfolio_free(p);

  p = classify(NULL, 0);
  CHECK(crm_portfolio_pareto_share(&share, &defined, p, NULL) == CRM_OK && defined == 0);
  crm_portfolio_free(p);
}

static void test_options(void) {
  static const char *texts[5] = {"40", "30", "20", "6", "4"};
  crm_decimal m[5], a = dec("0.5"), top = dec("0.4"), share;
  crm_portfolio_options options = CRM_PORTFOLIO_OPTIONS_INIT;
  crm_portfolio *p = NULL;
  uint8_t c[5];
  int defined = 0;
  size_t i;
  for (i = 0; i < 5; ++i) m[i] = dec(texts[i]);
  CHECK(options.size == sizeof(crm_portfolio_options));
  CHECK(options.a_share == NULL && options.b_share == NULL && options.pareto_top == NULL);
  /* INIT alone: the defaults, as NULL options (80% / 95% / top 20%) */
  CHECK(crm_portfolio_classify(&p, m, 5, &options, NULL) == CRM_OK);
  CHECK(crm_portfolio_classes(c, 5, p, NULL) == CRM_OK);
  CHECK(c[0] == CRM_ABC_A && c[1] == CRM_ABC_A && c[2] == CRM_ABC_A && c[3] == CRM_ABC_B && c[4] == CRM_ABC_C);
  CHECK(crm_portfolio_pareto_share(&share, &defined, p, NULL) == CRM_OK && defined == 1 && dec_is(&share, "0.4"));
  crm_portfolio_free(p);
  p = NULL;
  /* a member set, the others NULL: their defaults */
  options.a_share = &a;
  options.pareto_top = &top;
  CHECK(crm_portfolio_classify(&p, m, 5, &options, NULL) == CRM_OK);
  CHECK(crm_portfolio_classes(c, 5, p, NULL) == CRM_OK);
  CHECK(c[0] == CRM_ABC_A && c[1] == CRM_ABC_A && c[2] == CRM_ABC_B && c[3] == CRM_ABC_B && c[4] == CRM_ABC_C);
  CHECK(crm_portfolio_class_summary(&i, &share, p, CRM_ABC_A, NULL) == CRM_OK && i == 2 && dec_is(&share, "0.7"));
  CHECK(crm_portfolio_pareto_share(&share, &defined, p, NULL) == CRM_OK && defined == 1 && dec_is(&share, "0.7"));
  crm_portfolio_free(p);
}

static void test_thresholds_and_errors(void) {
  crm_decimal m[2], a = dec("0.9"), b = dec("0.8"), bad;
  crm_portfolio_options options = CRM_PORTFOLIO_OPTIONS_INIT;
  crm_portfolio *p = NULL;
  crm_error *err = NULL;
  uint8_t c[1];
  m[0] = dec("1");
  m[1] = dec("2");
  options.a_share = &a;
  options.b_share = &b;
  CHECK(crm_portfolio_classify(&p, m, 2, &options, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(p == NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "b_share") != NULL);
  crm_error_free(err);
  err = NULL;
  memset(&bad, 0xFF, sizeof bad);
  options.a_share = &bad;
  options.b_share = NULL;
  CHECK(crm_portfolio_classify(&p, m, 2, &options, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(p == NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "'options->a_share'") != NULL);
  crm_error_free(err);
  err = NULL;
  options.a_share = NULL;
  options.size = 0; /* not initialised with CRM_PORTFOLIO_OPTIONS_INIT */
  CHECK(crm_portfolio_classify(&p, m, 2, &options, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(p == NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "'options'") != NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "CRM_PORTFOLIO_OPTIONS_INIT") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_portfolio_classify(NULL, m, 2, NULL, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "'out'") != NULL);
  crm_error_free(err);
  m[1] = bad;
  err = NULL;
  CHECK(crm_portfolio_classify(&p, m, 2, NULL, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(err != NULL && strstr(crm_error_message(err), "measures[1]") != NULL);
  crm_error_free(err);
  m[1] = dec("2");
  CHECK(crm_portfolio_classify(&p, m, 2, NULL, NULL) == CRM_OK);
  CHECK(crm_portfolio_classes(c, 1, p, NULL) == CRM_E_BUFFER_TOO_SMALL);
  CHECK(crm_portfolio_customer(NULL, NULL, NULL, p, 2, NULL) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_portfolio_class_summary(NULL, NULL, p, (crm_abc_class)7, NULL) == CRM_E_INVALID_ARGUMENT);
  crm_portfolio_free(p);
  crm_portfolio_free(NULL);
}

static void test_rfm_scores(void) {
  crm_decimal v[10];
  uint8_t present[10], s[10];
  char text[8];
  int i;
  for (i = 0; i < 10; ++i) {
    sprintf(text, "%d", i + 1);
    v[i] = dec(text);
    present[i] = 1;
  }
  CHECK(crm_quantile_scores(s, v, NULL, 10, 5, CRM_BETTER_HIGHER, NULL) == CRM_OK);
  CHECK(s[0] == 1 && s[1] == 1 && s[2] == 2 && s[8] == 5 && s[9] == 5);
  CHECK(crm_quantile_scores(s, v, NULL, 10, 5, CRM_BETTER_LOWER, NULL) == CRM_OK);
  CHECK(s[0] == 5 && s[9] == 1);
  present[3] = 0;
  CHECK(crm_quantile_scores(s, v, present, 10, 5, CRM_BETTER_HIGHER, NULL) == CRM_OK && s[3] == 0);
  CHECK(crm_quantile_scores(s, v, NULL, 10, 1, CRM_BETTER_HIGHER, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_quantile_scores(s, v, NULL, 10, 5, (crm_better)9, NULL) == CRM_E_INVALID_ARGUMENT);
}

/* The four classes 主/次/辅/杂 of the built-in rule set: their labels, names and cut-offs,
 * every customer's class (a cut-off reached exactly stays in the class; losses are D),
 * customers and shares per class; a rule set without them and short buffers refused. */
static void test_four_classes(void) {
  static const char *profit[10] = {"500", "300", "50", "25", "25", "50", "30", "20", "-40", "0"};
  crm_ruleset *rules = NULL, *plain = NULL;
  crm_portfolio *p = classify(profit, 10);
  crm_error *err = NULL;
  const char *label = NULL, *zh = NULL, *en = NULL;
  crm_decimal up_to, shares[4];
  int has_up_to = -1;
  size_t n = 0, customers[4], i;
  uint8_t cls[10];
  char got[11];
  CHECK(crm_ruleset_builtin(&rules, NULL) == CRM_OK);
  CHECK(crm_portfolio_four_class_count(&n, rules, NULL) == CRM_OK && n == 4);
  CHECK(crm_portfolio_four_class_info(&label, &zh, &en, &up_to, &has_up_to, rules, 0, NULL) == CRM_OK);
  CHECK(strcmp(label, "A") == 0 && strcmp(zh, "主要客户") == 0 && strcmp(en, "main customers") == 0);
  CHECK(has_up_to == 1 && dec_is(&up_to, "0.8"));
  CHECK(crm_portfolio_four_class_info(&label, &zh, NULL, NULL, &has_up_to, rules, 3, NULL) == CRM_OK);
  CHECK(strcmp(label, "D") == 0 && strcmp(zh, "杂类客户") == 0 && has_up_to == 0);
  CHECK(crm_portfolio_four_class_info(&label, NULL, NULL, NULL, NULL, rules, 4, &err) == CRM_E_OUT_OF_RANGE);
  crm_error_free(err);
  err = NULL;

  CHECK(crm_portfolio_four_classes(cls, 10, customers, shares, 4, p, rules, NULL) == CRM_OK);
  for (i = 0; i < 10; ++i) got[i] = (char)('A' + cls[i]);
  got[10] = '\0';
  CHECK(strcmp(got, "AABCCBCDDD") == 0);
  CHECK(customers[0] == 2 && customers[1] == 2 && customers[2] == 3 && customers[3] == 3);
  CHECK(dec_is(&shares[0], "0.8") && dec_is(&shares[1], "0.1") && dec_is(&shares[2], "0.08") &&
        dec_is(&shares[3], "0.02"));
  CHECK(crm_portfolio_four_classes(cls, 10, NULL, NULL, 0, p, rules, NULL) == CRM_OK);
  CHECK(crm_portfolio_four_classes(cls, 9, NULL, NULL, 0, p, rules, &err) == CRM_E_BUFFER_TOO_SMALL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_portfolio_four_classes(cls, 10, customers, NULL, 3, p, rules, &err) == CRM_E_BUFFER_TOO_SMALL);
  CHECK(err != NULL && strstr(crm_error_message(err), "classes") != NULL);
  crm_error_free(err);
  err = NULL;

  CHECK(crm_ruleset_load(&plain, S("{\"crmrules\": 1, \"name\": \"plain\", \"version\": \"1\", \"inputs\": {\"x\": "
                                   "{\"type\": \"decimal\"}}, \"decisions\": [{\"name\": \"y\", \"expression\": \"x\"}]}"),
                         NULL) == CRM_OK);
  CHECK(crm_portfolio_four_class_count(&n, plain, &err) == CRM_E_INVALID_RULE);
  CHECK(err != NULL && strstr(crm_error_message(err), "no \"portfolio\" section") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_portfolio_four_classes(cls, 10, NULL, NULL, 0, NULL, rules, &err) == CRM_E_INVALID_ARGUMENT);
  crm_error_free(err);
  crm_ruleset_free(plain);
  crm_ruleset_free(rules);
  crm_portfolio_free(p);
}

int main(void) {
  test_deck_graded_in_a_batch();
  test_boundaries_ties_and_losses();
  test_options();
  test_thresholds_and_errors();
  test_rfm_scores();
  test_four_classes();
  return check_summary();
}
