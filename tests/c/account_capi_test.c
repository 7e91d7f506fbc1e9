/* The key-account planner through the C ABI, from pure C99: the deck's camera case
 * (argv[1], tests/cli/account_camera.json) planned by the built-in planner, typed counts
 * and actions in both languages, JSON and text; an account with a name only; bad
 * documents named by pointer, line and column; a planner from a changed copy of the
 * built-in rules; bad arguments; the structs' ABI 1 layouts, filled within their size. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "crmrules.h"

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *text = NULL;
  long size;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    text = (char *)malloc((size_t)size + 1);
    if (text != NULL && fread(text, 1, (size_t)size, f) == (size_t)size) {
      text[size] = '\0';
      *len = (size_t)size;
    } else {
      free(text);
      text = NULL;
    }
  }
  fclose(f);
  return text;
}

static crm_account_plan *plan_of(const crm_account_planner *planner, const char *json, crm_error **err) {
  crm_account_plan *plan = NULL;
  if (crm_account_planner_plan(&plan, planner, json, strlen(json), err) != CRM_OK) return NULL;
  return plan;
}

/* ---- The sized structs: ABI 1's layouts (crmrules 0.3), frozen here for good -------- */
/* When crmrules_account.h appends a member, these stay as they are and keep standing for
 * the older caller (docs/c-api.md, "Structs that grow"; tests/c/struct_growth_capi_test.c
 * does the same for the Kano and portfolio structs). */
struct account_counts_1_0 {
  size_t size;
  size_t clarities, clarities_known, stakeholders;
  size_t supporters, neutrals, opponents, unknown_attitudes;
  size_t unheld_roles, criteria, tactics, next_actions;
};

struct account_action_1_0 {
  size_t size;
  const char *id;
  int priority;
  const char *text, *reason, *source;
};

#define SAME_MEMBER(old, current, m)                       \
  CHECK(offsetof(struct old, m) == offsetof(current, m) && \
        sizeof(((struct old *)NULL)->m) == sizeof(((current *)NULL)->m))

static void layouts_only_grow(void) {
  SAME_MEMBER(account_counts_1_0, crm_account_counts, size);
  SAME_MEMBER(account_counts_1_0, crm_account_counts, clarities);
  SAME_MEMBER(account_counts_1_0, crm_account_counts, clarities_known);
  SAME_MEMBER(account_counts_1_0, crm_account_counts, stakeholders);
  SAME_MEMBER(account_counts_1_0, crm_account_counts, supporters);
  SAME_MEMBER(account_counts_1_0, crm_account_counts, neutrals);
  SAME_MEMBER(account_counts_1_0, crm_account_counts, opponents);
  SAME_MEMBER(account_counts_1_0, crm_account_counts, unknown_attitudes);
  SAME_MEMBER(account_counts_1_0, crm_account_counts, unheld_roles);
  SAME_MEMBER(account_counts_1_0, crm_account_counts, criteria);
  SAME_MEMBER(account_counts_1_0, crm_account_counts, tactics);
  SAME_MEMBER(account_counts_1_0, crm_account_counts, next_actions);
  SAME_MEMBER(account_action_1_0, crm_account_action, size);
  SAME_MEMBER(account_action_1_0, crm_account_action, id);
  SAME_MEMBER(account_action_1_0, crm_account_action, priority);
  SAME_MEMBER(account_action_1_0, crm_account_action, text);
  SAME_MEMBER(account_action_1_0, crm_account_action, reason);
  SAME_MEMBER(account_action_1_0, crm_account_action, source);
  {
    crm_account_counts c = CRM_ACCOUNT_COUNTS_INIT;
    crm_account_action a = CRM_ACCOUNT_ACTION_INIT;
    CHECK(c.size == sizeof c && c.clarities == 0 && c.next_actions == 0);
    CHECK(a.size == sizeof a && a.id == NULL && a.priority == 0 && a.source == NULL);
  }
}

#define GUARD 0xA5

static union {
  long double align_ld;
  void *align_p;
  unsigned char bytes[512];
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

/* A caller of ABI 1 passes its struct's size: every member is filled, not a byte past
 * it; one member short (no version of the struct is that small) is refused untouched. */
static void filled_within_their_size(const crm_account_plan *plan) {
  crm_error *err = NULL;
  {
    struct account_counts_1_0 *c = (struct account_counts_1_0 *)guarded(sizeof(struct account_counts_1_0));
    CHECK(crm_account_plan_counts((crm_account_counts *)c, plan, NULL) == CRM_OK);
    CHECK(c->size == sizeof(struct account_counts_1_0) && c->clarities == 9 && c->stakeholders == 3);
    CHECK(untouched_from(sizeof(struct account_counts_1_0)));
  }
  {
    struct account_action_1_0 *a = (struct account_action_1_0 *)guarded(sizeof(struct account_action_1_0));
    CHECK(crm_account_plan_action((crm_account_action *)a, plan, 0, CRM_LANG_EN, NULL) == CRM_OK);
    CHECK(a->size == sizeof(struct account_action_1_0) && a->id != NULL && a->source != NULL);
    CHECK(untouched_from(sizeof(struct account_action_1_0)));
  }
  {
    crm_account_counts *c = (crm_account_counts *)guarded(offsetof(struct account_counts_1_0, next_actions));
    CHECK(crm_account_plan_counts(c, plan, &err) == CRM_E_INVALID_ARGUMENT);
    CHECK(err != NULL && strstr(crm_error_message(err), "argument 'out' has size") != NULL);
    CHECK(err != NULL && strstr(crm_error_message(err), "CRM_ACCOUNT_COUNTS_INIT") != NULL);
    CHECK(untouched_from(sizeof(size_t)));
    crm_error_free(err);
    err = NULL;
  }
  {
    crm_account_action *a = (crm_account_action *)guarded(offsetof(struct account_action_1_0, source));
    CHECK(crm_account_plan_action(a, plan, 0, CRM_LANG_ZH, &err) == CRM_E_INVALID_ARGUMENT);
    CHECK(err != NULL && strstr(crm_error_message(err), "CRM_ACCOUNT_ACTION_INIT") != NULL);
    CHECK(untouched_from(sizeof(size_t)));
    crm_error_free(err);
  }
}

static void camera_case(const char *doc, size_t len) {
  const crm_account_planner *planner = NULL;
  crm_account_plan *plan = NULL;
  crm_account_counts counts = CRM_ACCOUNT_COUNTS_INIT;
  crm_account_action action = CRM_ACCOUNT_ACTION_INIT;
  crm_account_action english = CRM_ACCOUNT_ACTION_INIT;
  const char *type = NULL;
  char *json = NULL, *text = NULL;
  size_t json_len = 0, text_len = 0, i;
  crm_error *err = NULL;

  CHECK(crm_account_planner_builtin(&planner, NULL) == CRM_OK && planner != NULL);
  CHECK(crm_account_planner_plan(&plan, planner, doc, len, &err) == CRM_OK);
  if (plan == NULL) {
    fprintf(stderr, "camera case: %s\n", crm_error_message(err));
    crm_error_free(err);
    return;
  }
  CHECK(crm_account_plan_counts(&counts, plan, NULL) == CRM_OK);
  CHECK(counts.clarities == 9);
  CHECK(counts.clarities_known > 0 && counts.clarities_known < 9);
  CHECK(counts.stakeholders == 3);
  CHECK(counts.supporters == 1 && counts.neutrals == 1 && counts.opponents == 0 && counts.unknown_attitudes == 1);
  CHECK(counts.criteria == 2);
  CHECK(counts.tactics == 3); /* big_decision_impact, fierce_competition, cyclical_buying */
  CHECK(counts.unheld_roles > 0); /* nobody holds the gatekeeper's role, among others */
  CHECK(counts.next_actions > 0);

  /* Standard requirements, easily replaced, no cooperation: a transactional account. */
  CHECK(crm_account_plan_type(&type, plan, NULL) == CRM_OK && strcmp(type, "transactional") == 0);

  /* Every action has an id, texts in both languages and a source; ranked by priority. */
  for (i = 0; i < counts.next_actions; ++i) {
    int previous = action.priority;
    CHECK(crm_account_plan_action(&action, plan, i, CRM_LANG_ZH, NULL) == CRM_OK);
    CHECK(action.size == sizeof action);
    CHECK(action.id != NULL && action.id[0] != '\0');
    CHECK(action.text != NULL && action.text[0] != '\0');
    CHECK(action.reason != NULL && action.reason[0] != '\0');
    CHECK(action.source != NULL && action.source[0] != '\0');
    CHECK(i == 0 || previous <= action.priority);
    CHECK(crm_account_plan_action(&english, plan, i, CRM_LANG_EN, NULL) == CRM_OK);
    CHECK(strcmp(english.id, action.id) == 0 && english.priority == action.priority);
    CHECK(strcmp(english.source, action.source) == 0);
    CHECK(english.text != NULL && english.text[0] != '\0');
  }
  /* Past the end: out of range, naming the index and the count; the struct untouched. */
  action.id = "kept";
  CHECK(crm_account_plan_action(&action, plan, counts.next_actions, CRM_LANG_ZH, &err) == CRM_E_OUT_OF_RANGE);
  CHECK(strstr(crm_error_message(err), "does not exist") != NULL);
  CHECK(strcmp(action.id, "kept") == 0);
  crm_error_free(err);
  err = NULL;

  CHECK(crm_account_plan_json(&json, &json_len, plan, NULL) == CRM_OK);
  CHECK(json != NULL && strlen(json) == json_len && json[0] == '{');
  CHECK(strstr(json, "\"customer\": \"上市通信公司\"") != NULL || strstr(json, "\"customer\":\"上市通信公司\"") != NULL);
  CHECK(strstr(json, "\"clarities\"") != NULL && strstr(json, "\"next_actions\"") != NULL);
  CHECK(strstr(json, "李主任") != NULL && strstr(json, "办事处主任") != NULL);
  crm_string_free(json);

  CHECK(crm_account_plan_text(&text, &text_len, plan, CRM_LANG_ZH, NULL) == CRM_OK);
  CHECK(text != NULL && strlen(text) == text_len);
  CHECK(strstr(text, "上市通信公司") != NULL && strstr(text, "李主任") != NULL);
  crm_string_free(text);
  text = NULL;
  CHECK(crm_account_plan_text(&text, NULL, plan, CRM_LANG_EN, NULL) == CRM_OK);
  CHECK(text != NULL && strstr(text, "上市通信公司") != NULL); /* names as given */
  crm_string_free(text);
  filled_within_their_size(plan);
  crm_account_plan_free(plan);
}

static void name_only(void) {
  const crm_account_planner *planner = NULL;
  crm_account_plan *plan = NULL;
  crm_account_counts counts = CRM_ACCOUNT_COUNTS_INIT;
  crm_account_action action = CRM_ACCOUNT_ACTION_INIT;
  const char *type = "not set";
  CHECK(crm_account_planner_builtin(&planner, NULL) == CRM_OK);
  plan = plan_of(planner, "{\"customer\": {\"name\": \"东风集团\"}}", NULL);
  CHECK(plan != NULL);
  if (plan == NULL) return;
  CHECK(crm_account_plan_counts(&counts, plan, NULL) == CRM_OK);
  CHECK(counts.clarities == 9 && counts.clarities_known == 0); /* all nine open */
  CHECK(counts.stakeholders == 0 && counts.criteria == 0 && counts.tactics == 0);
  CHECK(counts.supporters == 0 && counts.unknown_attitudes == 0);
  CHECK(counts.next_actions > 0);
  CHECK(crm_account_plan_type(&type, plan, NULL) == CRM_OK && strcmp(type, "") == 0);
  CHECK(crm_account_plan_action(&action, plan, 0, CRM_LANG_EN, NULL) == CRM_OK);
  CHECK(action.source != NULL && strlen(action.source) > 0);
  crm_account_plan_free(plan);
}

static void bad_documents(void) {
  const crm_account_planner *planner = NULL;
  crm_account_plan *plan = NULL;
  crm_error *err = NULL;
  const char *unknown_key = "{\"customer\": {\"name\": \"上市通信公司\"},\n"
                            " \"stakeholders\": [{\"name\": \"李主任\", \"atitude\": \"supporter\"}]}";
  const char *not_json = "{\"customer\": {\"name\": \"x\"},\n\n  ]";
  const char *no_name = "{\"customer\": {\"grade\": \"A1\"}}";
  const char bad_utf8[] = "{\"customer\": {\"name\": \"\xff\"}}";
  CHECK(crm_account_planner_builtin(&planner, NULL) == CRM_OK);

  CHECK(crm_account_planner_plan(&plan, planner, unknown_key, strlen(unknown_key), &err) == CRM_E_UNKNOWN_NAME);
  CHECK(plan == NULL);
  CHECK(strcmp(crm_error_pointer(err), "/stakeholders/0/atitude") == 0);
  CHECK(crm_error_line(err) == 2 && crm_error_column(err) > 1);
  CHECK(strstr(crm_error_message(err), "attitude") != NULL); /* did you mean */
  crm_error_free(err);
  err = NULL;

  CHECK(crm_account_planner_plan(&plan, planner, not_json, strlen(not_json), &err) == CRM_E_PARSE);
  CHECK(crm_error_line(err) == 3);
  crm_error_free(err);
  err = NULL;

  CHECK(crm_account_planner_plan(&plan, planner, no_name, strlen(no_name), &err) == CRM_E_MISSING);
  CHECK(strstr(crm_error_pointer(err), "/customer") == crm_error_pointer(err));
  crm_error_free(err);
  err = NULL;

  CHECK(crm_account_planner_plan(&plan, planner, bad_utf8, sizeof bad_utf8 - 1, &err) == CRM_E_INVALID_UTF8);
  CHECK(crm_error_offset(err) == 23);
  crm_error_free(err);
  CHECK(plan == NULL);
}

/* The built-in rules' text with its first occurrence of `from` replaced by `to`. */
static char *replaced(const char *text, const char *from, const char *to) {
  const char *at = strstr(text, from);
  size_t head, out_len;
  char *out;
  if (at == NULL) return NULL;
  head = (size_t)(at - text);
  out_len = strlen(text) - strlen(from) + strlen(to);
  out = (char *)malloc(out_len + 1);
  if (out == NULL) return NULL;
  memcpy(out, text, head);
  memcpy(out + head, to, strlen(to));
  strcpy(out + head + strlen(to), at + strlen(from));
  return out;
}

static void from_ruleset(void) {
  const char *builtin_text = NULL;
  size_t builtin_len = 0;
  crm_ruleset *rules = NULL, *grading = NULL;
  crm_account_planner *mine = NULL, *none = NULL;
  const crm_account_planner *builtin = NULL;
  crm_account_plan *a = NULL, *b = NULL;
  char *json_a = NULL, *json_b = NULL, *changed = NULL, *changed_json = NULL;
  crm_error *err = NULL;
  const char *doc = "{\"customer\": {\"name\": \"东风集团\"}}";

  CHECK(crm_account_builtin_json(&builtin_text, &builtin_len, NULL) == CRM_OK);
  CHECK(builtin_text != NULL && strlen(builtin_text) == builtin_len);
  CHECK(strstr(builtin_text, "\"account\"") != NULL);

  /* A copy of the built-in rules plans as the built-in planner does. */
  CHECK(crm_ruleset_load(&rules, builtin_text, builtin_len, NULL) == CRM_OK);
  CHECK(crm_account_planner_from_ruleset(&mine, rules, NULL) == CRM_OK && mine != NULL);
  crm_ruleset_free(rules); /* the planner keeps what it needs */
  CHECK(crm_account_planner_builtin(&builtin, NULL) == CRM_OK);
  a = plan_of(builtin, doc, NULL);
  b = plan_of(mine, doc, NULL);
  CHECK(a != NULL && b != NULL);
  if (a != NULL && b != NULL) {
    CHECK(crm_account_plan_json(&json_a, NULL, a, NULL) == CRM_OK);
    CHECK(crm_account_plan_json(&json_b, NULL, b, NULL) == CRM_OK);
    CHECK(json_a != NULL && json_b != NULL && strcmp(json_a, json_b) == 0);
  }
  crm_account_plan_free(b);
  crm_account_planner_free(mine);
  mine = NULL;

  /* A changed text of the rules shows in the plan: the question for who decides. */
  changed = replaced(builtin_text, "最终拍板的是谁", "谁拍板(改过的规则)");
  CHECK(changed != NULL);
  if (changed != NULL) {
    CHECK(crm_ruleset_load(&rules, changed, strlen(changed), NULL) == CRM_OK);
    CHECK(crm_account_planner_from_ruleset(&mine, rules, NULL) == CRM_OK);
    b = plan_of(mine, doc, NULL);
    CHECK(b != NULL);
    if (b != NULL) {
      CHECK(crm_account_plan_json(&changed_json, NULL, b, NULL) == CRM_OK);
      CHECK(changed_json != NULL && strstr(changed_json, "谁拍板(改过的规则)") != NULL);
      CHECK(json_a != NULL && strstr(json_a, "谁拍板(改过的规则)") == NULL);
    }
    crm_string_free(changed_json);
    crm_account_plan_free(b);
    crm_account_planner_free(mine);
    crm_ruleset_free(rules);
    free(changed);
  }
  crm_string_free(json_a);
  crm_string_free(json_b);
  crm_account_plan_free(a);

  /* A rule set without an "account" section has no planner. */
  CHECK(crm_ruleset_builtin(&grading, NULL) == CRM_OK);
  CHECK(crm_account_planner_from_ruleset(&none, grading, &err) == CRM_E_INVALID_RULE);
  CHECK(none == NULL);
  CHECK(strlen(crm_error_message(err)) > 0);
  crm_error_free(err);
  crm_ruleset_free(grading);

  /* Freeing the built-in planner, or NULL, does nothing. */
  crm_account_planner_free((crm_account_planner *)builtin);
  crm_account_planner_free(NULL);
  crm_account_plan_free(NULL);
  CHECK(crm_account_planner_builtin(&builtin, NULL) == CRM_OK);
  a = plan_of(builtin, doc, NULL);
  CHECK(a != NULL);
  crm_account_plan_free(a);
}

static void bad_arguments(void) {
  const crm_account_planner *planner = NULL;
  crm_account_plan *plan = NULL;
  crm_account_counts counts = CRM_ACCOUNT_COUNTS_INIT;
  crm_account_action action = CRM_ACCOUNT_ACTION_INIT;
  crm_error *err = NULL;
  char *text = NULL;
  const char *type = NULL;
  const char *doc = "{\"customer\": {\"name\": \"东风集团\"}}";

  CHECK(crm_account_planner_builtin(NULL, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strcmp(crm_error_message(err), "argument 'out' is NULL") == 0);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_account_planner_builtin(&planner, NULL) == CRM_OK);
  CHECK(crm_account_planner_plan(&plan, NULL, doc, strlen(doc), &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strcmp(crm_error_message(err), "argument 'planner' is NULL") == 0);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_account_planner_plan(&plan, planner, NULL, 3, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strcmp(crm_error_message(err), "argument 'json' is NULL") == 0);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_account_planner_from_ruleset(NULL, NULL, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_account_builtin_json(NULL, NULL, NULL) == CRM_E_INVALID_ARGUMENT);

  plan = plan_of(planner, doc, NULL);
  CHECK(plan != NULL);
  if (plan == NULL) return;
  CHECK(crm_account_plan_json(NULL, NULL, plan, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_account_plan_json(&text, NULL, NULL, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strcmp(crm_error_message(err), "argument 'plan' is NULL") == 0);
  CHECK(text == NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_account_plan_type(NULL, plan, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_account_plan_type(&type, NULL, NULL) == CRM_E_INVALID_ARGUMENT && type == NULL);

  /* A language that is neither: the message names both. */
  CHECK(crm_account_plan_text(&text, NULL, plan, 2, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "CRM_LANG_ZH") != NULL && strstr(crm_error_message(err), "not 2") != NULL);
  CHECK(text == NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_account_plan_action(&action, plan, 0, -1, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "CRM_LANG_EN") != NULL);
  CHECK(action.id == NULL);
  crm_error_free(err);
  err = NULL;

  /* Sized structs whose size was never set: refused, naming the INIT macro, untouched. */
  counts.size = 0;
  CHECK(crm_account_plan_counts(&counts, plan, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "CRM_ACCOUNT_COUNTS_INIT") != NULL);
  CHECK(counts.clarities == 0);
  crm_error_free(err);
  err = NULL;
  action.size = 5000;
  CHECK(crm_account_plan_action(&action, plan, 0, CRM_LANG_ZH, &err) == CRM_E_INVALID_ARGUMENT);
  CHECK(strstr(crm_error_message(err), "CRM_ACCOUNT_ACTION_INIT") != NULL);
  CHECK(action.id == NULL);
  crm_error_free(err);
  err = NULL;
  CHECK(crm_account_plan_counts(NULL, plan, NULL) == CRM_E_INVALID_ARGUMENT);
  CHECK(crm_account_plan_action(NULL, plan, 0, CRM_LANG_ZH, NULL) == CRM_E_INVALID_ARGUMENT);

  /* A newer caller's longer crm_account_counts: the members this library knows are
   * filled, the caller's extra bytes left as they were. */
  {
    struct {
      crm_account_counts counts;
      unsigned char newer[16];
    } longer;
    size_t k;
    memset(&longer, 0xAB, sizeof longer);
    longer.counts.size = sizeof longer;
    CHECK(crm_account_plan_counts(&longer.counts, plan, NULL) == CRM_OK);
    CHECK(longer.counts.size == sizeof longer);
    CHECK(longer.counts.clarities == 9 && longer.counts.clarities_known == 0 && longer.counts.stakeholders == 0);
    CHECK(longer.counts.next_actions > 0);
    for (k = 0; k < sizeof longer.newer; ++k) CHECK(longer.newer[k] == 0xAB);
  }
  crm_account_plan_free(plan);
}

int main(int argc, char **argv) {
  size_t len = 0;
  char *doc;
  if (argc < 2 || (doc = read_file(argv[1], &len)) == NULL) {
    fprintf(stderr, "usage: %s tests/cli/account_camera.json\n", argv[0]);
    return 2;
  }
  layouts_only_grow();
  camera_case(doc, len);
  free(doc);
  name_only();
  bad_documents();
  from_ruleset();
  bad_arguments();
  return check_summary();
}
