/* crmrules_service.h: service tickets checked against the service commitments through
 * the C ABI (included by crmrules.h).
 *
 *   const crm_service_checker *checker = NULL;
 *   crm_service_report *report = NULL;
 *   crm_error *err = NULL;
 *   crm_service_checker_builtin(&checker, NULL);              (borrowed: never freed; the deck's "168")
 *   crm_service_options options = CRM_SERVICE_OPTIONS_INIT;   (size: the members you have)
 *   options.by = CRM_SERVICE_BY_ENGINEER;
 *   if (crm_service_check_file(&report, checker, "tickets.csv", 11, &options, &err) != CRM_OK) {
 *     printf("%s\n", crm_error_message(err));                 (the file as a whole: io, no ticket column)
 *     crm_error_free(err);
 *   }
 *   crm_service_counts counts = CRM_SERVICE_COUNTS_INIT;
 *   crm_service_report_counts(&counts, report, NULL);         (checked, rejected, breaches, groups)
 *   crm_service_tally t = CRM_SERVICE_TALLY_INIT;
 *   crm_service_report_tally(&t, report, CRM_SERVICE_TOTAL, 0, NULL);   (reply within 15 minutes: t.rate)
 *   char *json = NULL;
 *   crm_service_report_json(&json, NULL, report, NULL);       (everything: docs/service.md)
 *   crm_string_free(json);
 *   crm_service_report_free(report);
 *
 * (The sketch leaves out testing each call's crm_status; real code tests every one.) A bad
 * row does not fail the call: it is rejected (line and column, or line and JSON pointer)
 * and the rest are checked; the report lists it. Conventions: docs/c-api.md. A checker
 * and a report are immutable: share them between threads freely. Strings inside the
 * structs are borrowed from the report: valid until crm_service_report_free. */
#ifndef CRMRULES_SERVICE_H
#define CRMRULES_SERVICE_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

typedef struct crm_service_checker crm_service_checker;
typedef struct crm_service_report crm_service_report;

typedef enum crm_service_by {
  CRM_SERVICE_BY_CUSTOMER = 0,
  CRM_SERVICE_BY_ENGINEER = 1,
  CRM_SERVICE_BY_MONTH = 2 /* YYYY-MM of the period timestamp, in the rules' time zone */
} crm_service_by;

typedef enum crm_service_input {
  CRM_SERVICE_CSV = 0,  /* a header naming the fields, one ticket per record */
  CRM_SERVICE_JSONL = 1 /* JSON Lines: one object per line */
} crm_service_input;

/* The structs below may gain members at their end: each begins with size, the bytes the
 * caller's struct has, set by its CRM_SERVICE_..._INIT macro (docs/c-api.md). */
typedef struct crm_service_options {
  size_t size;         /* sizeof(crm_service_options): CRM_SERVICE_OPTIONS_INIT */
  int by;              /* crm_service_by: the groups of crm_service_report_tally */
  int input;           /* crm_service_input */
  int keep_tickets;    /* non-zero: keep every ticket's result, for crm_service_report_tickets_csv */
} crm_service_options;
#define CRM_SERVICE_OPTIONS_INIT {sizeof(crm_service_options), CRM_SERVICE_BY_CUSTOMER, CRM_SERVICE_CSV, 0}

typedef struct crm_service_counts {
  size_t size;          /* sizeof(crm_service_counts): CRM_SERVICE_COUNTS_INIT */
  uint64_t checked;     /* tickets read and checked */
  uint64_t rejected;    /* bad rows, skipped */
  uint64_t breaches;    /* tickets x commitments whose target is every ticket, not met */
  size_t commitments;   /* crm_service_report_tally's commitment indexes: 0 .. commitments - 1 */
  size_t groups;        /* its group indexes: 0 .. groups - 1, sorted by key */
  size_t months;        /* the months seen */
} crm_service_counts;
#define CRM_SERVICE_COUNTS_INIT {sizeof(crm_service_counts), 0, 0, 0, 0, 0, 0}

/* One commitment over one group: met, not met, missing (the ticket lacked what it needs:
 * never counted as met), and the rate met / (met + not met) against the target. */
typedef struct crm_service_tally {
  size_t size;            /* sizeof(crm_service_tally): CRM_SERVICE_TALLY_INIT */
  const char *commitment; /* its id ("reply_15min", ...) */
  const char *group;      /* the group's key (customer, engineer or YYYY-MM; "" unknown); NULL for the total */
  uint64_t tickets;       /* in the group */
  uint64_t met, not_met, missing;
  int has_rate;           /* 0 when no ticket had the data (rate is then zero) */
  crm_decimal rate;       /* to 4 places, half even */
  crm_decimal target;     /* 0..1 */
  int met_target;         /* the rate reaches the target (a group without a rate has not failed it) */
} crm_service_tally;
#define CRM_SERVICE_TALLY_INIT {sizeof(crm_service_tally), NULL, NULL, 0, 0, 0, 0, 0, {{0, 0, 0}}, {{0, 0, 0}}, 0}

/* The group index of every ticket checked, for crm_service_report_tally. */
#define CRM_SERVICE_TOTAL ((size_t)-1)

/* ---- Checkers ------------------------------------------------------------------- */
/* The checker of the built-in commitments (rules/service.json, embedded: the deck's
 * "168"). Borrowed: it lives as long as the library is loaded; never free it
 * (crm_service_checker_free ignores it). */
CRM_API CRM_NODISCARD crm_status crm_service_checker_builtin(const crm_service_checker **out, crm_error **error);
/* A checker of a loaded rule set with a "service" section (a changed copy of
 * crm_service_builtin_json). CRM_E_INVALID_RULE when it has none. The rule set may be
 * freed afterwards. Free the checker with crm_service_checker_free. */
CRM_API CRM_NODISCARD crm_status crm_service_checker_from_ruleset(crm_service_checker **out, const crm_ruleset *rules,
                                                                  crm_error **error);
CRM_API void crm_service_checker_free(crm_service_checker *checker);
/* A checker of only some of `checker`'s commitments (a --only list): `ids` is their ids,
 * comma-separated ("reply_15min,follow_up"; spaces around an id are dropped), kept in the
 * rules' order. CRM_E_UNKNOWN_NAME naming an id the rules do not define (with "did you
 * mean"), CRM_E_INVALID_ARGUMENT for an empty list or id. Free it with
 * crm_service_checker_free (`checker` may be freed first). */
CRM_API CRM_NODISCARD crm_status crm_service_checker_only(crm_service_checker **out, const crm_service_checker *checker,
                                                          const char *ids, size_t ids_len, crm_error **error);
/* The built-in commitments' rule set as JSON, to copy and change (borrowed, static). */
CRM_API CRM_NODISCARD crm_status crm_service_builtin_json(const char **out, size_t *out_len, crm_error **error);

/* ---- Checking ------------------------------------------------------------------- */
/* Tickets from text (CSV or JSON Lines, options->input) or from a file. options may be
 * NULL (by customer, CSV, tickets not kept). The call fails only for the input as a whole:
 * CRM_E_IO (the file), CRM_E_MISSING (no ticket id column), a CSV the reader cannot go on
 * with (CRM_E_PARSE, e.g. UTF-16). Free the report with crm_service_report_free. */
CRM_API CRM_NODISCARD crm_status crm_service_check(crm_service_report **out, const crm_service_checker *checker,
                                                   const char *text, size_t len, const crm_service_options *options,
                                                   crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_service_check_file(crm_service_report **out, const crm_service_checker *checker,
                                                        const char *path, size_t path_len,
                                                        const crm_service_options *options, crm_error **error);
CRM_API void crm_service_report_free(crm_service_report *report);

/* ---- The report ----------------------------------------------------------------- */
CRM_API CRM_NODISCARD crm_status crm_service_report_counts(crm_service_counts *out, const crm_service_report *report,
                                                           crm_error **error);
/* Commitment `commitment` over group `group` (CRM_SERVICE_TOTAL: every ticket). */
CRM_API CRM_NODISCARD crm_status crm_service_report_tally(crm_service_tally *out, const crm_service_report *report,
                                                          size_t group, size_t commitment, crm_error **error);
/* New strings the caller frees with crm_string_free: the whole report as JSON
 * (docs/service.md), a readable summary in `lang` (crm_lang), the chart of rates per
 * month (SVG), and, when the check kept them (options->keep_tickets), one CSV row per
 * ticket with each commitment's status (CRM_E_INVALID_ARGUMENT when it did not). */
CRM_API CRM_NODISCARD crm_status crm_service_report_json(char **out, size_t *out_len, const crm_service_report *report,
                                                         crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_service_report_text(char **out, size_t *out_len, const crm_service_report *report,
                                                         int lang, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_service_report_svg(char **out, size_t *out_len, const crm_service_report *report,
                                                        int lang, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_service_report_tickets_csv(char **out, size_t *out_len,
                                                                const crm_service_report *report, crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif /* CRMRULES_SERVICE_H */
