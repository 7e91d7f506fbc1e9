// docs/dmn.md's C++ fragment (`part of` it: tests/docs/snippets_test.py): the DMN TCK's
// simple table imported and evaluated by its DMN names, checked. Run from the project's
// root. The fragment's #include is done at the top: #pragma once makes it a no-op there.
#include <crmrules/dmn.hpp>
#include <crmrules/rule_set.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

int main() {
  std::ifstream in("tests/data/dmn-tck/TestCases/compliance-level-2/0004-simpletable-U/0004-simpletable-U.dmn");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string xml = buffer.str();

  #include <crmrules/dmn.hpp>
  auto rules = crm::RuleSet::load_dmn(xml);   // errors: the XML element's path, line and column
  if (!rules) { std::cerr << rules.error().to_string() << '\n'; return 1; }
  auto out = crm::dmn::evaluate_json(*rules, R"({"Age": 18, "RiskCategory": "Low", "isAffordable": true})");
  // {"Approval Status":"Approved"}
  std::string json = *crm::dmn::to_rule_set_json(xml);   // the rule set, to edit and keep

  auto kept = crm::RuleSet::load(json);  // the JSON is a rule set that decides the same
  bool ok = out && *out == R"({"Approval Status":"Approved"})" && kept &&
            *crm::dmn::evaluate_json(*kept, R"({"Age": 18, "RiskCategory": "Low", "isAffordable": true})") == *out;
  std::cout << (ok ? "docs/dmn.md: Approved, also from the rule set's JSON\n" : "docs/dmn.md: not as documented\n");
  return ok ? 0 : 1;
}
