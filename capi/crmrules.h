/* crmrules.h: the stable C ABI of crmrules.
 *
 *   #include <crmrules.h>
 *
 *   crm_decimal a, b, sum;
 *   crm_error *err = NULL;
 *   if (crm_decimal_parse(&a, "0.1", 3, &err) != CRM_OK ||
 *       crm_decimal_parse(&b, "0.2", 3, &err) != CRM_OK ||
 *       crm_decimal_add(&sum, &a, &b, &err) != CRM_OK) {
 *     fprintf(stderr, "%s\n", crm_error_message(err));
 *     crm_error_free(err);
 *     return 1;
 *   }
 *   char *text = NULL;
 *   if (crm_decimal_to_string(&text, NULL, &sum, NULL) == CRM_OK) puts(text);  // "0.3"
 *   crm_string_free(text);
 *
 * The conventions every function follows are written down once, in docs/c-api.md:
 * opaque typed handles with create/free pairs (free accepts NULL); every fallible call
 * returns a crm_status (CRM_NODISCARD: the compiler warns when it is ignored) and, when
 * the caller passes a non-NULL crm_error**, an error object with the code, a message and
 * a location, which the caller frees; outputs come first and are named out; strings in
 * are UTF-8 pointer + length; strings out belong to the caller and are freed with
 * crm_string_free; structs that may gain members begin with `size_t size` and are
 * initialised with their CRM_..._INIT macro; nothing throws across this boundary.
 *
 * Compiles as C99 and as C++. No macro appears inside a declaration except CRM_API and
 * CRM_NODISCARD, and there are no varargs, so the declarations between CRM_CDEF_BEGIN
 * and CRM_CDEF_END feed cffi's cdef as they are (bindings/python/build_ffi.py strips both
 * macros and the preprocessor lines, the CRM_..._INIT macros among them). */
#ifndef CRMRULES_H
#define CRMRULES_H

#include <stddef.h>
#include <stdint.h>

#include "crmrules/version.h"

#if defined(_WIN32)
#  if defined(CRM_BUILDING_LIBRARY)
#    define CRM_API __declspec(dllexport)
#  else
#    define CRM_API
#  endif
#elif defined(__GNUC__)
#  define CRM_API __attribute__((visibility("default")))
#else
#  define CRM_API
#endif

/* Every function that returns a crm_status is declared CRM_NODISCARD: GCC and Clang warn
 * when a caller ignores the status (-Wunused-result, on by default). GCC does not accept a
 * cast to void as "ignored on purpose"; test the status instead (docs/c-api.md). */
#if defined(__GNUC__) || defined(__clang__)
#  define CRM_NODISCARD __attribute__((warn_unused_result))
#else
#  define CRM_NODISCARD
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

/* ---- Status codes. Values never change; new ones are only added. ---------------- */
typedef enum crm_status {
  CRM_OK = 0,
  CRM_E_INVALID_ARGUMENT = 1,   /* a NULL handle or out-pointer, a bad option value */
  CRM_E_PARSE = 2,              /* text that does not parse */
  CRM_E_OVERFLOW = 3,           /* a result outside the representable range */
  CRM_E_DIVISION_BY_ZERO = 4,
  CRM_E_INVALID_UTF8 = 5,       /* a string argument that is not valid UTF-8 */
  CRM_E_TYPE_MISMATCH = 6,      /* a value of the wrong type for its place */
  CRM_E_UNKNOWN_NAME = 7,       /* an unknown field, function, machine or event */
  CRM_E_OUT_OF_RANGE = 8,       /* a value outside its bounds or precision */
  CRM_E_MISSING = 9,            /* a required value that is absent */
  CRM_E_NO_MATCH = 10,          /* no rule matched where one was required */
  CRM_E_CONFLICT = 11,          /* rules that disagree */
  CRM_E_ILLEGAL_TRANSITION = 12,
  CRM_E_CORRUPT = 13,           /* damaged or truncated saved data */
  CRM_E_VERSION_MISMATCH = 14,  /* saved data from another version of a definition */
  CRM_E_BUFFER_TOO_SMALL = 15,  /* the caller's buffer cannot hold the result */
  CRM_E_IO = 16,                /* a file that cannot be read or written */
  CRM_E_INVALID_RULE = 17,      /* a rule set that fails its load-time checks */
  CRM_E_INTERNAL = 18,          /* a bug in crmrules: please report it */
  CRM_E_UNAUTHENTICATED = 19    /* saved data whose seal is missing or does not match the key */
} crm_status;

/* The language of a built-in text (crm::Lang; the numbers never change). A text without
 * a version in the language asked for falls back to the other one. */
typedef enum crm_lang {
  CRM_LANG_ZH = 0, /* the deck's Chinese */
  CRM_LANG_EN = 1  /* English */
} crm_lang;


/* The status's stable lower-case name ("overflow"); "unknown" for any other value;
 * static storage, never NULL. */
CRM_API const char *crm_status_name(crm_status status);

/* ---- Version ------------------------------------------------------------------ */
/* The library's version as MAJOR*10000 + MINOR*100 + PATCH, to compare with
 * CRM_VERSION_NUMBER from the header the caller was compiled against. */
CRM_API uint32_t crm_version(void);
/* "MAJOR.MINOR.PATCH"; static storage. */
CRM_API const char *crm_version_string(void);

/* ---- Errors ------------------------------------------------------------------- */
typedef struct crm_error crm_error;

/* Accessors accept NULL (code CRM_OK, empty strings, zeros). Strings are borrowed:
 * valid until crm_error_free. */
CRM_API CRM_NODISCARD crm_status crm_error_code(const crm_error *error);
CRM_API const char *crm_error_message(const crm_error *error);
/* A JSON pointer into the document the error came from, or "". */
CRM_API const char *crm_error_pointer(const crm_error *error);
/* Line and column (from 1) in the text the error came from; 0 when unknown. */
CRM_API uint32_t crm_error_line(const crm_error *error);
CRM_API uint32_t crm_error_column(const crm_error *error);
/* Byte offset (from 0) within a single string argument; -1 when unknown. */
CRM_API int64_t crm_error_offset(const crm_error *error);
CRM_API void crm_error_free(crm_error *error);

/* A language by its code, as crm::parse_lang reads it: "zh" or "en", any case, with or
 * without a region ("zh-CN", "en_GB"); CRM_E_INVALID_ARGUMENT names anything else. */
CRM_API CRM_NODISCARD crm_status crm_lang_parse(int *out, const char *code, size_t len, crm_error **error);

/* ---- Strings the library hands out --------------------------------------------- */
/* Frees a string returned by any crm_ function through a char** out. NULL is fine. */
CRM_API void crm_string_free(char *string);

/* ---- Exact decimals ------------------------------------------------------------ */
/* A decimal value: up to 20 integer and 18 fractional digits, exact. A plain value the
 * caller owns and copies freely; its bytes are private (use the functions below).
 * A zero-filled crm_decimal is 0. Its 24 bytes never change: no size member. */
typedef struct crm_decimal {
  uint64_t opaque_[3];
} crm_decimal;

typedef enum crm_rounding {
  CRM_ROUND_HALF_EVEN = 0, /* to nearest, ties to even (the default) */
  CRM_ROUND_HALF_UP = 1,   /* to nearest, ties away from zero */
  CRM_ROUND_HALF_DOWN = 2, /* to nearest, ties toward zero */
  CRM_ROUND_DOWN = 3,      /* toward zero */
  CRM_ROUND_UP = 4,        /* away from zero */
  CRM_ROUND_FLOOR = 5,     /* toward negative infinity */
  CRM_ROUND_CEILING = 6    /* toward positive infinity */
} crm_rounding;

/* Exact text: "12", "-0.50", ".5", "1e6". len is in bytes; text need not be
 * NUL-terminated. Errors: CRM_E_PARSE (with the offset), CRM_E_OVERFLOW,
 * CRM_E_OUT_OF_RANGE (more than 18 fractional digits), CRM_E_INVALID_UTF8. */
CRM_API CRM_NODISCARD crm_status crm_decimal_parse(crm_decimal *out, const char *text, size_t len, crm_error **error);
/* An amount as people write it, in Chinese as in the deck (crm::Decimal::parse_amount):
 * ASCII or full-width digits, then perhaps 万 or 亿: "500万" is 5000000 and "1.3亿"
 * 130000000, exactly. "万万", "1.3.5万" and the like are CRM_E_PARSE, saying why. */
CRM_API CRM_NODISCARD crm_status crm_decimal_parse_amount(crm_decimal *out, const char *text, size_t len,
                                                          crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_decimal_from_int64(crm_decimal *out, int64_t value, crm_error **error);
/* The value as an int64; CRM_E_TYPE_MISMATCH with a fraction, CRM_E_OUT_OF_RANGE if too large. */
CRM_API CRM_NODISCARD crm_status crm_decimal_to_int64(int64_t *out, const crm_decimal *value, crm_error **error);
/* The text, with exactly the value's scale of fractional digits ("0.10"). *out is the
 * caller's, freed with crm_string_free; out_len may be NULL. */
CRM_API CRM_NODISCARD crm_status crm_decimal_to_string(char **out, size_t *out_len, const crm_decimal *value,
                                                       crm_error **error);
/* The same text into the caller's buffer, NUL-terminated; 42 bytes always suffice.
 * *out_len receives the text's length without the NUL (also on CRM_E_BUFFER_TOO_SMALL,
 * so the caller can retry with len + 1 bytes). */
CRM_API CRM_NODISCARD crm_status crm_decimal_format(char *buffer, size_t capacity, size_t *out_len,
                                                    const crm_decimal *value, crm_error **error);
/* Fractional digits kept for printing (0..18). */
CRM_API CRM_NODISCARD crm_status crm_decimal_scale(int32_t *out, const crm_decimal *value, crm_error **error);

CRM_API CRM_NODISCARD crm_status crm_decimal_add(crm_decimal *out, const crm_decimal *a, const crm_decimal *b,
                                                 crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_decimal_sub(crm_decimal *out, const crm_decimal *a, const crm_decimal *b,
                                                 crm_error **error);
/* Exact; rounded half-even only past 18 fractional digits. */
CRM_API CRM_NODISCARD crm_status crm_decimal_mul(crm_decimal *out, const crm_decimal *a, const crm_decimal *b,
                                                 crm_error **error);
/* a / b rounded to scale (0..18) fractional digits by mode, trailing zeros dropped. */
CRM_API CRM_NODISCARD crm_status crm_decimal_div(crm_decimal *out, const crm_decimal *a, const crm_decimal *b,
                                                 int32_t scale, crm_rounding mode, crm_error **error);
/* value rounded to digits (0..18) fractional digits by mode; the result has that scale. */
CRM_API CRM_NODISCARD crm_status crm_decimal_round(crm_decimal *out, const crm_decimal *value, int32_t digits,
                                                   crm_rounding mode, crm_error **error);
/* *out = -1, 0 or 1 as a <, ==, > b (1.0 == 1.00). */
CRM_API CRM_NODISCARD crm_status crm_decimal_compare(int32_t *out, const crm_decimal *a, const crm_decimal *b,
                                                     crm_error **error);

/* ---- Rule sets (format: docs/rule-sets.md) ----------------------------------------
 * A crm_ruleset is immutable once loaded: share one between threads freely. A
 * crm_record holds one evaluation's inputs, outputs and scratch space: one per thread,
 * reused from evaluation to evaluation (it then allocates nothing). Inputs and outputs
 * are addressed by index (fast) or by name; indices come from the rule set. */
typedef struct crm_ruleset crm_ruleset;
typedef struct crm_record crm_record;

typedef enum crm_value_kind {
  CRM_VALUE_NULL = 0,
  CRM_VALUE_BOOL = 1,
  CRM_VALUE_DECIMAL = 2,
  CRM_VALUE_STRING = 3,
  CRM_VALUE_DATE = 4,
  CRM_VALUE_LIST = 5, /* a multi-hit table's output (RULE ORDER, OUTPUT ORDER, COLLECT) */
  CRM_VALUE_TIME = 6,            /* a time of day: read with crm_record_output_iso8601 */
  CRM_VALUE_DATE_TIME = 7,       /* a date and time */
  CRM_VALUE_DAYS_DURATION = 8,   /* a days and time duration ("P1DT2H") */
  CRM_VALUE_MONTHS_DURATION = 9  /* a years and months duration ("P1Y2M") */
} crm_value_kind;

/* The type of an input field (docs/rule-sets.md). */
typedef enum crm_field_type {
  CRM_FIELD_DECIMAL = 0,
  CRM_FIELD_INTEGER = 1,
  CRM_FIELD_BOOL = 2,
  CRM_FIELD_STRING = 3,
  CRM_FIELD_ENUM = 4,
  CRM_FIELD_GRADE = 5,
  CRM_FIELD_DATE = 6,
  CRM_FIELD_TIME = 7,
  CRM_FIELD_DATE_TIME = 8,
  CRM_FIELD_DAYS_DURATION = 9,
  CRM_FIELD_MONTHS_DURATION = 10,
  CRM_FIELD_LIST = 11  /* a JSON array (its elements' type: the rule set's "of") */
} crm_field_type;

/* A calendar date: a plain value (month 1..12, day 1..31) that never gains a member. */
typedef struct crm_date {
  int32_t year;
  int32_t month;
  int32_t day;
} crm_date;

/* Parses, checks and compiles a rule set. Errors carry the JSON pointer, line and column. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_load(crm_ruleset **out, const char *json, size_t len, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_ruleset_load_file(crm_ruleset **out, const char *path, size_t path_len,
                                                       crm_error **error);
CRM_API void crm_ruleset_free(crm_ruleset *rules);
/* Every finding of the load-time checks as a JSON array of {"severity", "code",
 * "message", "pointer", "line", "column"}; CRM_OK even when the rule set has errors. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_lint(char **out, size_t *out_len, const char *json, size_t len,
                                                  crm_error **error);

/* How much a rule set may hold (crm::Limits): a document past one is refused with
 * CRM_E_OUT_OF_RANGE naming the limit and its place. May gain members at its end: start
 * from CRM_RULESET_LIMITS_INIT (every member 0: its default) and set what you need. The
 * rule set keeps its limits: an input string longer than string_bytes is refused when
 * set or evaluated. */
typedef struct crm_ruleset_limits {
  size_t size;            /* sizeof(crm_ruleset_limits) */
  size_t document_bytes;  /* the JSON text's bytes; 0: 64 MiB */
  size_t decisions;       /* 0: 100,000 */
  size_t inputs;          /* 0: 100,000 */
  size_t table_rows;      /* rows of one table; 0: 1,000,000 */
  size_t string_bytes;    /* one string: a name, a label, a cell, an input value; 0: 1 MiB */
} crm_ruleset_limits;
#define CRM_RULESET_LIMITS_INIT {sizeof(crm_ruleset_limits), 0, 0, 0, 0, 0}

/* crm_ruleset_load, crm_ruleset_load_file and crm_ruleset_lint with limits (NULL: the
 * defaults). */
CRM_API CRM_NODISCARD crm_status crm_ruleset_load_limited(crm_ruleset **out, const char *json, size_t len,
                                                          const crm_ruleset_limits *limits, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_ruleset_load_file_limited(crm_ruleset **out, const char *path, size_t path_len,
                                                               const crm_ruleset_limits *limits, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_ruleset_lint_limited(char **out, size_t *out_len, const char *json, size_t len,
                                                          const crm_ruleset_limits *limits, crm_error **error);

/* Borrowed strings, valid while the rule set lives. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_name(const char **out, const crm_ruleset *rules, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_ruleset_version(const char **out, const crm_ruleset *rules, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_ruleset_input_count(size_t *out, const crm_ruleset *rules, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_ruleset_input_name(const char **out, const crm_ruleset *rules, size_t index,
                                                        crm_error **error);
/* The index of the input or output called name; CRM_E_UNKNOWN_NAME otherwise. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_input_index(size_t *out, const crm_ruleset *rules, const char *name,
                                                         size_t len, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_ruleset_output_count(size_t *out, const crm_ruleset *rules, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_ruleset_output_name(const char **out, const crm_ruleset *rules, size_t index,
                                                         crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_ruleset_output_index(size_t *out, const crm_ruleset *rules, const char *name,
                                                          size_t len, crm_error **error);
/* The type of input `index`. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_input_type(crm_field_type *out, const crm_ruleset *rules, size_t index,
                                                        crm_error **error);
/* The kind every value of output `index` has when it is not null (CRM_VALUE_LIST for a
 * multi-hit table), known at load; CRM_VALUE_NULL when it varies or depends on values
 * not known before evaluation: then ask crm_record_output_kind after evaluating. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_output_kind(crm_value_kind *out, const crm_ruleset *rules, size_t index,
                                                         crm_error **error);

CRM_API CRM_NODISCARD crm_status crm_record_create(crm_record **out, const crm_ruleset *rules, crm_error **error);
CRM_API void crm_record_free(crm_record *record);
/* Forgets every input given and every output (defaults evaluation stored stay). */
CRM_API CRM_NODISCARD crm_status crm_record_clear(crm_record *record, crm_error **error);

/* Setting an input checks it against its field (type, bounds, listed labels); on error
 * the record keeps its previous value. A date is set as a "YYYY-MM-DD" string; a time,
 * date and time or duration as its ISO 8601 text ("10:30:00+08:00",
 * "2024-05-31T10:30:00Z", "P1DT2H", "P1Y2M"): text of the wrong kind is refused naming
 * the field and the offset in the text. Null
 * means "not given": the field's default applies. */
CRM_API CRM_NODISCARD crm_status crm_record_set_decimal(crm_record *record, size_t input, const crm_decimal *value,
                                                        crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_record_set_string(crm_record *record, size_t input, const char *value, size_t len,
                                                       crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_record_set_bool(crm_record *record, size_t input, int value, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_record_set_null(crm_record *record, size_t input, crm_error **error);
/* An input given as JSON text: a value, or an array for a list field ("[\"cough\", \"fever\"]");
 * an element that does not fit the field is an error whose pointer names it (/symptoms/1). */
CRM_API CRM_NODISCARD crm_status crm_record_set_json(crm_record *record, size_t input, const char *json, size_t len,
                                                     crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_record_set_decimal_by_name(crm_record *record, const char *name, size_t name_len,
                                                                const crm_decimal *value, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_record_set_string_by_name(crm_record *record, const char *name, size_t name_len,
                                                               const char *value, size_t len, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_record_set_bool_by_name(crm_record *record, const char *name, size_t name_len,
                                                             int value, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_record_set_null_by_name(crm_record *record, const char *name, size_t name_len,
                                                             crm_error **error);

/* Evaluates every decision; the outputs are then read from the record. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_evaluate(const crm_ruleset *rules, crm_record *record, crm_error **error);
/* The same, and the trace (why: rows, factors, reason codes) as JSON in *out. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_evaluate_traced(char **out, size_t *out_len, const crm_ruleset *rules,
                                                             crm_record *record, crm_error **error);
/* Many records in one call; statuses[i] receives each record's status (its details are
 * not kept: evaluate a failed record alone for them). Returns CRM_OK when every record
 * evaluated, else the first failure's status. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_evaluate_records(const crm_ruleset *rules, crm_record *const *records,
                                                              size_t count, crm_status *statuses, crm_error **error);

/* Output `output` (an index from crm_ruleset_output_index) of the last evaluation. */
CRM_API CRM_NODISCARD crm_status crm_record_output_kind(crm_value_kind *out, const crm_record *record, size_t output,
                                                        crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_record_output_decimal(crm_decimal *out, const crm_record *record, size_t output,
                                                           crm_error **error);
/* A string output: borrowed, valid until the record changes. Only CRM_VALUE_STRING:
 * a date is read with crm_record_output_date (or as "YYYY-MM-DD" JSON text). */
CRM_API CRM_NODISCARD crm_status crm_record_output_string(const char **out, size_t *out_len, const crm_record *record,
                                                          size_t output, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_record_output_bool(int *out, const crm_record *record, size_t output,
                                                        crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_record_output_date(crm_date *out, const crm_record *record, size_t output,
                                                        crm_error **error);
/* The ISO 8601 text of a date, time, date and time or duration output ("2024-03-31",
 * "10:30:00Z", "2024-05-31T10:30:00+08:00", "P1DT12H", "P1Y2M"; durations in canonical
 * form). *out is the caller's, freed with crm_string_free. Other kinds: type_mismatch. */
CRM_API CRM_NODISCARD crm_status crm_record_output_iso8601(char **out, size_t *out_len, const crm_record *record,
                                                           size_t output, crm_error **error);
/* The number of elements of a list output (CRM_VALUE_LIST). */
CRM_API CRM_NODISCARD crm_status crm_record_output_length(size_t *out, const crm_record *record, size_t output,
                                                          crm_error **error);
/* Any output as JSON text, the way crm_ruleset_evaluate_json writes it: null, true,
 * 12.50, "A1", "2024-03-31", or a list as an array ["A1", "B2"]. *out is the caller's,
 * freed with crm_string_free. The way to read a list's elements. */
CRM_API CRM_NODISCARD crm_status crm_record_output_json(char **out, size_t *out_len, const crm_record *record,
                                                        size_t output, crm_error **error);

/* JSON in, JSON out: an object of inputs gives an object of outputs (with "trace" when
 * with_trace is non-zero). */
CRM_API CRM_NODISCARD crm_status crm_ruleset_evaluate_json(char **out, size_t *out_len, const crm_ruleset *rules,
                                                           const char *input, size_t len, int with_trace,
                                                           crm_error **error);
/* A JSON array of input objects gives a JSON array with, for each, the outputs or
 * {"error": {"code", "message", "pointer"}}: one bad record never stops the rest. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_evaluate_json_batch(char **out, size_t *out_len, const crm_ruleset *rules,
                                                                 const char *inputs, size_t len, crm_error **error);
/* Flags of the _flags evaluations, or-ed together. An input the rule set does not know is
 * left out under CRM_EVAL_IGNORE_UNKNOWN, refused (CRM_E_UNKNOWN_NAME, "did you mean")
 * under CRM_EVAL_REFUSE_UNKNOWN, and treated as the rule set's "unknown_inputs" says
 * (error when absent) under neither; both at once is CRM_E_INVALID_ARGUMENT.
 * CRM_EVAL_TRACE adds the trace (crm_ruleset_evaluate_json_flags only). */
typedef enum crm_eval_flag {
  CRM_EVAL_TRACE = 1,
  CRM_EVAL_IGNORE_UNKNOWN = 2,
  CRM_EVAL_REFUSE_UNKNOWN = 4
} crm_eval_flag;
CRM_API CRM_NODISCARD crm_status crm_ruleset_evaluate_json_flags(char **out, size_t *out_len, const crm_ruleset *rules,
                                                                 const char *input, size_t len, unsigned flags,
                                                                 crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_ruleset_evaluate_json_batch_flags(char **out, size_t *out_len,
                                                                       const crm_ruleset *rules, const char *inputs,
                                                                       size_t len, unsigned flags, crm_error **error);
/* *out: 1 when the rule set ignores unknown inputs ("unknown_inputs": "ignore"), else 0.
 * crm_record_set_* by name follow it. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_ignores_unknown_inputs(int *out, const crm_ruleset *rules,
                                                                    crm_error **error);
/* Runs the rule set's own tests: the report as JSON (cases, diffs, coverage) in *out,
 * the number of failed cases in *out_failures. CRM_OK even when cases fail. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_run_tests(char **out, size_t *out_len, size_t *out_failures,
                                                       const crm_ruleset *rules, crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

/* The areas built on the rule engine, one header each, with the same conventions. Each
 * has its own CDEF region; the Python bindings and abi.exports read the headers named
 * here, in this order. */
#include "crmrules_kano.h"
#include "crmrules_builtin.h"
#include "crmrules_session.h"
#include "crmrules_portfolio.h"
#include "crmrules_grade.h"
#include "crmrules_account.h"
#include "crmrules_service.h"
#include "crmrules_next.h"
#include "crmrules_columns.h"
#include "crmrules_lifetime.h"
#include "crmrules_dmn.h"
#include "crmrules_satisfaction.h"
#include "crmrules_profile.h"
#endif /* CRMRULES_H */
