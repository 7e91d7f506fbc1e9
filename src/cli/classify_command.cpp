// crmrules classify: what a machine's classifier makes of the customer's words.
//
//   crmrules classify [RULES.json] MACHINE CLASSIFIER WORDS... [--json]
//   crmrules classify [RULES.json] MACHINE CLASSIFIER - [--json]   (one text per line of stdin)
//
// Prints the label and the rule that matched ("credibility (rule credibility)"), or
// "nothing matched"; with --json, the classification's JSON, one line per text. Exits 1
// when a text matched nothing (as grep does), so that scripts can tell.
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "crmrules/machine.hpp"

namespace crm::cli {
namespace {

struct ClassifyOptions {
  std::vector<std::string> words;  // [RULES.json] MACHINE CLASSIFIER WORDS...
  bool json = false;
};

/// The texts to classify: the words after CLASSIFIER joined by spaces, or the lines of
/// standard input for "-".
std::vector<std::string> texts(const std::vector<std::string>& words) {
  if (words.size() == 1 && words[0] == "-") {
    std::vector<std::string> lines;
    for (std::string line; std::getline(std::cin, line);)
      if (!line.empty()) lines.push_back(line);
    return lines;
  }
  std::string joined;
  for (const auto& w : words) joined += (joined.empty() ? "" : " ") + w;
  return {joined};
}

Outcome classify_texts(const Machine& m, const std::string& classifier, const std::vector<std::string>& all,
                       bool json) {
  bool every_matched = true;
  for (const auto& text : all) {
    auto c = m.classify(classifier, text);
    if (!c) {
      std::cerr << diagnostic("crmrules classify", c.error()) << '\n';
      return failed();
    }
    every_matched = every_matched && c->matched();
    if (json)
      std::cout << c->to_json() << '\n';
    else
      std::cout << (c->matched() ? c->label + " (rule " + c->rule + ")" : "nothing matched") << '\t' << text << '\n';
  }
  return {every_matched ? 0 : 1, false, {}};
}

}  // namespace

Outcome classify(Args args) {
  ClassifyOptions o;
  std::vector<std::string> positional;
  for (auto a : args) {
    if (a == "--json") o.json = true;
    else if (a.starts_with("--")) return usage_error("unexpected argument '" + std::string(a) + "'");
    else positional.emplace_back(a);
  }
  // RULES.json comes first when the first argument names a file ending in .json.
  std::optional<RuleSet> loaded;
  std::size_t first = 0;
  if (!positional.empty() && positional[0].ends_with(".json")) {
    loaded = load_rules(positional[0]);
    if (!loaded) return failed();
    first = 1;
  }
  if (positional.size() < first + 3) return usage_error("classify needs [RULES.json] MACHINE CLASSIFIER WORDS...");
  const RuleSet& rules = loaded ? *loaded : Machine::builtin_rules();
  auto m = Machine::find(rules, positional[first]);
  if (!m) {
    std::cerr << diagnostic("crmrules classify", m.error()) << '\n';
    return failed();
  }
  const std::vector<std::string> words(positional.begin() + static_cast<std::ptrdiff_t>(first) + 2, positional.end());
  return classify_texts(*m, positional[first + 1], texts(words), o.json);
}

const Command classify_command{
    "classify", "classifies the customer's words with a machine's classifier (question form, objection kind)",
    "  crmrules classify [RULES.json] MACHINE CLASSIFIER WORDS... [--json]\n"
    "  crmrules classify [RULES.json] MACHINE CLASSIFIER - [--json]     (one text per line of standard input)\n"
    "    (no RULES.json: the built-in machines: spin has question_form, lscpa objection_kind;\n"
    "    exit 1 when a text matched nothing)\n",
    "  crmrules classify lscpa objection_kind 我从未听说过你的公司\n"
    "  crmrules classify spin question_form --json 您是直接要买呢还是先顺便了解一下?\n",
    classify};

}  // namespace crm::cli
