// crmrules account: the plan of a key account (docs/account.md).
//
//   crmrules account ACCOUNT.json [--rules RULES.json] [--format text|json] [--lang zh|en]
//   crmrules account --builtin-json       (the built-in account rules, to copy and change)
//
// stdout: the readable plan in the language (text, the default; zh by default) or the
// whole plan as JSON (both languages). --rules: a rule set with an "account" section (a
// changed copy of the built-in account rules) instead of the built-in one. Exit status 0
// when the plan was made, 1 when the file, the document or the rules cannot be read (the
// library's message, with its pointer, line and column), 2 for usage.
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "crmrules/account.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/text.hpp"

namespace crm::cli {

Outcome account(Args args) {
  if (!args.empty() && args[0] == "--builtin-json") {
    if (args.size() > 1) return usage_error("account --builtin-json takes no other arguments");
    std::cout << account::Planner::builtin_json();
    return {};
  }
  std::string path, format = "text", lang = "zh", rules_path;
  CLI::App options;
  options.add_option("ACCOUNT", path);
  options.add_option("--format", format);
  options.add_option("--lang", lang);
  options.add_option("--rules", rules_path);
  if (auto bad = parse_options(options, args)) return *bad;
  if (path.empty()) return usage_error("account needs ACCOUNT.json");
  if (format != "text" && format != "json") return usage_error("--format is text or json, not '" + format + "'");
  if (lang != "zh" && lang != "en") return usage_error("--lang is zh or en, not '" + lang + "'");

  std::optional<account::Planner> own;
  if (!rules_path.empty()) {
    auto rules = load_rules(rules_path);
    if (!rules) return failed();
    auto planner = account::Planner::from_rule_set(*rules);
    if (!planner) {
      std::cerr << diagnostic(rules_path, planner.error()) << '\n';
      return {1, false, {}};
    }
    own.emplace(std::move(*planner));
  }
  const account::Planner& planner = own ? *own : account::Planner::builtin();

  std::string text, error;
  if (!read_file(path, text, error)) {
    std::cerr << error << '\n';
    return {1, false, {}};
  }
  auto plan = planner.plan(text);
  if (!plan) {
    std::cerr << diagnostic(path, plan.error()) << '\n';
    return {1, false, {}};
  }
  if (format == "json")
    std::cout << plan->to_json() << '\n';
  else
    std::cout << plan->to_text(lang == "en" ? Lang::en : Lang::zh);
  return {};
}

const Command account_command{
    "account", "plans a key account: what is known, what is missing, what to do next",
    "  crmrules account ACCOUNT.json [--rules RULES.json] [--format text|json] [--lang zh|en]\n"
    "  crmrules account --builtin-json\n",
    "  crmrules account examples/account/camera.json --lang en\n"
    "  crmrules account --builtin-json > my_account_rules.json\n",
    account};

}  // namespace crm::cli
