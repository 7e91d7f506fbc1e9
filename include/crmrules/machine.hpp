// crm::Machine: a state machine defined in a rule set (format: docs/machines.md).
//
//   auto rules = crm::RuleSet::load_file("selling.json");
//   auto machine = crm::Machine::find(*rules, "lscpa");    // unknown_name lists the machines
//   machine->state_names();                                // listen, share, clarify, ...
//   crm::Session session = machine->start();               // a running machine: see session.hpp
//
//   auto builtin = crm::Machine::builtin("spin");          // the built-in SPIN, FABE and LSCPA
//   std::string_view json = crm::Machine::builtin_json();  // their rule set, to copy and change
//
// A machine has states (one initial, some final), typed context fields, events with typed
// data, and transitions: from a state, on an event, when a guard holds, to a state, with
// effects (set context fields, record a need, emit a recommendation). Load-time checks
// refuse unreachable states, non-final states with no way to a final one, and two
// transitions that are certainly enabled by the same event at once; they warn when the
// guards of two such transitions cannot be shown to exclude each other.
//
// Classifiers map the customer's words to a label (the question's form, the objection's
// kind), by decision tables the machine carries as rules data:
//
//   machine->classify("objection_kind", "我从未听说过你的公司")->label;   // "credibility"
//
// An event may name a classifier for a data field the caller leaves out ("classify"):
// firing LSCPA's objection with only the customer's text fills in its kind.
//
// A Machine is immutable and cheap to copy: share it between threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/expected.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/schema.hpp"
#include "crmrules/text.hpp"

namespace crm {

namespace internal::machine {
struct CompiledMachine;
}

class Session;
struct SessionAccess;

/// What one of a machine's classifiers made of the customer's words.
struct Classification {
  std::string classifier;
  std::string label;  // "" when no rule matched
  std::string rule;   // the rule that matched: its id, or "row N" (from 1); "" when none
  [[nodiscard]] bool matched() const noexcept { return !label.empty(); }
  /// {"classifier", "label", "rule", "matched"}; label and rule null when nothing matched.
  [[nodiscard]] std::string to_json() const;
  friend bool operator==(const Classification&, const Classification&) = default;
};

/// A state or an event, as the integer it was resolved to at load (its position in the
/// definition). Use them on hot paths; names are the stable way to refer to either.
using StateId = std::uint32_t;
using EventId = std::uint32_t;

class Machine {
 public:
  /// The machine called `name` in the rule set; unknown_name (listing the machines, with
  /// "did you mean") when there is none.
  [[nodiscard]] static expected<Machine> find(const RuleSet& rules, std::string_view name);
  /// The names of the rule set's machines, in document order.
  static std::vector<std::string> names(const RuleSet& rules);

  /// The built-in machines' rule set (rules/machines.json, embedded at build time).
  static const RuleSet& builtin_rules();
  /// Its JSON text, to copy and change.
  static std::string_view builtin_json() noexcept;
  /// A built-in machine: "spin", "fabe", "lscpa" or "complaint".
  [[nodiscard]] static expected<Machine> builtin(std::string_view name);

  [[nodiscard]] const std::string& name() const noexcept;
  [[nodiscard]] const std::string& description() const noexcept;
  /// The machine's own "version", or the rule set's when it has none.
  [[nodiscard]] const std::string& version() const noexcept;
  /// The language of its plain-string texts and of its new sessions ("lang"; zh unless it says).
  [[nodiscard]] Lang lang() const noexcept;
  [[nodiscard]] const std::string& rule_set_name() const noexcept;
  [[nodiscard]] const std::string& rule_set_version() const noexcept;
  /// A hash of what the machine does (states, events and their data, context fields,
  /// transitions with their guards and effects, deal size; not its descriptions,
  /// recommendations, lists, offers, classifiers, lang or version; not the order of
  /// keys): saved sessions carry it, and restoring one under a machine with another hash
  /// is a version_mismatch error. Rewording or translating a machine keeps its sessions.
  [[nodiscard]] std::uint64_t definition_hash() const noexcept;

  [[nodiscard]] std::size_t state_count() const noexcept;
  [[nodiscard]] const std::string& state_name(StateId state) const;  // state < state_count()
  [[nodiscard]] bool is_final(StateId state) const;
  [[nodiscard]] StateId initial_state() const noexcept;
  [[nodiscard]] expected<StateId> state_id(std::string_view name) const;
  [[nodiscard]] std::vector<std::string> state_names() const;

  [[nodiscard]] std::size_t event_count() const noexcept;
  [[nodiscard]] const std::string& event_name(EventId event) const;  // event < event_count()
  /// unknown_name (with "did you mean") for an event the machine does not have.
  [[nodiscard]] expected<EventId> event_id(std::string_view name) const;
  /// The typed data an event carries.
  [[nodiscard]] const Schema& event_data(EventId event) const;

  /// The names of its classifiers ("classifiers": rule sets over the customer's words), in
  /// document order.
  [[nodiscard]] std::vector<std::string> classifier_names() const;
  /// What classifier `name` makes of `words` (unmatched when no rule matched: label "").
  /// Errors: unknown_name (with "did you mean"), a rule that fails to evaluate.
  [[nodiscard]] expected<Classification> classify(std::string_view name, std::string_view words) const;

  /// The context fields (typed as a rule set's inputs; defaults are the initial values).
  [[nodiscard]] const Schema& context() const noexcept;

  /// A new session in the initial state, with the context's defaults and no needs.
  [[nodiscard]] Session start() const;

 private:
  friend class Session;
  friend struct SessionAccess;
  explicit Machine(std::shared_ptr<const internal::machine::CompiledMachine> m) : m_(std::move(m)) {}
  std::shared_ptr<const internal::machine::CompiledMachine> m_;
};

}  // namespace crm
