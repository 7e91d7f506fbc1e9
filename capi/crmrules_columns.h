/* crmrules_columns.h: evaluating whole columns through the C ABI (included by
 * crmrules.h): one array per input in, one array per output out, the rows on worker
 * threads; the path data frames take (docs/pandas.md).
 *
 *   int64_t purchases[] = {5000000, 800000};
 *   const char sectors[] = "retailwholesale"; int64_t sector_at[] = {0, 6, 15};
 *   crm_column in[2] = {CRM_COLUMN_INIT, CRM_COLUMN_INIT};
 *   in[0].name = "annual_purchases"; in[0].name_len = 16; in[0].kind = CRM_COLUMN_INT64; in[0].values = purchases;
 *   in[1].name = "sector"; in[1].name_len = 6; in[1].kind = CRM_COLUMN_TEXT; in[1].values = sectors;
 *   in[1].offsets = sector_at;
 *   crm_columns_result *result = NULL;
 *   crm_ruleset_evaluate_columns(&result, rules, in, 2, 2, NULL, &err);   (NULL options: the defaults)
 *   crm_output_column grade = CRM_OUTPUT_COLUMN_INIT;
 *   crm_columns_result_output(&grade, result, k, NULL);          (grade.text, grade.offsets, grade.valid)
 *   char *failures = NULL;
 *   crm_columns_result_failures_json(&failures, NULL, result, NULL);   ([{"row", "code", "message", "pointer"}])
 *   crm_string_free(failures);
 *   crm_columns_result_free(result);
 *
 * (The sketch leaves out testing each call's crm_status; real code tests every one.)
 * Columns are matched to inputs by name; a column that is not an input is ignored unless
 * options->strict. The call fails only for the batch as a whole (a float column under
 * CRM_FLOATS_ERROR, a required input no column gives, a malformed column); a row whose
 * values or evaluation fail is a failure of that row, its outputs null. Arrays in the
 * result are borrowed from it: valid until crm_columns_result_free. Conventions:
 * docs/c-api.md. */
#ifndef CRMRULES_COLUMNS_H
#define CRMRULES_COLUMNS_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

typedef enum crm_column_kind {
  CRM_COLUMN_TEXT = 0,    /* UTF-8 cells back to back (values), rows + 1 byte offsets */
  CRM_COLUMN_INT64 = 1,   /* int64_t per row */
  CRM_COLUMN_FLOAT64 = 2, /* double per row, read as options->floats says */
  CRM_COLUMN_BOOL = 3,    /* uint8_t per row, 0 or 1 */
  CRM_COLUMN_DECIMAL = 4, /* crm_decimal per row */
  CRM_COLUMN_JSON = 5     /* (outputs) lists, or values whose kind varies: JSON text cells */
} crm_column_kind;

typedef enum crm_floats {
  CRM_FLOATS_ERROR = 0,    /* a float column fails the batch, naming it and the remedies */
  CRM_FLOATS_SHORTEST = 1, /* the shortest text that reads back as the same double */
  CRM_FLOATS_REJECT = 2    /* each non-null float fails its row */
} crm_floats;

typedef struct crm_column {
  size_t size;            /* sizeof(crm_column): CRM_COLUMN_INIT */
  const char *name;       /* the input's name */
  size_t name_len;
  int kind;               /* crm_column_kind */
  const void *values;     /* rows values, or the text's bytes */
  const int64_t *offsets; /* TEXT: rows + 1 offsets into values */
  const uint8_t *valid;   /* NULL: every row has a value; else one byte per row, 0 = none */
} crm_column;
#define CRM_COLUMN_INIT {sizeof(crm_column), NULL, 0, CRM_COLUMN_TEXT, NULL, NULL, NULL}

typedef struct crm_columns_options {
  size_t size;      /* sizeof(crm_columns_options): CRM_COLUMNS_OPTIONS_INIT */
  int floats;       /* crm_floats */
  int strict;       /* non-zero: a column that is not an input fails the batch */
  unsigned threads; /* 0: the hardware's */
} crm_columns_options;
#define CRM_COLUMNS_OPTIONS_INIT {sizeof(crm_columns_options), CRM_FLOATS_ERROR, 0, 0}

typedef struct crm_output_column {
  size_t size;                /* sizeof(crm_output_column): CRM_OUTPUT_COLUMN_INIT */
  const char *name;
  int kind;                   /* CRM_COLUMN_DECIMAL, _TEXT (strings, dates), _BOOL or _JSON */
  size_t rows;
  const crm_decimal *decimals; /* DECIMAL: per row */
  const uint8_t *booleans;     /* BOOL: per row */
  const char *text;            /* TEXT, JSON: the cells back to back */
  const int64_t *offsets;      /* TEXT, JSON: rows + 1 */
  const uint8_t *valid;        /* per row: 0 = null (no value, or the row failed) */
} crm_output_column;
#define CRM_OUTPUT_COLUMN_INIT {sizeof(crm_output_column), NULL, CRM_COLUMN_JSON, 0, NULL, NULL, NULL, NULL, NULL}

typedef struct crm_columns_result crm_columns_result;

CRM_API CRM_NODISCARD crm_status crm_ruleset_evaluate_columns(crm_columns_result **out, const crm_ruleset *rules,
                                                              const crm_column *columns, size_t count, size_t rows,
                                                              const crm_columns_options *options, crm_error **error);
CRM_API void crm_columns_result_free(crm_columns_result *result);
/* The number of rows that failed (their outputs are null). */
CRM_API CRM_NODISCARD crm_status crm_columns_result_failed(size_t *out, const crm_columns_result *result,
                                                           crm_error **error);
/* Output `index` (the rule set's output order, crm_ruleset_output_name). */
CRM_API CRM_NODISCARD crm_status crm_columns_result_output(crm_output_column *out, const crm_columns_result *result,
                                                           size_t index, crm_error **error);
/* A DECIMAL output as doubles (the nearest double; null rows 0: see valid) into the
 * caller's array of `capacity` (at least rows), for data frames that want floats. */
CRM_API CRM_NODISCARD crm_status crm_columns_result_doubles(double *out, size_t capacity,
                                                            const crm_columns_result *result, size_t index,
                                                            crm_error **error);
/* A DECIMAL output as text cells joined by `separator` (null rows empty), a new string the
 * caller frees with crm_string_free: the exact decimals ("12.50") for Python's Decimal. */
CRM_API CRM_NODISCARD crm_status crm_columns_result_decimal_text(char **out, size_t *out_len,
                                                                 const crm_columns_result *result, size_t index,
                                                                 char separator, crm_error **error);
/* A TEXT or DECIMAL output dictionary-encoded, for categorical columns and for object
 * columns that share one string per distinct value: each row's code (0-based into the
 * distinct values in order of first appearance, -1 for a null row) into the caller's array
 * of `capacity` (at least rows), the distinct values (decimals as their exact text) joined
 * by `separator` into a new string the caller frees with crm_string_free, and their number
 * in *count. INVALID_ARGUMENT for another kind of output, or when a value holds the
 * separator (choose another). */
CRM_API CRM_NODISCARD crm_status crm_columns_result_dictionary(int32_t *codes, size_t capacity, char **values,
                                                               size_t *values_len, size_t *count,
                                                               const crm_columns_result *result, size_t index,
                                                               char separator, crm_error **error);
/* The failed rows as JSON: [{"row", "code", "message", "pointer"}], in row order. */
CRM_API CRM_NODISCARD crm_status crm_columns_result_failures_json(char **out, size_t *out_len,
                                                                  const crm_columns_result *result, crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif /* CRMRULES_COLUMNS_H */
