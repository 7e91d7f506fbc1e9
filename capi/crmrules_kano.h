/* crmrules_kano.h: Kano analysis through the C ABI (included by crmrules.h).
 *
 *   crm_kano_survey *survey = NULL;
 *   crm_kano_analysis *analysis = NULL;
 *   crm_error *err = NULL;
 *   crm_kano_survey_create(&survey, NULL, 0, NULL);            (the standard table)
 *   crm_kano_survey_add(survey, "r1", 2, "Free delivery", 13, "Like", 4, "Dislike", 7,
 *                       NULL, 0, NULL, 0, 0, NULL);              (+ segment, wave, line)
 *   if (crm_kano_survey_add(survey, "r2", 2, "Free delivery", 13, "7", 1, "5", 1,
 *                           NULL, 0, NULL, 0, 12, &err) != CRM_OK) {
 *     printf("line %u: %s\n", crm_error_line(err), crm_error_message(err));  (skipped)
 *     crm_error_free(err);
 *   }
 *   crm_kano_survey_analyze(&analysis, survey, NULL);
 *   crm_kano_result r = CRM_KANO_RESULT_INIT;                    (size: the members you have)
 *   crm_kano_analysis_result(&r, analysis, 0, NULL);            (r.category, r.better, ...)
 *   char *json = NULL;
 *   crm_kano_analysis_json(&json, NULL, analysis, NULL);         (everything; docs/kano.md)
 *   crm_string_free(json);
 *   crm_kano_analysis_free(analysis);
 *   crm_kano_survey_free(survey);
 *
 * (The sketch leaves out testing each call's crm_status; real code tests every one.)
 * Conventions: docs/c-api.md. A survey is used from one thread at a time; an analysis is
 * immutable (share it freely). Strings inside the result structs are borrowed from the
 * analysis: valid until crm_kano_analysis_free. */
#ifndef CRMRULES_KANO_H
#define CRMRULES_KANO_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

typedef struct crm_kano_survey crm_kano_survey;
typedef struct crm_kano_analysis crm_kano_analysis;

typedef enum crm_kano_category {
  CRM_KANO_ATTRACTIVE = 0,      /* A */
  CRM_KANO_ONE_DIMENSIONAL = 1, /* O (expected) */
  CRM_KANO_MUST_BE = 2,         /* M (basic) */
  CRM_KANO_INDIFFERENT = 3,     /* I */
  CRM_KANO_REVERSE = 4,         /* R */
  CRM_KANO_QUESTIONABLE = 5     /* Q */
} crm_kano_category;

typedef enum crm_kano_direction {
  CRM_KANO_ALONG = 0,   /* along A -> O -> M */
  CRM_KANO_AGAINST = 1, /* against it */
  CRM_KANO_OTHER = 2    /* to or from I, R or Q */
} crm_kano_direction;

/* The result structs below may gain members at their end: each begins with size, the
 * bytes the caller's struct has, set by its CRM_KANO_..._INIT macro. The library fills
 * only the members that fit in size and never writes size (docs/c-api.md):
 *
 *   crm_kano_result r = CRM_KANO_RESULT_INIT;
 *   if (crm_kano_analysis_result(&r, analysis, 0, &err) != CRM_OK) ...
 */

/* One attribute within one segment (or all respondents) and one wave. */
typedef struct crm_kano_result {
  size_t size; /* sizeof(crm_kano_result): CRM_KANO_RESULT_INIT */
  const char *attribute;
  const char *segment; /* NULL: all respondents */
  const char *wave;    /* "" when the survey has no waves */
  uint64_t counts[6];  /* indexed by crm_kano_category */
  uint64_t n;
  crm_kano_category mode;     /* the most frequent category */
  crm_kano_category category; /* the M > O > A > I rule with the weak threshold */
  int rule_applied;           /* another category was within the threshold */
  crm_kano_category fong_first, fong_second;
  uint64_t fong_difference;
  crm_decimal fong_threshold;
  int significant;
  int has_coefficients; /* 0 when A+O+M+I is 0: better and worse are then 0 */
  crm_decimal better, worse, total_strength, category_strength;
} crm_kano_result;
#define CRM_KANO_RESULT_INIT                                                                                    \
  {sizeof(crm_kano_result), NULL, NULL, NULL, {0, 0, 0, 0, 0, 0}, 0,                                            \
   CRM_KANO_ATTRACTIVE, CRM_KANO_ATTRACTIVE, 0, CRM_KANO_ATTRACTIVE, CRM_KANO_ATTRACTIVE, 0, {{0, 0, 0}}, 0, 0, \
   {{0, 0, 0}}, {{0, 0, 0}}, {{0, 0, 0}}, {{0, 0, 0}}}

typedef struct crm_kano_priority {
  size_t size;   /* sizeof(crm_kano_priority): CRM_KANO_PRIORITY_INIT */
  size_t rank;   /* from 1 */
  size_t result; /* index of its crm_kano_result */
  const char *attribute;
  crm_kano_category category;
  const char *advice;
} crm_kano_priority;
#define CRM_KANO_PRIORITY_INIT {sizeof(crm_kano_priority), 0, 0, NULL, CRM_KANO_ATTRACTIVE, NULL}

typedef struct crm_kano_difference {
  size_t size; /* sizeof(crm_kano_difference): CRM_KANO_DIFFERENCE_INIT */
  const char *attribute;
  const char *wave;
  size_t result_count;
  const size_t *results; /* each segment's result index */
} crm_kano_difference;
#define CRM_KANO_DIFFERENCE_INIT {sizeof(crm_kano_difference), NULL, NULL, 0, NULL}

typedef struct crm_kano_drift {
  size_t size; /* sizeof(crm_kano_drift): CRM_KANO_DRIFT_INIT */
  const char *attribute;
  const char *segment; /* NULL: all respondents */
  const char *from_wave, *to_wave;
  crm_kano_category from, to;
  crm_kano_direction direction;
  size_t from_result, to_result;
} crm_kano_drift;
#define CRM_KANO_DRIFT_INIT \
  {sizeof(crm_kano_drift), NULL, NULL, NULL, NULL, CRM_KANO_ATTRACTIVE, CRM_KANO_ATTRACTIVE, CRM_KANO_ALONG, 0, 0}

/* A pair that was skipped, or an attribute left without valid answers. */
typedef struct crm_kano_issue {
  size_t size; /* sizeof(crm_kano_issue): CRM_KANO_ISSUE_INIT */
  crm_status code;
  uint32_t line;   /* 0 when unknown */
  uint32_t column; /* the CSV field's position from 1; 0 when unknown */
  const char *message;
} crm_kano_issue;
#define CRM_KANO_ISSUE_INIT {sizeof(crm_kano_issue), CRM_OK, 0, 0, NULL}

/* Which columns of a CSV text hold a pair's segment and wave (crm_kano_survey_add_csv),
 * and how large a CSV text may be (crm::Limits' csv_columns and csv_record_bytes).
 * May gain members at its end; start from CRM_KANO_CSV_OPTIONS_INIT (no segment, no
 * wave, the default limits) and set what you need. A member left 0 or NULL keeps its
 * default. */
typedef struct crm_kano_csv_options {
  size_t size;                /* sizeof(crm_kano_csv_options) */
  const char *segment_column; /* NULL with length 0: no segments */
  size_t segment_len;
  const char *wave_column;    /* NULL with length 0: no waves */
  size_t wave_len;
  /* Added after 0.2.0 (still ABI 1: a caller's shorter struct keeps their defaults). */
  size_t csv_columns;      /* 0: 10000. A wider header is an error, a wider record an issue */
  size_t csv_record_bytes; /* 0: 64 MiB. A longer record is an issue, and reading goes on */
} crm_kano_csv_options;
#define CRM_KANO_CSV_OPTIONS_INIT {sizeof(crm_kano_csv_options), NULL, 0, NULL, 0, 0, 0}

/* settings: NULL with len 0 for the standard analysis, else JSON text: a "kano" settings
 * object or a whole rule set whose "kano" key is read (docs/rule-sets.md). Errors carry
 * the JSON pointer, line and column. */
CRM_API CRM_NODISCARD crm_status crm_kano_survey_create(crm_kano_survey **out, const char *settings, size_t len,
                                                        crm_error **error);
CRM_API void crm_kano_survey_free(crm_kano_survey *survey);

/* One respondent's answers to one attribute's pair of questions: 1..5, English labels
 * (Like, Must-be, Neutral, Live-with, Dislike) or Chinese ones. segment and wave may be
 * NULL with length 0. line names the pair in errors (0: its position, counting adds from
 * 1). A bad pair (CRM_E_OUT_OF_RANGE, CRM_E_MISSING, CRM_E_INVALID_UTF8) is reported,
 * kept among the survey's issues and skipped; the survey is otherwise unchanged. */
CRM_API CRM_NODISCARD crm_status crm_kano_survey_add(crm_kano_survey *survey, const char *respondent,
                                                     size_t respondent_len, const char *attribute, size_t attribute_len,
                                                     const char *functional, size_t functional_len,
                                                     const char *dysfunctional, size_t dysfunctional_len,
                                                     const char *segment, size_t segment_len, const char *wave,
                                                     size_t wave_len, uint64_t line, crm_error **error);
/* A CSV text with the columns respondent, attribute, functional, dysfunctional, and the
 * segment and wave columns options names (options NULL: neither). A missing column, a
 * malformed header or one wider than options->csv_columns is an error and adds nothing;
 * bad rows become issues (line, column), and so does a record that cannot be read to its
 * end (a quote never closed, a record past the limits): its issue's message says which
 * lines went with it, and reading resumes at the first later line that is a record of
 * the header's number of fields. */
CRM_API CRM_NODISCARD crm_status crm_kano_survey_add_csv(crm_kano_survey *survey, const char *csv, size_t len,
                                                         const crm_kano_csv_options *options, crm_error **error);
/* Pairs accepted so far. */
CRM_API CRM_NODISCARD crm_status crm_kano_survey_pairs(uint64_t *out, const crm_kano_survey *survey, crm_error **error);

/* The analysis of every pair added so far (the survey may grow afterwards). */
CRM_API CRM_NODISCARD crm_status crm_kano_survey_analyze(crm_kano_analysis **out, const crm_kano_survey *survey,
                                                         crm_error **error);
CRM_API void crm_kano_analysis_free(crm_kano_analysis *analysis);

/* Everything as JSON (settings and rounding stated), the results as CSV, the Better /
 * Worse scatter of the last wave as SVG. Caller's strings, freed with crm_string_free. */
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_json(char **out, size_t *out_len, const crm_kano_analysis *analysis,
                                                        crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_csv(char **out, size_t *out_len, const crm_kano_analysis *analysis,
                                                       crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_svg(char **out, size_t *out_len, const crm_kano_analysis *analysis,
                                                       crm_error **error);

/* Typed access: counts, then the item at index (CRM_E_OUT_OF_RANGE past the end). */
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_result_count(size_t *out, const crm_kano_analysis *analysis,
                                                                crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_result(crm_kano_result *out, const crm_kano_analysis *analysis,
                                                          size_t index, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_priority_count(size_t *out, const crm_kano_analysis *analysis,
                                                                  crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_priority(crm_kano_priority *out, const crm_kano_analysis *analysis,
                                                            size_t index, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_difference_count(size_t *out, const crm_kano_analysis *analysis,
                                                                    crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_difference(crm_kano_difference *out,
                                                              const crm_kano_analysis *analysis, size_t index,
                                                              crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_drift_count(size_t *out, const crm_kano_analysis *analysis,
                                                               crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_drift(crm_kano_drift *out, const crm_kano_analysis *analysis,
                                                         size_t index, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_issue_count(size_t *out, const crm_kano_analysis *analysis,
                                                               crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_kano_analysis_issue(crm_kano_issue *out, const crm_kano_analysis *analysis,
                                                         size_t index, crm_error **error);

/* The category's letter ("A") and name ("attractive"); static storage, "?" when unknown. */
CRM_API const char *crm_kano_category_letter(crm_kano_category category);
CRM_API const char *crm_kano_category_name(crm_kano_category category);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif /* CRMRULES_KANO_H */
