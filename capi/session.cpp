// crm_session_*: the C face of crm::Machine and crm::Session. Conversion and error
// mapping only.
#include <cstring>
#include <optional>

#include "capi/internal/bridge.hpp"
#include "capi/internal/ruleset_handle.hpp"
#include "crmrules/json.hpp"
#include "crmrules/replay.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/session.hpp"
#include "crmrules_session.h"

struct crm_session {
  crm::Session session;
};

namespace crm::capi {

// The options structs grow (bridge.hpp, Growth): where each version's members end.
template <>
struct Growth<crm_session_save_options> {
  static constexpr const char* name = "crm_session_save_options";
  static constexpr const char* init = "CRM_SESSION_SAVE_OPTIONS_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_session_save_options, key_len)};  // ABI 1
};
template <>
struct Growth<crm_session_restore_options> {
  static constexpr const char* name = "crm_session_restore_options";
  static constexpr const char* init = "CRM_SESSION_RESTORE_OPTIONS_INIT";
  static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_session_restore_options, key_len)};  // ABI 1
};

namespace {

/// The key of save or restore options (read by read_options): none when `key` is NULL.
template <class Options>
[[nodiscard]] expected<std::optional<SessionKey>> key_of(const Options& o) {
  if (o.key == nullptr) {
    if (o.key_len != 0)
      return fail(ErrorCode::invalid_argument, "argument 'options' has key NULL but key_len " +
                                                   std::to_string(o.key_len) + ": give both or neither");
    return std::optional<SessionKey>();
  }
  return std::optional<SessionKey>(SessionKey(std::span<const std::uint8_t>(o.key, o.key_len)));
}

/// Saves `session` into the caller's buffer: *out_len is always the size needed.
crm_status deliver_bytes(unsigned char* buffer, size_t capacity, size_t* out_len,
                         const std::vector<std::uint8_t>& bytes, crm_error** err) {
  *out_len = bytes.size();
  if (bytes.size() > capacity)
    return report(err, Error{ErrorCode::buffer_too_small,
                             "the saved session needs " + std::to_string(bytes.size()) + " bytes, the buffer has " +
                                 std::to_string(capacity),
                             {}});
  if (!bytes.empty()) std::memcpy(buffer, bytes.data(), bytes.size());
  return CRM_OK;
}

crm_status out_json(char** out, size_t* out_len, const expected<std::string>& s, crm_error** err) {
  if (!s) return report(err, s.error());
  return out_string(out, out_len, *s);
}

crm_status deliver_session(crm_session** out, expected<Session>&& s, crm_error** err) {
  if (!s) return report(err, std::move(s).error());
  *out = new crm_session{std::move(*s)};
  return CRM_OK;
}

/// The common shape of the JSON getters.
template <class F>
crm_status json_view(char** out, size_t* out_len, const crm_session* session, crm_error** err, F&& view) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    return out_json(out, out_len, expected<std::string>(view(session->session)), err);
  });
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_ruleset_load_builtin_machines(crm_ruleset** out, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    *out = new crm_ruleset{crm::Machine::builtin_rules()};
    return CRM_OK;
  });
}

const char* crm_builtin_machines_json(size_t* out_len) {
  const std::string_view json = crm::Machine::builtin_json();
  if (out_len != nullptr) *out_len = json.size();
  return json.data();
}

crm_status crm_ruleset_machines_json(char** out, size_t* out_len, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    crm::Value::List names;
    for (auto& name : crm::Machine::names(rules->rules)) names.emplace_back(std::move(name));
    return out_string(out, out_len, crm::to_json(crm::Value(std::move(names))));
  });
}

crm_status crm_session_create(crm_session** out, const crm_ruleset* rules, const char* machine, size_t len,
                              crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    auto name = text_arg(machine, len, "machine");
    if (!name) return report(err, name.error());
    return deliver_session(out, crm::Session::start(rules->rules, *name), err);
  });
}

crm_status crm_session_create_builtin(crm_session** out, const char* machine, size_t len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    auto name = text_arg(machine, len, "machine");
    if (!name) return report(err, name.error());
    return deliver_session(out, crm::Session::start(crm::Machine::builtin_rules(), *name), err);
  });
}

crm_status crm_session_copy(crm_session** out, const crm_session* session, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    *out = new crm_session{session->session};
    return CRM_OK;
  });
}

void crm_session_free(crm_session* session) { delete session; }

crm_status crm_session_fire(crm_session* session, const char* event, size_t event_len, const char* data,
                            size_t data_len, int64_t time, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    auto name = text_arg(event, event_len, "event");
    if (!name) return report(err, name.error());
    auto json = text_arg(data, data_len, "data");
    if (!json) return report(err, json.error());
    auto to = session->session.fire_json(*name, *json, time);
    if (!to) return report(err, to.error());
    return CRM_OK;
  });
}

crm_status crm_session_replay_json(char** out, size_t* out_len, crm_session* session, const char* script, size_t len,
                                   crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    auto text = text_arg(script, len, "script");
    if (!text) return report(err, text.error());
    auto replay = crm::replay_json(session->session, *text);
    if (!replay) return report(err, replay.error());
    return out_string(out, out_len, replay->to_json());
  });
}

crm_status crm_session_state(const char** out, size_t* out_index, const crm_session* session, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    *out = session->session.state_name().c_str();
    if (out_index != nullptr) *out_index = session->session.state();
    return CRM_OK;
  });
}

crm_status crm_session_is_final(int* out, const crm_session* session, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    *out = session->session.is_final() ? 1 : 0;
    return CRM_OK;
  });
}

crm_status crm_session_machine(const char** out, const crm_session* session, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    // The session keeps its machine's definition alive: the name outlives this Machine.
    *out = session->session.machine().name().c_str();
    return CRM_OK;
  });
}

crm_status crm_session_state_count(size_t* out, const crm_session* session, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    *out = session->session.machine().state_count();
    return CRM_OK;
  });
}

crm_status crm_session_state_name(const char** out, const crm_session* session, size_t index, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    const crm::Machine m = session->session.machine();
    if (index >= m.state_count())
      return report(err, crm::Error{crm::ErrorCode::out_of_range,
                                    "state " + std::to_string(index) + " does not exist (the machine has " +
                                        std::to_string(m.state_count()) + " states)",
                                    {}});
    *out = m.state_name(static_cast<crm::StateId>(index)).c_str();
    return CRM_OK;
  });
}

crm_status crm_session_set_lang(crm_session* session, int lang, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    crm::Lang chosen{};
    if (auto s = lang_arg(chosen, lang, err); s != CRM_OK) return s;
    session->session.set_lang(chosen);
    return CRM_OK;
  });
}

crm_status crm_session_lang(int* out, const crm_session* session, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    *out = static_cast<int>(session->session.lang());
    return CRM_OK;
  });
}

crm_status crm_session_classify_json(char** out, size_t* out_len, const crm_session* session, const char* classifier,
                                     size_t classifier_len, const char* words, size_t words_len, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    auto name = text_arg(classifier, classifier_len, "classifier");
    if (!name) return report(err, name.error());
    auto text = text_arg(words, words_len, "words");
    if (!text) return report(err, text.error());
    auto c = session->session.machine().classify(*name, *text);
    if (!c) return report(err, c.error());
    return out_string(out, out_len, c->to_json());
  });
}

crm_status crm_session_classifiers_json(char** out, size_t* out_len, const crm_session* session, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    crm::Value::List names;
    for (auto& name : session->session.machine().classifier_names()) names.emplace_back(std::move(name));
    return out_string(out, out_len, crm::to_json(crm::Value(std::move(names))));
  });
}

crm_status crm_session_allowed_json(char** out, size_t* out_len, const crm_session* session, crm_error** err) {
  return json_view(out, out_len, session, err, [](const crm::Session& s) { return s.allowed_events_json(); });
}

crm_status crm_session_context_json(char** out, size_t* out_len, const crm_session* session, crm_error** err) {
  return json_view(out, out_len, session, err, [](const crm::Session& s) { return s.context_json(); });
}

crm_status crm_session_needs_json(char** out, size_t* out_len, const crm_session* session, crm_error** err) {
  return json_view(out, out_len, session, err, [](const crm::Session& s) { return s.needs_json(); });
}

crm_status crm_session_recommendations_json(char** out, size_t* out_len, const crm_session* session,
                                            crm_error** err) {
  return json_view(out, out_len, session, err, [](const crm::Session& s) { return s.recommendations_json(); });
}

crm_status crm_session_benefits_json(char** out, size_t* out_len, const crm_session* session, crm_error** err) {
  return json_view(out, out_len, session, err, [](const crm::Session& s) { return s.benefits_json(); });
}

crm_status crm_session_audit_json(char** out, size_t* out_len, const crm_session* session, crm_error** err) {
  return json_view(out, out_len, session, err, [](const crm::Session& s) { return s.audit_json(); });
}

crm_status crm_session_status_json(char** out, size_t* out_len, const crm_session* session, crm_error** err) {
  return json_view(out, out_len, session, err, [](const crm::Session& s) { return s.status_json(); });
}

crm_status crm_session_save(unsigned char* buffer, size_t capacity, size_t* out_len, const crm_session* session,
                            crm_error** err) {
  return crm_session_save_with(buffer, capacity, out_len, session, nullptr, err);
}

crm_status crm_session_save_with(unsigned char* buffer, size_t capacity, size_t* out_len, const crm_session* session,
                                 const crm_session_save_options* c_options, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out_len, "out_len", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    if (capacity > 0)
      if (auto s = require(buffer, "buffer", err); s != CRM_OK) return s;
    crm_session_save_options options;
    if (auto s = read_options(options, c_options, "options", err); s != CRM_OK) return s;
    auto key = key_of(options);
    if (!key) return report(err, key.error());
    thread_local std::vector<std::uint8_t> bytes;
    if (!*key) {
      session->session.save(bytes);
    } else if (auto ok = session->session.save(**key, bytes); !ok) {
      return report(err, ok.error());
    }
    return deliver_bytes(buffer, capacity, out_len, bytes, err);
  });
}

crm_status crm_session_save_json(char** out, size_t* out_len, const crm_session* session, crm_error** err) {
  return crm_session_save_json_with(out, out_len, session, nullptr, err);
}

crm_status crm_session_save_json_with(char** out, size_t* out_len, const crm_session* session,
                                      const crm_session_save_options* c_options, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(session, "session", err); s != CRM_OK) return s;
    crm_session_save_options options;
    if (auto s = read_options(options, c_options, "options", err); s != CRM_OK) return s;
    auto key = key_of(options);
    if (!key) return report(err, key.error());
    if (!*key) return out_string(out, out_len, session->session.save_json());
    return out_json(out, out_len, session->session.save_json(**key), err);
  });
}

crm_status crm_session_restore(crm_session** out, const crm_ruleset* rules, const unsigned char* bytes, size_t len,
                               crm_error** err) {
  return crm_session_restore_with(out, rules, bytes, len, nullptr, err);
}

crm_status crm_session_restore_with(crm_session** out, const crm_ruleset* rules, const unsigned char* bytes, size_t len,
                                    const crm_session_restore_options* c_options, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    if (len > 0)
      if (auto s = require(bytes, "bytes", err); s != CRM_OK) return s;
    crm_session_restore_options options;
    if (auto s = read_options(options, c_options, "options", err); s != CRM_OK) return s;
    auto key = key_of(options);
    if (!key) return report(err, key.error());
    const std::span<const std::uint8_t> saved(bytes, len);
    return deliver_session(
        out, *key ? crm::Session::restore(rules->rules, saved, **key) : crm::Session::restore(rules->rules, saved),
        err);
  });
}

crm_status crm_session_restore_json(crm_session** out, const crm_ruleset* rules, const char* json, size_t len,
                                    crm_error** err) {
  return crm_session_restore_json_with(out, rules, json, len, nullptr, err);
}

crm_status crm_session_restore_json_with(crm_session** out, const crm_ruleset* rules, const char* json, size_t len,
                                         const crm_session_restore_options* c_options, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    auto text = text_arg(json, len, "json");
    if (!text) return report(err, text.error());
    crm_session_restore_options options;
    if (auto s = read_options(options, c_options, "options", err); s != CRM_OK) return s;
    auto key = key_of(options);
    if (!key) return report(err, key.error());
    return deliver_session(
        out,
        *key ? crm::Session::restore_json(rules->rules, *text, **key) : crm::Session::restore_json(rules->rules, *text),
        err);
  });
}

}  // extern "C"
