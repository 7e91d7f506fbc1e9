// crmrules test / lint / eval / version.
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/version.h"

namespace crm::cli {

Outcome version(Args) {
  std::cout << "crmrules " << CRM_VERSION_MAJOR << '.' << CRM_VERSION_MINOR << '.' << CRM_VERSION_PATCH << '\n';
  return {};
}

Outcome test(Args args) {
  std::string path;
  bool coverage = false, json = false;
  std::optional<Decimal> min_coverage;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--coverage")
      coverage = true;
    else if (args[i] == "--json")
      json = true;
    else if (args[i] == "--min-coverage" && i + 1 < args.size()) {
      auto d = Decimal::parse(args[++i]);
      if (!d) return usage_error("--min-coverage needs a number, got '" + std::string(args[i]) + "'");
      min_coverage = *d;
      coverage = true;
    } else if (path.empty() && !args[i].starts_with("--"))
      path = args[i];
    else
      return usage_error("unexpected argument '" + std::string(args[i]) + "'");
  }
  if (path.empty()) return usage_error("test needs RULES.json");
  auto rules = load_rules(path);
  if (!rules) return {1, false, {}};
  const TestReport report = rules->run_tests();
  const bool coverage_ok = !min_coverage || report.coverage.percent() >= *min_coverage;
  if (json) {
    std::cout << report.to_json() << '\n';
  } else {
    for (const auto& c : report.cases) {
      std::cout << (c.passed ? "PASS " : "FAIL ") << c.name << '\n';
      if (!c.passed) std::cout << c.diff;
    }
    if (coverage) {
      for (const auto& item : report.coverage.items)
        if (!item.covered) std::cout << "not covered: " << item.what << '\n';
      std::cout << "coverage: " << report.coverage.percent().to_string() << "% (" << report.coverage.covered() << " of "
                << report.coverage.items.size() << ")";
      if (min_coverage)
        std::cout << ", minimum " << min_coverage->to_string() << '%' << (coverage_ok ? "" : ": TOO LOW");
      std::cout << '\n';
    }
    std::cout << report.cases.size() - report.failures() << " passed, " << report.failures() << " failed\n";
  }
  return {report.passed() && coverage_ok ? 0 : 1, false, {}};
}

Outcome lint(Args args) {
  if (args.size() != 1) return usage_error("lint needs exactly RULES.json");
  const std::string path(args[0]);
  std::string text, error;
  if (!read_file(path, text, error)) {
    std::cerr << error << '\n';
    return {1, false, {}};
  }
  int errors = 0, warnings = 0;
  for (const auto& d : RuleSet::lint(text)) {
    const bool is_error = d.severity == Diagnostic::Severity::error;
    (is_error ? errors : warnings) += 1;
    std::cout << diagnostic(path, d.error) << (is_error ? "" : " [warning]") << '\n';
  }
  std::cout << errors << " errors, " << warnings << " warnings\n";
  return {errors == 0 ? 0 : 1, false, {}};
}

Outcome eval(Args args) {
  std::vector<std::string> files;
  bool trace = false;
  for (auto a : args) {
    if (a == "--trace")
      trace = true;
    else if (!a.starts_with("--"))
      files.emplace_back(a);
    else
      return usage_error("unexpected argument '" + std::string(a) + "'");
  }
  if (files.size() != 2) return usage_error("eval needs RULES.json and INPUT.json");
  auto rules = load_rules(files[0]);
  if (!rules) return {1, false, {}};
  std::string input, error;
  if (!read_file(files[1], input, error)) {
    std::cerr << error << '\n';
    return {1, false, {}};
  }
  auto out = rules->evaluate_json(input, trace);
  if (!out) {
    std::cerr << diagnostic(files[1], out.error()) << '\n';
    return {1, false, {}};
  }
  std::cout << *out << '\n';
  return {};
}

const Command test_command{"test", "runs the tests a rule set carries, with coverage",
                           "  crmrules test RULES.json [--coverage] [--min-coverage N] [--json]\n",
                           "  crmrules test rules/account.json\n"
                           "  crmrules test my_rules.json --min-coverage 90\n"
                           "  cat my_rules.json | crmrules test - --json\n",
                           test};

const Command lint_command{"lint", "checks a rule set and lists its findings", "  crmrules lint RULES.json\n",
                           "  crmrules lint my_rules.json\n"
                           "  crmrules default-rules | crmrules lint -\n",
                           lint};

const Command eval_command{"eval", "evaluates a rule set for one input object",
                           "  crmrules eval RULES.json INPUT.json [--trace]\n",
                           "  crmrules eval my_rules.json customer.json\n"
                           "  echo '{\"annual_purchases\": 1000}' | crmrules eval my_rules.json - --trace\n",
                           eval};

const Command version_command{"version", "prints the version (as crmrules --version)", "  crmrules version\n",
                              "  crmrules version\n", version};

}  // namespace crm::cli
