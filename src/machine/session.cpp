// Session: firing events (the hot path), effects, needs and recommendations.
#include "crmrules/session.hpp"

#include "crmrules/eval_scratch.hpp"
#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/machine/classify.hpp"
#include "src/machine/compiled.hpp"
#include "src/machine/session_access.hpp"
#include "src/ruleset/loader.hpp"
#include "src/core/suggest.hpp"

namespace crm {

using internal::machine::CompiledMachine;
using internal::machine::NeedAttr;
using internal::machine::NeedEffect;
using internal::machine::Transition;

namespace {

const Value null_value;

/// slot = v, a decimal over a decimal in place (a copy of the variant visits its kinds),
/// a string into the slot's string buffer.
void copy_into(Value& slot, const Value& v) {
  if (v.kind() == ValueKind::decimal) slot.set_decimal(v.as_decimal());
  else slot = v;
}

/// slot = std::move(v), a decimal over a decimal in place.
void move_into(Value& slot, Value& v) {
  if (v.kind() == ValueKind::decimal) slot.set_decimal(v.as_decimal());
  else slot = std::move(v);
}

EvalScratch& scratch() {
  thread_local EvalScratch s;
  return s;
}

unexpected at_transition(const Transition& t, std::string_view what, const Error& e) {
  return unexpected(Error{e.code, "transition " + t.pointer + ": " + std::string(what) + ": " + e.message,
                          Location::at_pointer(t.pointer)});
}

/// A need attribute's value as text (null: not given).
[[nodiscard]] expected<std::optional<std::string>> text_attr(const NeedEffect& effect, NeedAttr attr, std::span<const Value> frame,
                                               const char* name) {
  const auto& e = effect.attrs[static_cast<std::size_t>(attr)];
  if (!e) return std::optional<std::string>();
  auto v = e->evaluate(frame);
  if (!v) return unexpected(v.error());
  if (v->is_null()) return std::optional<std::string>();
  if (v->kind() != ValueKind::string)
    return fail(ErrorCode::type_mismatch, std::string("need ") + name + " '" + std::string(e->text()) + "' gave " +
                                              std::string(to_string(v->kind())) + ", not a string");
  return std::optional<std::string>(v->as_string());
}

void add_once(std::vector<std::string>& list, std::string s) {
  for (const auto& x : list)
    if (x == s) return;
  list.push_back(std::move(s));
}

/// Applies one need effect to `needs` (a copy the caller commits on success).
[[nodiscard]] expected<void> apply_need(std::vector<Need>& needs, const NeedEffect& effect, std::span<const Value> frame) {
  auto id = effect.id.evaluate(frame);
  if (!id) return unexpected(id.error());
  if (id->is_null()) return {};  // no need named: the effect does nothing
  if (id->kind() != ValueKind::string || id->as_string().empty())
    return fail(ErrorCode::type_mismatch, "need id '" + std::string(effect.id.text()) + "' gave " +
                                              (id->is_null() ? std::string("null") : id->to_string()) +
                                              ", not a non-empty string");
  Need* need = nullptr;
  for (auto& n : needs)
    if (n.id == id->as_string()) need = &n;
  if (need == nullptr) {
    needs.emplace_back();
    need = &needs.back();
    need->id = id->as_string();
  }
  std::optional<std::string> level_text;
  static constexpr const char* names[] = {"description", "category", "owner",       "level",  "stakeholder",
                                          "explicit",    "problem",  "implication", "payoff", "benefit"};
  for (std::size_t a = 0; a < effect.attrs.size(); ++a) {
    const auto attr = static_cast<NeedAttr>(a);
    if (!effect.attrs[a]) continue;
    if (attr == NeedAttr::stated) {
      auto v = effect.attrs[a]->evaluate(frame);
      if (!v) return unexpected(v.error());
      if (v->is_null()) continue;
      if (v->kind() != ValueKind::boolean)
        return fail(ErrorCode::type_mismatch, "need explicit '" + std::string(effect.attrs[a]->text()) + "' gave " +
                                                  v->to_string() + ", not a bool");
      need->stated = v->as_bool();
      continue;
    }
    auto t = text_attr(effect, attr, frame, names[a]);
    if (!t) return unexpected(t.error());
    if (!*t) continue;
    std::string s = std::move(**t);
    switch (attr) {
      case NeedAttr::description: need->description = std::move(s); break;
      case NeedAttr::category: need->category = std::move(s); break;
      case NeedAttr::stakeholder: need->stakeholder = std::move(s); break;
      case NeedAttr::owner: {
        auto owner = parse_need_owner(s);
        if (!owner) return unexpected(owner.error());
        need->owner = *owner;
        break;
      }
      case NeedAttr::level: level_text = std::move(s); break;
      case NeedAttr::problem: add_once(need->problems, std::move(s)); break;
      case NeedAttr::implication: add_once(need->implications, std::move(s)); break;
      case NeedAttr::payoff: add_once(need->payoffs, std::move(s)); break;
      case NeedAttr::benefit: add_once(need->benefits, std::move(s)); break;
      default: break;
    }
  }
  if (level_text) {
    auto level = parse_need_level(*level_text, need->owner);
    if (!level) return unexpected(Error{level.error().code, "need '" + need->id + "': " + level.error().message, {}});
    need->level = *level;
  } else if (need->level != NeedLevel::unknown) {
    // The owner may have changed: the level must still fit it.
    if (auto ok = parse_need_level(to_string(need->level), need->owner); !ok)
      return unexpected(Error{ok.error().code, "need '" + need->id + "': " + ok.error().message, {}});
  }
  return {};
}

}  // namespace

Session::Session(std::shared_ptr<const internal::machine::CompiledMachine> m, Blank) : m_(std::move(m)) {
  frame_.reserve(m_->frame_size);
  state_ = m_->initial;
  lang_ = m_->lang;
}

Session::Session(const Machine& machine) : Session(machine.m_, Blank{}) {
  for (const auto& f : m_->context.fields()) frame_.push_back(f.default_value);
  frame_.resize(m_->frame_size);
  for (std::size_t i = 0; i < 3; ++i) frame_[m_->needs_slot + i] = Decimal::from_int(0);
}

expected<Session> Session::start(const RuleSet& rules, std::string_view machine) {
  auto m = Machine::find(rules, machine);
  if (!m) return unexpected(m.error());
  return Session(*m);
}

Machine Session::machine() const { return Machine(m_); }
const std::string& Session::state_name() const noexcept { return m_->states[state_].name; }
bool Session::is_final() const noexcept { return m_->states[state_].final; }

std::vector<std::string_view> Session::allowed_events() const {
  std::vector<std::string_view> out;
  for (std::uint32_t e = 0; e < m_->events.size(); ++e)
    if (!m_->candidates(state_, e).empty()) out.emplace_back(m_->events[e].name);
  return out;
}

std::span<const Value> Session::context() const noexcept { return {frame_.data(), m_->context.size()}; }

const Value* Session::get(std::string_view field) const noexcept {
  auto slot = m_->context.slot_of(field);
  return slot ? &frame_[*slot] : nullptr;
}

const Need* Session::need(std::string_view id) const noexcept {
  for (const auto& n : needs_)
    if (n.id == id) return &n;
  return nullptr;
}

namespace {

using internal::machine::Event;

[[gnu::cold]] unexpected not_allowed(const CompiledMachine& m, std::uint32_t state, std::uint32_t event,
                                     const std::vector<std::string_view>& allowed) {
  const auto& s = m.states[state];
  if (s.final)
    return fail(ErrorCode::illegal_transition, "event '" + m.events[event].name + "': the machine '" + m.name +
                                                   "' has ended in its final state '" + s.name +
                                                   "'; no event is allowed");
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return fail(ErrorCode::illegal_transition, "event '" + m.events[event].name + "' is not allowed in state '" + s.name +
                                                 "' (allowed: " + list + ")");
}

[[gnu::cold, gnu::noinline]] unexpected none_enabled(const CompiledMachine& m, std::uint32_t state, const Event& ev,
                                                     std::span<const std::uint32_t> candidates) {
  std::string guards;
  for (std::uint32_t t : candidates)
    guards += (guards.empty() ? "'" : ", '") + std::string(m.transitions[t].guard->text()) + "'";
  return fail(ErrorCode::illegal_transition, "event '" + ev.name + "' is allowed in state '" + m.states[state].name +
                                                 "' but no transition is enabled: its guards " + guards + " do not hold");
}

/// Step 1 of firing: the event's data into its slots (scratch, not part of the session's
/// state), each value checked against its field; a missing one takes the default.
[[gnu::always_inline]] inline expected<void> take_event_data(const Event& ev, std::size_t field_count,
                                                             std::span<const Value> data, Value* const slots) {
  const Field* const fields = ev.data.fields().data();
  for (std::size_t i = 0; i < field_count; ++i) {
    const Field& f = fields[i];
    Value& slot = slots[i];
    const Value& v = i < data.size() ? data[i] : null_value;
    if (v.is_null()) {
      if (f.required) [[unlikely]]
        return fail(ErrorCode::missing, "event '" + ev.name + "' needs its data field '" + f.name + "'");
      slot = f.default_value;
      continue;
    }
    if (f.takes_as_is(v)) [[likely]] {
      copy_into(slot, v);
      continue;
    }
    auto accepted = f.accept(v);
    if (!accepted) [[unlikely]]
      return unexpected(Error{accepted.error().code, "event '" + ev.name + "': " + accepted.error().message,
                              Location::at_pointer("/" + f.name)});
    slot = std::move(*accepted);
  }
  return {};
}

/// Step 2: the one enabled transition among the cell's candidates (where their guards are
/// proved exclusive, the first enabled one; elsewhere two enabled are a conflict).
[[gnu::always_inline]] inline expected<std::uint32_t> choose_transition(const CompiledMachine& m, std::size_t cell,
                                                                        std::span<const std::uint32_t> candidates,
                                                                        std::uint32_t state, const Event& ev,
                                                                        std::span<const Value> frame,
                                                                        EvalScratch& s) {
  ValueView out;
  std::uint32_t chosen = internal::machine::none;
  const bool exclusive = m.exclusive[cell] != 0;
  for (std::uint32_t t : candidates) {
    if (chosen != internal::machine::none && exclusive) break;
    const Transition& tr = m.transitions[t];
    if (tr.guard) {
      if (auto ok = tr.guard->evaluate(frame, s, out); !ok) [[unlikely]]
        return at_transition(tr, "guard '" + std::string(tr.guard->text()) + "' failed", ok.error());
      if (out.kind() != ValueKind::boolean) [[unlikely]] {
        if (out.is_null()) continue;  // null is not true
        return at_transition(tr, "guard", Error{ErrorCode::type_mismatch, "'" + std::string(tr.guard->text()) + "' gave " +
                                                                              out.to_string() + ", not a bool", {}});
      }
      if (!out.as_bool()) continue;
    }
    if (chosen != internal::machine::none) [[unlikely]]
      return fail(ErrorCode::conflict, "event '" + ev.name + "' in state '" + m.states[state].name +
                                           "' enables two transitions at once: " + m.transitions[chosen].pointer +
                                           " and " + tr.pointer,
                  Location::at_pointer(tr.pointer));
    chosen = t;
  }
  if (chosen == internal::machine::none) [[unlikely]]
    return none_enabled(m, state, ev, candidates);
  return chosen;
}

/// Step 3: the values of the transition's `set` effects into `pending`, each checked
/// against its context field, all computed from the values before any changes.
[[gnu::always_inline]] inline expected<void> compute_sets(const Transition& tr, const Field* const context,
                                                          std::span<const Value> frame, EvalScratch& s,
                                                          Value* const pending) {
  const internal::machine::SetEffect* const sets = tr.sets.data();
  const std::size_t set_count = tr.sets.size();
  ValueView out;
  for (std::size_t k = 0; k < set_count; ++k) {
    const auto& set = sets[k];
    const Field& field = context[set.field];
    if (auto ok = set.value.evaluate(frame, s, out); !ok) [[unlikely]]
      return at_transition(tr, "value of '" + field.name + "'", ok.error());
    if (out.is_null()) {
      pending[k] = Value();
      continue;
    }
    if (field.takes_as_is(out)) [[likely]] {
      out.store_in(pending[k]);
      continue;
    }
    auto accepted = field.accept(out.to_value());
    if (!accepted) [[unlikely]]
      return at_transition(tr, "value of '" + field.name + "'", accepted.error());
    pending[k] = std::move(*accepted);
  }
  return {};
}

/// Step 4: the transition's need effects applied to `changed`, a copy of the needs.
[[gnu::noinline]] expected<void> compute_needs(const Transition& tr, std::vector<Need>& changed,
                                               std::span<const Value> frame) {
  for (const auto& effect : tr.needs)
    if (auto ok = apply_need(changed, effect, frame); !ok) [[unlikely]]
      return at_transition(tr, "need", ok.error());
  return {};
}

/// Appends the event's accepted data to the audit trail's values: all or, when memory
/// runs out, none.
[[gnu::always_inline]] inline void append_data(std::vector<Value>& audit_data, const Value* const slots,
                                               std::size_t count) {
  const std::size_t before = audit_data.size();
  try {
    for (std::size_t i = 0; i < count; ++i) {
      const Value& v = slots[i];
      if (v.kind() == ValueKind::decimal) audit_data.emplace_back(v.as_decimal());
      else audit_data.push_back(v);
    }
  } catch (...) {
    audit_data.resize(before);
    throw;
  }
}

}  // namespace

expected<StateId> Session::fire(EventId event, std::int64_t time, std::span<const Value> data) {
  const CompiledMachine& m = *m_;
  if (event >= m.events.size())
    return fail(ErrorCode::invalid_argument, "event id " + std::to_string(event) + " does not exist (the machine has " +
                                                 std::to_string(m.events.size()) + " events)");
  const std::size_t cell = m.cell(state_, event);
  const auto candidates = m.candidates(cell);
  if (candidates.empty()) [[unlikely]]
    return not_allowed(m, state_, event, allowed_events());
  const Event& ev = m.events[event];
  // Sizes and pointers in locals: stores through a Value may alias any vector's members,
  // so the compiler would reload them after each.
  const std::size_t field_count = ev.data.size();
  if (data.size() > field_count) [[unlikely]]
    return fail(ErrorCode::invalid_argument, "event '" + ev.name + "' has " + std::to_string(field_count) +
                                                 " data fields, not " + std::to_string(data.size()));
  if (!audit_.empty() && time < audit_.back().time) [[unlikely]]
    return fail(ErrorCode::out_of_range, "time " + std::to_string(time) + " is before the last event's time " +
                                             std::to_string(audit_.back().time));

  // Everything that may fail, before anything changes.
  Value* const slots = frame_.data() + ev.first_slot;
  if (auto ok = take_event_data(ev, field_count, data, slots); !ok) [[unlikely]]
    return unexpected(ok.error());
  if (!ev.classify.empty())
    if (auto ok = internal::machine::classify_event_data(m, ev, slots); !ok) return unexpected(ok.error());
  EvalScratch& s = scratch();
  const std::span<const Value> frame_view(frame_.data(), frame_.size());
  const auto chosen = choose_transition(m, cell, candidates, state_, ev, frame_view, s);
  if (!chosen) [[unlikely]]
    return unexpected(chosen.error());
  const Transition& tr = m.transitions[*chosen];
  if (pending_.empty()) [[unlikely]]  // sized once, for the transition with the most effects
    pending_.resize(m.max_sets);
  Value* const pending = pending_.data();
  if (auto ok = compute_sets(tr, m.context.fields().data(), frame_view, s, pending); !ok) [[unlikely]]
    return unexpected(ok.error());
  std::optional<std::vector<Need>> needs;  // engaged only when the transition has need effects
  if (!tr.needs.empty()) {
    if (auto ok = compute_needs(tr, needs.emplace(needs_), frame_view); !ok) [[unlikely]]
      return unexpected(ok.error());
  }

  // The audit trail first (the only part that may fail, for want of memory), then commit.
  const std::size_t data_before = audit_data_.size();
  if (audit_.size() == audit_.capacity()) audit_.reserve(audit_.size() < 8 ? 8 : audit_.size() * 2);  // geometric
  append_data(audit_data_, slots, field_count);
  audit_.push_back(Entry{time, event, state_, tr.to, *chosen, static_cast<std::uint32_t>(data_before)});
  Value* const frame = frame_.data();
  const internal::machine::SetEffect* const sets = tr.sets.data();
  const std::size_t set_count = tr.sets.size();
  for (std::size_t k = 0; k < set_count; ++k) move_into(frame[sets[k].field], pending[k]);
  if (needs) {
    needs_.swap(*needs);
    SessionAccess::count_needs(*this);
  }
  state_ = tr.to;
  last_transition_ = *chosen;
  return state_;
}

expected<StateId> Session::fire(std::string_view event, std::int64_t time,
                                std::initializer_list<std::pair<std::string_view, Value>> data) {
  return fire(event, time, std::span<const std::pair<std::string_view, Value>>(data.begin(), data.size()));
}

expected<StateId> Session::fire(std::string_view event, std::int64_t time,
                                std::span<const std::pair<std::string_view, Value>> data) {
  auto id = machine().event_id(event);
  if (!id) return unexpected(id.error());
  const Schema& schema = m_->events[*id].data;
  std::vector<Value> values(schema.size());
  for (const auto& [name, value] : data) {
    auto slot = schema.slot_of(name);
    if (!slot) {
      std::vector<std::string_view> names;
      for (const auto& f : schema.fields()) names.emplace_back(f.name);
      return fail(ErrorCode::unknown_name, "event '" + m_->events[*id].name + "' has no data field '" +
                                               std::string(name) + "'" + internal::did_you_mean(name, names),
                  Location::at_pointer("/" + internal::pointer_token(name)));
    }
    values[*slot] = value;
  }
  return fire(*id, time, values);
}

expected<StateId> Session::fire_json(std::string_view event, std::string_view data_json, std::int64_t time) {
  std::vector<std::pair<std::string_view, Value>> data;
  boost::json::value doc;
  if (!data_json.empty()) {
    auto parsed = internal::parse_json(data_json);
    if (!parsed) return unexpected(parsed.error());
    doc = std::move(*parsed);
  }
  if (!doc.is_null()) {
    const internal::JsonReader root(&doc, "");
    auto obj = root.object();
    if (!obj) return unexpected(obj.error());
    for (const auto& member : **obj) {
      const std::string_view key(member.key().data(), member.key().size());
      auto v = internal::value_from_json(member.value(), root[key]);
      if (!v) {
        Error e = v.error();
        e.where = internal::locate(data_json, e.where.pointer);
        return unexpected(std::move(e));
      }
      data.emplace_back(key, std::move(*v));
    }
  }
  auto to = fire(event, time, std::span<const std::pair<std::string_view, Value>>(data));
  if (!to && !data_json.empty() && !to.error().where.pointer.empty() && to.error().where.pointer[0] == '/' &&
      to.error().where.pointer.find("/machines/") != 0) {
    Error e = to.error();
    e.where = internal::locate(data_json, e.where.pointer);
    return unexpected(std::move(e));
  }
  return to;
}

expected<DealSize> Session::deal_size() const {
  if (!m_->deal_size) return DealSize::large;
  auto v = m_->deal_size->evaluate(frame_);
  if (!v) return unexpected(v.error());
  if (v->kind() != ValueKind::string)
    return fail(ErrorCode::type_mismatch, "deal size '" + std::string(m_->deal_size->text()) + "' gave " +
                                              v->to_string() + ", not 'large' or 'small'");
  return parse_deal_size(v->as_string());
}

namespace {

/// Texts shown in one language, noting any that had to be shown in the other.
struct Shown {
  Lang lang;
  bool fallback = false;
  std::string operator()(const Text& t) {
    fallback = fallback || (t.lacks(lang) && !t.empty());
    return t.in(lang);
  }
  std::vector<std::string> operator()(const std::vector<Text>& ts) {
    std::vector<std::string> out;
    out.reserve(ts.size());
    for (const auto& t : ts) out.push_back((*this)(t));
    return out;
  }
};

}  // namespace

std::vector<BenefitStatement> Session::benefit_statements(Lang lang) const {
  std::vector<BenefitStatement> out;
  for (const auto& n : needs_) {
    if (!n.is_explicit()) continue;
    for (const auto& o : m_->offers) {
      if (o.need != n.category) continue;
      Shown shown{lang};
      BenefitStatement b{n.id, shown(o.feature), shown(o.advantage), shown(o.benefit), shown(o.evidence), lang};
      b.fallback = shown.fallback;
      out.push_back(std::move(b));
    }
  }
  return out;
}

expected<std::vector<Recommendation>> Session::recommendations(Lang lang) const {
  std::vector<Recommendation> out;
  auto add = [&](const internal::machine::RecommendationDef& def, const char* source) {
    if (def.offers) {
      const char* colon = lang == Lang::zh ? ":" : ": ";
      for (auto& b : benefit_statements(lang))
        out.push_back(Recommendation{def.kind, b.benefit + " (" + b.feature + colon + b.advantage + ")",
                                     std::move(b.evidence), source, def.topic, lang, b.fallback});
      return;
    }
    Shown shown{lang};
    Recommendation r{def.kind, shown(def.text), shown(def.items), source, def.topic, lang};
    r.fallback = shown.fallback;
    out.push_back(std::move(r));
  };
  for (const auto& def : m_->states[state_].recommend) {
    if (def.when) {
      auto v = def.when->evaluate(frame_);
      if (!v) return unexpected(Error{v.error().code, "state '" + state_name() + "': condition '" +
                                                          std::string(def.when->text()) + "' failed: " + v.error().message,
                                      {}});
      if (v->kind() != ValueKind::boolean || !v->as_bool()) continue;
    }
    add(def, "state");
  }
  if (last_transition_ != internal::machine::none)
    for (const auto& def : m_->transitions[last_transition_].recommend) add(def, "transition");
  return out;
}

std::vector<AuditEntry> Session::audit() const {
  std::vector<AuditEntry> out;
  out.reserve(audit_.size());
  for (std::size_t i = 0; i < audit_.size(); ++i) {
    const Entry& e = audit_[i];
    AuditEntry a;
    a.sequence = i;
    a.time = e.time;
    a.event = m_->events[e.event].name;
    a.from = m_->states[e.from].name;
    a.to = m_->states[e.to].name;
    a.transition = m_->transitions[e.transition].pointer;
    const auto& fields = m_->events[e.event].data.fields();
    for (std::size_t f = 0; f < fields.size(); ++f) a.data.emplace_back(fields[f].name, audit_data_[e.data_begin + f]);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace crm
