/* Service commitments from pure C99 (crmrules_service.h): the built-in 168 over the test
 * tickets, typed counts and tallies, groups, JSON Lines, the per-ticket CSV, a vendor's
 * own commitments, and every bad argument refused with nothing allocated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "crmrules.h"

#define S(text) text, strlen(text)

static const char *TICKETS =
    "ticket,customer,engineer,called,replied,requested,departed,first_time_fix,follow_up\n"
    "T1,C001,Zhang,2026-03-02 10:00,2026-03-02 10:15,2026-03-02 10:20,2026-03-02 11:20,yes,yes\n"
    "T2,C001,Li,2026-03-05 09:00,2026-03-05 09:16,2026-03-05 09:30,2026-03-05 10:00,no,no\n"
    "T3,C002,Zhang,2026-04-01 09:00,,2026-04-01 09:30,2026-04-01 09:20,yes,yes\n"
    "T1,C003,Wang,2026-04-03 09:00,2026-04-03 09:05,,,yes,yes\n";

static int decimal_is(const crm_decimal *d, const char *text) {
  char *s = NULL;
  const int same = crm_decimal_to_string(&s, NULL, d, NULL) == CRM_OK && strcmp(s, text) == 0;
  crm_string_free(s);
  return same;
}

static void test_builtin(void) {
  const crm_service_checker *checker = NULL;
  crm_service_report *report = NULL;
  crm_error *err = NULL;
  CHECK(crm_service_checker_builtin(&checker, NULL) == CRM_OK && checker != NULL);
  crm_service_options options = CRM_SERVICE_OPTIONS_INIT;
  options.keep_tickets = 1;
  CHECK(crm_service_check(&report, checker, S(TICKETS), &options, &err) == CRM_OK);
  if (report == NULL) return;

  crm_service_counts counts = CRM_SERVICE_COUNTS_INIT;
  CHECK(crm_service_report_counts(&counts, report, NULL) == CRM_OK);
  CHECK(counts.checked == 2 && counts.rejected == 2 && counts.commitments == 7 && counts.groups == 1);
  CHECK(counts.breaches == 2); /* T2: reply one minute late, no follow-up */

  crm_service_tally t = CRM_SERVICE_TALLY_INIT;
  CHECK(crm_service_report_tally(&t, report, CRM_SERVICE_TOTAL, 0, NULL) == CRM_OK);
  CHECK(strcmp(t.commitment, "reply_15min") == 0 && t.group == NULL && t.tickets == 2);
  CHECK(t.met == 1 && t.not_met == 1 && t.missing == 0 && t.has_rate && decimal_is(&t.rate, "0.5"));
  CHECK(decimal_is(&t.target, "1") && t.met_target == 0);
  CHECK(crm_service_report_tally(&t, report, CRM_SERVICE_TOTAL, 3, NULL) == CRM_OK); /* full_check: no column */
  CHECK(strcmp(t.commitment, "full_check") == 0 && t.missing == 2 && t.has_rate == 0 && t.met_target == 1);
  CHECK(crm_service_report_tally(&t, report, 0, 2, NULL) == CRM_OK); /* C001, first-time fix */
  CHECK(strcmp(t.group, "C001") == 0 && decimal_is(&t.rate, "0.5") && decimal_is(&t.target, "0.90"));

  CHECK(crm_service_report_tally(&t, report, 1, 0, &err) == CRM_E_OUT_OF_RANGE);
  CHECK(err != NULL && strstr(crm_error_message(err), "group 1 does not exist (there are 1") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_service_report_tally(&t, report, CRM_SERVICE_TOTAL, 7, NULL) == CRM_E_OUT_OF_RANGE);

  char *json = NULL, *csv = NULL, *text = NULL, *svg = NULL;
  CHECK(crm_service_report_json(&json, NULL, report, NULL) == CRM_OK);
  CHECK(json && strstr(json, "\"by\": \"PT1M\", \"seconds\": 60, \"minutes\": 1") != NULL);
  CHECK(json && strstr(json, "\"message\": \"impossible timestamps: 'departed'") != NULL);
  CHECK(json && strstr(json, "\"line\": 5, \"column\": 1") != NULL); /* the second T1 */
  CHECK(crm_service_report_tickets_csv(&csv, NULL, report, NULL) == CRM_OK);
  CHECK(csv && strstr(csv, "T2,3,C001,Li,not_met,960,60,met,1800,,not_met,") != NULL);
  CHECK(crm_service_report_text(&text, NULL, report, CRM_LANG_EN, NULL) == CRM_OK);
  CHECK(text && strstr(text, "Service commitments: 2 tickets checked, 2 rows rejected") != NULL);
  CHECK(crm_service_report_text(&text, NULL, report, 7, &err) == CRM_E_INVALID_ARGUMENT);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_service_report_svg(&svg, NULL, report, CRM_LANG_ZH, NULL) == CRM_OK);
  CHECK(svg && strncmp(svg, "<svg", 4) == 0);
  crm_string_free(json);
  crm_string_free(csv);
  crm_string_free(text);
  crm_string_free(svg);
  crm_service_report_free(report);
}

static void test_groups_and_jsonl(void) {
  const crm_service_checker *checker = NULL;
  crm_service_report *report = NULL;
  CHECK(crm_service_checker_builtin(&checker, NULL) == CRM_OK);
  crm_service_options options = CRM_SERVICE_OPTIONS_INIT;
  options.by = CRM_SERVICE_BY_MONTH;
  options.input = CRM_SERVICE_JSONL;
  const char *lines =
      "{\"ticket\": \"J1\", \"called\": \"2026-05-01T10:00+08:00\", \"replied\": \"2026-05-01T10:10+08:00\"}\n"
      "{\"ticket\": \"J2\", \"called\": \"2026-06-01T10:00+08:00\", \"replied\": \"2026-06-01T10:30+08:00\"}\n";
  CHECK(crm_service_check(&report, checker, S(lines), &options, NULL) == CRM_OK);
  crm_service_counts counts = CRM_SERVICE_COUNTS_INIT;
  CHECK(crm_service_report_counts(&counts, report, NULL) == CRM_OK && counts.groups == 2 && counts.months == 2);
  crm_service_tally t = CRM_SERVICE_TALLY_INIT;
  CHECK(crm_service_report_tally(&t, report, 1, 0, NULL) == CRM_OK && strcmp(t.group, "2026-06") == 0 && t.not_met == 1);
  char *csv = NULL;
  crm_error *err = NULL;
  CHECK(crm_service_report_tickets_csv(&csv, NULL, report, &err) == CRM_E_INVALID_ARGUMENT && csv == NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "keep_tickets") != NULL);
  crm_error_free(err);
  crm_service_report_free(report);
}

static void test_own_rules_and_bad_arguments(void) {
  const char *text = NULL;
  size_t len = 0;
  CHECK(crm_service_builtin_json(&text, &len, NULL) == CRM_OK && len > 0 && strstr(text, "168") != NULL);
  crm_ruleset *rules = NULL;
  crm_service_checker *mine = NULL;
  crm_error *err = NULL;
  CHECK(crm_ruleset_load(&rules, text, len, NULL) == CRM_OK);
  CHECK(crm_service_checker_from_ruleset(&mine, rules, NULL) == CRM_OK);
  crm_ruleset_free(rules); /* the checker keeps what it needs */
  crm_service_report *report = NULL;
  CHECK(crm_service_check(&report, mine, S("ticket\nA\n"), NULL, NULL) == CRM_OK);
  crm_service_report_free(report);
  report = NULL;
  CHECK(crm_service_check(&report, mine, S("id,customer\n1,C1\n"), NULL, &err) == CRM_E_MISSING && report == NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "no ticket id column 'ticket'") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_service_check_file(&report, mine, S("/no/such.csv"), NULL, NULL) == CRM_E_IO && report == NULL);
  crm_service_options options = CRM_SERVICE_OPTIONS_INIT;
  options.by = 9;
  CHECK(crm_service_check(&report, mine, S("ticket\nA\n"), &options, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(err != NULL && strstr(crm_error_message(err), "options->by") != NULL);
  crm_error_free(err);
  options.size = 0;
  CHECK(crm_service_check(&report, mine, S("ticket\nA\n"), &options, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_service_check(&report, NULL, S("ticket\nA\n"), NULL, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(report == NULL);
  crm_service_checker_free(mine);

  /* Only some commitments; an unknown id is named with "did you mean". */
  const crm_service_checker *builtin = NULL;
  CHECK(crm_service_checker_builtin(&builtin, NULL) == CRM_OK);
  mine = NULL;
  CHECK(crm_service_checker_only(&mine, builtin, S("follow_up, reply_15min"), NULL) == CRM_OK && mine != NULL);
  CHECK(crm_service_check(&report, mine, S(TICKETS), NULL, NULL) == CRM_OK);
  crm_service_counts counts = CRM_SERVICE_COUNTS_INIT;
  CHECK(crm_service_report_counts(&counts, report, NULL) == CRM_OK && counts.commitments == 2 && counts.breaches == 2);
  crm_service_tally t = CRM_SERVICE_TALLY_INIT;
  CHECK(crm_service_report_tally(&t, report, CRM_SERVICE_TOTAL, 1, NULL) == CRM_OK &&
        strcmp(t.commitment, "follow_up") == 0);
  crm_service_report_free(report);
  report = NULL;
  crm_service_checker *other = NULL;
  CHECK(crm_service_checker_only(&other, mine, S("reply_15mins"), &err) == CRM_E_UNKNOWN_NAME && other == NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "did you mean 'reply_15min'") != NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_service_checker_only(&other, builtin, S("reply_15min,,follow_up"), NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_service_checker_only(&other, NULL, S("reply_15min"), NULL) == CRM_E_INVALID_ARGUMENT && other == NULL);
  crm_service_checker_free(mine);

  CHECK(crm_ruleset_builtin(&rules, NULL) == CRM_OK);
  CHECK(crm_service_checker_from_ruleset(&mine, rules, NULL) == CRM_E_INVALID_RULE);
  crm_ruleset_free(rules);
}

int main(void) {
  test_builtin();
  test_groups_and_jsonl();
  test_own_rules_and_bad_arguments();
  return check_summary();
}
