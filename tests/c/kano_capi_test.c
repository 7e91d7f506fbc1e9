/* The Kano analysis through the C ABI, from pure C99: pairs and CSV in, typed results,
 * priorities, drift, issues and JSON out; bad pairs reported with their line and
 * skipped; bad settings named by place. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "crmrules.h"

static int add(crm_kano_survey *s, const char *who, const char *attr, const char *f, const char *d, const char *wave,
               uint64_t line, crm_error **err) {
  return crm_kano_survey_add(s, who, strlen(who), attr, strlen(attr), f, strlen(f), d, strlen(d), NULL, 0, wave,
                             wave ? strlen(wave) : 0, line, err);
}

static int decimal_is(const crm_decimal *d, const char *expected) {
  char buffer[64];
  size_t len = 0;
  if (crm_decimal_format(buffer, sizeof buffer, &len, d, NULL) != CRM_OK) return 0;
  return strcmp(buffer, expected) == 0;
}

static void pairs_and_typed_results(void) {
  crm_kano_survey *s = NULL;
  crm_kano_analysis *a = NULL;
  crm_error *err = NULL;
  crm_kano_result r = CRM_KANO_RESULT_INIT;
  crm_kano_priority p = CRM_KANO_PRIORITY_INIT;
  crm_kano_issue issue = CRM_KANO_ISSUE_INIT;
  size_t count = 0;
  uint64_t pairs = 0;
  char *json = NULL;
  int i;
  CHECK(crm_kano_survey_create(&s, NULL, 0, NULL) == CRM_OK);
  /* brakes: M 10, O 5, A 3, I 2 (the hand-checked case of the C++ tests) */
  for (i = 0; i < 10; ++i) CHECK(add(s, "r", "brakes", "2", "5", NULL, 0, NULL) == CRM_OK);
  for (i = 0; i < 5; ++i) CHECK(add(s, "r", "brakes", "Like", "Dislike", NULL, 0, NULL) == CRM_OK);
  for (i = 0; i < 3; ++i) CHECK(add(s, "r", "brakes", "喜欢", "理所当然", NULL, 0, NULL) == CRM_OK);
  for (i = 0; i < 2; ++i) CHECK(add(s, "r", "brakes", "3", "3", NULL, 0, NULL) == CRM_OK);
  /* a bad pair: reported with its line, skipped */
  CHECK(add(s, "r", "brakes", "6", "5", NULL, 42, &err) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_error_line(err) == 42);
  CHECK(strstr(crm_error_message(err), "'6'") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(add(s, "r", "brakes", "Like", "", NULL, 43, &err) == CRM_E_MISSING);
  CHECK(strstr(crm_error_message(err), "only the functional question") != NULL);
  crm_error_free(err);
  CHECK(crm_kano_survey_pairs(&pairs, s, NULL) == CRM_OK && pairs == 20);

  CHECK(crm_kano_survey_analyze(&a, s, NULL) == CRM_OK);
  CHECK(crm_kano_analysis_result_count(&count, a, NULL) == CRM_OK && count == 1);
  CHECK(crm_kano_analysis_result(&r, a, 0, NULL) == CRM_OK);
  CHECK(strcmp(r.attribute, "brakes") == 0);
  CHECK(r.segment == NULL);
  CHECK(strcmp(r.wave, "") == 0);
  CHECK(r.n == 20);
  CHECK(r.counts[CRM_KANO_MUST_BE] == 10 && r.counts[CRM_KANO_ONE_DIMENSIONAL] == 5);
  CHECK(r.counts[CRM_KANO_ATTRACTIVE] == 3 && r.counts[CRM_KANO_INDIFFERENT] == 2);
  CHECK(r.category == CRM_KANO_MUST_BE);
  CHECK(strcmp(crm_kano_category_letter(r.category), "M") == 0);
  CHECK(strcmp(crm_kano_category_name(r.fong_second), "one_dimensional") == 0);
  CHECK(r.has_coefficients == 1);
  CHECK(decimal_is(&r.better, "0.4000"));
  CHECK(decimal_is(&r.worse, "-0.7500"));
  CHECK(decimal_is(&r.total_strength, "0.9000"));
  CHECK(decimal_is(&r.category_strength, "0.2500"));
  CHECK(decimal_is(&r.fong_threshold, "5.0521"));
  CHECK(r.significant == 0);
  CHECK(crm_kano_analysis_result(&r, a, 1, &err) == CRM_E_OUT_OF_RANGE);
  crm_error_free(err);

  CHECK(crm_kano_analysis_priority_count(&count, a, NULL) == CRM_OK && count == 1);
  CHECK(crm_kano_analysis_priority(&p, a, 0, NULL) == CRM_OK);
  CHECK(p.rank == 1 && p.result == 0 && p.category == CRM_KANO_MUST_BE);
  CHECK(strstr(p.advice, "不要在产品和服务的基本品质方面失分") != NULL); /* the deck's words */

  CHECK(crm_kano_analysis_issue_count(&count, a, NULL) == CRM_OK && count == 2);
  CHECK(crm_kano_analysis_issue(&issue, a, 0, NULL) == CRM_OK);
  CHECK(issue.code == CRM_E_OUT_OF_RANGE && issue.line == 42);

  CHECK(crm_kano_analysis_json(&json, NULL, a, NULL) == CRM_OK);
  CHECK(strstr(json, "\"rounding\": \"half_up\"") != NULL);
  CHECK(strstr(json, "\"better\": 0.4000") != NULL);
  crm_string_free(json);
  crm_kano_analysis_free(a);
  crm_kano_survey_free(s);
}

static void waves_and_drift(void) {
  crm_kano_survey *s = NULL;
  crm_kano_analysis *a = NULL;
  crm_kano_drift d = CRM_KANO_DRIFT_INIT;
  crm_kano_result from = CRM_KANO_RESULT_INIT;
  size_t count = 0;
  int i;
  CHECK(crm_kano_survey_create(&s, NULL, 0, NULL) == CRM_OK);
  for (i = 0; i < 5; ++i) CHECK(add(s, "r", "navigation", "1", "3", "2019", 0, NULL) == CRM_OK); /* A */
  for (i = 0; i < 5; ++i) CHECK(add(s, "r", "navigation", "1", "5", "2024", 0, NULL) == CRM_OK); /* O */
  CHECK(crm_kano_survey_analyze(&a, s, NULL) == CRM_OK);
  CHECK(crm_kano_analysis_drift_count(&count, a, NULL) == CRM_OK && count == 1);
  CHECK(crm_kano_analysis_drift(&d, a, 0, NULL) == CRM_OK);
  CHECK(strcmp(d.from_wave, "2019") == 0 && strcmp(d.to_wave, "2024") == 0);
  CHECK(d.from == CRM_KANO_ATTRACTIVE && d.to == CRM_KANO_ONE_DIMENSIONAL && d.direction == CRM_KANO_ALONG);
  CHECK(crm_kano_analysis_result(&from, a, d.from_result, NULL) == CRM_OK);
  CHECK(from.counts[CRM_KANO_ATTRACTIVE] == 5 && strcmp(from.wave, "2019") == 0);
  CHECK(crm_kano_analysis_difference_count(&count, a, NULL) == CRM_OK && count == 0);
  crm_kano_analysis_free(a);
  crm_kano_survey_free(s);
}

static void csv_segments_and_bad_rows(void) {
  const char *csv =
      "respondent,attribute,functional,dysfunctional,region\r\n"
      "1,app,1,5,north\r\n"
      "2,app,2,5,south\r\n"
      "3,app,9,5,south\r\n"
      "4,app,2,5,south\r\n";
  crm_kano_survey *s = NULL;
  crm_kano_analysis *a = NULL;
  crm_kano_difference diff = CRM_KANO_DIFFERENCE_INIT;
  crm_kano_issue issue = CRM_KANO_ISSUE_INIT;
  crm_kano_result r = CRM_KANO_RESULT_INIT;
  crm_kano_csv_options by_region = CRM_KANO_CSV_OPTIONS_INIT;
  crm_error *err = NULL;
  size_t count = 0;
  char *svg = NULL, *out = NULL;
  CHECK(crm_kano_survey_create(&s, NULL, 0, NULL) == CRM_OK);
  by_region.segment_column = "region";
  by_region.segment_len = 6;
  CHECK(crm_kano_survey_add_csv(s, csv, strlen(csv), &by_region, NULL) == CRM_OK);
  /* a missing column is an error and adds nothing */
  CHECK(crm_kano_survey_add_csv(s, "respondent,attribute\n1,x\n", 25, NULL, &err) == CRM_E_MISSING);
  CHECK(strstr(crm_error_message(err), "'functional' is missing") != NULL);
  crm_error_free(err);
  CHECK(crm_kano_survey_analyze(&a, s, NULL) == CRM_OK);
  CHECK(crm_kano_analysis_result_count(&count, a, NULL) == CRM_OK && count == 3); /* all, north, south */
  CHECK(crm_kano_analysis_result(&r, a, 2, NULL) == CRM_OK);
  CHECK(r.segment != NULL && strcmp(r.segment, "south") == 0 && r.n == 2);
  CHECK(crm_kano_analysis_difference_count(&count, a, NULL) == CRM_OK && count == 1);
  CHECK(crm_kano_analysis_difference(&diff, a, 0, NULL) == CRM_OK);
  CHECK(strcmp(diff.attribute, "app") == 0 && diff.result_count == 2 && diff.results[0] == 1);
  CHECK(crm_kano_analysis_issue_count(&count, a, NULL) == CRM_OK && count == 1);
  CHECK(crm_kano_analysis_issue(&issue, a, 0, NULL) == CRM_OK);
  CHECK(issue.line == 4 && issue.column == 3 && issue.code == CRM_E_OUT_OF_RANGE);
  CHECK(crm_kano_analysis_svg(&svg, NULL, a, NULL) == CRM_OK);
  CHECK(strstr(svg, "Must-be (M)") != NULL);
  crm_string_free(svg);
  CHECK(crm_kano_analysis_csv(&out, NULL, a, NULL) == CRM_OK);
  CHECK(strncmp(out, "wave,segment,attribute,A,O,M,I,R,Q,n,", 37) == 0);
  crm_string_free(out);
  crm_kano_analysis_free(a);
  crm_kano_survey_free(s);
}

/* A quote never closed, and records past the limits the options set: issues with their
 * lines, and reading resumes at the next record; a header past csv_columns is an error. */
static void csv_recovery_and_limits(void) {
  const char *csv =
      "respondent,attribute,functional,dysfunctional\n"
      "1,app,1,5\n"
      "2,\"app,2,5\n" /* line 3: the quote never closes */
      "a note, of two fields\n"
      "3,app,2,5\n" /* line 5: a record again */
      "4,app,1,5,x,y\n"; /* line 6: 6 fields, past csv_columns = 5 */
  const char *long_record =
      "respondent,attribute,functional,dysfunctional\n"
      "5,a very long attribute name indeed and longer,1,5\n" /* line 2: 51 bytes */
      "6,app,1,5\n";
  crm_kano_survey *s = NULL;
  crm_kano_analysis *a = NULL;
  crm_kano_issue issue = CRM_KANO_ISSUE_INIT;
  crm_kano_csv_options options = CRM_KANO_CSV_OPTIONS_INIT;
  crm_error *err = NULL;
  size_t count = 0;
  uint64_t pairs = 0;
  CHECK(crm_kano_survey_create(&s, NULL, 0, NULL) == CRM_OK);
  options.csv_columns = 5;
  CHECK(crm_kano_survey_add_csv(s, csv, strlen(csv), &options, NULL) == CRM_OK);
  CHECK(crm_kano_survey_pairs(&pairs, s, NULL) == CRM_OK && pairs == 2);
  CHECK(crm_kano_survey_analyze(&a, s, NULL) == CRM_OK);
  CHECK(crm_kano_analysis_issue_count(&count, a, NULL) == CRM_OK && count == 2);
  CHECK(crm_kano_analysis_issue(&issue, a, 0, NULL) == CRM_OK);
  CHECK(issue.line == 3 && issue.column == 2 && issue.code == CRM_E_PARSE);
  CHECK(strcmp(issue.message,
               "a quoted field opens here and is never closed; 2 lines (3 to 4) skipped, reading resumes at line 5") == 0);
  CHECK(crm_kano_analysis_issue(&issue, a, 1, NULL) == CRM_OK);
  CHECK(issue.line == 6 && issue.code == CRM_E_OUT_OF_RANGE);
  CHECK(strstr(issue.message, "more than 5 fields") != NULL);
  crm_kano_analysis_free(a);

  /* a header wider than csv_columns adds nothing */
  options.csv_columns = 3;
  CHECK(crm_kano_survey_add_csv(s, csv, strlen(csv), &options, &err) == CRM_E_OUT_OF_RANGE);
  CHECK(crm_error_line(err) == 1);
  CHECK(strstr(crm_error_message(err), "crm::Limits::csv_columns") != NULL);
  crm_error_free(err);
  /* a record longer than csv_record_bytes is an issue */
  options.csv_columns = 0;
  options.csv_record_bytes = 46;
  CHECK(crm_kano_survey_add_csv(s, long_record, strlen(long_record), &options, NULL) == CRM_OK);
  CHECK(crm_kano_survey_pairs(&pairs, s, NULL) == CRM_OK && pairs == 3);
  CHECK(crm_kano_survey_analyze(&a, s, NULL) == CRM_OK);
  CHECK(crm_kano_analysis_issue_count(&count, a, NULL) == CRM_OK && count == 3);
  CHECK(crm_kano_analysis_issue(&issue, a, 2, NULL) == CRM_OK);
  CHECK(issue.line == 2 && strstr(issue.message, "crm::Limits::csv_record_bytes") != NULL);
  crm_kano_analysis_free(a);
  crm_kano_survey_free(s);
}

static void settings_and_arguments(void) {
  const char *variant = "{\"weak_threshold\": \"0.2\", \"scale\": 2}";
  const char *bad = "{\"table\": [[\"Q\",\"A\",\"A\",\"A\",\"O\"]]}";
  crm_kano_survey *s = NULL, *kept = NULL;
  crm_kano_analysis *a = NULL;
  crm_kano_result r = CRM_KANO_RESULT_INIT;
  crm_error *err = NULL;
  int i;
  CHECK(crm_kano_survey_create(&s, variant, strlen(variant), NULL) == CRM_OK);
  for (i = 0; i < 6; ++i) CHECK(add(s, "r", "x", "1", "5", NULL, 0, NULL) == CRM_OK); /* O 6 */
  for (i = 0; i < 5; ++i) CHECK(add(s, "r", "x", "2", "5", NULL, 0, NULL) == CRM_OK); /* M 5 */
  CHECK(crm_kano_survey_analyze(&a, s, NULL) == CRM_OK);
  CHECK(crm_kano_analysis_result(&r, a, 0, NULL) == CRM_OK);
  CHECK(r.mode == CRM_KANO_ONE_DIMENSIONAL && r.category == CRM_KANO_MUST_BE && r.rule_applied == 1);
  CHECK(decimal_is(&r.better, "0.55"));
  crm_kano_analysis_free(a);
  crm_kano_survey_free(s);

  CHECK(crm_kano_survey_create(&kept, bad, strlen(bad), &err) == CRM_E_INVALID_RULE);
  CHECK(strcmp(crm_error_pointer(err), "/table") == 0);
  CHECK(crm_error_line(err) == 1);
  CHECK(kept == NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_kano_survey_create(NULL, NULL, 0, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "'out'") != NULL);
  crm_error_free(err);
  CHECK(crm_kano_survey_add(NULL, "r", 1, "x", 1, "1", 1, "5", 1, NULL, 0, NULL, 0, 0, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_kano_survey_analyze(&a, NULL, NULL) == CRM_E_INVALID_ARGUMENT);
  crm_kano_survey_free(NULL);
  crm_kano_analysis_free(NULL);
}

int main(void) {
  pairs_and_typed_results();
  waves_and_drift();
  csv_segments_and_bad_rows();
  csv_recovery_and_limits();
  settings_and_arguments();
  return check_summary();
}
