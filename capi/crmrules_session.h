/* crmrules_session.h: state machines and their sessions through the C ABI (included by
 * crmrules.h; the same conventions: docs/c-api.md).
 *
 *   crm_session *s = NULL;
 *   crm_error *err = NULL;
 *   crm_session_create_builtin(&s, "lscpa", 5, &err);             // or from a rule set
 *   const char *data = "{\"kind\": \"price_value\", \"text\": \"looks good but too expensive\"}";
 *   if (crm_session_fire(s, "objection", 9, data, strlen(data), 1700000000, &err) != CRM_OK) {
 *     puts(crm_error_message(err));   // illegal_transition: "... (allowed: ...)"; s unchanged
 *     crm_error_free(err);
 *   }
 *   const char *state = NULL;
 *   crm_session_state(&state, NULL, s, NULL);                     // "share"
 *   char *recs = NULL;
 *   crm_session_recommendations_json(&recs, NULL, s, NULL);       // what to say next
 *   crm_string_free(recs);
 *   unsigned char buf[4096]; size_t n = 0;
 *   crm_session_save(buf, sizeof buf, &n, s, NULL);               // compact bytes
 *   crm_session_save_options sealed = CRM_SESSION_SAVE_OPTIONS_INIT;
 *   sealed.key = server_key; sealed.key_len = 32;                 // the server's secret
 *   crm_session_save_with(buf, sizeof buf, &n, s, &sealed, NULL); // a client cannot change it
 *   crm_session_free(s);
 *
 * (The sketch leaves out testing most calls' crm_status; real code tests every one.)
 * A crm_session is a running machine: one thread at a time. Every failed call leaves it
 * as it was. Rule sets define machines under "machines" (docs/machines.md); the built-in
 * SPIN, FABE and LSCPA machines need no file. */
#ifndef CRMRULES_SESSION_H
#define CRMRULES_SESSION_H

#include "crmrules.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CRM_CDEF_BEGIN */

typedef struct crm_session crm_session;

/* The built-in machines' rule set (spin, fabe, lscpa, complaint), a new handle the caller
 * frees. Its inputs and decisions are the complaint audit: evaluate it like any rule set
 * (crm_ruleset_evaluate_json) with the seven questions' answers (docs/machines.md). */
CRM_API CRM_NODISCARD crm_status crm_ruleset_load_builtin_machines(crm_ruleset **out, crm_error **error);
/* Its JSON text (rules/machines.json as embedded), to copy and change; static storage. */
CRM_API const char *crm_builtin_machines_json(size_t *out_len);
/* The names of the rule set's machines as a JSON array of strings. */
CRM_API CRM_NODISCARD crm_status crm_ruleset_machines_json(char **out, size_t *out_len, const crm_ruleset *rules,
                                                           crm_error **error);

/* A new session of the rule set's machine `machine`, in its initial state. It keeps what
 * it needs of the rule set: the rule set may be freed first. CRM_E_UNKNOWN_NAME (listing
 * the machines) when there is none. */
CRM_API CRM_NODISCARD crm_status crm_session_create(crm_session **out, const crm_ruleset *rules, const char *machine,
                                                    size_t len, crm_error **error);
/* The same for a built-in machine ("spin", "fabe", "lscpa", "complaint"). */
CRM_API CRM_NODISCARD crm_status crm_session_create_builtin(crm_session **out, const char *machine, size_t len,
                                                            crm_error **error);
/* An independent copy. */
CRM_API CRM_NODISCARD crm_status crm_session_copy(crm_session **out, const crm_session *session, crm_error **error);
CRM_API void crm_session_free(crm_session *session);

/* Fires `event` with its data as a JSON object (NULL/0, "" or "null": no data) at the
 * caller's time (say Unix milliseconds; never before the last event's). Errors, each
 * leaving the session unchanged: CRM_E_UNKNOWN_NAME (event or data field),
 * CRM_E_ILLEGAL_TRANSITION (the state does not allow the event, or no guard holds; the
 * message lists the allowed events), CRM_E_CONFLICT (two transitions enabled), a data
 * value's error (type, bounds, missing) with its JSON pointer, line and column in data,
 * and the error of a guard or effect that fails to evaluate. */
CRM_API CRM_NODISCARD crm_status crm_session_fire(crm_session *session, const char *event, size_t event_len,
                                                  const char *data, size_t data_len, int64_t time, crm_error **error);

/* Replays a conversation: `script` is a JSON array of steps {"event", "data", "time",
 * "note"} (docs/machines.md), fired in turn; a step without a time fires at the time of
 * the step before (the first at 0). A step that fails leaves the session as it was and
 * the replay goes on. *out receives the report, a new JSON string the caller frees with
 * crm_string_free: {"fired": N, "failed": M, "steps": [...]}, each step either
 * {"step" (from 1), "event", "time", "from", "to", "recommendations"} or {"step",
 * "error": {"code", "message", "pointer", "line", "column", "offset"}, "state"}, its
 * error placed in the script (pointer "/2/data/amount", line and column in script).
 * Errors of the call, leaving the session untouched: CRM_E_PARSE (not JSON, at its line
 * and column), CRM_E_OUT_OF_RANGE (a number too long to keep exact),
 * CRM_E_TYPE_MISMATCH (not an array). */
CRM_API CRM_NODISCARD crm_status crm_session_replay_json(char **out, size_t *out_len, crm_session *session,
                                                         const char *script, size_t len, crm_error **error);

/* The current state's name (borrowed: valid while the session lives and does not fire)
 * and, when out_index is not NULL, its index in the machine's states (the typed state). */
CRM_API CRM_NODISCARD crm_status crm_session_state(const char **out, size_t *out_index, const crm_session *session,
                                                   crm_error **error);
/* 1 in a final state (no event is allowed any more), else 0. */
CRM_API CRM_NODISCARD crm_status crm_session_is_final(int *out, const crm_session *session, crm_error **error);
/* The machine's name; borrowed as for crm_session_state. */
CRM_API CRM_NODISCARD crm_status crm_session_machine(const char **out, const crm_session *session, crm_error **error);
/* The number of states, and the name of state `index` (borrowed, valid while the
 * session lives): the meaning of crm_session_state's out_index. */
CRM_API CRM_NODISCARD crm_status crm_session_state_count(size_t *out, const crm_session *session, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_session_state_name(const char **out, const crm_session *session, size_t index,
                                                        crm_error **error);

/* The language the session's texts are shown in (CRM_LANG_ZH or CRM_LANG_EN): the
 * machine's ("lang", zh unless it says) until set. A text the machine does not carry in
 * it is shown in the other language, and its JSON says "fallback": true. The language is
 * how the session is shown: saving does not keep it. CRM_E_INVALID_ARGUMENT for another
 * number (crm_lang_parse reads "zh-CN", "en" ...). */
CRM_API CRM_NODISCARD crm_status crm_session_set_lang(crm_session *session, int lang, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_session_lang(int *out, const crm_session *session, crm_error **error);

/* What the machine's classifier `classifier` makes of the customer's words, a new JSON
 * string: {"classifier", "label", "rule", "matched"} (label and rule null when no rule
 * matched). CRM_E_UNKNOWN_NAME (with "did you mean") for a classifier the machine does
 * not have. The built-in SPIN machine has "question_form", LSCPA "objection_kind". */
CRM_API CRM_NODISCARD crm_status crm_session_classify_json(char **out, size_t *out_len, const crm_session *session,
                                                           const char *classifier, size_t classifier_len,
                                                           const char *words, size_t words_len, crm_error **error);
/* The names of the machine's classifiers as a JSON array of strings. */
CRM_API CRM_NODISCARD crm_status crm_session_classifiers_json(char **out, size_t *out_len, const crm_session *session,
                                                              crm_error **error);

/* JSON views, each a new string the caller frees with crm_string_free, in the session's
 * language:
 * allowed: ["event", ...]; context: {"field": value, ...}; needs: [{"id", "description",
 * "category", "stakeholder", "owner", "level", "stated", "explicit", "buying_signal",
 * "problems", "implications", "payoffs", "benefits"}, ...]; recommendations: [{"kind",
 * "topic", "text", "items", "source", "lang", "fallback"}, ...]; benefits: [{"need",
 * "feature", "advantage", "benefit", "evidence", "lang", "fallback"}, ...]; audit:
 * [{"sequence", "time", "event", "from", "to", "transition", "data"}, ...]; status: all of
 * them in one object, with "lang". */
CRM_API CRM_NODISCARD crm_status crm_session_allowed_json(char **out, size_t *out_len, const crm_session *session,
                                                          crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_session_context_json(char **out, size_t *out_len, const crm_session *session,
                                                          crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_session_needs_json(char **out, size_t *out_len, const crm_session *session,
                                                        crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_session_recommendations_json(char **out, size_t *out_len,
                                                                  const crm_session *session, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_session_benefits_json(char **out, size_t *out_len, const crm_session *session,
                                                           crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_session_audit_json(char **out, size_t *out_len, const crm_session *session,
                                                        crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_session_status_json(char **out, size_t *out_len, const crm_session *session,
                                                         crm_error **error);

/* Saves into the caller's buffer: compact bytes naming the rule set, its version, the
 * machine and its definition's hash, with a checksum. *out_len receives the size needed
 * (also on CRM_E_BUFFER_TOO_SMALL, so the caller can retry with that many bytes). */
CRM_API CRM_NODISCARD crm_status crm_session_save(unsigned char *buffer, size_t capacity, size_t *out_len,
                                                  const crm_session *session, crm_error **error);
/* The same content as JSON, a new string. */
CRM_API CRM_NODISCARD crm_status crm_session_save_json(char **out, size_t *out_len, const crm_session *session,
                                                       crm_error **error);
/* A saved session, restored against a rule set (the built-in one: from
 * crm_ruleset_load_builtin_machines). Errors: CRM_E_CORRUPT (truncated or damaged bytes;
 * an audit trail that does not lead to the saved state; for JSON, a document whose audit
 * trail, replayed, does not give its state, context and needs), CRM_E_MISSING (a JSON
 * member left out: nothing takes a default), CRM_E_VERSION_MISMATCH (another format,
 * another rule set, or a machine whose definition has changed), CRM_E_UNKNOWN_NAME (no
 * such machine), CRM_E_UNAUTHENTICATED (a sealed session: restore it with its key), and
 * for JSON CRM_E_PARSE and the error of a value, with its pointer, line and column. */
CRM_API CRM_NODISCARD crm_status crm_session_restore(crm_session **out, const crm_ruleset *rules,
                                                     const unsigned char *bytes, size_t len, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_session_restore_json(crm_session **out, const crm_ruleset *rules, const char *json,
                                                          size_t len, crm_error **error);

/* Sealed sessions, for a session a client carries (a browser, a stateless server's
 * callers): saved under the server's key, a session carries an HMAC-SHA-256 of its
 * content (bytes: format 3, the MAC in place of the checksum; JSON: a "seal" member), and
 * restored under the key it comes back only if nothing in it changed. The key is the
 * server's secret: at least 16 bytes (32 random ones recommended), shorter is
 * CRM_E_INVALID_ARGUMENT. The options' zero value (CRM_SESSION_SAVE_OPTIONS_INIT, or a
 * NULL options pointer) means no key: the calls then do what crm_session_save and the
 * others do. Members are only appended (docs/c-api.md, "Structs that grow"). */
typedef struct crm_session_save_options {
  size_t size;              /* sizeof(crm_session_save_options): set by the INIT macro */
  const unsigned char *key; /* NULL: not sealed; else the key, key_len bytes */
  size_t key_len;
} crm_session_save_options;
#define CRM_SESSION_SAVE_OPTIONS_INIT {sizeof(crm_session_save_options), NULL, 0}
typedef struct crm_session_restore_options {
  size_t size;              /* sizeof(crm_session_restore_options): set by the INIT macro */
  const unsigned char *key; /* NULL: only unsealed sessions; else only sessions sealed under it */
  size_t key_len;
} crm_session_restore_options;
#define CRM_SESSION_RESTORE_OPTIONS_INIT {sizeof(crm_session_restore_options), NULL, 0}

/* crm_session_save and crm_session_save_json with options: under a key, sealed. */
CRM_API CRM_NODISCARD crm_status crm_session_save_with(unsigned char *buffer, size_t capacity, size_t *out_len,
                                                       const crm_session *session,
                                                       const crm_session_save_options *options, crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_session_save_json_with(char **out, size_t *out_len, const crm_session *session,
                                                            const crm_session_save_options *options,
                                                            crm_error **error);
/* crm_session_restore and crm_session_restore_json with options. Under a key,
 * CRM_E_UNAUTHENTICATED for a session that is not sealed, changed since it was sealed, or
 * sealed under another key; without one, for a sealed session. */
CRM_API CRM_NODISCARD crm_status crm_session_restore_with(crm_session **out, const crm_ruleset *rules,
                                                          const unsigned char *bytes, size_t len,
                                                          const crm_session_restore_options *options,
                                                          crm_error **error);
CRM_API CRM_NODISCARD crm_status crm_session_restore_json_with(crm_session **out, const crm_ruleset *rules,
                                                               const char *json, size_t len,
                                                               const crm_session_restore_options *options,
                                                               crm_error **error);

/* CRM_CDEF_END */

#ifdef __cplusplus
}
#endif

#endif /* CRMRULES_SESSION_H */
