// Machine: finding a rule set's machines, introspection, and the built-in machines.
#include "crmrules/machine.hpp"

#include "src/machine/classify.hpp"
#include "src/machine/compiled.hpp"
#include "src/core/suggest.hpp"
#include "src/ruleset/load_builtin.hpp"
#include "crmrules/session.hpp"

namespace crm {

namespace internal {
std::string_view builtin_machines_text() noexcept;  // rules/machines.json, embedded by cmake/Embed.cmake
}  // namespace internal

expected<Machine> Machine::find(const RuleSet& rules, std::string_view name) {
  const auto set = internal::section<internal::machine::MachineSet>(rules, internal::machine::machines_section);
  if (set)
    for (const auto& m : set->machines)
      if (m->name == name) return Machine(m);
  std::vector<std::string_view> names;  // only to name the choices in the error
  if (set)
    for (const auto& m : set->machines) names.emplace_back(m->name);
  std::string list;
  for (auto n : names) list += (list.empty() ? "" : ", ") + std::string(n);
  return fail(ErrorCode::unknown_name, "rule set '" + rules.name() + "' has no machine '" + std::string(name) + "'" +
                                           internal::did_you_mean(name, names) +
                                           (list.empty() ? std::string(" (it defines none)") : " (machines: " + list + ")"));
}

std::vector<std::string> Machine::names(const RuleSet& rules) {
  std::vector<std::string> out;
  if (const auto set = internal::section<internal::machine::MachineSet>(rules, internal::machine::machines_section))
    for (const auto& m : set->machines) out.push_back(m->name);
  return out;
}

std::string_view Machine::builtin_json() noexcept {
  return internal::builtin_machines_text();
}

const RuleSet& Machine::builtin_rules() {
  static const RuleSet rules = internal::load_builtin(builtin_json(), "machines");
  return rules;
}

expected<Machine> Machine::builtin(std::string_view name) { return find(builtin_rules(), name); }

const std::string& Machine::name() const noexcept { return m_->name; }
const std::string& Machine::description() const noexcept { return m_->description; }
const std::string& Machine::version() const noexcept { return m_->version; }
Lang Machine::lang() const noexcept { return m_->lang; }

std::vector<std::string> Machine::classifier_names() const {
  std::vector<std::string> out;
  for (const auto& c : m_->classifiers) out.push_back(c.name);
  return out;
}

expected<Classification> Machine::classify(std::string_view name, std::string_view words) const {
  std::vector<std::string_view> names;
  for (const auto& c : m_->classifiers) {
    if (c.name == name) return internal::machine::classify(c, words);
    names.emplace_back(c.name);
  }
  return unexpected(Error{ErrorCode::unknown_name, "machine '" + m_->name + "' has no classifier '" + std::string(name) +
                                                       "'" + internal::did_you_mean(name, names),
                          {}});
}
const std::string& Machine::rule_set_name() const noexcept { return m_->rule_set; }
const std::string& Machine::rule_set_version() const noexcept { return m_->rule_set_version; }
std::uint64_t Machine::definition_hash() const noexcept { return m_->hash; }

std::size_t Machine::state_count() const noexcept { return m_->states.size(); }
const std::string& Machine::state_name(StateId state) const { return m_->states.at(state).name; }
bool Machine::is_final(StateId state) const { return m_->states.at(state).final; }
StateId Machine::initial_state() const noexcept { return m_->initial; }

expected<StateId> Machine::state_id(std::string_view name) const {
  if (auto id = m_->state_id(name)) return *id;
  std::vector<std::string_view> names;
  for (const auto& s : m_->states) names.emplace_back(s.name);
  return fail(ErrorCode::unknown_name, "machine '" + m_->name + "' has no state '" + std::string(name) + "'" +
                                           internal::did_you_mean(name, names));
}

std::vector<std::string> Machine::state_names() const {
  std::vector<std::string> out;
  for (const auto& s : m_->states) out.push_back(s.name);
  return out;
}

std::size_t Machine::event_count() const noexcept { return m_->events.size(); }
const std::string& Machine::event_name(EventId event) const { return m_->events.at(event).name; }

expected<EventId> Machine::event_id(std::string_view name) const {
  if (auto id = m_->event_id(name)) return *id;
  std::vector<std::string_view> names;
  for (const auto& e : m_->events) names.emplace_back(e.name);
  return fail(ErrorCode::unknown_name, "machine '" + m_->name + "' has no event '" + std::string(name) + "'" +
                                           internal::did_you_mean(name, names));
}

const Schema& Machine::event_data(EventId event) const { return m_->events.at(event).data; }
const Schema& Machine::context() const noexcept { return m_->context; }
Session Machine::start() const { return Session(*this); }

}  // namespace crm
