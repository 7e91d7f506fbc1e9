// docs/account.md's C++ fragment (`part of` it: tests/docs/snippets_test.py): the
// Dongfeng group's plan, checked. Run from the project's root.
#include <crmrules/account.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

int main() {
  std::ifstream in("examples/account/dongfeng.json");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string json = buffer.str();

  const auto& planner = crm::account::Planner::builtin();     // or Planner::from_rule_set(my_rules)
  auto plan = planner.plan(json);                              // errors: pointer, line, column
  plan->clarities_known; plan->type.id; plan->next_actions;    // see "The plan" below
  std::string text = plan->to_text(crm::Lang::zh), doc = plan->to_json();

  bool ok = plan && plan->clarities_known == 4 && plan->type.id == "partnership" && !plan->next_actions.empty() &&
            plan->next_actions[0].source == "phase" && text.find("东风集团") != std::string::npos &&
            doc.find(R"("clarities_known": 4)") != std::string::npos;
  std::cout << (ok ? "docs/account.md: the Dongfeng plan as documented\n" : doc);
  return ok ? 0 : 1;
}
