// Session: the saved JSON document, and restoring it with every check. (The bytes are
// save_binary.cpp.)
//
//   {"crmrules_session": 1, "rule_set", "rule_set_version", "machine", "machine_version",
//    "definition" (the definition's hash, 16 hex digits), "state", "last_transition" (an
//    index, or null), "context" {field: value}, "needs" [need], "audit" [{"time", "event",
//    "from", "to", "transition" (an index), "data" {field: value}}], "seal" (sealed only)}
//
// Decimals other than short integers are strings, so that they read back exactly
// (write_exact).
//
// Restoring is strict: every member must be there (nothing takes a default), and the
// document must be consistent: its audit trail chains from the initial state through the
// machine's transitions to the saved state. Then either
// - sealed ("seal": "hmac-sha256:" and 64 hex digits, restored under a key): the seal must
//   be the HMAC-SHA-256 under the key of the session's canonical document, the one
//   save_json() writes for the session read; so members may come in any order and with
//   any spacing, but nothing that changes the session passes; or
// - not sealed (no key): the audit trail is replayed from the initial state, and the
//   state, last transition, context and needs it gives must be the saved ones.
#include <cstdio>

#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/json/writer.hpp"
#include "src/machine/compiled.hpp"
#include "src/machine/seal.hpp"
#include "src/machine/session_access.hpp"
#include "src/machine/session_json.hpp"
#include "src/ruleset/loader.hpp"
#include "crmrules/session.hpp"

namespace crm {

namespace {

constexpr std::int64_t json_format_version = 1;
/// A seal's text: the algorithm, then the MAC's 64 lowercase hex digits.
constexpr std::string_view seal_prefix = "hmac-sha256:";

using internal::JsonArray;
using internal::JsonObject;
using internal::JsonReader;
using internal::machine::check_key;
using internal::machine::CompiledMachine;
using internal::machine::Decimals;
using internal::machine::hmac_sha256;
using internal::machine::Mac;
using internal::machine::mac_from_hex;
using internal::machine::mac_hex;
using internal::machine::same_mac;

/// A definition's hash as the document names it: 16 lowercase hex digits.
std::string definition_hex(std::uint64_t hash) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

[[nodiscard]] expected<std::string> string_at(const JsonReader& r) {
  auto s = r.string();
  if (!s) return unexpected(s.error());
  return std::string(*s);
}

[[nodiscard]] expected<std::vector<std::string>> strings_at(const JsonReader& r) {
  auto arr = r.array();
  if (!arr) return unexpected(arr.error());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < (*arr)->size(); ++i) {
    auto s = string_at(r.at(i));
    if (!s) return unexpected(s.error());
    out.push_back(std::move(*s));
  }
  return out;
}

[[nodiscard]] expected<std::uint32_t> index_at(const JsonReader& r, std::size_t limit, const char* what) {
  auto i = r.integer();
  if (!i) return unexpected(i.error());
  if (*i < 0 || static_cast<std::uint64_t>(*i) >= limit)
    return r.error(ErrorCode::corrupt, std::string(what) + " " + std::to_string(*i) + " does not exist");
  return static_cast<std::uint32_t>(*i);
}

/// A member derived from the need's others (as the views write it): present, and what
/// they give.
[[nodiscard]] expected<void> check_derived(const JsonReader& r, const char* key, bool expected_value) {
  auto got = r[key].boolean();
  if (!got) return unexpected(got.error());
  if (*got != expected_value)
    return r[key].error(ErrorCode::corrupt, std::string(key) + " is " + (*got ? "true" : "false") +
                                                ", but the need's other members make it " +
                                                (expected_value ? "true" : "false"));
  return {};
}

/// The need's members that are derived from the others must agree with them.
[[nodiscard]] expected<void> check_need_views(const JsonReader& r, const Need& n) {
  if (auto ok = check_derived(r, "explicit", n.is_explicit()); !ok) return ok;
  if (auto ok = check_derived(r, "buying_signal", n.is_buying_signal(DealSize::large)); !ok) return ok;
  const auto group = maslow_group(n.level);
  const JsonReader saved = r["maslow_group"];
  if (!group && saved.exists())
    return saved.error(ErrorCode::corrupt, "level '" + std::string(to_string(n.level)) + "' has no Maslow group");
  if (!group) return {};
  auto text = saved.string();
  if (!text) return unexpected(text.error());
  if (*text != to_string(*group))
    return saved.error(ErrorCode::corrupt, "level '" + std::string(to_string(n.level)) + "' is in Maslow group '" +
                                               std::string(to_string(*group)) + "', not '" + std::string(*text) + "'");
  return {};
}

[[nodiscard]] expected<Need> need_at(const JsonReader& r) {
  if (auto keys =
          r.only_keys({"id", "description", "category", "stakeholder", "owner", "level", "maslow_group", "stated",
                       "explicit", "buying_signal", "problems", "implications", "payoffs", "benefits"});
      !keys)
    return unexpected(keys.error());
  Need n;
  for (auto [key, out] : {std::pair{"id", &n.id}, std::pair{"description", &n.description},
                          std::pair{"category", &n.category}, std::pair{"stakeholder", &n.stakeholder}}) {
    auto s = string_at(r[key]);
    if (!s) return unexpected(s.error());
    *out = std::move(*s);
  }
  auto owner_text = r["owner"].string();
  if (!owner_text) return unexpected(owner_text.error());
  auto owner = parse_need_owner(*owner_text);
  if (!owner) return r["owner"].error(owner.error().code, owner.error().message);
  n.owner = *owner;
  auto level_text = r["level"].string();
  if (!level_text) return unexpected(level_text.error());
  auto level = parse_need_level(*level_text, n.owner);
  if (!level) return r["level"].error(level.error().code, level.error().message);
  n.level = *level;
  auto stated = r["stated"].boolean();
  if (!stated) return unexpected(stated.error());
  n.stated = *stated;
  for (auto [key, out] : {std::pair{"problems", &n.problems}, std::pair{"implications", &n.implications},
                          std::pair{"payoffs", &n.payoffs}, std::pair{"benefits", &n.benefits}}) {
    auto list = strings_at(r[key]);
    if (!list) return unexpected(list.error());
    *out = std::move(*list);
  }
  if (auto ok = check_need_views(r, n); !ok) return unexpected(ok.error());
  return n;
}

/// The value of field `f` at `r`, which must be there (null when the field has none).
[[nodiscard]] expected<Value> field_value(const Field& f, const JsonReader& r, const char* what) {
  if (!r.exists())
    return r.error(ErrorCode::missing, std::string(what) + " '" + f.name +
                                           "' is missing: a saved session has every field (null when it has no value)");
  auto v = internal::value_from_json(*r.raw(), r);
  if (!v) return unexpected(v.error());
  if (v->is_null()) return Value();
  auto accepted = f.accept(*v);
  if (!accepted) return r.error(accepted.error().code, accepted.error().message);
  return accepted;
}

/// Only the fields of `fields` in the object at `r` (what a field of that name is: `what`).
[[nodiscard]] expected<void> only_fields(const JsonReader& r, const Schema& fields, const char* what) {
  auto obj = r.object();
  if (!obj) return unexpected(obj.error());
  for (const auto& member : **obj) {
    const std::string_view key(member.key().data(), member.key().size());
    if (!fields.slot_of(key))
      return r[key].error(ErrorCode::unknown_name, "unknown " + std::string(what) + " '" + std::string(key) + "'");
  }
  return {};
}

/// Two values that are the same, a decimal's scale included.
[[nodiscard]] bool identical(const Value& a, const Value& b) {
  if (!(a == b)) return false;
  return a.kind() != ValueKind::decimal || a.as_decimal().scale() == b.as_decimal().scale();
}

/// The first member in which two needs differ.
[[nodiscard]] const char* first_difference(const Need& a, const Need& b) {
  if (a.id != b.id) return "id";
  if (a.description != b.description) return "description";
  if (a.category != b.category) return "category";
  if (a.stakeholder != b.stakeholder) return "stakeholder";
  if (a.owner != b.owner) return "owner";
  if (a.level != b.level) return "level";
  if (a.stated != b.stated) return "stated";
  if (a.problems != b.problems) return "problems";
  if (a.implications != b.implications) return "implications";
  if (a.payoffs != b.payoffs) return "payoffs";
  return "benefits";
}

/// A transition index as an error message names it.
[[nodiscard]] std::string transition_name(std::uint32_t t) {
  return t == internal::machine::none ? std::string("null") : std::to_string(t);
}

/// A value as an error message quotes it.
[[nodiscard]] std::string quoted(const Value& v) { return v.is_null() ? "null" : v.to_string(); }

/// The document's keys and its format.
[[nodiscard]] expected<void> check_format(const JsonReader& root) {
  if (auto keys = root.only_keys({"crmrules_session", "rule_set", "rule_set_version", "machine", "machine_version",
                                  "definition", "state", "last_transition", "context", "needs", "audit", "seal"});
      !keys)
    return unexpected(keys.error());
  auto format = root["crmrules_session"].integer();
  if (!format) return unexpected(format.error());
  if (*format != json_format_version)
    return root["crmrules_session"].error(ErrorCode::version_mismatch,
                                          "saved session format " + std::to_string(*format) +
                                              " is not supported (this library reads format 1)");
  return {};
}

[[gnu::cold]] unexpected unauthenticated(const JsonReader& r, std::string message) {
  return r.error(ErrorCode::unauthenticated, std::move(message));
}

/// The document's seal: none without a key; under a key, the MAC it carries. A sealed
/// document without a key, or one without its seal under a key, is refused.
[[nodiscard]] expected<Mac> read_seal(const JsonReader& root, const SessionKey* key) {
  const JsonReader seal = root["seal"];
  if (key == nullptr) {
    if (seal.exists())
      return unauthenticated(seal, "the session is sealed: restore it with the key it was sealed under");
    return Mac{};
  }
  if (!seal.exists())
    return unauthenticated(root,
                           "the session is not sealed: a restore under a key takes only sessions sealed "
                           "under that key");
  auto text = seal.string();
  if (!text) return unauthenticated(seal, "the seal is not a string");
  Mac mac{};
  if (!text->starts_with(seal_prefix) || !mac_from_hex(text->substr(seal_prefix.size()), mac))
    return unauthenticated(seal, "the seal is not \"" + std::string(seal_prefix) + "\" and 64 lowercase hex digits");
  return mac;
}

/// The versions a document names: the rule set's and the machine's when it was saved, and
/// the definition's hash (a seal is checked with what was saved: a rule set whose
/// machine does the same may have another version, or a session saved by 0.5 the
/// hash of the definition's text).
struct Versions {
  std::string_view rule_set, machine;
  std::uint64_t definition = 0;  // the definition's hash it names
};

}  // namespace

/// Saving to JSON and restoring from it: the steps, with access to the session.
struct SessionAccess::Json {
  [[nodiscard]] static std::string save(const Session& s) { return save(s, current(s)); }

  /// What a session saved now names: its machine as loaded.
  [[nodiscard]] static Versions current(const Session& s) {
    return {s.m_->rule_set_version, s.m_->version, s.m_->hash};
  }

  /// The document without a seal, naming `versions`.
  [[nodiscard]] static std::string save(const Session& s, const Versions& versions) {
    std::string out;
    JsonObject o(out);
    write_members(o, s, versions);
    o.close();
    return out;
  }

  /// The document with its seal last: the MAC under `key` of the document without it,
  /// which is save(s): the same members, closed.
  [[nodiscard]] static expected<std::string> save(const Session& s, SessionKey key) {
    if (auto ok = check_key(key.bytes()); !ok) return unexpected(ok.error());
    std::string out;
    JsonObject o(out);
    write_members(o, s, current(s));
    auto mac = hmac_sha256(key.bytes(), {out, "}"});
    if (!mac) return unexpected(mac.error());
    o.string("seal", std::string(seal_prefix) + mac_hex(*mac));
    o.close();
    return out;
  }

  /// Every member but the seal.
  static void write_members(JsonObject& o, const Session& s, const Versions& versions) {
    const CompiledMachine& m = *s.m_;
    std::string& out = o.out();
    o.number("crmrules_session", json_format_version)
        .string("rule_set", m.rule_set)
        .string("rule_set_version", versions.rule_set)
        .string("machine", m.name)
        .string("machine_version", versions.machine)
        .string("definition", definition_hex(versions.definition))
        .string("state", s.state_name());
    if (s.last_transition_ == internal::machine::none) o.null("last_transition");
    else o.number("last_transition", std::uint64_t{s.last_transition_});
    o.key("context");
    internal::machine::write_fields(out, m.context.fields(), s.frame_.data(), Decimals::exact);
    o.key("needs");
    internal::machine::write_needs(out, s.needs_, DealSize::large);
    o.key("audit");
    write_audit(out, s);
  }

  /// The audit trail as saved: each entry's transition by index, its data exactly.
  static void write_audit(std::string& out, const Session& s) {
    const CompiledMachine& m = *s.m_;
    JsonArray audit(out);
    for (const Session::Entry& e : s.audit_) {
      JsonObject entry(audit.item());
      entry.number("time", e.time)
          .string("event", m.events[e.event].name)
          .string("from", m.states[e.from].name)
          .string("to", m.states[e.to].name)
          .number("transition", std::uint64_t{e.transition})
          .key("data");
      internal::machine::write_fields(out, m.events[e.event].data.fields(), s.audit_data_.data() + e.data_begin,
                                      Decimals::exact);
    }
  }

  [[nodiscard]] static expected<Session> restore(const RuleSet& rules, std::string_view json, const SessionKey* key) {
    if (key != nullptr)
      if (auto ok = check_key(key->bytes()); !ok) return unexpected(ok.error());
    auto doc = internal::parse_json(json);
    if (!doc) return unexpected(doc.error());
    auto s = restore(rules, JsonReader(&*doc, ""), key);
    if (!s) {
      Error e = s.error();
      if (!e.where.pointer.empty() && e.where.line == 0) e.where = internal::locate(json, e.where.pointer);
      return unexpected(std::move(e));
    }
    return s;
  }

  /// The session the parsed document holds; errors located by their JSON pointer only.
  [[nodiscard]] static expected<Session> restore(const RuleSet& rules, const JsonReader& root, const SessionKey* key) {
    if (auto ok = check_format(root); !ok) return unexpected(ok.error());
    auto seal = read_seal(root, key);
    if (!seal) return unexpected(seal.error());
    Versions versions;
    auto machine = saved_machine(root, rules, versions);
    if (!machine) return unexpected(machine.error());
    Session s(*machine);
    if (auto ok = read_position(root, s); !ok) return unexpected(ok.error());
    if (auto ok = read_context(root["context"], s); !ok) return unexpected(ok.error());
    if (auto ok = read_needs(root["needs"], s); !ok) return unexpected(ok.error());
    if (auto ok = read_audit(root["audit"], s); !ok) return unexpected(ok.error());
    if (auto ok = check_trail_end(root, s); !ok) return unexpected(ok.error());
    count_needs(s);
    auto ok = key != nullptr ? check_seal(root["seal"], s, versions, *key, *seal) : check_replay(root, s);
    if (!ok) return unexpected(ok.error());
    return s;
  }

  /// The rule set's machine the document names, if its definition is the one saved; the
  /// versions it names into `versions`.
  [[nodiscard]] static expected<Machine> saved_machine(const JsonReader& root, const RuleSet& rules,
                                                       Versions& versions) {
    auto rule_set = string_at(root["rule_set"]);
    if (!rule_set) return unexpected(rule_set.error());
    if (*rule_set != rules.name())
      return root["rule_set"].error(ErrorCode::version_mismatch, "the session was saved under rule set '" + *rule_set +
                                                                     "', not '" + rules.name() + "'");
    auto rule_set_version = root["rule_set_version"].string();  // views into the document, as `versions`
    if (!rule_set_version) return unexpected(rule_set_version.error());
    auto machine_version = root["machine_version"].string();
    if (!machine_version) return unexpected(machine_version.error());
    auto name = string_at(root["machine"]);
    if (!name) return unexpected(name.error());
    auto machine = Machine::find(rules, *name);
    if (!machine) return root["machine"].error(machine.error().code, machine.error().message);
    auto definition = string_at(root["definition"]);
    if (!definition) return unexpected(definition.error());
    const CompiledMachine& m = *machine->m_;
    const std::uint64_t saved_hash = *definition == definition_hex(m.text_hash) ? m.text_hash : m.hash;
    if (*definition != definition_hex(saved_hash)) {
      auto e = internal::machine::definition_changed(*machine->m_, *rule_set_version, *machine_version);
      return root["definition"].error(e.error().code, e.error().message);
    }
    versions = {*rule_set_version, *machine_version, saved_hash};
    return machine;
  }

  /// The state and the last transition (null before the first event).
  [[nodiscard]] static expected<void> read_position(const JsonReader& root, Session& s) {
    auto state = string_at(root["state"]);
    if (!state) return unexpected(state.error());
    auto sid = s.machine().state_id(*state);
    if (!sid) return root["state"].error(sid.error().code, sid.error().message);
    s.state_ = *sid;
    const JsonReader last = root["last_transition"];
    if (!last.exists()) return last.error(ErrorCode::missing, "missing last_transition (null before the first event)");
    if (!last.raw()->is_null()) {
      auto t = index_at(last, s.m_->transitions.size(), "transition");
      if (!t) return unexpected(t.error());
      s.last_transition_ = *t;
    }
    return {};
  }

  /// The context's values: every field, and no other.
  [[nodiscard]] static expected<void> read_context(const JsonReader& context, Session& s) {
    const Schema& fields = s.m_->context;
    if (auto ok = only_fields(context, fields, "context field"); !ok) return ok;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      auto v = field_value(fields.fields()[i], context[fields.fields()[i].name], "context field");
      if (!v) return unexpected(v.error());
      s.frame_[i] = std::move(*v);
    }
    return {};
  }

  [[nodiscard]] static expected<void> read_needs(const JsonReader& needs, Session& s) {
    auto list = needs.array();
    if (!list) return unexpected(list.error());
    for (std::size_t i = 0; i < (*list)->size(); ++i) {
      auto need = need_at(needs.at(i));
      if (!need) return unexpected(need.error());
      s.needs_.push_back(std::move(*need));
    }
    return {};
  }

  [[nodiscard]] static expected<void> read_audit(const JsonReader& audit, Session& s) {
    auto entries = audit.array();
    if (!entries) return unexpected(entries.error());
    for (std::size_t i = 0; i < (*entries)->size(); ++i)
      if (auto ok = read_entry(audit.at(i), s); !ok) return ok;
    return {};
  }

  /// One audit entry: a transition of the machine whose names match it, from the state
  /// the entry before it left (the initial state first), not before the entry before it,
  /// with data for every field of the event.
  [[nodiscard]] static expected<void> read_entry(const JsonReader& er, Session& s) {
    const CompiledMachine& m = *s.m_;
    if (auto keys = er.only_keys({"time", "event", "from", "to", "transition", "data"}); !keys) return keys;
    Session::Entry e{};
    auto time = er["time"].integer();
    if (!time) return unexpected(time.error());
    e.time = *time;
    if (!s.audit_.empty() && e.time < s.audit_.back().time)
      return er["time"].error(ErrorCode::corrupt, "time " + std::to_string(e.time) + " is before the entry before it");
    auto t = index_at(er["transition"], m.transitions.size(), "transition");
    if (!t) return unexpected(t.error());
    const auto& tr = m.transitions[*t];
    e.transition = *t;
    e.event = tr.event;
    e.from = tr.from;
    e.to = tr.to;
    if (auto ok = check_entry_names(er, m, *t); !ok) return ok;
    const std::uint32_t at = s.audit_.empty() ? m.initial : s.audit_.back().to;
    if (e.from != at)
      return er["from"].error(ErrorCode::corrupt, "the entry starts in state '" + m.states[e.from].name +
                                                      "', but the audit trail is in '" + m.states[at].name +
                                                      (s.audit_.empty() ? "' (the initial state)" : "'"));
    e.data_begin = static_cast<std::uint32_t>(s.audit_data_.size());
    const Schema& data = m.events[tr.event].data;
    if (auto ok = only_fields(er["data"], data, "data field"); !ok) return ok;
    for (const auto& f : data.fields()) {
      auto v = field_value(f, er["data"][f.name], "data field");
      if (!v) return unexpected(v.error());
      s.audit_data_.push_back(std::move(*v));
    }
    s.audit_.push_back(e);
    return {};
  }

  /// The entry's event, from and to are those of its transition `t`.
  [[nodiscard]] static expected<void> check_entry_names(const JsonReader& er, const CompiledMachine& m,
                                                        std::uint32_t t) {
    const auto& tr = m.transitions[t];
    for (auto [key, expected_name] :
         {std::pair{"event", &m.events[tr.event].name}, std::pair{"from", &m.states[tr.from].name},
          std::pair{"to", &m.states[tr.to].name}}) {
      auto got = string_at(er[key]);
      if (!got) return unexpected(got.error());
      if (*got != *expected_name)
        return er[key].error(ErrorCode::corrupt, std::string(key) + " '" + *got + "' does not match transition " +
                                                     std::to_string(t) + " ('" + *expected_name + "')");
    }
    return {};
  }

  /// The state is where the audit trail ends (the initial state when it is empty), and the
  /// last transition is its last entry's.
  [[nodiscard]] static expected<void> check_trail_end(const JsonReader& root, const Session& s) {
    const CompiledMachine& m = *s.m_;
    const std::uint32_t end = s.audit_.empty() ? m.initial : s.audit_.back().to;
    if (s.state_ != end)
      return root["state"].error(ErrorCode::corrupt, "the session is in state '" + m.states[s.state_].name +
                                                         "', but its audit trail ends in '" + m.states[end].name +
                                                         (s.audit_.empty() ? "' (the initial state)" : "'"));
    const std::uint32_t last = s.audit_.empty() ? internal::machine::none : s.audit_.back().transition;
    if (s.last_transition_ != last)
      return root["last_transition"].error(
          ErrorCode::corrupt, "the last transition is " + transition_name(s.last_transition_) + ", but " +
                                  (s.audit_.empty() ? std::string("the audit trail is empty (null)")
                                                    : "the audit trail's last entry took " + transition_name(last)));
    return {};
  }

  /// Under a key: the seal is the MAC of the session's canonical document (naming the
  /// versions the document names).
  [[nodiscard]] static expected<void> check_seal(const JsonReader& seal, const Session& s, const Versions& versions,
                                                 SessionKey key, const Mac& saved) {
    auto mac = hmac_sha256(key.bytes(), {save(s, versions)});
    if (!mac) return unexpected(mac.error());
    if (!same_mac(mac->data(), saved.data()))
      return unauthenticated(seal,
                             "the seal does not match: the session was changed after it was sealed, or "
                             "sealed under another key");
    return {};
  }

  /// Without a key: the audit trail, replayed from the initial state, gives the saved
  /// session (each entry its transition; then the context and needs).
  [[nodiscard]] static expected<void> check_replay(const JsonReader& root, const Session& s) {
    const CompiledMachine& m = *s.m_;
    Session replayed(Machine(s.m_));
    for (std::size_t i = 0; i < s.audit_.size(); ++i) {
      const Session::Entry& e = s.audit_[i];
      const std::span<const Value> data(s.audit_data_.data() + e.data_begin, m.events[e.event].data.size());
      const JsonReader entry = root["audit"].at(i);
      if (auto to = replayed.fire(e.event, e.time, data); !to)
        return entry.error(ErrorCode::corrupt,
                           "replaying the audit trail from the initial state, this entry fails: " + to.error().message);
      if (replayed.last_transition_ != e.transition)
        return entry["transition"].error(ErrorCode::corrupt, "replaying the audit trail, this event takes transition " +
                                                                 std::to_string(replayed.last_transition_) + " (" +
                                                                 m.transitions[replayed.last_transition_].pointer +
                                                                 "), not " + std::to_string(e.transition));
    }
    if (auto ok = same_context(root["context"], s, replayed); !ok) return ok;
    return same_needs(root["needs"], s, replayed);
  }

  [[nodiscard]] static expected<void> same_context(const JsonReader& context, const Session& s,
                                                   const Session& replayed) {
    const std::vector<Field>& fields = s.m_->context.fields();
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (!identical(s.frame_[i], replayed.frame_[i]))
        return context[fields[i].name].error(ErrorCode::corrupt,
                                             "context field '" + fields[i].name + "' is " + quoted(s.frame_[i]) +
                                                 ", but replaying the audit trail gives " + quoted(replayed.frame_[i]));
    return {};
  }

  [[nodiscard]] static expected<void> same_needs(const JsonReader& needs, const Session& s, const Session& replayed) {
    if (s.needs_.size() != replayed.needs_.size())
      return needs.error(ErrorCode::corrupt, std::to_string(s.needs_.size()) +
                                                 " needs, but replaying the audit trail gives " +
                                                 std::to_string(replayed.needs_.size()));
    for (std::size_t i = 0; i < s.needs_.size(); ++i)
      if (s.needs_[i] != replayed.needs_[i]) {
        const char* member = first_difference(s.needs_[i], replayed.needs_[i]);
        return needs.at(i)[member].error(ErrorCode::corrupt, "need '" + s.needs_[i].id + "': its " + member +
                                                                 " is not what replaying the audit trail gives");
      }
    return {};
  }
};

std::string Session::save_json() const { return SessionAccess::Json::save(*this); }

expected<std::string> Session::save_json(SessionKey key) const { return SessionAccess::Json::save(*this, key); }

expected<Session> Session::restore_json(const RuleSet& rules, std::string_view json) {
  return SessionAccess::Json::restore(rules, json, nullptr);
}

expected<Session> Session::restore_json(const RuleSet& rules, std::string_view json, SessionKey key) {
  return SessionAccess::Json::restore(rules, json, &key);
}

}  // namespace crm
