// Loading the "machines" object of a rule set: names to integers, guards and effects
// compiled once, and the load-time checks (reachability, a way out, nondeterminism).
#include <algorithm>
#include <boost/json/serialize.hpp>
#include <deque>
#include <map>
#include <set>

#include "src/core/suggest.hpp"
#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/machine/classify.hpp"
#include "src/machine/compiled.hpp"
#include "src/machine/definition_hash.hpp"
#include "src/machine/guards.hpp"
#include "src/ruleset/loader.hpp"

namespace crm::internal::machine {

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed) noexcept {
  std::uint64_t h = seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::optional<std::uint32_t> CompiledMachine::state_id(std::string_view wanted) const noexcept {
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i].name == wanted) return static_cast<std::uint32_t>(i);
  return std::nullopt;
}

std::optional<std::uint32_t> CompiledMachine::event_id(std::string_view wanted) const noexcept {
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].name == wanted) return static_cast<std::uint32_t>(i);
  return std::nullopt;
}

namespace {

constexpr const char* need_attr_names[] = {"description", "category", "owner",       "level",  "stakeholder",
                                           "explicit",    "problem",  "implication", "payoff", "benefit"};

/// Pairs of transitions the nondeterminism check compares in one machine; past it, the
/// remaining cells are left to firing's own conflict check (a warning says where).
constexpr std::size_t max_guard_pairs = 100'000;

struct Loader {
  std::string_view text;
  std::vector<Diagnostic>& diagnostics;
  const Limits& limits;  // the rule set's: table_rows bounds the (state, event) table, decisions the transitions
  CompiledMachine& m;
  std::string pointer;  // of the machine
  Scope base;           // context and needs counts
  std::vector<Scope> event_scopes;
  std::map<std::string, std::vector<Text>, std::less<>> lists;

  void report(Diagnostic::Severity severity, ErrorCode code, std::string message, std::string at) {
    diagnostics.push_back(Diagnostic{severity, Error{code, std::move(message), Location::at_pointer(std::move(at))}});
  }

  [[nodiscard]] LoadContext context(const Scope& scope) const {
    return LoadContext{text, nullptr, scope, &diagnostics};
  }

  std::vector<std::string_view> state_names() const {
    std::vector<std::string_view> names;
    for (const auto& s : m.states) names.emplace_back(s.name);
    return names;
  }

  [[nodiscard]] expected<std::uint32_t> state(const JsonReader& at) const {
    auto s = at.string();
    if (!s) return unexpected(s.error());
    if (auto id = m.state_id(*s)) return *id;
    return at.error(ErrorCode::unknown_name,
                    "unknown state '" + std::string(*s) + "'" + did_you_mean(*s, state_names()));
  }

  /// A text: a string (in the machine's language) or {"zh": ..., "en": ...}.
  [[nodiscard]] expected<Text> text_value(const JsonReader& at) const {
    if (!at.exists() || !at.raw()->is_string()) return read_text(at);
    Text t;
    (m.lang == Lang::zh ? t.zh : t.en) = *at.string();
    return t;
  }

  [[nodiscard]] expected<std::vector<Text>> texts(const JsonReader& at) const {
    auto arr = at.array();
    if (!arr) return unexpected(arr.error());
    std::vector<Text> out;
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      auto t = text_value(at.at(i));
      if (!t) return unexpected(t.error());
      out.push_back(std::move(*t));
    }
    return out;
  }

  [[nodiscard]] expected<std::string> optional_string(const JsonReader& at) const {
    if (!at.exists()) return std::string();
    auto s = at.string();
    if (!s) return unexpected(s.error());
    return std::string(*s);
  }

  [[nodiscard]] expected<bool> optional_bool(const JsonReader& at) const {
    if (!at.exists()) return false;
    return at.boolean();
  }

  [[nodiscard]] expected<Expression> guard(const JsonReader& at, const Scope& scope, std::string_view what) const {
    auto e = context(scope).expression(at, what);
    if (!e) return unexpected(e.error());
    if (e->result_type() != Type::boolean && e->result_type() != Type::any)
      return at.error(ErrorCode::type_mismatch, std::string(what) + " '" + std::string(e->text()) + "' gives a " +
                                                    std::string(to_string(e->result_type())) + ", not a bool");
    return e;
  }

  [[nodiscard]] expected<std::vector<RecommendationDef>> recommendations(const JsonReader& at,
                                                                         const Scope* when_scope) const {
    auto arr = at.array();
    if (!arr) return unexpected(arr.error());
    std::vector<RecommendationDef> out;
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      const JsonReader r = at.at(i);
      if (auto keys = r.only_keys({"kind", "topic", "text", "items", "when", "offers"}); !keys)
        return unexpected(keys.error());
      RecommendationDef def;
      auto kind = optional_string(r["kind"]);
      if (!kind) return unexpected(kind.error());
      def.kind = kind->empty() ? "advice" : std::move(*kind);
      auto topic = optional_string(r["topic"]);
      if (!topic) return unexpected(topic.error());
      def.topic = std::move(*topic);
      auto text_ = text_value(r["text"]);
      if (!text_) return unexpected(text_.error());
      def.text = std::move(*text_);
      auto offers = optional_bool(r["offers"]);
      if (!offers) return unexpected(offers.error());
      def.offers = *offers;
      if (def.text.empty() && !def.offers) return r.error(ErrorCode::missing, "a recommendation needs a 'text'");
      if (r["items"].exists()) {
        if (r["items"].raw()->is_string()) {
          auto name = r["items"].string();
          auto it = lists.find(*name);
          if (it == lists.end()) {
            std::vector<std::string_view> names;
            for (const auto& [n, _] : lists) names.emplace_back(n);
            return r["items"].error(ErrorCode::unknown_name,
                                    "unknown list '" + std::string(*name) + "'" + did_you_mean(*name, names));
          }
          def.items = it->second;
        } else {
          auto items = texts(r["items"]);
          if (!items) return unexpected(items.error());
          def.items = std::move(*items);
        }
      }
      if (r["when"].exists()) {
        if (when_scope == nullptr)
          return r["when"].error(ErrorCode::invalid_rule,
                                 "a transition's recommendations have no condition of their own: guard the transition");
        auto g = guard(r["when"], *when_scope, "condition");
        if (!g) return unexpected(g.error());
        def.when = std::move(*g);
      }
      out.push_back(std::move(def));
    }
    return out;
  }

  [[nodiscard]] expected<NeedEffect> need_effect(const JsonReader& r, const Scope& scope) const {
    if (auto keys = r.only_keys({"id", "description", "category", "owner", "level", "stakeholder", "explicit",
                                 "problem", "implication", "payoff", "benefit"});
        !keys)
      return unexpected(keys.error());
    NeedEffect effect;
    auto id = context(scope).expression(r["id"], "need id");
    if (!id) return unexpected(id.error());
    effect.id = std::move(*id);
    for (std::size_t a = 0; a < effect.attrs.size(); ++a) {
      const JsonReader at = r[need_attr_names[a]];
      if (!at.exists()) continue;
      auto e = context(scope).expression(at, std::string("need ") + need_attr_names[a]);
      if (!e) return unexpected(e.error());
      effect.attrs[a] = std::move(*e);
    }
    return effect;
  }

  /// A transition's "from": a state, a list of states, or "*" (every state that is not final).
  [[nodiscard]] expected<std::vector<std::uint32_t>> from_states(const JsonReader& fr) const {
    std::vector<std::uint32_t> from;
    if (fr.exists() && fr.raw()->is_array()) {
      auto arr = fr.array();
      for (std::size_t i = 0; i < (*arr)->size(); ++i) {
        auto s = state(fr.at(i));
        if (!s) return unexpected(s.error());
        from.push_back(*s);
      }
      if (from.empty()) return fr.error(ErrorCode::invalid_rule, "a transition needs at least one 'from' state");
      return from;
    }
    auto name = fr.string();
    if (!name) return unexpected(name.error());
    if (*name == "*") {
      for (std::size_t s = 0; s < m.states.size(); ++s)
        if (!m.states[s].final) from.push_back(static_cast<std::uint32_t>(s));
    } else {
      auto s = state(fr);
      if (!s) return unexpected(s.error());
      from.push_back(*s);
    }
    return from;
  }

  [[nodiscard]] expected<std::uint32_t> event(const JsonReader& at) const {
    auto on = at.string();
    if (!on) return unexpected(on.error());
    if (auto id = m.event_id(*on)) return *id;
    std::vector<std::string_view> names;
    for (const auto& e : m.events) names.emplace_back(e.name);
    return at.error(ErrorCode::unknown_name, "unknown event '" + std::string(*on) + "'" + did_you_mean(*on, names));
  }

  /// A transition's "set": context field -> expression.
  [[nodiscard]] expected<void> load_sets(const JsonReader& at, const Scope& scope, Transition& t) const {
    auto obj = at.object();
    if (!obj) return unexpected(obj.error());
    for (const auto& member : **obj) {
      const std::string_view key(member.key().data(), member.key().size());
      const JsonReader value = at[key];
      auto slot = m.context.slot_of(key);
      if (!slot) {
        std::vector<std::string_view> names;
        for (const auto& f : m.context.fields()) names.emplace_back(f.name);
        return value.error(ErrorCode::unknown_name,
                           "unknown context field '" + std::string(key) + "'" + did_you_mean(key, names));
      }
      auto e = context(scope).expression(value, "value of '" + std::string(key) + "'");
      if (!e) return unexpected(e.error());
      t.sets.push_back(SetEffect{static_cast<std::uint32_t>(*slot), std::move(*e)});
    }
    return {};
  }

  /// A transition's "need": one need effect or a list of them.
  [[nodiscard]] expected<void> load_need_effects(const JsonReader& nr, const Scope& scope, Transition& t) const {
    if (!nr.raw()->is_array()) {
      auto n = need_effect(nr, scope);
      if (!n) return unexpected(n.error());
      t.needs.push_back(std::move(*n));
      return {};
    }
    auto arr = nr.array();
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      auto n = need_effect(nr.at(i), scope);
      if (!n) return unexpected(n.error());
      t.needs.push_back(std::move(*n));
    }
    return {};
  }

  /// One transition, once for each of its "from" states.
  [[nodiscard]] expected<void> load_transition(const JsonReader& r) {
    if (auto keys = r.only_keys({"from", "on", "to", "when", "set", "need", "recommend", "description"}); !keys)
      return unexpected(keys.error());
    auto from = from_states(r["from"]);
    if (!from) return unexpected(from.error());
    auto event_id = event(r["on"]);
    if (!event_id) return unexpected(event_id.error());
    std::optional<std::uint32_t> to;
    if (r["to"].exists()) {
      auto s = state(r["to"]);
      if (!s) return unexpected(s.error());
      to = *s;
    }
    const Scope& scope = event_scopes[*event_id];
    Transition t;
    t.pointer = r.pointer();
    t.event = *event_id;
    if (r["when"].exists()) {
      auto g = guard(r["when"], scope, "guard");
      if (!g) return unexpected(g.error());
      t.guard = std::move(*g);
    }
    if (r["set"].exists())
      if (auto ok = load_sets(r["set"], scope, t); !ok) return ok;
    if (r["need"].exists())
      if (auto ok = load_need_effects(r["need"], scope, t); !ok) return ok;
    if (r["recommend"].exists()) {
      auto recs = recommendations(r["recommend"], nullptr);
      if (!recs) return unexpected(recs.error());
      t.recommend = std::move(*recs);
    }
    if (auto d = optional_string(r["description"]); !d) return unexpected(d.error());
    if (m.transitions.size() + from->size() > limits.decisions)
      return r["from"].error(ErrorCode::out_of_range,
                             "machine '" + m.name + "' has more than " + std::to_string(limits.decisions) +
                                 " transitions (a transition counts once for each state it leaves; the rule "
                                 "set's limit, Limits::decisions)");
    m.max_sets = std::max(m.max_sets, static_cast<std::uint32_t>(t.sets.size()));
    for (std::uint32_t s : *from) {
      Transition copy = t;
      copy.from = s;
      copy.to = to.value_or(s);
      m.transitions.push_back(std::move(copy));
    }
    return {};
  }

  /// The machine's definition, in order: its states, context, events (and their slots),
  /// lists, the states' recommendations, transitions, deal size and offers; then the
  /// (state, event) table and the checks.
  [[nodiscard]] expected<void> load(const JsonReader& r) {
    if (auto keys = r.only_keys(
            {"description", "version", "lang", "states", "context", "events", "transitions", "deal_size", "offers",
             "lists", "classifiers"});
        !keys)
      return unexpected(keys.error());
    if (auto ok = load_about(r); !ok) return ok;
    if (auto ok = load_states(r); !ok) return ok;
    if (auto ok = load_context(r); !ok) return ok;
    if (auto ok = load_events(r); !ok) return ok;
    if (auto ok = check_table_size(r); !ok) return ok;
    if (auto ok = load_lists(r); !ok) return ok;
    if (auto ok = load_state_recommendations(r); !ok) return ok;
    if (auto ok = load_transitions(r); !ok) return ok;
    if (auto ok = load_deal_size(r); !ok) return ok;
    if (auto ok = load_offers(r); !ok) return ok;
    build_table();
    check();
    return {};
  }

  /// The (state, event) table has a cell for every pair: it counts against the rule set's
  /// table_rows, so that a document of a few megabytes cannot ask for gigabytes.
  [[nodiscard]] expected<void> check_table_size(const JsonReader& r) const {
    const std::size_t cells = m.states.size() * m.events.size();
    if (cells <= limits.table_rows) return {};
    return r.error(ErrorCode::out_of_range, "machine '" + m.name + "': " + std::to_string(m.states.size()) +
                                                " states and " + std::to_string(m.events.size()) +
                                                " events make a (state, event) table of " + std::to_string(cells) +
                                                " cells, more than the rule set's limit of " +
                                                std::to_string(limits.table_rows) + " (Limits::table_rows)");
  }

  /// "description" and "version" (default: the rule set's).
  [[nodiscard]] expected<void> load_about(const JsonReader& r) {
    auto description = optional_string(r["description"]);
    if (!description) return unexpected(description.error());
    m.description = std::move(*description);
    if (r["version"].exists()) {
      auto v = r["version"].string();
      if (!v) return unexpected(v.error());
      m.version = *v;
    } else {
      m.version = m.rule_set_version;
    }
    if (r["lang"].exists()) {
      auto code = r["lang"].string();
      if (!code) return unexpected(code.error());
      auto lang = parse_lang(*code);
      if (!lang) return r["lang"].error(ErrorCode::invalid_argument, lang.error().message);
      m.lang = *lang;
    }
    return {};
  }

  /// The states: names, initial and final; exactly one initial state, which is not final.
  [[nodiscard]] expected<void> load_states(const JsonReader& r) {
    const JsonReader sr = r["states"];
    auto states = sr.object();
    if (!states) return unexpected(states.error());
    std::vector<std::size_t> initials;
    for (const auto& member : **states) {
      const std::string name(member.key().data(), member.key().size());
      const JsonReader at = sr[name];
      if (auto valid = check_name(name, at); !valid) return unexpected(valid.error());
      if (auto keys = at.only_keys({"initial", "final", "description", "recommend"}); !keys)
        return unexpected(keys.error());
      State s;
      s.name = name;
      auto initial = optional_bool(at["initial"]);
      if (!initial) return unexpected(initial.error());
      auto final = optional_bool(at["final"]);
      if (!final) return unexpected(final.error());
      s.final = *final;
      auto d = optional_string(at["description"]);
      if (!d) return unexpected(d.error());
      s.description = std::move(*d);
      if (*initial) initials.push_back(m.states.size());
      m.states.push_back(std::move(s));
    }
    if (m.states.empty()) return sr.error(ErrorCode::invalid_rule, "a machine needs at least one state");
    if (initials.empty()) return sr.error(ErrorCode::invalid_rule, "no state is marked \"initial\": true");
    if (initials.size() > 1)
      return sr[m.states[initials[1]].name].error(
          ErrorCode::invalid_rule,
          "states '" + m.states[initials[0]].name + "' and '" + m.states[initials[1]].name + "' are both initial");
    m.initial = static_cast<std::uint32_t>(initials[0]);
    if (m.states[m.initial].final)
      return sr[m.states[m.initial].name].error(ErrorCode::invalid_rule, "the initial state cannot be final");
    return {};
  }

  /// The context: typed fields with defaults, the frame's first slots, then the needs' counts.
  [[nodiscard]] expected<void> load_context(const JsonReader& r) {
    if (r["context"].exists()) {
      auto schema = load_schema(r["context"]);
      if (!schema) return unexpected(schema.error());
      for (const auto& f : schema->fields())
        if (f.required)
          return r["context"][f.name]["required"].error(
              ErrorCode::invalid_rule, "context field '" + f.name + "' cannot be required: it starts at its default");
      m.context = std::move(*schema);
    }
    for (const auto& f : m.context.fields())
      if (auto slot = base.add(f.name, scope_type(f.type)); !slot)
        return r["context"][f.name].error(slot.error().code, slot.error().message);
    m.needs_slot = static_cast<std::uint32_t>(m.context.size());
    for (const char* n : {"needs.total", "needs.explicit", "needs.latent"})
      if (auto slot = base.add(n, Type::decimal); !slot)
        return r["context"].error(ErrorCode::invalid_rule,
                                  "'" + std::string(n) + "' is reserved for the needs' counts");
    return {};
  }

  /// The events and their data fields, in slots after the needs' counts. Every event starts
  /// at the same slot: only fire() reads them, and it fills all of its event's slots first.
  /// (Slots of their own made a frame of the built-in LSCPA machine 27 values, not 17: more
  /// to allocate, to destroy, and past the allocator's per-thread cache.)
  [[nodiscard]] expected<void> load_events(const JsonReader& r) {
    const std::uint32_t data_slot = m.needs_slot + 3;
    std::uint32_t frame_end = data_slot;
    const JsonReader er = r["events"];
    auto events = er.object();
    if (!events) return unexpected(events.error());
    for (const auto& member : **events) {
      const std::string name(member.key().data(), member.key().size());
      const JsonReader at = er[name];
      if (auto valid = check_name(name, at); !valid) return unexpected(valid.error());
      if (auto keys = at.only_keys({"description", "data", "classify"}); !keys) return unexpected(keys.error());
      Event e;
      e.name = name;
      auto d = optional_string(at["description"]);
      if (!d) return unexpected(d.error());
      e.description = std::move(*d);
      if (at["data"].exists()) {
        auto schema = load_schema(at["data"]);
        if (!schema) return unexpected(schema.error());
        e.data = std::move(*schema);
      }
      auto classify = load_classify(at["classify"], e, m.classifiers);
      if (!classify) return unexpected(classify.error());
      e.classify = std::move(*classify);
      e.first_slot = data_slot;
      Scope scope = base;
      std::uint32_t next_slot = data_slot;
      for (const auto& f : e.data.fields())
        if (auto slot = scope.add("event." + f.name, scope_type(f.type), next_slot++); !slot)
          return at["data"][f.name].error(slot.error().code, slot.error().message);
      frame_end = std::max(frame_end, next_slot);
      event_scopes.push_back(std::move(scope));
      m.events.push_back(std::move(e));
    }
    if (m.events.empty()) return er.error(ErrorCode::invalid_rule, "a machine needs at least one event");
    m.frame_size = frame_end;
    return {};
  }

  /// Lists (a question bank, checklists), used by recommendations' "items".
  [[nodiscard]] expected<void> load_lists(const JsonReader& r) {
    if (!r["lists"].exists()) return {};
    auto obj = r["lists"].object();
    if (!obj) return unexpected(obj.error());
    for (const auto& member : **obj) {
      const std::string_view key(member.key().data(), member.key().size());
      auto items = texts(r["lists"][key]);
      if (!items) return unexpected(items.error());
      lists.emplace(std::string(key), std::move(*items));
    }
    return {};
  }

  /// The states' recommendations (after the lists, which they may name).
  [[nodiscard]] expected<void> load_state_recommendations(const JsonReader& r) {
    for (std::size_t s = 0; s < m.states.size(); ++s) {
      const JsonReader at = r["states"][m.states[s].name]["recommend"];
      if (!at.exists()) continue;
      auto recs = recommendations(at, &base);
      if (!recs) return unexpected(recs.error());
      m.states[s].recommend = std::move(*recs);
    }
    return {};
  }

  [[nodiscard]] expected<void> load_transitions(const JsonReader& r) {
    const JsonReader tr = r["transitions"];
    auto transitions = tr.array();
    if (!transitions) return unexpected(transitions.error());
    for (std::size_t i = 0; i < (*transitions)->size(); ++i)
      if (auto ok = load_transition(tr.at(i)); !ok) return ok;
    return {};
  }

  [[nodiscard]] expected<void> load_deal_size(const JsonReader& r) {
    if (!r["deal_size"].exists()) return {};
    auto e = context(base).expression(r["deal_size"], "deal size");
    if (!e) return unexpected(e.error());
    m.deal_size = std::move(*e);
    return {};
  }

  /// The FABE catalogue: [{feature, advantage, benefit, need, evidence}].
  [[nodiscard]] expected<void> load_offers(const JsonReader& r) {
    if (!r["offers"].exists()) return {};
    const JsonReader orr = r["offers"];
    auto arr = orr.array();
    if (!arr) return unexpected(arr.error());
    for (std::size_t i = 0; i < (*arr)->size(); ++i) {
      const JsonReader o = orr.at(i);
      if (auto keys = o.only_keys({"feature", "advantage", "benefit", "need", "evidence"}); !keys)
        return unexpected(keys.error());
      Offer offer;
      for (auto [key, out] : {std::pair{"feature", &offer.feature}, std::pair{"advantage", &offer.advantage},
                              std::pair{"benefit", &offer.benefit}}) {
        if (!o[key].exists()) return o.error(ErrorCode::missing, std::string("an offer needs a '") + key + "'");
        auto t = text_value(o[key]);
        if (!t) return unexpected(t.error());
        *out = std::move(*t);
      }
      auto need = o["need"].string();
      if (!need) return unexpected(need.error());
      offer.need = *need;
      if (o["evidence"].exists()) {
        auto ev = texts(o["evidence"]);
        if (!ev) return unexpected(ev.error());
        offer.evidence = std::move(*ev);
      }
      m.offers.push_back(std::move(offer));
    }
    return {};
  }

  /// The (state, event) table: each cell's transitions in document order, as offsets into
  /// one array (counted, then placed: no list per cell).
  void build_table() {
    const std::size_t ne = m.events.size();
    m.table_begin.assign(m.states.size() * ne + 1, 0);
    for (const auto& t : m.transitions) ++m.table_begin[m.cell(t.from, t.event) + 1];
    for (std::size_t c = 1; c < m.table_begin.size(); ++c) m.table_begin[c] += m.table_begin[c - 1];
    m.table.resize(m.transitions.size());
    std::vector<std::uint32_t> next(m.table_begin.begin(), m.table_begin.end() - 1);
    for (std::size_t t = 0; t < m.transitions.size(); ++t)
      m.table[next[m.cell(m.transitions[t].from, m.transitions[t].event)]++] = static_cast<std::uint32_t>(t);
  }

  std::string state_pointer(std::size_t s) const { return pointer + "/states/" + pointer_token(m.states[s].name); }

  using Severity = Diagnostic::Severity;

  /// The load-time checks of the machine's graph and guards; findings go to the diagnostics.
  void check() {
    std::vector<std::vector<std::uint32_t>> next(m.states.size()), prev(m.states.size());
    link_states(next, prev);
    const std::vector<bool> reached = check_reachable(next);
    check_ways_out(next, prev, reached);
    check_nondeterminism();
    check_events_used();
  }

  /// Each state's successors and predecessors; a transition out of a final state is an error.
  void link_states(std::vector<std::vector<std::uint32_t>>& next, std::vector<std::vector<std::uint32_t>>& prev) {
    for (const auto& t : m.transitions) {
      if (m.states[t.from].final) {
        report(
            Severity::error, ErrorCode::invalid_rule,
            "machine '" + m.name + "': state '" + m.states[t.from].name + "' is final, so no transition may leave it",
            t.pointer);
        continue;
      }
      next[t.from].push_back(t.to);
      prev[t.to].push_back(t.from);
    }
  }

  /// The states reachable from the initial state (guards aside); the others are errors.
  std::vector<bool> check_reachable(const std::vector<std::vector<std::uint32_t>>& next) {
    const std::size_t ns = m.states.size();
    std::vector<bool> reached(ns, false);
    std::deque<std::uint32_t> queue{m.initial};
    reached[m.initial] = true;
    while (!queue.empty()) {
      const std::uint32_t s = queue.front();
      queue.pop_front();
      for (std::uint32_t n : next[s])
        if (!reached[n]) reached[n] = true, queue.push_back(n);
    }
    for (std::size_t s = 0; s < ns; ++s)
      if (!reached[s])
        report(Severity::error, ErrorCode::invalid_rule,
               "machine '" + m.name + "': state '" + m.states[s].name + "' is unreachable from the initial state '" +
                   m.states[m.initial].name + "'",
               state_pointer(s));
    return reached;
  }

  /// A way out: with final states, every reachable state can reach one; without, every
  /// state has a transition.
  void check_ways_out(const std::vector<std::vector<std::uint32_t>>& next,
                      const std::vector<std::vector<std::uint32_t>>& prev, const std::vector<bool>& reached) {
    const std::size_t ns = m.states.size();
    bool any_final = false;
    for (const auto& s : m.states) any_final = any_final || s.final;
    std::vector<bool> escapes(ns, false);
    if (any_final) {
      std::deque<std::uint32_t> back;
      for (std::uint32_t s = 0; s < ns; ++s)
        if (m.states[s].final) escapes[s] = true, back.push_back(s);
      while (!back.empty()) {
        const std::uint32_t s = back.front();
        back.pop_front();
        for (std::uint32_t p : prev[s])
          if (!escapes[p]) escapes[p] = true, back.push_back(p);
      }
    }
    for (std::size_t s = 0; s < ns; ++s) {
      if (m.states[s].final || !reached[s]) continue;
      if (next[s].empty())
        report(Severity::error, ErrorCode::invalid_rule,
               "machine '" + m.name + "': state '" + m.states[s].name + "' is not final and no transition leaves it",
               state_pointer(s));
      else if (any_final && !escapes[s])
        report(Severity::error, ErrorCode::invalid_rule,
               "machine '" + m.name + "': no final state can be reached from state '" + m.states[s].name + "'",
               state_pointer(s));
    }
  }

  /// Nondeterminism: two transitions from one state on one event. Where every pair is
  /// proved exclusive, firing stops at the first enabled transition; elsewhere it
  /// evaluates every guard, to report two enabled at once as a conflict.
  void check_nondeterminism() {
    const std::size_t ns = m.states.size();
    m.exclusive.assign(ns * m.events.size(), 1);
    std::size_t pairs = 0;
    for (std::size_t s = 0; s < ns; ++s)
      for (std::size_t e = 0; e < m.events.size(); ++e) {
        auto cands = m.candidates(static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e));
        const std::size_t cell_pairs = cands.size() * (cands.size() - (cands.empty() ? 0 : 1)) / 2;
        if (pairs + cell_pairs > max_guard_pairs) {
          stop_nondeterminism_check(s, e);
          return;
        }
        pairs += cell_pairs;
        for (std::size_t i = 0; i < cands.size(); ++i)
          for (std::size_t j = i + 1; j < cands.size(); ++j)
            check_pair(s, e, m.transitions[cands[i]], m.transitions[cands[j]]);
      }
  }

  /// Past max_guard_pairs: the cells from (s, e) on are not proved exclusive (firing checks
  /// that one transition at most is enabled), and a warning says where the check stopped.
  void stop_nondeterminism_check(std::size_t s, std::size_t e) {
    for (std::size_t c = m.cell(static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e)); c < m.exclusive.size();
         ++c)
      if (m.table_begin[c + 1] - m.table_begin[c] > 1) m.exclusive[c] = 0;
    report(Severity::warning, ErrorCode::out_of_range,
           "machine '" + m.name + "': the check for transitions enabled at once stopped after " +
               std::to_string(max_guard_pairs) + " pairs, at state '" + m.states[s].name + "', event '" +
               m.events[e].name + "': from there on, firing refuses two enabled transitions (conflict)",
           state_pointer(s));
  }

  /// Two transitions of one (state, event) cell: exclusive, or a finding.
  void check_pair(std::size_t s, std::size_t e, const Transition& a, const Transition& b) {
    const Overlap o = overlap(a.guard, b.guard);
    if (o == Overlap::exclusive) return;
    m.exclusive[s * m.events.size() + e] = 0;
    const std::string what = "machine '" + m.name + "': in state '" + m.states[s].name + "', event '" +
                             m.events[e].name + "' enables the transitions at " + a.pointer + " and " + b.pointer;
    if (o == Overlap::certain)
      report(Severity::error, ErrorCode::invalid_rule,
             what + " at once (" + (a.guard && b.guard ? "the same guard" : "a transition without a guard") + ")",
             b.pointer);
    else
      report(Severity::warning, ErrorCode::conflict,
             what + " if both guards hold ('" + std::string(a.guard->text()) + "', '" + std::string(b.guard->text()) +
                 "'): firing then fails with a conflict",
             b.pointer);
  }

  /// An event no transition takes: a warning.
  void check_events_used() {
    std::vector<bool> used(m.events.size(), false);
    for (const auto& t : m.transitions) used[t.event] = true;
    for (std::size_t e = 0; e < m.events.size(); ++e)
      if (!used[e])
        report(Severity::warning, ErrorCode::invalid_rule,
               "machine '" + m.name + "': event '" + m.events[e].name + "' has no transition",
               pointer + "/events/" + pointer_token(m.events[e].name));
  }
};

}  // namespace

[[nodiscard]] expected<SectionValue> load_machines_section(const SectionSource& source) {
  const JsonReader& machines = source.json;
  auto obj = machines.object();
  if (!obj) return unexpected(obj.error());
  auto set = std::make_shared<MachineSet>();
  for (const auto& member : **obj) {
    const std::string name(member.key().data(), member.key().size());
    const JsonReader at = machines[name];
    if (auto valid = check_name(name, at); !valid) return unexpected(valid.error());
    auto m = std::make_shared<CompiledMachine>();
    m->name = name;
    m->rule_set = source.rule_set_name;
    m->rule_set_version = source.rule_set_version;
    m->hash = behaviour_hash(member.value());
    m->text_hash = fnv1a(boost::json::serialize(member.value()));
    auto classifiers = load_classifiers(source, at["classifiers"], name);
    if (!classifiers) return unexpected(classifiers.error());
    m->classifiers = std::move(*classifiers);
    Loader loader{source.text, source.diagnostics, source.limits, *m, at.pointer(), {}, {}, {}};
    if (auto ok = loader.load(at); !ok) return unexpected(ok.error());
    set->machines.push_back(std::move(m));
  }
  return SectionValue(std::shared_ptr<const MachineSet>(std::move(set)));
}

}  // namespace crm::internal::machine
