/* crmrules_profile.h: profile completeness (档案管理) through the C ABI (included by
 * crmrules.h): the deck's profile groups and fields as a schema (rules/profile.json), a
 * completeness score per customer, overall and per group, the missing fields, and a
 * warning when no one owns the profile (专人负责).
 *
 *   const char *csv = "id,名称,address,owner\nHW,华为,深圳,张三\nHQ,华强工贸,,\n";
 *   crm_profile_report *r = NULL;
 *   crm_profile_assess(&r, csv, strlen(csv), CRM_PROFILE_CSV, NULL, NULL);   (the built-in schema)
 *   size_t customers, without_owner, groups;
 *   crm_profile_report_size(&customers, &without_owner, &groups, r, NULL);   (2, 1, 7)
 *   const char *id; crm_decimal completeness; int has_owner;
 *   crm_profile_report_customer(&id, NULL, &completeness, NULL, &has_owner, r, 1, NULL);   (HQ, 1.19, 0)
 *   char *text;
 *   crm_profile_report_text(&text, NULL, r, 0, CRM_LANG_ZH, NULL);          (the CSV crmrules profile writes)
 *   crm_string_free(text);
 *   crm_profile_report_free(r);
 *
 * (The sketch leaves out testing each call's crm_status; real code tests every one.)
 * The rules: include/crmrules/profile.hpp. Conventions: docs/c-api.md. A report is
 * immutable: share it between threads. */
#ifndef CRMRULES_PROFILE_H
#define CRMRULES_PROFILE_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

typedef struct crm_profile_report crm_profile_report;

typedef enum crm_profile_format {
  CRM_PROFILE_CSV = 0,  /* a header of field ids or Chinese names, one customer per row */
  CRM_PROFILE_JSONL = 1 /* one JSON object per line, members named so */
} crm_profile_format;

/* Assesses every customer of text (CSV or JSON Lines) against rules' "profile" section
 * (rules NULL: the built-in schema). An error names the line and column (CRM_E_PARSE,
 * CRM_E_TYPE_MISMATCH, ...); nothing is assessed then. CRM_E_INVALID_RULE for a rule set
 * without the section. */
CRM_API CRM_NODISCARD crm_status crm_profile_assess(crm_profile_report **out, const char *text, size_t len,
                                                    crm_profile_format format, const crm_ruleset *rules,
                                                    crm_error **error);
CRM_API void crm_profile_report_free(crm_profile_report *report);

/* Customers, customers without an owner, and groups of the schema. Any output may be NULL. */
CRM_API CRM_NODISCARD crm_status crm_profile_report_size(size_t *out_customers, size_t *out_without_owner,
                                                         size_t *out_groups, const crm_profile_report *report,
                                                         crm_error **error);
/* Customer index: its id, its owner ("" when none), its completeness (0..100), how many
 * fields are missing, whether it has an owner. Strings borrowed from the report. Any
 * output may be NULL. CRM_E_OUT_OF_RANGE past the end. */
CRM_API CRM_NODISCARD crm_status crm_profile_report_customer(const char **out_id, const char **out_owner,
                                                             crm_decimal *out_completeness, size_t *out_missing,
                                                             int *out_has_owner, const crm_profile_report *report,
                                                             size_t index, crm_error **error);
/* Group `group` of customer `customer`: the group's id and Chinese and English name, its
 * completeness (0..100) and how many of its fields are missing. */
CRM_API CRM_NODISCARD crm_status crm_profile_report_group(const char **out_id, const char **out_zh,
                                                          const char **out_en, crm_decimal *out_completeness,
                                                          size_t *out_missing, const crm_profile_report *report,
                                                          size_t customer, size_t group, crm_error **error);
/* The report as CSV (json 0; names and warnings in lang) or as a JSON array (json 1).
 * *out is the caller's, freed with crm_string_free; out_len may be NULL. */
CRM_API CRM_NODISCARD crm_status crm_profile_report_text(char **out, size_t *out_len,
                                                         const crm_profile_report *report, int json, crm_lang lang,
                                                         crm_error **error);
/* The built-in profile rule set's JSON text (rules/profile.json), to copy and change.
 * Borrowed and static. out_len may be NULL. */
CRM_API CRM_NODISCARD crm_status crm_profile_builtin_json(const char **out, size_t *out_len, crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif /* CRMRULES_PROFILE_H */
