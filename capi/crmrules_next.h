/* crmrules_next.h: the next best actions for a customer through the C ABI (included by
 * crmrules.h).
 *
 *   const crm_next_advisor *advisor = NULL;
 *   crm_next_advice *advice = NULL;
 *   crm_error *err = NULL;
 *   crm_next_advisor_builtin(&advisor, NULL);                 (borrowed: never freed)
 *   if (crm_next_advise(&advice, advisor, doc, strlen(doc), &err) != CRM_OK) {
 *     printf("%s (line %u, column %u, at %s)\n", crm_error_message(err), crm_error_line(err),
 *            crm_error_column(err), crm_error_pointer(err));
 *     crm_error_free(err);
 *   }
 *   crm_next_counts counts = CRM_NEXT_COUNTS_INIT;             (size: the members you have)
 *   crm_next_advice_counts(&counts, advice, NULL);            (counts.actions, counts.levers)
 *   crm_next_action a = CRM_NEXT_ACTION_INIT;
 *   crm_next_advice_action(&a, advice, 0, CRM_LANG_ZH, NULL);  (the most urgent: a.text, a.reason, a.channel, a.owner)
 *   char *json = NULL;
 *   crm_next_advice_json(&json, NULL, advice, NULL);           (everything, both languages: docs/next.md)
 *   crm_string_free(json);
 *   crm_next_advice_free(advice);
 *
 * (The sketch leaves out testing each call's crm_status; real code tests every one.)
 * The customer document: docs/next.md. Conventions: docs/c-api.md. An advisor and an
 * advice are immutable: share them between threads freely. Strings inside the structs
 * are borrowed from the advice: valid until crm_next_advice_free. */
#ifndef CRMRULES_NEXT_H
#define CRMRULES_NEXT_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

typedef struct crm_next_advisor crm_next_advisor;
typedef struct crm_next_advice crm_next_advice;

/* The structs below may gain members at their end: each begins with size, set by its
 * CRM_NEXT_..._INIT macro (docs/c-api.md). */
typedef struct crm_next_counts {
  size_t size;    /* sizeof(crm_next_counts): CRM_NEXT_COUNTS_INIT */
  size_t actions; /* crm_next_advice_action's indexes: 0 .. actions - 1, most urgent first */
  size_t levers;  /* what buys this customer's loyalty */
} crm_next_counts;
#define CRM_NEXT_COUNTS_INIT {sizeof(crm_next_counts), 0, 0}

typedef struct crm_next_action {
  size_t size;              /* sizeof(crm_next_action): CRM_NEXT_ACTION_INIT */
  const char *id;           /* the rules' action id ("handle_complaint", ...) */
  crm_decimal priority;     /* higher first */
  const char *text;         /* what to do, in the language asked for */
  const char *reason;       /* why, with the customer's facts, in the language asked for */
  const char *source;       /* complaints, service, sessions, account, satisfaction, grading */
  const char *purpose;      /* what the contact is for */
  const char *channel;      /* phone, email, fax, sms, letter, gift, visit, personal; "" none fits */
  const char *channel_name; /* in the language asked for */
  const char *owner;        /* executive, key_account_manager, complaint_centre, ... */
  const char *owner_name;   /* in the language asked for */
} crm_next_action;
#define CRM_NEXT_ACTION_INIT {sizeof(crm_next_action), NULL, {{0, 0, 0}}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL}

/* ---- Advisors ------------------------------------------------------------------- */
/* The advisor of the built-in rules (rules/next.json, embedded). Borrowed: it lives as
 * long as the library is loaded; never free it (crm_next_advisor_free ignores it). */
CRM_API CRM_NODISCARD crm_status crm_next_advisor_builtin(const crm_next_advisor **out, crm_error **error);
/* An advisor of a loaded rule set with a "next" section (a changed copy of
 * crm_next_builtin_json). CRM_E_INVALID_RULE when it has none. The rule set may be freed
 * afterwards. Free the advisor with crm_next_advisor_free. */
CRM_API CRM_NODISCARD crm_status crm_next_advisor_from_ruleset(crm_next_advisor **out, const crm_ruleset *rules,
                                                               crm_error **error);
CRM_API void crm_next_advisor_free(crm_next_advisor *advisor);
/* The built-in rules as JSON, to copy and change (borrowed, static). */
CRM_API CRM_NODISCARD crm_status crm_next_builtin_json(const char **out, size_t *out_len, crm_error **error);

/* ---- Advice --------------------------------------------------------------------- */
/* The next best actions for a customer document (JSON, UTF-8). Errors: the document's
 * (CRM_E_PARSE, CRM_E_UNKNOWN_NAME with "did you mean", CRM_E_TYPE_MISMATCH,
 * CRM_E_OUT_OF_RANGE; a saved session that does not restore: its own error, placed in
 * the document), each with its JSON pointer, line and column. Free the advice with
 * crm_next_advice_free. */
CRM_API CRM_NODISCARD crm_status crm_next_advise(crm_next_advice **out, const crm_next_advisor *advisor,
                                                 const char *json, size_t len, crm_error **error);
CRM_API void crm_next_advice_free(crm_next_advice *advice);
CRM_API CRM_NODISCARD crm_status crm_next_advice_counts(crm_next_counts *out, const crm_next_advice *advice,
                                                        crm_error **error);
/* Action `index` (0: the most urgent), its texts in `lang` (crm_lang). */
CRM_API CRM_NODISCARD crm_status crm_next_advice_action(crm_next_action *out, const crm_next_advice *advice,
                                                        size_t index, int lang, crm_error **error);
/* Lever `index`: its id and name in `lang` (borrowed from the advice). */
CRM_API CRM_NODISCARD crm_status crm_next_advice_lever(const char **id, const char **name,
                                                       const crm_next_advice *advice, size_t index, int lang,
                                                       crm_error **error);
/* New strings the caller frees with crm_string_free: the advice as JSON (docs/next.md;
 * both languages, with the facts gathered) and as text for a terminal in `lang`. */
CRM_API CRM_NODISCARD crm_status crm_next_advice_json(char **out, size_t *out_len, const crm_next_advice *advice,
                                                      crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_next_advice_text(char **out, size_t *out_len, const crm_next_advice *advice,
                                                      int lang, crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif /* CRMRULES_NEXT_H */
