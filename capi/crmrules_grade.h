/* crmrules_grade.h: grading a portfolio CSV file through the C ABI (included by
 * crmrules.h): every customer graded by a rule set, with ABC classes, ranks, cumulative
 * shares, the four classes and RFM scores, written as CSV or JSON; the work of
 * `crmrules grade`, on as many threads as there are cores.
 *
 *   const char *keep[] = {"region", "owner"};
 *   crm_grade_options options = CRM_GRADE_OPTIONS_INIT;   (every member 0 / NULL: its default)
 *   options.keep = keep;
 *   options.keep_count = 2;                              (carried through after id and name)
 *   char *summary = NULL;
 *   crm_error *err = NULL;
 *   if (crm_grade_csv(&summary, NULL, NULL, "portfolio.csv", "graded.csv", &options, &err) != CRM_OK) {
 *     fprintf(stderr, "%s\n", crm_error_message(err));    (graded.csv is left as it was)
 *     crm_error_free(err);
 *   }
 *   (summary: {"rows": 120, "graded": 118, "rejected": 2, "rejects": [...], "abc": ...})
 *   crm_string_free(summary);
 *
 * The rules (what is read, what is rejected, the columns written):
 * include/crmrules/portfolio_grading.hpp. Conventions: docs/c-api.md. */
#ifndef CRMRULES_GRADE_H
#define CRMRULES_GRADE_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

typedef enum crm_grade_format {
  CRM_GRADE_CSV = 0, /* a header, then one row per graded customer; a list output as a;b */
  CRM_GRADE_JSON = 1 /* a JSON array of objects, exact numbers */
} crm_grade_format;

/* How crm_grade_csv grades. May gain members at its end: start from
 * CRM_GRADE_OPTIONS_INIT (every member 0 or NULL: its default) and set what you need.
 * Strings are NUL-terminated UTF-8, read during the call only. */
typedef struct crm_grade_options {
  size_t size;                           /* sizeof(crm_grade_options) */
  const char *measure;                   /* the column ABC ranks by; NULL: annual_net_profit */
  const char *grade_output;              /* counted per label in the summary; NULL: value_grade */
  const crm_portfolio_options *portfolio; /* the ABC shares; NULL: 0.80 / 0.95 / top 0.20 */
  const char *recency;                   /* RFM columns: all three, or all NULL (no RFM) */
  const char *frequency;
  const char *monetary;
  int recency_higher_is_better;          /* 0: fewer days since the last purchase is better */
  int rfm_bins;                          /* 0: 5 */
  crm_grade_format format;               /* 0: CRM_GRADE_CSV */
  int explain;                           /* nonzero: an explain column (the trace as JSON) */
  const char *const *keep;               /* input columns carried through, keep_count of them */
  size_t keep_count;
  int keep_all;                          /* nonzero: every input column carried through */
  int ignore_unknown;                    /* nonzero: no warning for a column that is no input */
  unsigned threads;                      /* 0: one per core */
} crm_grade_options;
#define CRM_GRADE_OPTIONS_INIT {sizeof(crm_grade_options), NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, CRM_GRADE_CSV, 0, NULL, 0, 0, 0, 0}

/* Grades the CSV file in_path ("-": standard input) with rules (NULL: the built-in rule
 * set) into the file out_path ("-": standard output), written under a temporary name
 * beside it that replaces out_path only when grading succeeded: after an error the file
 * at out_path is as it was. *out_summary (may be NULL: not wanted) gets the summary as a
 * JSON object, a new string: rows, graded, rejected, each rejected row's line, column and
 * reason, warnings, the ABC classes and the Pareto share, the grades counted, the four
 * classes. A rejected row is no error. Errors: CRM_E_IO (a file cannot be read or
 * written), CRM_E_MISSING (the header lacks a required column or the measure, or a kept
 * column; with "did you mean"), CRM_E_CONFLICT (a kept column named as an output column),
 * CRM_E_INVALID_ARGUMENT (options: a bad size, shares, RFM columns not all three), and the
 * CSV's own errors with line and column. */
CRM_API CRM_NODISCARD crm_status crm_grade_csv(char **out_summary, size_t *out_len, const crm_ruleset *rules,
                                               const char *in_path, const char *out_path,
                                               const crm_grade_options *options, crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif
