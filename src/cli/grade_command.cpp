// crmrules grade: grade a portfolio CSV (crm::grade_csv) and show the summary, a
// progress bar on a terminal, and the Pareto curve and grade distribution as SVG
// (GradeSummary::to_svg).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <variant>

#include <unistd.h>

#include "commands.hpp"
#include "crmrules/portfolio_grading.hpp"
#include "crmrules/rule_set.hpp"

namespace crm::cli {
namespace {

/// share (0..1) as a percentage with two decimals: "80.02".
std::string percent(Decimal share) {
  auto p = share.mul(Decimal::from_int(100));
  auto r = p ? p->round(2) : p;
  return r ? r->to_string() : share.to_string();
}

std::string percent_of(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "0.00";
  auto d =
      Decimal::from_int(static_cast<std::int64_t>(part)).div(Decimal::from_int(static_cast<std::int64_t>(whole)), 4);
  return d ? percent(*d) : "?";
}

std::string pad(std::string s, std::size_t width, bool left = false) {
  // Width in characters, not bytes (labels may be Chinese).
  std::size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars >= width) return s;
  return left ? s + std::string(width - chars, ' ') : std::string(width - chars, ' ') + s;
}

void print_summary(std::ostream& os, const GradeSummary& s, const std::string& path, const RuleSet& rules) {
  os << "graded " << s.graded << " of " << s.rows << " customers in " << path << " with rule set '" << rules.name()
     << "' " << rules.version();
  if (s.rejected) os << " (" << s.rejected << " rejected)";
  os << '\n';
  for (const auto& w : s.warnings) os << "warning: " << w << '\n';
  if (s.stopped) os << "stopped early: " << s.stopped->to_string() << '\n';
  if (!s.grade_output.empty() && !s.grades.empty()) {
    os << '\n'
       << pad(s.grade_output, 14, true) << pad("customers", 10) << pad("share", 9) << pad("A", 8) << pad("B", 8)
       << pad("C", 8) << '\n';
    for (const auto& g : s.grades)
      os << pad(g.label.empty() ? "(none)" : g.label, 14, true) << pad(std::to_string(g.customers), 10)
         << pad(percent_of(g.customers, s.graded) + "%", 9) << pad(std::to_string(g.per_class[0]), 8)
         << pad(std::to_string(g.per_class[1]), 8) << pad(std::to_string(g.per_class[2]), 8) << '\n';
  }
  if (s.portfolio && s.graded > 0) {
    const Portfolio& p = *s.portfolio;
    os << "\nABC by " << s.measure << " (A: the top customers holding " << percent(p.options().a_share)
       << "%, B: up to " << percent(p.options().b_share) << "%)\n";
    for (AbcClass c : {AbcClass::A, AbcClass::B, AbcClass::C}) {
      os << "  " << to_string(c) << pad(std::to_string(p.count(c)), 10) << " customers "
         << pad(percent_of(p.count(c), s.graded), 6) << "%  hold " << pad(percent(p.class_share(c)), 6) << '%';
      if (c == AbcClass::C && p.loss_making()) os << "  (" << p.loss_making() << " loss-making)";
      os << '\n';
    }
    if (auto pareto = p.pareto_share())
      os << "Pareto: the top " << percent(p.options().pareto_top) << "% of customers hold " << percent(*pareto)
         << "% of " << s.measure << '\n';
    else
      os << "Pareto: no positive " << s.measure << " to share\n";
  }
  if (!s.four_class.empty() && s.graded > 0) {
    os << "\nfour classes (四类) by " << s.measure << '\n';
    for (const auto& c : s.four_class) {
      os << "  " << c.about.label << ' ' << pad(c.about.name.zh, 6, true) << pad(std::to_string(c.customers), 10)
         << " customers " << pad(percent_of(c.customers, s.graded), 6) << "%  hold " << pad(percent(c.share), 6) << '%';
      if (c.about.up_to) os << "  (up to " << percent(*c.about.up_to) << "%)";
      os << "  " << c.about.name.en << '\n';
    }
  }
  if (s.rejected) {
    os << "\nrejected rows (" << s.rejected << "):\n";
    const std::size_t shown = std::min<std::size_t>(s.rejects.size(), 50);
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& r = s.rejects[i];
      os << "  line " << r.line;
      if (r.error.where.column) os << ", column " << r.error.where.column;
      if (!r.column.empty()) os << " (" << r.column << ')';
      os << ": " << to_string(r.error.code) << ": " << r.error.message << '\n';
    }
    if (s.rejected > shown) os << "  ... and " << s.rejected - shown << " more\n";
  }
}

/// A progress bar on stderr, redrawn at most ten times a second.
class ProgressBar {
 public:
  void operator()(std::uint64_t done, std::optional<std::uint64_t> total) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100) && !(total && done >= *total)) return;
    last_ = now;
    drawn_ = true;
    if (total && *total > 0) {
      const int filled = static_cast<int>(done * 30 / *total);
      std::fprintf(stderr, "\rgrading [%-30.*s] %3d%%", filled, "##############################",
                   static_cast<int>(done * 100 / *total));
    } else {
      std::fprintf(stderr, "\rgrading: %llu MB read", static_cast<unsigned long long>(done >> 20));
    }
    std::fflush(stderr);
  }
  void finish() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
};

/// What the command line asks for.
struct GradeArgs {
  std::string input, rules_path, out_path, plot_path;
  GradeOptions options;
  bool summary_json = false;
};

/// A share option's value (a decimal such as 0.80) into `into`; a usage error otherwise.
std::optional<Outcome> share_arg(Args args, std::size_t& i, Decimal& into) {
  if (i + 1 >= args.size()) return usage_error(std::string(args[i]) + " needs a value");
  auto d = Decimal::parse(args[++i]);
  if (!d)
    return usage_error(std::string(args[i - 1]) + " needs a decimal such as 0.80, got '" + std::string(args[i]) + "'");
  into = *d;
  return std::nullopt;
}

/// An option that takes a value (--rules, --out, --plot, --format, --measure,
/// --grade-output, --rfm, --rfm-bins, --keep) with its value `v`.
std::optional<Outcome> value_arg(std::string_view a, const std::string& v, GradeArgs& g) {
  GradeOptions& options = g.options;
  if (a == "--rules")
    g.rules_path = v;
  else if (a == "--out")
    g.out_path = v;
  else if (a == "--plot")
    g.plot_path = v;
  else if (a == "--measure")
    options.measure = v;
  else if (a == "--grade-output")
    options.grade_output = v;
  else if (a == "--rfm-bins") {
    try {
      options.rfm_bins = std::stoi(v);
    } catch (...) {
      return usage_error("--rfm-bins needs a whole number, got '" + v + "'");
    }
  } else if (a == "--keep") {
    for (std::size_t from = 0; from <= v.size();) {
      const std::size_t comma = std::min(v.find(',', from), v.size());
      if (comma == from) return usage_error("--keep needs column names separated by commas, got '" + v + "'");
      options.keep.push_back(v.substr(from, comma - from));
      from = comma + 1;
    }
  } else if (a == "--format") {
    if (v == "csv")
      options.format = GradeOptions::Format::csv;
    else if (v == "json")
      options.format = GradeOptions::Format::json;
    else
      return usage_error("--format is csv or json, not '" + v + "'");
  } else {  // --rfm RECENCY,FREQUENCY,MONETARY
    const auto c1 = v.find(','), c2 = c1 == std::string::npos ? c1 : v.find(',', c1 + 1);
    if (c2 == std::string::npos) return usage_error("--rfm needs three columns: RECENCY,FREQUENCY,MONETARY");
    options.recency = v.substr(0, c1);
    options.frequency = v.substr(c1 + 1, c2 - c1 - 1);
    options.monetary = v.substr(c2 + 1);
  }
  return std::nullopt;
}

/// The command line, or the usage error that ends the command.
std::variant<GradeArgs, Outcome> parse_args(Args args) {
  GradeArgs g;
  GradeOptions& options = g.options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    std::optional<Outcome> bad;
    if (a == "--rules" || a == "--out" || a == "--plot" || a == "--format" || a == "--measure" ||
        a == "--grade-output" || a == "--rfm" || a == "--rfm-bins" || a == "--keep") {
      if (i + 1 >= args.size()) return usage_error(std::string(a) + " needs a value");
      bad = value_arg(a, std::string(args[++i]), g);
    } else if (a == "--a-share")
      bad = share_arg(args, i, options.portfolio.a_share);
    else if (a == "--b-share")
      bad = share_arg(args, i, options.portfolio.b_share);
    else if (a == "--pareto-top")
      bad = share_arg(args, i, options.portfolio.pareto_top);
    else if (a == "--explain")
      options.explain = true;
    else if (a == "--keep-all")
      options.keep_all = true;
    else if (a == "--ignore-unknown")
      options.ignore_unknown = true;
    else if (a == "--recency-higher-is-better")
      options.recency_better = Better::higher;
    else if (a == "--summary-json")
      g.summary_json = true;
    else if (g.input.empty() && (!a.starts_with("--") || a == "-"))
      g.input = a;
    else
      return usage_error("unexpected argument '" + std::string(a) + "'");
    if (bad) return *bad;
  }
  if (g.input.empty()) return usage_error("grade needs PORTFOLIO.csv");
  return g;
}

/// The chart of --plot; false (with the error printed) when it cannot be written.
bool write_plot(const GradeSummary& summary, const std::string& path) { return write_output(path, summary.to_svg()); }

}  // namespace

Outcome grade(Args args) {
  auto parsed = parse_args(args);
  if (auto* usage = std::get_if<Outcome>(&parsed)) return *usage;
  const GradeArgs& g = std::get<GradeArgs>(parsed);

  if (!check_input(g.input)) return failed();
  std::optional<RuleSet> loaded;
  if (!g.rules_path.empty() && !(loaded = load_rules(g.rules_path))) return {1, false, {}};  // none: the built-in
  const RuleSet& rules = loaded ? *loaded : RuleSet::builtin();

  // The rows are the output (stdout, or --out FILE); the summary is a report: always stderr.
  const bool to_stdout = g.out_path.empty() || g.out_path == "-";
  if (to_stdout && g.plot_path == "-") return usage_error("--plot - and the rows cannot both go to standard output");
  std::ostream& report = std::cerr;

  ProgressBar bar;
  GradeProgress progress;
  if (::isatty(STDERR_FILENO)) progress = std::ref(bar);
  std::ios::sync_with_stdio(false);
  // --out FILE is replaced only when grading succeeds: a failed run leaves it as it was.
  auto summary = grade_csv_file(rules, g.input, to_stdout ? "-" : g.out_path, g.options, progress);
  bar.finish();
  if (!summary) {
    std::cerr << diagnostic(g.input, summary.error()) << '\n';
    return {1, false, {}};
  }

  if (g.summary_json)
    report << summary->to_json() << '\n';
  else
    print_summary(report, *summary, g.input, rules);
  if (!g.plot_path.empty()) {
    if (!write_plot(*summary, g.plot_path)) return {1, false, {}};
    if (!g.summary_json && g.plot_path != "-") report << "plot: " << g.plot_path << '\n';
  }
  return {summary->rejected > 0 || summary->stopped ? 3 : 0, false, {}};
}

const Command grade_command{
    "grade", "grades a customer portfolio (CSV): value grades, ABC, Pareto",
    "  crmrules grade PORTFOLIO.csv [--rules RULES.json] [--out FILE] [--format csv|json] [--explain] [--plot "
    "FILE.svg]\n"
    "                 [--measure COLUMN] [--a-share 0.80] [--b-share 0.95] [--pareto-top 0.20] [--grade-output NAME]\n"
    "                 [--rfm RECENCY,FREQUENCY,MONETARY] [--rfm-bins 5] [--recency-higher-is-better] [--summary-json]\n"
    "                 [--keep COLUMN,... | --keep-all] [--ignore-unknown]\n"
    "    (no --rules: the built-in rules; exit status 3 when rows were rejected; the rows carry id and name,\n"
    "     and the columns of --keep or, with --keep-all, every column; --ignore-unknown: no warning\n"
    "     for a column that is not an input; a list output in CSV is a;b, a ';'\n"
    "     or '\\' inside an item escaped with '\\')\n",
    "  crmrules grade examples/data/deck_customers.csv\n"
    "  crmrules grade portfolio.csv --out graded.csv --plot pareto.svg\n"
    "  crmrules grade portfolio.csv --keep region,owner\n",
    grade};

}  // namespace crm::cli
