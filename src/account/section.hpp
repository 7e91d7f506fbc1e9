// Private: the "account" section of a rule set (rules/account.json), loaded once: the
// catalogues the planner walks (clarities, roles, attitudes, stars, types, order traits,
// strategies, stages, phases, with their texts and action priorities) and the nested
// rule sets it evaluates per stakeholder and per criterion. The top-level rule set's
// inputs are the account's facts (facts.cpp); its outputs the clarities, the type and
// the phase.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/rule_set.hpp"
#include "crmrules/text.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal::account {

inline constexpr std::string_view section_key = "account";

struct ClarityRule {
  std::string id;
  std::size_t output = 0;  // the top-level output that says it is known (a bool)
  Text name, question;
  int priority = 0;
};

struct RoleRule {
  std::string id;
  Text name;
  Text held;             // the advice when someone holds it ("" none)
  Text unheld;           // the advice when nobody does ("" none)
  bool key = false;      // key stakeholders get the next relationship star as an action
  bool decides = false;  // its holders decide: they make "who decides" known (facts.cpp)
  int priority = 0;
};

/// An id with its name, one piece of advice and its action's priority: attitudes (the
/// "action" for each stakeholder with it, "" none), order traits (the "tactic"),
/// criteria strategies (the "advice").
struct Advice {
  std::string id;
  Text name, text;
  int priority = 0;
};

struct Named {  // a vocabulary entry: the seller's behaviours
  std::string id;
  Text name;
};

struct StarRule {
  int stars = 0;
  Text name;
  Text raise;  // what reaches this rung from the one below
};

struct TypeRule {  // the account types; id "" is the unknown type
  std::string id;
  Text name, focus, selling;
  int priority = 0;
};

struct StepRule {  // stages and phases; id "" is the unknown one
  std::string id;
  Text name, advice;
  bool critical = false;
  int priority = 0;
};

/// The top-level rule set's slots the planner reads and writes.
struct Slots {
  std::size_t stakeholders, placed, decision_makers, attitudes_known, needs_known, focus_given, steps, timetable, funds,
      competitors_with_cards, requirements, replaceable, cooperation, shared_ownership, effort, return_;
  std::size_t account_type, phase;  // outputs
  std::size_t behaviour_base = 0;   // stakeholder rule set: behaviours' input slots in behaviours' order
  std::size_t stars = 0;            // stakeholder rule set's output
  std::size_t importance, position, from_explicit_need, strategy, rank;  // criterion rule set
};

struct Section {
  std::vector<ClarityRule> clarities;
  std::vector<RoleRule> roles;
  std::vector<Advice> attitudes;
  Text needs_unknown;
  int needs_unknown_priority = 0;
  std::vector<Named> behaviours;
  std::vector<StarRule> stars;  // 0..5, in order
  int raise_stars_priority = 0;
  std::vector<TypeRule> types;
  std::vector<Advice> traits;
  std::vector<Advice> strategies;
  std::vector<StepRule> stages, phases;
  std::optional<RuleSet> stakeholder, criterion;  // always set once loaded
  Slots slots{};

  [[nodiscard]] const TypeRule* type(std::string_view id) const noexcept;
  [[nodiscard]] const StepRule* stage(std::string_view id) const noexcept;
  [[nodiscard]] const StepRule* phase(std::string_view id) const noexcept;
  [[nodiscard]] const Advice* strategy(std::string_view id) const noexcept;
};

/// The section's loader (src/sections.cpp). Needs the top-level rule set's inputs and
/// outputs, so it reads them from the document's other keys through source.
[[nodiscard]] expected<SectionValue> load_section(const SectionSource& source);

}  // namespace crm::internal::account
