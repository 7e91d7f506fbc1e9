// crmrules kano: the Kano analysis of a survey CSV (docs/kano.md).
//
//   crmrules kano ANSWERS.csv [--by COLUMN] [--wave COLUMN] [--format csv|json]
//                 [--plot FILE.svg] [--rules RULES.json]
//
// stdout: the results (CSV, the default) or the whole analysis (JSON). stderr: each
// skipped row with its line and column, the attributes that differ by segment, the
// drifts between waves and the priorities. Exit status 0 when the analysis ran (skipped
// rows included), 1 when the file, a column or the rules cannot be read, 2 for usage.
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "crmrules/kano.hpp"
#include "crmrules/rule_set.hpp"

namespace crm::cli {
namespace {

void notes(const std::string& path, const kano::Analysis& a) {
  for (const Error& e : a.issues) {
    std::cerr << path << ':';
    if (e.where.line > 0) std::cerr << e.where.line << ':';
    if (e.where.line > 0 && e.where.column > 0) std::cerr << e.where.column << ':';
    std::cerr << " skipped (" << to_string(e.code) << "): " << e.message << '\n';
  }
  for (const auto& d : a.differences) {
    std::cerr << "differs by segment: " << d.attribute << (d.wave.empty() ? "" : " (wave " + d.wave + ")") << ':';
    for (std::size_t i : d.results)
      std::cerr << ' ' << a.results[i].segment.value_or("") << '=' << kano::letter(a.results[i].category);
    std::cerr << '\n';
  }
  for (const auto& d : a.drifts) {
    const auto& from = a.results[d.from_result];
    const auto& to = a.results[d.to_result];
    std::cerr << "drift (" << kano::to_string(d.direction) << "): " << d.attribute
              << (d.segment ? " [" + *d.segment + "]" : std::string()) << ' ' << d.from_wave << ' '
              << kano::letter(d.from) << " (better " << (from.better ? from.better->to_string() : "-") << ", worse "
              << (from.worse ? from.worse->to_string() : "-") << ") -> " << d.to_wave << ' ' << kano::letter(d.to)
              << " (better " << (to.better ? to.better->to_string() : "-") << ", worse "
              << (to.worse ? to.worse->to_string() : "-") << ")\n";
  }
  for (const auto& p : a.priorities)
    std::cerr << "priority " << p.rank << ": " << p.attribute << " (" << kano::letter(p.category) << ") " << p.advice
              << '\n';
}

}  // namespace

Outcome kano(Args args) {
  std::string path, format = "csv", plot, rules_path, lang;
  kano::CsvColumns columns;
  CLI::App options;
  options.add_option("ANSWERS", path);
  options.add_option("--by", columns.segment);
  options.add_option("--wave", columns.wave);
  options.add_option("--format", format);
  options.add_option("--plot", plot);
  options.add_option("--rules", rules_path);
  options.add_option("--lang", lang);
  if (auto bad = parse_options(options, args)) return *bad;
  if (path.empty()) return usage_error("kano needs ANSWERS.csv");
  if (format != "csv" && format != "json") return usage_error("--format is csv or json, not '" + format + "'");

  kano::Settings settings;
  if (!rules_path.empty()) {
    auto rules = load_rules(rules_path);
    if (!rules) return failed();
    settings = kano::Settings::from_rule_set(*rules);
  }
  if (!lang.empty()) {
    auto chosen = parse_lang(lang);
    if (!chosen) return usage_error(chosen.error().message);
    settings.lang = *chosen;
  }
  std::string text, error;
  if (!read_file(path, text, error)) {
    std::cerr << error << '\n';
    return {1, false, {}};
  }
  kano::Survey survey(settings);
  if (auto ok = kano::read_csv(survey, text, columns); !ok) {
    std::cerr << diagnostic(path, ok.error()) << '\n';
    return {1, false, {}};
  }
  const kano::Analysis analysis = survey.analyze();
  std::cout << (format == "json" ? analysis.to_json() : analysis.to_csv());
  notes(path, analysis);
  if (!plot.empty()) {
    if (!write_output(plot, analysis.to_svg())) return failed();
    if (plot != "-") std::cerr << "plot written to " << plot << '\n';
  }
  return {};
}

const Command kano_command{"kano", "classifies Kano survey answers (CSV)",
                           "  crmrules kano ANSWERS.csv [--by COLUMN] [--wave COLUMN] [--format csv|json] [--plot "
                           "FILE.svg] [--rules RULES.json]\n"
                           "                 [--lang zh|en]   (the language of the advice: the rules' \"lang\", zh by default)\n",
                           "  crmrules kano answers.csv --format json\n"
                           "  crmrules kano answers.csv --by segment --plot kano.svg\n",
                           kano};

}  // namespace crm::cli
