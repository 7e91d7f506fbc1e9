// crmrules default-rules: prints the built-in rule set, to copy and change.
//
//   crmrules default-rules > my-rules.json     # edit, then: crmrules test my-rules.json
#include <iostream>

#include "commands.hpp"
#include "crmrules/rule_set.hpp"

namespace crm::cli {

Outcome default_rules(Args args) {
  if (!args.empty()) return usage_error("default-rules takes no arguments, got '" + std::string(args[0]) + "'");
  std::cout << RuleSet::builtin_json();
  std::cout.flush();
  if (!std::cout) return {1, false, "cannot write the rules"};
  return {};
}

const Command default_rules_command{"default-rules", "prints the built-in grading rules, to copy and change",
                                    "  crmrules default-rules\n", "  crmrules default-rules > my_rules.json\n",
                                    default_rules};

}  // namespace crm::cli
