/* Grading a portfolio CSV file through the C ABI, from pure C99: kept columns and JSON rows,
 * the summary, and bad options or files refused with the old output left as it was.
 * argv[1]: a folder to write in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "crmrules.h"

static char path_in[512], path_out[512];

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  if (f == NULL) return;
  fputs(text, f);
  fclose(f);
}

/* The file's first 4095 bytes, NUL-terminated, in a static buffer. */
static const char *read_file(const char *path) {
  static char text[4096];
  size_t n = 0;
  FILE *f = fopen(path, "rb");
  text[0] = '\0';
  if (f == NULL) return text;
  n = fread(text, 1, sizeof text - 1, f);
  text[n] = '\0';
  fclose(f);
  return text;
}

static void grades_with_kept_columns(void) {
  const char *keep[] = {"region"};
  crm_grade_options options = CRM_GRADE_OPTIONS_INIT;
  char *summary = NULL;
  size_t len = 0;
  crm_error *err = NULL;
  options.keep = keep;
  options.keep_count = 1;
  options.format = CRM_GRADE_JSON;
  options.threads = 1;
  CHECK(crm_grade_csv(&summary, &len, NULL, path_in, path_out, &options, &err) == CRM_OK);
  CHECK(summary != NULL && strlen(summary) == len);
  CHECK(summary != NULL && strstr(summary, "\"graded\": 2") != NULL);
  CHECK(summary != NULL && strstr(summary, "\"four_class\": [{\"label\": \"A\"") != NULL);
  crm_string_free(summary);
  CHECK(strstr(read_file(path_out), "{\"line\": 2, \"id\": \"HW\", \"region\": \"south\",") != NULL);
  CHECK(strstr(read_file(path_out), "\"value_grade\": \"A3\"") != NULL);
  CHECK(strstr(read_file(path_out), "\"four_class\": \"A\"") != NULL);
}

static void refuses_and_keeps_the_old_output(void) {
  const char *keep[] = {"regoin"};
  crm_grade_options options = CRM_GRADE_OPTIONS_INIT;
  crm_error *err = NULL;
  char *summary = NULL;
  write_file(path_out, "yesterday\n");

  options.keep = keep;
  options.keep_count = 1;
  CHECK(crm_grade_csv(&summary, NULL, NULL, path_in, path_out, &options, &err) == CRM_E_MISSING);
  CHECK(strstr(crm_error_message(err), "no column 'regoin'") != NULL);
  CHECK(strstr(crm_error_message(err), "did you mean 'region'") != NULL);
  crm_error_free(err);
  CHECK(summary == NULL);
  CHECK(strcmp(read_file(path_out), "yesterday\n") == 0);

  options.keep_count = 0;
  options.format = (crm_grade_format)7;
  CHECK(crm_grade_csv(NULL, NULL, NULL, path_in, path_out, &options, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "options->format is CRM_GRADE_CSV or CRM_GRADE_JSON, not 7") != NULL);
  crm_error_free(err);

  options.format = CRM_GRADE_CSV;
  options.size = 3;
  CHECK(crm_grade_csv(NULL, NULL, NULL, path_in, path_out, &options, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "CRM_GRADE_OPTIONS_INIT") != NULL);
  crm_error_free(err);

  CHECK(crm_grade_csv(NULL, NULL, NULL, NULL, path_out, NULL, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "in_path") != NULL);
  crm_error_free(err);

  CHECK(crm_grade_csv(NULL, NULL, NULL, "/no/such/portfolio.csv", path_out, NULL, &err) == CRM_E_IO);
  crm_error_free(err);
  CHECK(strcmp(read_file(path_out), "yesterday\n") == 0);

  /* Without options and without a summary wanted: CSV rows replace the file. */
  CHECK(crm_grade_csv(NULL, NULL, NULL, path_in, path_out, NULL, NULL) == CRM_OK);
  CHECK(strncmp(read_file(path_out), "line,id,", 8) == 0);
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  snprintf(path_in, sizeof path_in, "%s/grade_c_portfolio.csv", argv[1]);
  snprintf(path_out, sizeof path_out, "%s/grade_c_graded.json", argv[1]);
  write_file(path_in,
             "id,region,annual_purchases,annual_net_profit,cooperation,background,potential\n"
             "HW,south,130000000,20000000,5,technology,A1\n"
             "HQ,north,5000000,500000,7,none,C1\n");
  grades_with_kept_columns();
  refuses_and_keeps_the_old_output();
  return check_summary();
}
