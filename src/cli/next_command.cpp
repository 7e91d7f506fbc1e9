// crmrules next: the next best actions for a customer (docs/next.md).
//
//   crmrules next CUSTOMER.json [--rules RULES.json] [--format text|json] [--lang zh|en]
//   crmrules next --builtin-json       (the built-in rules, to copy and change)
//
// stdout: the ranked actions in the language (text, the default; zh by default) or the
// whole advice as JSON (both languages, with the facts gathered). --rules: a rule set with
// a "next" section (a changed copy of the built-in rules). Exit status 0 when the advice
// was made, 1 when the file, the document or the rules cannot be read (the library's
// message, with its pointer, line and column), 2 for usage.
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "crmrules/next.hpp"
#include "crmrules/rule_set.hpp"

namespace crm::cli {

Outcome next(Args args) {
  if (!args.empty() && args[0] == "--builtin-json") {
    if (args.size() > 1) return usage_error("next --builtin-json takes no other arguments");
    std::cout << next::Advisor::builtin_json();
    return {};
  }
  std::string path, format = "text", lang = "zh", rules_path;
  CLI::App options;
  options.add_option("CUSTOMER", path);
  options.add_option("--format", format);
  options.add_option("--lang", lang);
  options.add_option("--rules", rules_path);
  if (auto bad = parse_options(options, args)) return *bad;
  if (path.empty()) return usage_error("next needs CUSTOMER.json");
  if (format != "text" && format != "json") return usage_error("--format is text or json, not '" + format + "'");
  if (lang != "zh" && lang != "en") return usage_error("--lang is zh or en, not '" + lang + "'");

  std::optional<next::Advisor> own;
  if (!rules_path.empty()) {
    auto rules = load_rules(rules_path);
    if (!rules) return failed();
    auto advisor = next::Advisor::from_rule_set(*rules);
    if (!advisor) {
      std::cerr << diagnostic(rules_path, advisor.error()) << '\n';
      return {1, false, {}};
    }
    own.emplace(std::move(*advisor));
  }
  const next::Advisor& advisor = own ? *own : next::Advisor::builtin();
  std::string text, error;
  if (!read_file(path, text, error)) {
    std::cerr << error << '\n';
    return {1, false, {}};
  }
  auto advice = advisor.advise(text);
  if (!advice) {
    std::cerr << diagnostic(path, advice.error()) << '\n';
    return {1, false, {}};
  }
  if (format == "json")
    std::cout << advice->to_json() << '\n';
  else
    std::cout << advice->to_text(lang == "en" ? Lang::en : Lang::zh);
  return {};
}

const Command next_command{"next", "the next best actions for a customer: reason, channel, owner",
                           "  crmrules next CUSTOMER.json [--rules RULES.json] [--format text|json] [--lang zh|en]\n"
                           "  crmrules next --builtin-json\n",
                           "  crmrules next customer.json --lang en\n"
                           "  crmrules next --builtin-json > my_next_rules.json\n",
                           next};

}  // namespace crm::cli
