// crm::next: the next best actions for a customer (DOMAIN.md §2.4, §2.5, §3.1; docs/next.md).
// One call gathers what the library knows of a customer (grade and ABC class, credit,
// satisfaction and loyalty, open complaints and breached service commitments, open
// objections and needs from sessions, the account plan's open clarities) and returns a
// ranked list of actions, each with its reason, its source, its channel (the deck's
// channel table, by purpose) and its owner, with the levers that buy this customer's
// loyalty.
//
//   const crm::next::Advisor& advisor = crm::next::Advisor::builtin();
//   auto advice = advisor.advise(R"({"customer": {"id": "C001", "name": "华为"},
//                                   "grading": {"value_grade": "A1", "loyalty_level": "repeat"},
//                                   "complaints": [ ...saved complaint sessions... ]})");
//   if (!advice) std::cerr << advice.error().to_string();        // pointer, line and column
//   for (const auto& a : advice->actions)                         // ranked, most urgent first
//     std::cout << a.text.in(crm::Lang::zh) << " — " << a.reason.in(crm::Lang::zh)
//               << " [" << a.channel << ", " << a.owner << "]\n";
//   std::string json = advice->to_json(), text = advice->to_text(crm::Lang::en);
//
//   crm::next::Customer c;                       // or build the facts yourself (no JSON):
//   c.facts.value_grade = "B1"; c.facts.open_complaints = 1;
//   auto fast = advisor.advise(c);               // the hot path: one rule-set evaluation
//
// Which actions apply and how urgent each is, the levers per grade, each action's texts,
// purpose and owner, the channel table and the owners are rules data: the built-in rule
// set (builtin_json()) is an ordinary rule set with its own tests; copy and change it.
// An Advisor is immutable: share it between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/text.hpp"

namespace crm::next {

/// What is known of a customer: the ranking rule set's inputs. "" and nullopt: unknown.
struct Facts {
  std::string value_grade;          // A1 .. C2, the grading rules' value_grade
  std::string abc_class;            // A, B, C
  std::string credit_grade;         // AAA .. C
  std::optional<int> satisfaction;  // the lowest known, 7-point scale (1..7)
  std::string loyalty_level;        // none, satisfied, repeat, loyal, advocate, partner
  std::optional<int> loyalty_stars;
  int open_complaints = 0;           // complaint sessions neither in use nor ended
  int lost_complaints = 0;           // ended in churn or anger
  int recovered_complaints = 0;      // recovered, not yet closed
  std::string complaint_state;       // the first open complaint's state
  int commitments_below_target = 0;  // service commitments missing their target
  std::int64_t service_breaches = 0;
  std::string worst_commitment;
  int open_objections = 0;  // LSCPA sessions not ended
  std::string objection_kind;
  int latent_needs = 0, explicit_needs = 0;
  std::optional<int> open_clarities;  // of the nine; nullopt: no account document
  std::string account_type;
};

struct Customer {
  std::string id, name;
  Facts facts;
  std::vector<std::string> channels;  // preferred, first = main (the grading's service_channels); empty: the grade's
  std::string owner;                  // the customer's owner (the grading's service_owner); "": the grade's
  std::optional<Text> account_action, account_reason;  // the account plan's first next action
};

struct Action {
  std::string id;
  Decimal priority;     // higher first
  Text text, reason;    // the reason with the customer's facts filled in
  std::string source;   // complaints, service, sessions, account, satisfaction, grading
  std::string purpose;  // what the contact is for (the channel table's rows)
  std::string channel;  // phone, email, fax, sms, letter, gift, visit, personal
  Text channel_name;
  std::string owner;
  Text owner_name;
};

struct Lever {
  std::string id;
  Text name;
};

struct Advice {
  std::string customer_id, customer_name;
  Facts facts;
  std::vector<Action> actions;  // ranked
  std::vector<Lever> levers;

  /// {"customer", "facts", "actions", "levers"} (docs/next.md), both languages.
  [[nodiscard]] std::string to_json() const;
  /// The ranked actions for a terminal, in `lang`.
  [[nodiscard]] std::string to_text(Lang lang = Lang::zh) const;
};

class Advisor {
 public:
  /// The built-in rules (rules/next.json).
  [[nodiscard]] static const Advisor& builtin();
  [[nodiscard]] static std::string_view builtin_json() noexcept;
  /// The advisor of a rule set with a "next" section; invalid_rule naming the rule set
  /// when it has none.
  [[nodiscard]] static expected<Advisor> from_rule_set(const RuleSet& rules);

  /// Reads a customer document (docs/next.md): the customer, the grading's outputs, the
  /// satisfaction per stage, a service report's group, saved complaint and selling
  /// sessions (restored with the built-in machines) and an account document (planned with
  /// the built-in account rules). Unknown keys, wrong types and sessions that do not
  /// restore are errors with the JSON pointer, line and column.
  [[nodiscard]] expected<Customer> read(std::string_view customer_json) const;
  [[nodiscard]] expected<Advice> advise(std::string_view customer_json) const;
  /// The hot path: the facts as given, one evaluation of the ranking rule set.
  [[nodiscard]] expected<Advice> advise(const Customer& customer) const;

  [[nodiscard]] const RuleSet& rules() const noexcept { return rules_; }

 private:
  Advisor(RuleSet rules, std::shared_ptr<const void> section)
      : rules_(std::move(rules)), section_(std::move(section)) {}
  RuleSet rules_;
  std::shared_ptr<const void> section_;  // the loaded "next" section (src/next/)
};

}  // namespace crm::next
