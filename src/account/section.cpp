// The "account" section: its catalogues, the slots of the document's facts and outputs,
// and the nested rule sets (per stakeholder, per criterion).
#include "src/account/section.hpp"

#include <memory>

#include "src/json/reader.hpp"

namespace crm::internal::account {
namespace {

[[nodiscard]] expected<std::string> read_string(const JsonReader& at) {
  auto s = at.string();
  if (!s) return unexpected(s.error());
  return std::string(*s);
}

[[nodiscard]] expected<int> read_priority(const JsonReader& at) {
  if (!at.exists()) return 0;
  auto n = at.integer();
  if (!n) return unexpected(n.error());
  if (*n < 0 || *n > 1'000'000) return at.error(ErrorCode::out_of_range, "a priority is 0..1000000");
  return static_cast<int>(*n);
}

[[nodiscard]] expected<bool> read_flag(const JsonReader& at) {
  if (!at.exists()) return false;
  return at.boolean();
}

/// Reads each element of the array at `at` with `one`, refusing an id given twice.
template <class T, class ReadOne>
[[nodiscard]] expected<std::vector<T>> read_list(const JsonReader& at, ReadOne one) {
  auto items = at.array();
  if (!items) return unexpected(items.error());
  std::vector<T> out;
  for (std::size_t i = 0; i < (*items)->size(); ++i) {
    auto item = one(at.at(i));
    if (!item) return unexpected(item.error());
    if constexpr (requires { item->id; })
      for (const T& earlier : out)
        if (earlier.id == item->id)
          return at.at(i)["id"].error(ErrorCode::conflict, "'" + item->id + "' is listed twice");
    out.push_back(std::move(*item));
  }
  return out;
}

/// Reads the members of an object into fields: each a (key, reader) pair.
#define CRM_READ(field, reader, key)      \
  do {                                    \
    auto v = reader(at[key]);             \
    if (!v) return unexpected(v.error()); \
    out.field = std::move(*v);            \
  } while (false)

[[nodiscard]] expected<ClarityRule> read_clarity(const JsonReader& at, const std::vector<OutputInfo>& outputs) {
  if (auto keys = at.only_keys({"id", "decision", "name", "question", "priority"}); !keys)
    return unexpected(keys.error());
  ClarityRule out;
  CRM_READ(id, read_string, "id");
  CRM_READ(name, read_text, "name");
  CRM_READ(question, read_text, "question");
  CRM_READ(priority, read_priority, "priority");
  auto decision = at["decision"].string();
  if (!decision) return unexpected(decision.error());
  for (std::size_t i = 0; i < outputs.size(); ++i)
    if (outputs[i].name == *decision) return out.output = i, out;
  return at["decision"].error(ErrorCode::unknown_name, "clarity '" + out.id + "' reads output '" +
                                                           std::string(*decision) +
                                                           "', which no decision of the rule set gives");
}

[[nodiscard]] expected<RoleRule> read_role(const JsonReader& at) {
  if (auto keys = at.only_keys({"id", "name", "held", "unheld", "key", "decides", "priority"}); !keys)
    return unexpected(keys.error());
  RoleRule out;
  CRM_READ(id, read_string, "id");
  CRM_READ(name, read_text, "name");
  CRM_READ(held, read_text, "held");
  CRM_READ(unheld, read_text, "unheld");
  CRM_READ(key, read_flag, "key");
  CRM_READ(decides, read_flag, "decides");
  CRM_READ(priority, read_priority, "priority");
  return out;
}

/// An Advice whose text is under `text_key`.
[[nodiscard]] expected<Advice> read_advice(const JsonReader& at, std::string_view text_key) {
  if (auto keys = at.only_keys({"id", "name", text_key, "priority"}); !keys) return unexpected(keys.error());
  Advice out;
  CRM_READ(id, read_string, "id");
  CRM_READ(name, read_text, "name");
  CRM_READ(text, read_text, text_key);
  CRM_READ(priority, read_priority, "priority");
  return out;
}

[[nodiscard]] expected<Named> read_named(const JsonReader& at) {
  if (auto keys = at.only_keys({"id", "name"}); !keys) return unexpected(keys.error());
  Named out;
  CRM_READ(id, read_string, "id");
  CRM_READ(name, read_text, "name");
  return out;
}

[[nodiscard]] expected<StarRule> read_star(const JsonReader& at) {
  if (auto keys = at.only_keys({"stars", "name", "raise"}); !keys) return unexpected(keys.error());
  StarRule out;
  CRM_READ(name, read_text, "name");
  CRM_READ(raise, read_text, "raise");
  auto n = at["stars"].integer();
  if (!n) return unexpected(n.error());
  out.stars = static_cast<int>(*n);
  return out;
}

[[nodiscard]] expected<TypeRule> read_type(const JsonReader& at) {
  if (auto keys = at.only_keys({"id", "name", "focus", "selling", "priority"}); !keys) return unexpected(keys.error());
  TypeRule out;
  CRM_READ(id, read_string, "id");
  CRM_READ(name, read_text, "name");
  CRM_READ(focus, read_text, "focus");
  CRM_READ(selling, read_text, "selling");
  CRM_READ(priority, read_priority, "priority");
  return out;
}

[[nodiscard]] expected<StepRule> read_step(const JsonReader& at) {
  if (auto keys = at.only_keys({"id", "name", "advice", "critical", "priority"}); !keys)
    return unexpected(keys.error());
  StepRule out;
  CRM_READ(id, read_string, "id");
  CRM_READ(name, read_text, "name");
  CRM_READ(advice, read_text, "advice");
  CRM_READ(critical, read_flag, "critical");
  CRM_READ(priority, read_priority, "priority");
  return out;
}

#undef CRM_READ

/// The slot of input or output `name` of a rule set, or an error at `at` naming it.
[[nodiscard]] expected<std::size_t> input_slot(const Schema& schema, std::string_view name, const JsonReader& at,
                                               std::string_view whose) {
  if (auto slot = schema.slot_of(name)) return *slot;
  return at.error(ErrorCode::missing, std::string(whose) + " needs an input '" + std::string(name) + "'");
}

[[nodiscard]] expected<std::size_t> output_slot(const std::vector<OutputInfo>& outputs, std::string_view name,
                                                const JsonReader& at, std::string_view whose) {
  for (std::size_t i = 0; i < outputs.size(); ++i)
    if (outputs[i].name == name) return i;
  return at.error(ErrorCode::missing, std::string(whose) + " needs an output '" + std::string(name) + "'");
}

[[nodiscard]] expected<void> resolve_slots(const SectionSource& source, Section& s) {
  const JsonReader& at = source.json;
  const std::pair<std::size_t*, std::string_view> facts[] = {
      {&s.slots.stakeholders, "stakeholders"},
      {&s.slots.placed, "placed"},
      {&s.slots.decision_makers, "decision_makers"},
      {&s.slots.attitudes_known, "attitudes_known"},
      {&s.slots.needs_known, "needs_known"},
      {&s.slots.focus_given, "focus_given"},
      {&s.slots.steps, "steps"},
      {&s.slots.timetable, "timetable"},
      {&s.slots.funds, "funds"},
      {&s.slots.competitors_with_cards, "competitors_with_cards"},
      {&s.slots.requirements, "requirements"},
      {&s.slots.replaceable, "replaceable"},
      {&s.slots.cooperation, "cooperation"},
      {&s.slots.shared_ownership, "shared_ownership"},
      {&s.slots.effort, "effort"},
      {&s.slots.return_, "return"}};
  for (auto [slot, name] : facts) {
    auto found = input_slot(source.inputs, name, at, "the account planner");
    if (!found) return unexpected(found.error());
    *slot = *found;
  }
  for (auto [slot, name] : {std::pair{&s.slots.account_type, "account_type"}, std::pair{&s.slots.phase, "phase"}}) {
    auto found = output_slot(source.outputs, name, at, "the account planner");
    if (!found) return unexpected(found.error());
    *slot = *found;
  }
  const JsonReader sh = at["stakeholder"];
  for (std::size_t b = 0; b < s.behaviours.size(); ++b) {
    auto found = input_slot(s.stakeholder->schema(), s.behaviours[b].id, sh, "the stakeholder rules");
    if (!found) return unexpected(found.error());
    if (*found != b)
      return sh["inputs"].error(ErrorCode::invalid_rule,
                                "the stakeholder rules' inputs must be the behaviours, in their order");
  }
  auto stars = output_slot(s.stakeholder->outputs(), "stars", sh, "the stakeholder rules");
  if (!stars) return unexpected(stars.error());
  s.slots.stars = *stars;
  const JsonReader cr = at["criterion"];
  for (auto [slot, name] : {std::pair{&s.slots.importance, "importance"}, std::pair{&s.slots.position, "position"},
                            std::pair{&s.slots.from_explicit_need, "from_explicit_need"}}) {
    auto found = input_slot(s.criterion->schema(), name, cr, "the criterion rules");
    if (!found) return unexpected(found.error());
    *slot = *found;
  }
  for (auto [slot, name] : {std::pair{&s.slots.strategy, "strategy"}, std::pair{&s.slots.rank, "rank"}}) {
    auto found = output_slot(s.criterion->outputs(), name, cr, "the criterion rules");
    if (!found) return unexpected(found.error());
    *slot = *found;
  }
  return {};
}

[[nodiscard]] expected<void> check_stars(const JsonReader& at, const std::vector<StarRule>& stars) {
  for (std::size_t i = 0; i < stars.size(); ++i)
    if (stars[i].stars != static_cast<int>(i))
      return at.at(i)["stars"].error(ErrorCode::invalid_rule, "the stars must be listed from 0, one rung each");
  if (stars.empty()) return at.error(ErrorCode::missing, "the stars need at least rung 0");
  return {};
}

template <class T>
const T* find_id(const std::vector<T>& list, std::string_view id) noexcept {
  for (const T& item : list)
    if (item.id == id) return &item;
  return nullptr;
}

/// Moves `v` into `field`, or gives its error.
template <class T, class U>
[[nodiscard]] expected<void> assign(T& field, expected<U> v) {
  if (!v) return unexpected(v.error());
  field = std::move(*v);
  return {};
}

/// The lists: clarities, the vocabulary, stars, types, traits, strategies, stages, phases.
[[nodiscard]] expected<void> read_catalogues(const JsonReader& at, const std::vector<OutputInfo>& outputs, Section& s) {
  const auto clarity = [&](const JsonReader& c) { return read_clarity(c, outputs); };
  const auto advice_under = [](std::string_view key) {
    return [key](const JsonReader& a) { return read_advice(a, key); };
  };
  expected<void> ok = assign(s.clarities, read_list<ClarityRule>(at["clarities"], clarity));
  if (ok) ok = assign(s.roles, read_list<RoleRule>(at["roles"], read_role));
  if (ok) ok = assign(s.attitudes, read_list<Advice>(at["attitudes"], advice_under("action")));
  if (ok) ok = assign(s.behaviours, read_list<Named>(at["behaviours"], read_named));
  if (ok) ok = assign(s.stars, read_list<StarRule>(at["stars"], read_star));
  if (ok) ok = check_stars(at["stars"], s.stars);
  if (ok) ok = assign(s.types, read_list<TypeRule>(at["types"], read_type));
  if (ok) ok = assign(s.traits, read_list<Advice>(at["traits"], advice_under("tactic")));
  if (ok) ok = assign(s.strategies, read_list<Advice>(at["strategies"], advice_under("advice")));
  if (ok) ok = assign(s.stages, read_list<StepRule>(at["stages"], read_step));
  if (ok) ok = assign(s.phases, read_list<StepRule>(at["phases"], read_step));
  return ok;
}

/// The action for a stakeholder whose needs are unknown: {"text", "priority"}.
[[nodiscard]] expected<void> read_needs_unknown(const JsonReader& at, Section& s) {
  const JsonReader needs = at["needs_unknown"];
  if (!needs.exists()) return at.error(ErrorCode::missing, "the section needs 'needs_unknown'");
  if (auto keys = needs.only_keys({"text", "priority"}); !keys) return keys;
  if (auto ok = assign(s.needs_unknown, read_text(needs["text"])); !ok) return ok;
  return assign(s.needs_unknown_priority, read_priority(needs["priority"]));
}

}  // namespace

const TypeRule* Section::type(std::string_view id) const noexcept { return find_id(types, id); }
const StepRule* Section::stage(std::string_view id) const noexcept { return find_id(stages, id); }
const StepRule* Section::phase(std::string_view id) const noexcept { return find_id(phases, id); }
const Advice* Section::strategy(std::string_view id) const noexcept { return find_id(strategies, id); }

expected<SectionValue> load_section(const SectionSource& source) {
  const JsonReader& at = source.json;
  if (auto keys = at.only_keys({"clarities", "roles", "attitudes", "needs_unknown", "behaviours", "stars",
                                "raise_stars_priority", "types", "traits", "strategies", "stages", "phases",
                                "stakeholder", "criterion"});
      !keys)
    return unexpected(keys.error());
  auto s = std::make_shared<Section>();
  expected<void> ok = read_catalogues(at, source.outputs, *s);
  if (ok) ok = read_needs_unknown(at, *s);
  if (ok) ok = assign(s->raise_stars_priority, read_priority(at["raise_stars_priority"]));
  if (ok) ok = assign(s->stakeholder, load_nested_rule_set(source, at["stakeholder"], "account/stakeholder"));
  if (ok) ok = assign(s->criterion, load_nested_rule_set(source, at["criterion"], "account/criterion"));
  if (ok) ok = resolve_slots(source, *s);
  if (!ok) return unexpected(ok.error());
  return SectionValue(std::move(s));
}

}  // namespace crm::internal::account
