// crmrules test / lint / eval / version.
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "crmrules/json.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/version.h"

namespace crm::cli {

Outcome version(Args) {
  std::cout << "crmrules " << CRM_VERSION_MAJOR << '.' << CRM_VERSION_MINOR << '.' << CRM_VERSION_PATCH << '\n';
  return {};
}

namespace {

struct TestOptions {
  bool coverage = false, json = false;
  std::optional<Decimal> min_coverage;
};

void print_report(const TestReport& report, const TestOptions& o, bool coverage_ok) {
  for (const auto& c : report.cases) {
    std::cout << (c.passed ? "PASS " : "FAIL ") << c.name << '\n';
    if (!c.passed) std::cout << c.diff;
  }
  if (o.coverage) {
    for (const auto& item : report.coverage.items)
      if (!item.covered) std::cout << "not covered: " << item.what << '\n';
    std::cout << "coverage: " << report.coverage.percent().to_string() << "% (" << report.coverage.covered() << " of "
              << report.coverage.items.size() << ")";
    if (o.min_coverage)
      std::cout << ", minimum " << o.min_coverage->to_string() << '%' << (coverage_ok ? "" : ": TOO LOW");
    std::cout << '\n';
  }
  std::cout << report.cases.size() - report.failures() << " passed, " << report.failures() << " failed\n";
}

/// Runs one file's tests; false when it cannot be loaded or a test (or coverage) fails.
/// `several`: text output names the file first, JSON wraps the report with its file.
bool test_one(const std::string& path, const TestOptions& o, bool several) {
  if (several && !o.json) std::cout << "== " << path << '\n';
  auto rules = load_rules(path);
  if (!rules) return false;
  const TestReport report = rules->run_tests();
  const bool coverage_ok = !o.min_coverage || report.coverage.percent() >= *o.min_coverage;
  if (o.json && several)
    std::cout << "{\"file\": " << to_json(Value(path)) << ", \"report\": " << report.to_json() << "}\n";
  else if (o.json)
    std::cout << report.to_json() << '\n';
  else
    print_report(report, o, coverage_ok);
  return report.passed() && coverage_ok;
}

}  // namespace

Outcome test(Args args) {
  std::vector<std::string> paths;
  TestOptions o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--coverage")
      o.coverage = true;
    else if (args[i] == "--json")
      o.json = true;
    else if (args[i] == "--format" && i + 1 < args.size()) {
      const std::string_view f = args[++i];
      if (f != "text" && f != "json") return usage_error("--format is text or json, not '" + std::string(f) + "'");
      o.json = f == "json";
    } else if (args[i] == "--min-coverage" && i + 1 < args.size()) {
      auto d = Decimal::parse(args[++i]);
      if (!d) return usage_error("--min-coverage needs a number, got '" + std::string(args[i]) + "'");
      o.min_coverage = *d;
      o.coverage = true;
    } else if (args[i] == "-" || !args[i].starts_with("-"))
      paths.emplace_back(args[i]);
    else
      return usage_error("unexpected argument '" + std::string(args[i]) + "'");
  }
  if (paths.empty()) return usage_error("test needs RULES.json (files or folders)");
  const auto files = expand_paths(paths);
  int failed_files = 0;
  for (const auto& path : files) failed_files += test_one(path, o, files.size() > 1) ? 0 : 1;
  if (files.size() > 1 && !o.json)
    std::cout << files.size() - failed_files << " of " << files.size() << " files passed\n";
  return {failed_files == 0 ? 0 : 1, false, {}};
}

namespace {

struct LintTotals {
  int errors = 0, warnings = 0;
  std::vector<std::string> json;  // one finding each, for --format json
};

std::string json_finding(const std::string& path, std::string_view severity, const Error& e) {
  return "{\"file\": " + to_json(Value(path)) + ", \"severity\": \"" + std::string(severity) +
         "\", \"error\": " + to_json(e) + '}';
}

/// One file's findings, printed (text) or kept (json).
void lint_one(const std::string& path, bool json, LintTotals& totals) {
  std::string text, error;
  if (!read_file(path, text, error)) {
    totals.errors += 1;
    if (json)
      totals.json.push_back(json_finding(path, "error", Error{ErrorCode::io, error.substr(path.size() + 6), {}}));
    else
      std::cout << error << '\n';
    return;
  }
  for (const auto& d : RuleSet::lint(text)) {
    const bool is_error = d.severity == Diagnostic::Severity::error;
    (is_error ? totals.errors : totals.warnings) += 1;
    if (json)
      totals.json.push_back(json_finding(path, is_error ? "error" : "warning", d.error));
    else
      std::cout << diagnostic(path, d.error) << (is_error ? "" : " [warning]") << '\n';
  }
}

}  // namespace

Outcome lint(Args args) {
  std::vector<std::string> paths;
  std::string format = "text";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--format" && i + 1 < args.size())
      format = args[++i];
    else if (args[i] == "-" || !args[i].starts_with("-"))
      paths.emplace_back(args[i]);
    else
      return usage_error("unexpected argument '" + std::string(args[i]) + "'");
  }
  if (paths.empty()) return usage_error("lint needs RULES.json (files or folders)");
  if (format != "text" && format != "json") return usage_error("--format is text or json, not '" + format + "'");
  const bool json = format == "json";
  LintTotals totals;
  const auto files = expand_paths(paths);
  for (const auto& path : files) lint_one(path, json, totals);
  if (json) {
    std::cout << "{\"files\": " << files.size() << ", \"errors\": " << totals.errors
              << ", \"warnings\": " << totals.warnings << ", \"findings\": [";
    for (std::size_t i = 0; i < totals.json.size(); ++i) std::cout << (i ? ",\n  " : "\n  ") << totals.json[i];
    std::cout << (totals.json.empty() ? "]}\n" : "\n]}\n");
  } else {
    std::cout << totals.errors << " errors, " << totals.warnings << " warnings";
    if (files.size() > 1) std::cout << " in " << files.size() << " files";
    std::cout << '\n';
  }
  return {totals.errors == 0 ? 0 : 1, false, {}};
}

namespace {

/// JSON Lines: one result (or {"error": ...}) per non-blank line, errors also on stderr
/// with the line they are on; false when any line failed.
bool eval_lines(const RuleSet& rules, const std::string& path, std::string_view text, const EvaluateOptions& options) {
  bool ok = true;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto out = rules.evaluate_json(line, options);
    if (out) {
      std::cout << *out << '\n';
      continue;
    }
    Error e = out.error();
    e.where.line = static_cast<decltype(e.where.line)>(number);
    if (e.where.column <= 0) e.where.column = 1;
    std::cerr << diagnostic(path, e) << '\n';
    std::cout << "{\"error\": " << to_json(e) << "}\n";
    ok = false;
  }
  return ok;
}

}  // namespace

Outcome eval(Args args) {
  std::vector<std::string> files;
  bool trace = false, lines = false;
  EvaluateOptions options;
  for (auto a : args) {
    if (a == "--trace")
      trace = true;
    else if (a == "--ignore-unknown")
      options.unknown_inputs = UnknownInputs::ignore;
    else if (a == "--lines")
      lines = true;
    else if (a == "-" || !a.starts_with("-"))
      files.emplace_back(a);
    else
      return usage_error("unexpected argument '" + std::string(a) + "'");
  }
  if (files.size() != 2) return usage_error("eval needs RULES.json and INPUT.json");
  lines = lines || files[1].ends_with(".jsonl") || files[1].ends_with(".ndjson");
  auto rules = load_rules(files[0]);
  if (!rules) return failed();
  std::string input, error;
  if (!read_file(files[1], input, error)) {
    std::cerr << error << '\n';
    return failed();
  }
  options.trace = trace;
  if (lines) return {eval_lines(*rules, files[1], input, options) ? 0 : 3, false, {}};
  const std::size_t first = input.find_first_not_of(" \t\r\n");
  const bool batch = first != std::string::npos && input[first] == '[';
  if (batch && trace) return usage_error("--trace takes one object, not an array");
  auto out = batch ? rules->evaluate_json_batch(input, options) : rules->evaluate_json(input, options);
  if (!out) {
    std::cerr << diagnostic(files[1], out.error()) << '\n';
    return failed();
  }
  std::cout << *out << '\n';
  // A batch's failing rows are {"error": {...}} in place (an output is never an object).
  return {batch && out->find("{\"error\": {\"code\"") != std::string::npos ? 3 : 0, false, {}};
}

const Command test_command{
    "test", "runs the tests a rule set carries, with coverage",
    "  crmrules test RULES.json|FOLDER... [--coverage] [--min-coverage N] [--format text|json] [--json]\n"
    "    (several files: each one's report, JSON Lines {file, report} with --format json)\n",
    "  crmrules test rules/account.json\n"
    "  crmrules test my_rules.json --min-coverage 90\n"
    "  cat my_rules.json | crmrules test - --json\n",
    test};

const Command lint_command{"lint", "checks a rule set and lists its findings",
                           "  crmrules lint RULES.json|FOLDER... [--format text|json]\n",
                           "  crmrules lint my_rules.json\n"
                           "  crmrules default-rules | crmrules lint -\n",
                           lint};

const Command eval_command{
    "eval", "evaluates a rule set for an object, an array or JSON Lines",
    "  crmrules eval RULES.json INPUT.json [--trace] [--lines] [--ignore-unknown]\n"
    "    (INPUT.json: one object, an array of objects (an array of results), or with --lines or a\n"
    "     .jsonl/.ndjson name JSON Lines: one result per line, {\"error\": ...} for a failing line;\n"
    "     --ignore-unknown: a member that is not an input is left out, whatever the rule set's\n"
    "     \"unknown_inputs\" says)\n",
    "  crmrules eval my_rules.json customer.json\n"
    "  echo '{\"annual_purchases\": 1000}' | crmrules eval my_rules.json - --trace\n",
    eval};

const Command version_command{"version", "prints the version (as crmrules --version)", "  crmrules version\n",
                              "  crmrules version\n", version};

}  // namespace crm::cli
