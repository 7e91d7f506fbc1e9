// docs/default-rules.md's C++ fragment (`part of` it: tests/docs/snippets_test.py): the
// built-in rules grade a customer, and their JSON loads back as the same rules.
#include <crmrules/rule_set.hpp>

#include <iostream>
#include <string>
#include <string_view>

int main() {
  const crm::RuleSet& rules = crm::RuleSet::builtin();        // loaded once, shared, never fails
  auto out = rules.evaluate_json(R"({"annual_purchases": 5000000, "annual_net_profit": 500000})");
  std::string_view text = crm::RuleSet::builtin_json();        // the JSON, to copy and change

  auto copy = crm::RuleSet::load(text);
  auto again = copy ? copy->evaluate_json(R"({"annual_purchases": 5000000, "annual_net_profit": 500000})") : out;
  bool ok = out && out->find(R"("value_grade": "C1")") != std::string::npos &&
            out->find(R"("credit_limit": 250000.00)") != std::string::npos && again && *again == *out;
  std::cout << (ok ? "docs/default-rules.md: C1, a limit of 250000.00, the same from the copied JSON\n" : *out);
  return ok ? 0 : 1;
}
