// crmrules satisfaction: satisfaction as the ratio of the actual product to the ideal one
// (客户满意度 = 实际产品/理想产品), per customer, on the deck's 7-point scale.
//
//   crmrules satisfaction RATINGS.csv [--rules RULES.json] [--format csv|json] [--lang zh|en]
//                         [--out FILE]
//
// RATINGS.csv: customer, attribute, actual, ideal and optionally weight, one attribute per
// row. stdout (or --out): one row per customer (crm::satisfaction::to_csv / to_json). The
// bands come from the rule set's "satisfaction" section (no --rules: the built-in one).
// Exit status 0; 1 when the file cannot be read or a cell is bad (FILE:LINE:COLUMN: ...,
// and nothing is written); 2 for usage.
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "crmrules/satisfaction.hpp"

namespace crm::cli {
namespace {

namespace sat = crm::satisfaction;

struct SatisfactionArgs {
  std::string ratings, rules, out = "-", format = "csv", lang = "zh";
};

std::optional<Outcome> parse(Args args, SatisfactionArgs& a) {
  CLI::App options;
  options.add_option("RATINGS", a.ratings);
  options.add_option("--rules", a.rules);
  options.add_option("--out", a.out);
  options.add_option("--format", a.format);
  options.add_option("--lang", a.lang);
  if (auto bad = parse_options(options, args)) return *bad;
  if (a.ratings.empty()) return usage_error("satisfaction needs RATINGS.csv");
  if (a.format != "csv" && a.format != "json") return usage_error("--format is csv or json, not '" + a.format + "'");
  if (a.lang != "zh" && a.lang != "en") return usage_error("--lang is zh or en, not '" + a.lang + "'");
  return std::nullopt;
}

}  // namespace

Outcome satisfaction(Args args) {
  SatisfactionArgs a;
  if (auto bad = parse(args, a)) return *bad;
  if (!check_input(a.ratings)) return failed();
  std::optional<sat::Settings> own;
  if (!a.rules.empty()) {
    auto rules = load_rules(a.rules);
    if (!rules) return failed();
    auto settings = sat::Settings::from_rule_set(*rules);
    if (!settings) {
      std::cerr << diagnostic(a.rules, settings.error()) << '\n';
      return failed();
    }
    own.emplace(std::move(*settings));
  }
  const sat::Settings& settings = own ? *own : sat::Settings::builtin();
  auto ratings = sat::rate_csv_file(a.ratings, settings);
  if (!ratings) {
    std::cerr << diagnostic(a.ratings, ratings.error()) << '\n';
    return failed();
  }
  const std::string text =
      a.format == "json" ? sat::to_json(*ratings) : sat::to_csv(*ratings, a.lang == "en" ? Lang::en : Lang::zh);
  if (!write_output(a.out, text)) return failed();
  std::cerr << ratings->size() << " customers rated in " << a.ratings << '\n';
  return {};
}

const Command satisfaction_command{
    "satisfaction", "satisfaction as actual over ideal product (满意度 = 实际产品/理想产品), on the 7-point scale",
    "  crmrules satisfaction RATINGS.csv [--rules RULES.json] [--format csv|json] [--lang zh|en] [--out FILE]\n"
    "    (RATINGS.csv: customer, attribute, actual, ideal[, weight]; one attribute per row)\n",
    "  crmrules satisfaction examples/data/satisfaction.csv\n"
    "  crmrules satisfaction ratings.csv --format json --out ratings.json\n",
    satisfaction};

}  // namespace crm::cli
