// Session: the saved JSON document, and restoring it with every check. (The bytes are
// save_binary.cpp.)
//
//   {"crmrules_session": 1, "rule_set", "rule_set_version", "machine", "machine_version",
//    "definition" (the definition's hash, 16 hex digits), "state", "last_transition" (an
//    index, or null), "context" {field: value}, "needs" [need], "audit" [{"time", "event",
//    "from", "to", "transition" (an index), "data" {field: value}}]}
//
// Decimals other than short integers are strings, so that they read back exactly
// (write_exact).
#include <cstdio>

#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/json/writer.hpp"
#include "src/machine/compiled.hpp"
#include "src/machine/session_access.hpp"
#include "src/machine/session_json.hpp"
#include "src/ruleset/loader.hpp"
#include "crmrules/session.hpp"

namespace crm {

namespace {

constexpr std::int64_t json_format_version = 1;

using internal::JsonArray;
using internal::JsonObject;
using internal::JsonReader;
using internal::machine::CompiledMachine;
using internal::machine::Decimals;

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

[[nodiscard]] expected<Need> need_at(const JsonReader& r) {
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
  return n;
}

[[nodiscard]] expected<Value> field_value(const Field& f, const JsonReader& r) {
  if (!r.exists()) return f.default_value;
  auto v = internal::value_from_json(*r.raw(), r);
  if (!v) return unexpected(v.error());
  if (v->is_null()) return Value();
  auto accepted = f.accept(*v);
  if (!accepted) return r.error(accepted.error().code, accepted.error().message);
  return accepted;
}

/// The document's keys and its format.
[[nodiscard]] expected<void> check_format(const JsonReader& root) {
  if (auto keys = root.only_keys({"crmrules_session", "rule_set", "rule_set_version", "machine", "machine_version",
                                  "definition", "state", "last_transition", "context", "needs", "audit"});
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

}  // namespace

/// Saving to JSON and restoring from it: the steps, with access to the session.
struct SessionAccess::Json {
  [[nodiscard]] static std::string save(const Session& s) {
    const CompiledMachine& m = *s.m_;
    std::string out;
    JsonObject o(out);
    o.number("crmrules_session", json_format_version)
        .string("rule_set", m.rule_set)
        .string("rule_set_version", m.rule_set_version)
        .string("machine", m.name)
        .string("machine_version", m.version)
        .string("definition", definition_hex(m.hash))
        .string("state", s.state_name());
    if (s.last_transition_ == internal::machine::none) o.null("last_transition");
    else o.number("last_transition", std::uint64_t{s.last_transition_});
    o.key("context");
    internal::machine::write_fields(out, m.context.fields(), s.frame_.data(), Decimals::exact);
    o.key("needs");
    internal::machine::write_needs(out, s.needs_, DealSize::large);
    o.key("audit");
    write_audit(out, s);
    o.close();
    return out;
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

  [[nodiscard]] static expected<Session> restore(const RuleSet& rules, std::string_view json) {
    auto doc = internal::parse_json(json);
    if (!doc) return unexpected(doc.error());
    auto s = restore(rules, JsonReader(&*doc, ""));
    if (!s) {
      Error e = s.error();
      if (!e.where.pointer.empty() && e.where.line == 0) e.where = internal::locate(json, e.where.pointer);
      return unexpected(std::move(e));
    }
    return s;
  }

  /// The session the parsed document holds; errors located by their JSON pointer only.
  [[nodiscard]] static expected<Session> restore(const RuleSet& rules, const JsonReader& root) {
    if (auto ok = check_format(root); !ok) return unexpected(ok.error());
    auto machine = saved_machine(root, rules);
    if (!machine) return unexpected(machine.error());
    Session s(*machine);
    if (auto ok = read_position(root, s); !ok) return unexpected(ok.error());
    if (auto ok = read_context(root["context"], s); !ok) return unexpected(ok.error());
    if (auto ok = read_needs(root["needs"], s); !ok) return unexpected(ok.error());
    if (auto ok = read_audit(root["audit"], s); !ok) return unexpected(ok.error());
    count_needs(s);
    return s;
  }

  /// The rule set's machine the document names, if its definition is the one saved.
  [[nodiscard]] static expected<Machine> saved_machine(const JsonReader& root, const RuleSet& rules) {
    auto rule_set = string_at(root["rule_set"]);
    if (!rule_set) return unexpected(rule_set.error());
    if (*rule_set != rules.name())
      return root["rule_set"].error(ErrorCode::version_mismatch, "the session was saved under rule set '" + *rule_set +
                                                                     "', not '" + rules.name() + "'");
    auto rule_set_version = string_at(root["rule_set_version"]);
    if (!rule_set_version) return unexpected(rule_set_version.error());
    auto machine_version = string_at(root["machine_version"]);
    if (!machine_version) return unexpected(machine_version.error());
    auto name = string_at(root["machine"]);
    if (!name) return unexpected(name.error());
    auto machine = Machine::find(rules, *name);
    if (!machine) return root["machine"].error(machine.error().code, machine.error().message);
    auto definition = string_at(root["definition"]);
    if (!definition) return unexpected(definition.error());
    if (*definition != definition_hex(machine->m_->hash)) {
      auto e = internal::machine::definition_changed(*machine->m_, *rule_set_version, *machine_version);
      return root["definition"].error(e.error().code, e.error().message);
    }
    return machine;
  }

  /// The state and the last transition.
  [[nodiscard]] static expected<void> read_position(const JsonReader& root, Session& s) {
    auto state = string_at(root["state"]);
    if (!state) return unexpected(state.error());
    auto sid = s.machine().state_id(*state);
    if (!sid) return root["state"].error(sid.error().code, sid.error().message);
    s.state_ = *sid;
    if (root["last_transition"].exists() && !root["last_transition"].raw()->is_null()) {
      auto t = index_at(root["last_transition"], s.m_->transitions.size(), "transition");
      if (!t) return unexpected(t.error());
      s.last_transition_ = *t;
    }
    return {};
  }

  /// The context's values; a field left out keeps its default, an unknown one is an error.
  [[nodiscard]] static expected<void> read_context(const JsonReader& context, Session& s) {
    const Schema& fields = s.m_->context;
    auto ctx = context.object();
    if (!ctx) return unexpected(ctx.error());
    for (const auto& member : **ctx) {
      const std::string_view key(member.key().data(), member.key().size());
      if (!fields.slot_of(key))
        return context[key].error(ErrorCode::unknown_name, "unknown context field '" + std::string(key) + "'");
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      auto v = field_value(fields.fields()[i], context[fields.fields()[i].name]);
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

  /// One audit entry: a transition of the machine whose names match it, not before the
  /// entry before it, with data that fits the event's fields.
  [[nodiscard]] static expected<void> read_entry(const JsonReader& er, Session& s) {
    const CompiledMachine& m = *s.m_;
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
    for (auto [key, expected_name] : {std::pair{"event", &m.events[tr.event].name},
                                      std::pair{"from", &m.states[tr.from].name}, std::pair{"to", &m.states[tr.to].name}}) {
      auto got = string_at(er[key]);
      if (!got) return unexpected(got.error());
      if (*got != *expected_name)
        return er[key].error(ErrorCode::corrupt, std::string(key) + " '" + *got + "' does not match transition " +
                                                     std::to_string(*t) + " ('" + *expected_name + "')");
    }
    e.data_begin = static_cast<std::uint32_t>(s.audit_data_.size());
    if (auto obj = er["data"].object(); !obj) return unexpected(obj.error());
    for (const auto& f : m.events[tr.event].data.fields()) {
      auto v = field_value(f, er["data"][f.name]);
      if (!v) return unexpected(v.error());
      s.audit_data_.push_back(std::move(*v));
    }
    s.audit_.push_back(e);
    return {};
  }
};

std::string Session::save_json() const { return SessionAccess::Json::save(*this); }

expected<Session> Session::restore_json(const RuleSet& rules, std::string_view json) {
  return SessionAccess::Json::restore(rules, json);
}

}  // namespace crm
