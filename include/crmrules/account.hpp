// crm::account: a key account's plan (DOMAIN.md §3.1, §3.4, §2.4; the document and the
// plan: docs/account.md) — what the seller knows, what is missing, what to do next, and why.
//
//   const crm::account::Planner& planner = crm::account::Planner::builtin();
//   auto plan = planner.plan(R"({"customer": {"name": "东风集团"},
//                                "traits": {"cooperation": "strategic", "shared_ownership": true}})");
//   if (!plan) std::cerr << plan.error().to_string();        // pointer, line and column
//   plan->clarities_known;                                   // of nine
//   plan->type.id;                                           // "partnership"
//   for (const auto& a : plan->next_actions)                  // ranked, each with its reason
//     std::cout << a.text.in(crm::Lang::zh) << " (" << a.source << ")\n";
//   std::string json = plan->to_json(), text = plan->to_text(crm::Lang::zh);
//
//   auto rules = crm::RuleSet::load_file("my_account_rules.json");  // a copy of builtin_json()
//   auto mine = crm::account::Planner::from_rule_set(*rules);
//
// Every classification (the nine clarities, relationship stars, the account type, the
// tactics for order traits, the decision-criteria strategies, the stage and the phase)
// and every text is rules data: the built-in rule set (builtin_json()) is an ordinary
// rule set whose "account" section holds the per-stakeholder and per-criterion rule sets
// and the texts; users print, copy and change it, and lint and rule tests apply. The
// code walks the document's lists and gathers the results.
//
// A Planner is immutable: share it between threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/expected.hpp"
#include "crmrules/limits.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/text.hpp"

namespace crm::account {

// ---- the account document (docs/account.md) ----

struct Stakeholder {
  std::string name;                     // required, unique within the account
  std::string title;
  std::vector<std::string> roles;       // initiator, gatekeeper, influencer, decision_maker, ...
  std::string attitude = "unknown";     // supporter, neutral, opponent, unknown
  std::vector<std::string> needs;       // texts or need ids; empty: unknown
  std::vector<std::string> focus;       // what they care about
  std::vector<std::string> behaviours;  // the seller's: listened, shared_interest, helped_customer, ...
};

struct Criterion {
  std::string name;
  std::string importance;  // high, medium, low ("" unknown)
  std::string position;    // meets, strong, weak, cannot_meet ("" unknown)
  bool from_explicit_need = false;
};

struct Competitor {
  std::string name;
  std::vector<std::string> cards;  // the cards they play
};

struct Account {
  std::string customer;  // required
  std::string grade;     // optional, from the grading rules (A1..C2)
  std::string deal_size;  // large, small ("" unknown)
  std::vector<Stakeholder> stakeholders;
  // purchase
  std::vector<std::string> process_steps;
  std::string timetable;  // "" unknown
  std::string funds;      // funds, payment and receiving ("" unknown)
  std::string stage;      // need_recognition, evaluation, trial_implementation ("" unknown)
  // traits: what decides the account type ("" unknown), and the order traits present
  std::string requirements;  // standard, tailored
  std::string replaceable;   // easy, hard
  std::string cooperation;   // none, differentiated, strategic
  std::string shared_ownership;  // yes, no
  std::vector<std::string> order_traits;  // long_cycle, many_disturbances, rational_buyer, ...
  std::vector<Criterion> criteria;
  std::vector<Competitor> competitors;
  // after the sale ("" unknown): effort put in and visible return so far
  std::string implementation_effort;  // little, hard
  std::string implementation_return;  // quick, little, steady
};

// ---- the plan ----

struct Clarity {  // one of the nine clarities (九大明确)
  std::string id;  // "who_decides"
  Text name;       // 明决策拍板是谁 / who decides
  bool known = false;
  Text question;  // the question to ask next while it is open
};

struct Role {  // a buying-centre role and who holds it
  std::string id;  // "decision_maker"
  Text name;       // 决策人 / decision maker
  std::vector<std::string> holders;  // stakeholders' names, in document order
  Text advice;                       // how to sell to its holders, or how to find one
};

struct StakeholderPlan {
  std::string name;
  std::string attitude;
  bool needs_known = false;
  int stars = 0;  // relationship stars, 0 (none of the behaviours yet) to 5 (strategic partner)
  Text stars_name;  // 一星:做个好听众 ...
  Text raise;       // what would raise the stars by one (empty at 5)
};

struct BuyingCentre {
  std::vector<Role> roles;           // every role of the rules, held or not
  std::vector<std::string> unheld;   // the ids of roles nobody holds
  std::size_t supporters = 0, neutrals = 0, opponents = 0, unknown_attitudes = 0;
  std::vector<std::string> needs_unknown;  // stakeholders whose needs are unknown
};

struct AccountType {
  std::string id;  // transactional, value_added, partnership; "" while the traits are unknown
  Text name, focus, selling;
};

struct Tactic {  // an order trait and the tactic for it
  std::string trait;
  Text name, tactic;
};

struct CriterionPlan {
  std::string name;
  std::string strategy;  // build, reinforce, raise_weight, lower_weight; "" none applies
  int rank = 0;          // 1 lightest .. 4 heaviest; 0 none
  Text advice;
};

struct Step {  // the buying stage or the implementation phase, and what it calls for
  std::string id;  // "" unknown
  Text name, advice;
  bool critical = false;  // the learning phase: the period that needs maintenance
};

struct Action {
  std::string id;      // the rules' action id ("ask_open_clarity", ...)
  int priority = 0;    // lower first
  Text text, reason;
  std::string source;  // where it came from: a rule and a JSON pointer ("clarities/who_decides",
                       // "stakeholders/2", "criteria/1", "traits/long_cycle", "stage", ...)
};

struct Plan {
  std::string customer, grade, deal_size;
  std::vector<Clarity> clarities;  // the nine, in the deck's order
  std::size_t clarities_known = 0;
  BuyingCentre buying_centre;
  std::vector<StakeholderPlan> stakeholders;  // in document order
  AccountType type;
  std::vector<Tactic> tactics;
  std::vector<CriterionPlan> criteria;  // in document order
  Step stage, phase;
  std::vector<Action> next_actions;  // ranked

  /// The whole plan as one JSON object (docs/account.md), both languages.
  [[nodiscard]] std::string to_json() const;
  /// A readable plan for a terminal, in `lang` (names as given).
  [[nodiscard]] std::string to_text(Lang lang = Lang::zh) const;
};

class Planner {
 public:
  /// The built-in account rules (rules/account.json).
  [[nodiscard]] static const Planner& builtin();
  [[nodiscard]] static std::string_view builtin_json() noexcept;
  /// The planner of a rule set with an "account" section; invalid_rule naming the rule
  /// set when it has none.
  [[nodiscard]] static expected<Planner> from_rule_set(const RuleSet& rules);

  /// Reads an account document, checked against the rules' vocabulary: unknown keys,
  /// roles, attitudes, stages and traits are errors with "did you mean", a pointer, line
  /// and column; so are a stakeholder without a name, two with one name, a wrong type.
  [[nodiscard]] expected<Account> read(std::string_view account_json) const;
  /// The plan of an account, from its document or as read().
  [[nodiscard]] expected<Plan> plan(std::string_view account_json) const;
  /// The Account's strings are checked as read() checks the document's (pointers as if
  /// it were one).
  [[nodiscard]] expected<Plan> plan(const Account& account) const;

  [[nodiscard]] const RuleSet& rules() const noexcept { return rules_; }

 private:
  Planner(RuleSet rules, std::shared_ptr<const void> section) : rules_(std::move(rules)), section_(std::move(section)) {}
  RuleSet rules_;
  std::shared_ptr<const void> section_;  // the loaded "account" section (src/account/)
};

}  // namespace crm::account
