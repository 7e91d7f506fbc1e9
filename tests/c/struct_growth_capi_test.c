/* Structs that grow, from pure C99 (docs/c-api.md, "Structs that grow"): a caller
 * compiled against an older header passes a smaller struct, and the library fills or
 * reads only the members that fit in its size member.
 *
 * The structs below are the layouts ABI 1 published (crmrules 0.2, and the structs 0.3
 * added), frozen here for good: when a header adds a member, these stay as they are and
 * keep standing for the older caller.
 * Each is passed with its own size inside a buffer of guard bytes, and the guard bytes
 * past it must come back untouched. A newer caller (a size past this library's struct)
 * and a size too small, zero or absurd are tested the same way. */
#include <crmrules.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

/* ---- ABI 1's layouts ------------------------------------------------------- */
struct kano_result_1_0 {
  size_t size;
  const char *attribute;
  const char *segment;
  const char *wave;
  uint64_t counts[6];
  uint64_t n;
  crm_kano_category mode;
  crm_kano_category category;
  int rule_applied;
  crm_kano_category fong_first, fong_second;
  uint64_t fong_difference;
  crm_decimal fong_threshold;
  int significant;
  int has_coefficients;
  crm_decimal better, worse, total_strength, category_strength;
};

struct kano_priority_1_0 {
  size_t size;
  size_t rank;
  size_t result;
  const char *attribute;
  crm_kano_category category;
  const char *advice;
};

struct kano_difference_1_0 {
  size_t size;
  const char *attribute;
  const char *wave;
  size_t result_count;
  const size_t *results;
};

struct kano_drift_1_0 {
  size_t size;
  const char *attribute;
  const char *segment;
  const char *from_wave, *to_wave;
  crm_kano_category from, to;
  crm_kano_direction direction;
  size_t from_result, to_result;
};

struct kano_issue_1_0 {
  size_t size;
  crm_status code;
  uint32_t line;
  uint32_t column;
  const char *message;
};

struct kano_csv_options_1_0 {
  size_t size;
  const char *segment_column;
  size_t segment_len;
  const char *wave_column;
  size_t wave_len;
};

struct portfolio_options_1_0 {
  size_t size;
  const crm_decimal *a_share;
  const crm_decimal *b_share;
  const crm_decimal *pareto_top;
};

/* crmrules 0.3's additions to ABI 1. */
struct ruleset_limits_0_3 {
  size_t size;
  size_t document_bytes;
  size_t decisions;
  size_t inputs;
  size_t table_rows;
  size_t string_bytes;
};

struct session_key_options_0_3 { /* crm_session_save_options and crm_session_restore_options */
  size_t size;
  const unsigned char *key;
  size_t key_len;
};

struct account_counts_0_3 {
  size_t size;
  size_t clarities, clarities_known, stakeholders, supporters, neutrals, opponents, unknown_attitudes, unheld_roles,
      criteria, tactics, next_actions;
};

struct account_action_0_3 {
  size_t size;
  const char *id;
  int priority;
  const char *text;
  const char *reason;
  const char *source;
};

/* The member m sits where ABI 1 put it, with ABI 1's size: members are only ever appended. */
#define SAME_MEMBER(old, current, m)                                   \
  CHECK(offsetof(struct old, m) == offsetof(current, m) &&             \
        sizeof(((struct old *)NULL)->m) == sizeof(((current *)NULL)->m))

static void test_layouts_only_grow(void) {
  SAME_MEMBER(kano_result_1_0, crm_kano_result, size);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, attribute);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, segment);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, wave);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, counts);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, n);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, mode);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, category);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, rule_applied);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, fong_first);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, fong_second);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, fong_difference);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, fong_threshold);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, significant);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, has_coefficients);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, better);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, worse);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, total_strength);
  SAME_MEMBER(kano_result_1_0, crm_kano_result, category_strength);
  SAME_MEMBER(kano_priority_1_0, crm_kano_priority, size);
  SAME_MEMBER(kano_priority_1_0, crm_kano_priority, rank);
  SAME_MEMBER(kano_priority_1_0, crm_kano_priority, result);
  SAME_MEMBER(kano_priority_1_0, crm_kano_priority, attribute);
  SAME_MEMBER(kano_priority_1_0, crm_kano_priority, category);
  SAME_MEMBER(kano_priority_1_0, crm_kano_priority, advice);
  SAME_MEMBER(kano_difference_1_0, crm_kano_difference, size);
  SAME_MEMBER(kano_difference_1_0, crm_kano_difference, attribute);
  SAME_MEMBER(kano_difference_1_0, crm_kano_difference, wave);
  SAME_MEMBER(kano_difference_1_0, crm_kano_difference, result_count);
  SAME_MEMBER(kano_difference_1_0, crm_kano_difference, results);
  SAME_MEMBER(kano_drift_1_0, crm_kano_drift, size);
  SAME_MEMBER(kano_drift_1_0, crm_kano_drift, attribute);
  SAME_MEMBER(kano_drift_1_0, crm_kano_drift, segment);
  SAME_MEMBER(kano_drift_1_0, crm_kano_drift, from_wave);
  SAME_MEMBER(kano_drift_1_0, crm_kano_drift, to_wave);
  SAME_MEMBER(kano_drift_1_0, crm_kano_drift, from);
  SAME_MEMBER(kano_drift_1_0, crm_kano_drift, to);
  SAME_MEMBER(kano_drift_1_0, crm_kano_drift, direction);
  SAME_MEMBER(kano_drift_1_0, crm_kano_drift, from_result);
  SAME_MEMBER(kano_drift_1_0, crm_kano_drift, to_result);
  SAME_MEMBER(kano_issue_1_0, crm_kano_issue, size);
  SAME_MEMBER(kano_issue_1_0, crm_kano_issue, code);
  SAME_MEMBER(kano_issue_1_0, crm_kano_issue, line);
  SAME_MEMBER(kano_issue_1_0, crm_kano_issue, column);
  SAME_MEMBER(kano_issue_1_0, crm_kano_issue, message);
  SAME_MEMBER(kano_csv_options_1_0, crm_kano_csv_options, size);
  SAME_MEMBER(kano_csv_options_1_0, crm_kano_csv_options, segment_column);
  SAME_MEMBER(kano_csv_options_1_0, crm_kano_csv_options, segment_len);
  SAME_MEMBER(kano_csv_options_1_0, crm_kano_csv_options, wave_column);
  SAME_MEMBER(kano_csv_options_1_0, crm_kano_csv_options, wave_len);
  SAME_MEMBER(portfolio_options_1_0, crm_portfolio_options, size);
  SAME_MEMBER(portfolio_options_1_0, crm_portfolio_options, a_share);
  SAME_MEMBER(portfolio_options_1_0, crm_portfolio_options, b_share);
  SAME_MEMBER(portfolio_options_1_0, crm_portfolio_options, pareto_top);
  SAME_MEMBER(ruleset_limits_0_3, crm_ruleset_limits, size);
  SAME_MEMBER(ruleset_limits_0_3, crm_ruleset_limits, document_bytes);
  SAME_MEMBER(ruleset_limits_0_3, crm_ruleset_limits, decisions);
  SAME_MEMBER(ruleset_limits_0_3, crm_ruleset_limits, inputs);
  SAME_MEMBER(ruleset_limits_0_3, crm_ruleset_limits, table_rows);
  SAME_MEMBER(ruleset_limits_0_3, crm_ruleset_limits, string_bytes);
  SAME_MEMBER(session_key_options_0_3, crm_session_save_options, size);
  SAME_MEMBER(session_key_options_0_3, crm_session_save_options, key);
  SAME_MEMBER(session_key_options_0_3, crm_session_save_options, key_len);
  SAME_MEMBER(session_key_options_0_3, crm_session_restore_options, size);
  SAME_MEMBER(session_key_options_0_3, crm_session_restore_options, key);
  SAME_MEMBER(session_key_options_0_3, crm_session_restore_options, key_len);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, size);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, clarities);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, clarities_known);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, stakeholders);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, supporters);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, neutrals);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, opponents);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, unknown_attitudes);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, unheld_roles);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, criteria);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, tactics);
  SAME_MEMBER(account_counts_0_3, crm_account_counts, next_actions);
  SAME_MEMBER(account_action_0_3, crm_account_action, size);
  SAME_MEMBER(account_action_0_3, crm_account_action, id);
  SAME_MEMBER(account_action_0_3, crm_account_action, priority);
  SAME_MEMBER(account_action_0_3, crm_account_action, text);
  SAME_MEMBER(account_action_0_3, crm_account_action, reason);
  SAME_MEMBER(account_action_0_3, crm_account_action, source);
  /* ... and each INIT macro sets size to the whole struct, every other member zero. */
  {
    crm_kano_result r = CRM_KANO_RESULT_INIT;
    crm_kano_priority p = CRM_KANO_PRIORITY_INIT;
    crm_kano_difference d = CRM_KANO_DIFFERENCE_INIT;
    crm_kano_drift t = CRM_KANO_DRIFT_INIT;
    crm_kano_issue i = CRM_KANO_ISSUE_INIT;
    crm_kano_csv_options c = CRM_KANO_CSV_OPTIONS_INIT;
    crm_portfolio_options o = CRM_PORTFOLIO_OPTIONS_INIT;
    CHECK(r.size == sizeof r && r.attribute == NULL && r.n == 0 && r.category_strength.opaque_[2] == 0);
    CHECK(p.size == sizeof p && p.rank == 0 && p.advice == NULL);
    CHECK(d.size == sizeof d && d.results == NULL);
    CHECK(t.size == sizeof t && t.to_result == 0);
    CHECK(i.size == sizeof i && i.code == CRM_OK && i.message == NULL);
    CHECK(c.size == sizeof c && c.segment_column == NULL && c.wave_len == 0);
    CHECK(o.size == sizeof o && o.a_share == NULL && o.pareto_top == NULL);
    crm_ruleset_limits l = CRM_RULESET_LIMITS_INIT;
    crm_session_save_options so = CRM_SESSION_SAVE_OPTIONS_INIT;
    crm_session_restore_options ro = CRM_SESSION_RESTORE_OPTIONS_INIT;
    crm_account_counts ac = CRM_ACCOUNT_COUNTS_INIT;
    crm_account_action aa = CRM_ACCOUNT_ACTION_INIT;
    CHECK(l.size == sizeof l && l.document_bytes == 0 && l.string_bytes == 0);
    CHECK(so.size == sizeof so && so.key == NULL && so.key_len == 0);
    CHECK(ro.size == sizeof ro && ro.key == NULL && ro.key_len == 0);
    CHECK(ac.size == sizeof ac && ac.clarities == 0 && ac.next_actions == 0);
    CHECK(aa.size == sizeof aa && aa.id == NULL && aa.priority == 0 && aa.source == NULL);
  }
}

/* ---- A caller's struct inside guard bytes ------------------------------------------ */
#define GUARD 0xA5

static union {
  long double align_ld;
  void *align_p;
  uint64_t align_u;
  unsigned char bytes[1024];
} buffer;

/* The buffer filled with guard bytes, with `size` in its size member. */
static void *guarded(size_t size) {
  memset(buffer.bytes, GUARD, sizeof buffer.bytes);
  memcpy(buffer.bytes, &size, sizeof size);
  return buffer.bytes;
}

/* 1 when bytes [from, end of buffer) are still guard bytes. */
static int untouched_from(size_t from) {
  size_t i;
  for (i = from; i < sizeof buffer.bytes; ++i)
    if (buffer.bytes[i] != GUARD) {
      fprintf(stderr, "  byte %lu written (%lu bytes were the caller's)\n", (unsigned long)i, (unsigned long)from);
      return 0;
    }
  return 1;
}

static size_t size_in_buffer(void) {
  size_t size;
  memcpy(&size, buffer.bytes, sizeof size);
  return size;
}

/* 1 when d has the value of expected (its scale aside). */
static int decimal_is(const crm_decimal *d, const char *expected) {
  crm_decimal want;
  int32_t cmp = 2;
  return crm_decimal_parse(&want, expected, strlen(expected), NULL) == CRM_OK &&
         crm_decimal_compare(&cmp, d, &want, NULL) == CRM_OK && cmp == 0;
}

static int add(crm_kano_survey *s, const char *attr, const char *f, const char *d, const char *segment,
               const char *wave, uint64_t line) {
  return crm_kano_survey_add(s, "r", 1, attr, strlen(attr), f, 1, d, 1, segment, segment ? strlen(segment) : 0, wave,
                             strlen(wave), line, NULL) == CRM_OK;
}

/* navigation: attractive in 2019; in 2024 one-dimensional in the north and must-be in the
 * south (must-be overall): a result of each kind, a priority, a difference, a drift, and
 * one skipped pair (an issue). */
static crm_kano_analysis *analysis(void) {
  crm_kano_survey *s = NULL;
  crm_kano_analysis *a = NULL;
  int i, ok = 1;
  if (crm_kano_survey_create(&s, NULL, 0, NULL) != CRM_OK) return NULL;
  for (i = 0; i < 4; ++i) ok &= add(s, "navigation", "1", "3", "north", "2019", 0);
  for (i = 0; i < 4; ++i) ok &= add(s, "navigation", "1", "5", "north", "2024", 0);
  for (i = 0; i < 5; ++i) ok &= add(s, "navigation", "2", "5", "south", "2024", 0);
  ok &= !add(s, "navigation", "6", "5", "south", "2024", 42);
  CHECK(ok);
  if (crm_kano_survey_analyze(&a, s, NULL) != CRM_OK) a = NULL;
  crm_kano_survey_free(s);
  return a;
}

static void test_older_result_structs(const crm_kano_analysis *a) {
  crm_kano_result now = CRM_KANO_RESULT_INIT;
  crm_kano_drift drift = CRM_KANO_DRIFT_INIT;
  size_t count = 0, index = 0, all = 99;
  CHECK(crm_kano_analysis_result_count(&count, a, NULL) == CRM_OK && count == 5); /* 2019: all, north; 2024: 3 */
  /* the drift of all respondents: attractive in 2019, must-be in 2024 */
  CHECK(crm_kano_analysis_drift_count(&count, a, NULL) == CRM_OK && count == 2);
  for (index = 0; index < count; ++index) {
    CHECK(crm_kano_analysis_drift(&drift, a, index, NULL) == CRM_OK);
    if (drift.segment == NULL) {
      all = index;
      break;
    }
  }
  CHECK(all < count);
  CHECK(crm_kano_analysis_result(&now, a, drift.to_result, NULL) == CRM_OK);
  {
    struct kano_result_1_0 *old = (struct kano_result_1_0 *)guarded(sizeof(struct kano_result_1_0));
    CHECK(crm_kano_analysis_result((crm_kano_result *)(void *)old, a, drift.to_result, NULL) == CRM_OK);
    CHECK(old->size == sizeof *old); /* the library never writes size */
    CHECK(strcmp(old->attribute, "navigation") == 0 && old->segment == NULL && strcmp(old->wave, "2024") == 0);
    CHECK(old->n == 9 && old->counts[CRM_KANO_MUST_BE] == 5 && old->counts[CRM_KANO_ONE_DIMENSIONAL] == 4);
    CHECK(old->category == CRM_KANO_MUST_BE && old->mode == now.mode && old->rule_applied == now.rule_applied);
    CHECK(old->fong_first == now.fong_first && old->fong_second == now.fong_second);
    CHECK(old->fong_difference == now.fong_difference && old->significant == now.significant);
    CHECK(old->has_coefficients == 1 && decimal_is(&old->better, "0.4444") && decimal_is(&old->worse, "-1.0000"));
    CHECK(memcmp(&old->fong_threshold, &now.fong_threshold, sizeof(crm_decimal)) == 0);
    CHECK(memcmp(&old->total_strength, &now.total_strength, sizeof(crm_decimal)) == 0);
    CHECK(memcmp(&old->category_strength, &now.category_strength, sizeof(crm_decimal)) == 0);
    CHECK(untouched_from(sizeof *old));
  }
  {
    struct kano_priority_1_0 *old = (struct kano_priority_1_0 *)guarded(sizeof(struct kano_priority_1_0));
    CHECK(crm_kano_analysis_priority((crm_kano_priority *)(void *)old, a, 0, NULL) == CRM_OK);
    CHECK(old->size == sizeof *old && old->rank == 1 && old->result == drift.to_result);
    CHECK(strcmp(old->attribute, "navigation") == 0 && old->category == CRM_KANO_MUST_BE);
    CHECK(strstr(old->advice, "基本品质") != NULL);
    CHECK(untouched_from(sizeof *old));
  }
  {
    struct kano_difference_1_0 *old = (struct kano_difference_1_0 *)guarded(sizeof(struct kano_difference_1_0));
    CHECK(crm_kano_analysis_difference((crm_kano_difference *)(void *)old, a, 0, NULL) == CRM_OK);
    CHECK(old->size == sizeof *old && strcmp(old->attribute, "navigation") == 0 && strcmp(old->wave, "2024") == 0);
    CHECK(old->result_count == 2 && old->results != NULL);
    CHECK(untouched_from(sizeof *old));
  }
  {
    struct kano_drift_1_0 *old = (struct kano_drift_1_0 *)guarded(sizeof(struct kano_drift_1_0));
    CHECK(crm_kano_analysis_drift((crm_kano_drift *)(void *)old, a, all, NULL) == CRM_OK);
    CHECK(old->segment == NULL && strcmp(old->attribute, "navigation") == 0);
    CHECK(old->size == sizeof *old && strcmp(old->from_wave, "2019") == 0 && strcmp(old->to_wave, "2024") == 0);
    CHECK(old->from == CRM_KANO_ATTRACTIVE && old->to == CRM_KANO_MUST_BE && old->direction == CRM_KANO_ALONG);
    CHECK(old->from_result == drift.from_result && old->to_result == drift.to_result);
    CHECK(untouched_from(sizeof *old));
  }
  {
    struct kano_issue_1_0 *old = (struct kano_issue_1_0 *)guarded(sizeof(struct kano_issue_1_0));
    CHECK(crm_kano_analysis_issue((crm_kano_issue *)(void *)old, a, 0, NULL) == CRM_OK);
    CHECK(old->size == sizeof *old && old->code == CRM_E_OUT_OF_RANGE && old->line == 42);
    CHECK(strstr(old->message, "'6'") != NULL);
    CHECK(untouched_from(sizeof *old));
  }
}

/* A caller compiled against a newer header: its struct is longer than this library's. The
 * library fills the members it knows and leaves the rest (INIT made them 0) alone. */
static void test_newer_result_struct(const crm_kano_analysis *a) {
  const size_t known = offsetof(crm_kano_result, category_strength) + sizeof(crm_decimal);
  crm_kano_result *r = (crm_kano_result *)guarded(sizeof(crm_kano_result) + 64);
  CHECK(crm_kano_analysis_result(r, a, 0, NULL) == CRM_OK);
  CHECK(r->size == sizeof(crm_kano_result) + 64 && strcmp(r->attribute, "navigation") == 0);
  CHECK(untouched_from(known));
}

/* A size that cannot hold ABI 1's members, none, or an absurd one (an uninitialised struct):
 * CRM_E_INVALID_ARGUMENT naming the argument and the INIT macro; nothing written. */
static void test_bad_sizes(const crm_kano_analysis *a) {
  const size_t sizes[4] = {0, sizeof(size_t), sizeof(struct kano_result_1_0) - sizeof(crm_decimal), 4097};
  crm_error *err = NULL;
  size_t i;
  for (i = 0; i < 4; ++i) {
    crm_kano_result *r = (crm_kano_result *)guarded(sizes[i]);
    CHECK(crm_kano_analysis_result(r, a, 0, &err) == CRM_E_INVALID_ARGUMENT);
    CHECK(err != NULL && strstr(crm_error_message(err), "argument 'out' has size") != NULL);
    CHECK(err != NULL && strstr(crm_error_message(err), "CRM_KANO_RESULT_INIT") != NULL);
    CHECK(size_in_buffer() == sizes[i] && untouched_from(sizeof(size_t)));
    crm_error_free(err);
    err = NULL;
  }
  {
    crm_kano_issue *issue = (crm_kano_issue *)guarded(sizeof(struct kano_issue_1_0) - 1);
    CHECK(crm_kano_analysis_issue(issue, a, 0, &err) == CRM_E_INVALID_ARGUMENT);
    CHECK(err != NULL && strstr(crm_error_message(err), "crm_kano_issue") != NULL);
    CHECK(untouched_from(sizeof(size_t)));
    crm_error_free(err);
  }
}

/* Options: an older caller's struct is read up to its size and no further (the guard bytes
 * past it are not zero, and would be refused as unknown members if they were read). */
static void test_older_options(void) {
  crm_decimal m[4], top, share;
  crm_portfolio *p = NULL;
  crm_error *err = NULL;
  int defined = 0;
  CHECK(crm_decimal_from_int64(&m[0], 60, NULL) == CRM_OK && crm_decimal_from_int64(&m[1], 25, NULL) == CRM_OK);
  CHECK(crm_decimal_from_int64(&m[2], 10, NULL) == CRM_OK && crm_decimal_from_int64(&m[3], 5, NULL) == CRM_OK);
  CHECK(crm_decimal_parse(&top, "0.5", 3, NULL) == CRM_OK);
  {
    struct portfolio_options_1_0 *old = (struct portfolio_options_1_0 *)guarded(sizeof(struct portfolio_options_1_0));
    old->a_share = NULL;
    old->b_share = NULL;
    old->pareto_top = &top;
    CHECK(crm_portfolio_classify(&p, m, 4, (const crm_portfolio_options *)(void *)old, &err) == CRM_OK);
    CHECK(crm_portfolio_pareto_share(&share, &defined, p, NULL) == CRM_OK && defined && decimal_is(&share, "0.85"));
    crm_portfolio_free(p);
    p = NULL;
  }
  {
    struct kano_csv_options_1_0 *old = (struct kano_csv_options_1_0 *)guarded(sizeof(struct kano_csv_options_1_0));
    const char *csv = "respondent,attribute,functional,dysfunctional,tier\n1,app,1,5,gold\n";
    crm_kano_survey *s = NULL;
    crm_kano_analysis *a = NULL;
    size_t count = 0;
    old->segment_column = "tier";
    old->segment_len = 4;
    old->wave_column = NULL;
    old->wave_len = 0;
    CHECK(crm_kano_survey_create(&s, NULL, 0, NULL) == CRM_OK);
    CHECK(crm_kano_survey_add_csv(s, csv, strlen(csv), (const crm_kano_csv_options *)(void *)old, NULL) == CRM_OK);
    CHECK(crm_kano_survey_analyze(&a, s, NULL) == CRM_OK);
    CHECK(crm_kano_analysis_result_count(&count, a, NULL) == CRM_OK && count == 2); /* all, gold */
    crm_kano_analysis_free(a);
    crm_kano_survey_free(s);
  }
}

/* A newer caller's options: members past this library's struct must be 0 (an option this
 * library cannot honour is refused, never dropped); zero, they are fine. */
static void test_newer_and_bad_options(void) {
  crm_decimal m[2];
  crm_portfolio *p = NULL;
  crm_error *err = NULL;
  crm_portfolio_options *o;
  CHECK(crm_decimal_from_int64(&m[0], 3, NULL) == CRM_OK && crm_decimal_from_int64(&m[1], 1, NULL) == CRM_OK);
  o = (crm_portfolio_options *)guarded(sizeof(crm_portfolio_options) + 16);
  memset(buffer.bytes + sizeof(size_t), 0, sizeof(crm_portfolio_options) + 16 - sizeof(size_t));
  CHECK(crm_portfolio_classify(&p, m, 2, o, NULL) == CRM_OK);
  crm_portfolio_free(p);
  p = NULL;
  buffer.bytes[sizeof(crm_portfolio_options) + 5] = 1;
  CHECK(crm_portfolio_classify(&p, m, 2, o, &err) == CRM_E_INVALID_ARGUMENT && p == NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "argument 'options' sets a member") != NULL);
  crm_error_free(err);
  err = NULL;
  o->size = sizeof(struct portfolio_options_1_0) - 1;
  CHECK(crm_portfolio_classify(&p, m, 2, o, &err) == CRM_E_INVALID_ARGUMENT && p == NULL);
  CHECK(err != NULL && strstr(crm_error_message(err), "CRM_PORTFOLIO_OPTIONS_INIT") != NULL);
  crm_error_free(err);
  err = NULL;
  {
    crm_kano_survey *s = NULL;
    crm_kano_csv_options c = CRM_KANO_CSV_OPTIONS_INIT;
    c.size = 0;
    CHECK(crm_kano_survey_create(&s, NULL, 0, NULL) == CRM_OK);
    CHECK(crm_kano_survey_add_csv(s, "respondent\n", 11, &c, &err) == CRM_E_INVALID_ARGUMENT);
    CHECK(err != NULL && strstr(crm_error_message(err), "'options' has size 0") != NULL);
    crm_error_free(err);
    crm_kano_survey_free(s);
  }
}

int main(void) {
  crm_kano_analysis *a = analysis();
  test_layouts_only_grow();
  CHECK(a != NULL);
  if (a != NULL) {
    test_older_result_structs(a);
    test_newer_result_struct(a);
    test_bad_sizes(a);
  }
  test_older_options();
  test_newer_and_bad_options();
  crm_kano_analysis_free(a);
  return check_summary();
}
