// crmrules grade: grade a portfolio CSV (crm::grade_csv) and show the summary, a
// progress bar on a terminal, and the Pareto curve and grade distribution as SVG.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include "commands.hpp"
#include "src/json/writer.hpp"
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
  auto d = Decimal::from_int(static_cast<std::int64_t>(part)).div(Decimal::from_int(static_cast<std::int64_t>(whole)), 4);
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
    os << '\n' << pad(s.grade_output, 14, true) << pad("customers", 10) << pad("share", 9) << pad("A", 8) << pad("B", 8)
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
      os << "  " << to_string(c) << pad(std::to_string(p.count(c)), 10) << " customers " << pad(percent_of(p.count(c), s.graded), 6)
         << "%  hold " << pad(percent(p.class_share(c)), 6) << '%';
      if (c == AbcClass::C && p.loss_making()) os << "  (" << p.loss_making() << " loss-making)";
      os << '\n';
    }
    if (auto pareto = p.pareto_share())
      os << "Pareto: the top " << percent(p.options().pareto_top) << "% of customers hold " << percent(*pareto) << "% of "
         << s.measure << '\n';
    else
      os << "Pareto: no positive " << s.measure << " to share\n";
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

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

/// A decimal as an SVG coordinate: at most two fractional digits.
std::string coord(Decimal d) {
  auto r = d.round(2);
  return r ? r->to_string() : "0";
}

Decimal scaled(Decimal fraction, std::int64_t length) {
  auto d = fraction.mul(Decimal::from_int(length));
  return d ? *d : Decimal();
}

/// The Pareto curve (left) and the customers per grade (right).
std::string plot_svg(const GradeSummary& s) {
  const std::int64_t w = 360, h = 300, left = 60, top = 40, gap = 110;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(left + w + gap + w + 30) +
                    "\" height=\"" + std::to_string(top + h + 60) +
                    "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  auto x_at = [&](Decimal f) { return coord(*Decimal::from_int(left).add(scaled(f, w))); };
  auto y_at = [&](Decimal f) { return coord(*Decimal::from_int(top + h).sub(scaled(f, h))); };
  // The curve's frame and grid at 0, 20, ..., 100%.
  svg += "<text x=\"" + std::to_string(left) + "\" y=\"24\" font-size=\"14\">Pareto curve: share of " +
         xml_escape(s.measure) + " held by the top customers</text>\n";
  for (int i = 0; i <= 5; ++i) {
    const Decimal f = *Decimal::from_parts(i * 20, 2);
    svg += "<line x1=\"" + x_at(Decimal()) + "\" y1=\"" + y_at(f) + "\" x2=\"" + x_at(Decimal::from_int(1)) + "\" y2=\"" +
           y_at(f) + "\" stroke=\"#ddd\"/>\n";
    svg += "<text x=\"" + std::to_string(left - 8) + "\" y=\"" + y_at(f) + "\" text-anchor=\"end\" dy=\"4\">" +
           std::to_string(i * 20) + "%</text>\n";
    svg += "<text x=\"" + x_at(f) + "\" y=\"" + std::to_string(top + h + 18) + "\" text-anchor=\"middle\">" +
           std::to_string(i * 20) + "%</text>\n";
  }
  svg += "<text x=\"" + std::to_string(left + w / 2) + "\" y=\"" + std::to_string(top + h + 40) +
         "\" text-anchor=\"middle\">customers, largest first</text>\n";
  if (s.portfolio) {
    const Portfolio& p = *s.portfolio;
    const auto curve = p.curve(200);
    if (!curve.empty()) {
      svg += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"";
      for (const auto& [x, y] : curve) svg += x_at(x) + "," + y_at(y) + " ";
      svg += "\"/>\n";
      // The A threshold and the Pareto point.
      svg += "<line x1=\"" + x_at(Decimal()) + "\" y1=\"" + y_at(p.options().a_share) + "\" x2=\"" +
             x_at(Decimal::from_int(1)) + "\" y2=\"" + y_at(p.options().a_share) +
             "\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/>\n";
      if (auto pareto = p.pareto_share()) {
        const Decimal top_x = p.options().pareto_top;
        svg += "<line x1=\"" + x_at(top_x) + "\" y1=\"" + y_at(Decimal()) + "\" x2=\"" + x_at(top_x) + "\" y2=\"" +
               y_at(Decimal::from_int(1)) + "\" stroke=\"#2ca02c\" stroke-dasharray=\"4 3\"/>\n";
        svg += "<circle cx=\"" + x_at(top_x) + "\" cy=\"" + y_at(*pareto) + "\" r=\"4\" fill=\"#2ca02c\"/>\n";
        svg += "<text x=\"" + x_at(top_x) + "\" y=\"" + y_at(*pareto) + "\" dx=\"8\" dy=\"14\">top " +
               percent(top_x) + "% hold " + percent(*pareto) + "%</text>\n";
      }
    }
  }
  // Customers per grade.
  const std::int64_t bx = left + w + gap;
  svg += "<text x=\"" + std::to_string(bx) + "\" y=\"24\" font-size=\"14\">customers per " +
         xml_escape(s.grade_output.empty() ? "grade" : s.grade_output) + "</text>\n";
  std::uint64_t most = 1;
  for (const auto& g : s.grades) most = std::max(most, g.customers);
  const std::size_t n = std::max<std::size_t>(s.grades.size(), 1);
  const std::int64_t slot = w / static_cast<std::int64_t>(n);
  svg += "<line x1=\"" + std::to_string(bx) + "\" y1=\"" + std::to_string(top + h) + "\" x2=\"" + std::to_string(bx + w) +
         "\" y2=\"" + std::to_string(top + h) + "\" stroke=\"#333\"/>\n";
  for (std::size_t i = 0; i < s.grades.size(); ++i) {
    const auto& g = s.grades[i];
    const std::int64_t bar = static_cast<std::int64_t>(g.customers * static_cast<std::uint64_t>(h - 20) / most);
    const std::int64_t x = bx + static_cast<std::int64_t>(i) * slot + slot / 6;
    svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(top + h - bar) + "\" width=\"" +
           std::to_string(slot * 2 / 3) + "\" height=\"" + std::to_string(bar) + "\" fill=\"#ff7f0e\"/>\n";
    svg += "<text x=\"" + std::to_string(x + slot / 3) + "\" y=\"" + std::to_string(top + h - bar - 4) +
           "\" text-anchor=\"middle\">" + std::to_string(g.customers) + "</text>\n";
    svg += "<text x=\"" + std::to_string(x + slot / 3) + "\" y=\"" + std::to_string(top + h + 18) +
           "\" text-anchor=\"middle\">" + xml_escape(g.label.empty() ? "(none)" : g.label) + "</text>\n";
  }
  svg += "</svg>\n";
  return svg;
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

}  // namespace

Outcome grade(Args args) {
  std::string input, rules_path, out_path, plot_path;
  GradeOptions options;
  bool summary_json = false;
  auto share_arg = [&](std::size_t& i, Decimal& into) -> std::optional<Outcome> {
    if (i + 1 >= args.size()) return usage_error(std::string(args[i]) + " needs a value");
    auto d = Decimal::parse(args[++i]);
    if (!d) return usage_error(std::string(args[i - 1]) + " needs a decimal such as 0.80, got '" + std::string(args[i]) + "'");
    into = *d;
    return std::nullopt;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return std::string(args[++i]);
    };
    std::optional<Outcome> bad;
    if (a == "--rules" || a == "--out" || a == "--plot" || a == "--format" || a == "--measure" ||
        a == "--grade-output" || a == "--rfm" || a == "--rfm-bins") {
      auto v = value();
      if (!v) return usage_error(std::string(a) + " needs a value");
      if (a == "--rules") rules_path = *v;
      else if (a == "--out") out_path = *v;
      else if (a == "--plot") plot_path = *v;
      else if (a == "--measure") options.measure = *v;
      else if (a == "--grade-output") options.grade_output = *v;
      else if (a == "--rfm-bins") {
        try {
          options.rfm_bins = std::stoi(*v);
        } catch (...) {
          return usage_error("--rfm-bins needs a whole number, got '" + *v + "'");
        }
      } else if (a == "--format") {
        if (*v == "csv") options.format = GradeOptions::Format::csv;
        else if (*v == "json") options.format = GradeOptions::Format::json;
        else return usage_error("--format is csv or json, not '" + *v + "'");
      } else {  // --rfm RECENCY,FREQUENCY,MONETARY
        const auto c1 = v->find(','), c2 = c1 == std::string::npos ? c1 : v->find(',', c1 + 1);
        if (c2 == std::string::npos) return usage_error("--rfm needs three columns: RECENCY,FREQUENCY,MONETARY");
        options.recency = v->substr(0, c1);
        options.frequency = v->substr(c1 + 1, c2 - c1 - 1);
        options.monetary = v->substr(c2 + 1);
      }
    } else if (a == "--a-share") bad = share_arg(i, options.portfolio.a_share);
    else if (a == "--b-share") bad = share_arg(i, options.portfolio.b_share);
    else if (a == "--pareto-top") bad = share_arg(i, options.portfolio.pareto_top);
    else if (a == "--explain") options.explain = true;
    else if (a == "--recency-higher-is-better") options.recency_better = Better::higher;
    else if (a == "--summary-json") summary_json = true;
    else if (input.empty() && (!a.starts_with("--") || a == "-")) input = a;
    else return usage_error("unexpected argument '" + std::string(a) + "'");
    if (bad) return *bad;
  }
  if (input.empty()) return usage_error("grade needs PORTFOLIO.csv");

  std::optional<RuleSet> loaded;
  if (!rules_path.empty()) {
    auto r = RuleSet::load_file(rules_path);
    if (!r) {
      std::cerr << rules_path << ": " << r.error().to_string() << '\n';
      return {1, false, {}};
    }
    loaded = std::move(*r);
  }
  const RuleSet& rules = loaded ? *loaded : RuleSet::builtin();

  std::ofstream file;
  if (!out_path.empty()) {
    file.open(out_path, std::ios::binary);
    if (!file) {
      std::cerr << "cannot write '" << out_path << "'\n";
      return {1, false, {}};
    }
  }
  std::ostream& rows = out_path.empty() ? std::cout : file;
  std::ostream& report = out_path.empty() ? std::cerr : std::cout;
  ProgressBar bar;
  GradeProgress progress;
  if (::isatty(STDERR_FILENO)) progress = std::ref(bar);
  std::ios::sync_with_stdio(false);
  auto summary = grade_csv(rules, input, rows, options, progress);
  bar.finish();
  if (!summary) {
    std::cerr << input << ": " << summary.error().to_string() << '\n';
    return {1, false, {}};
  }
  if (summary_json) report << summary->to_json() << '\n';
  else print_summary(report, *summary, input, rules);
  if (!plot_path.empty()) {
    std::ofstream svg(plot_path, std::ios::binary);
    svg << plot_svg(*summary);
    if (!svg) {
      std::cerr << "cannot write '" << plot_path << "'\n";
      return {1, false, {}};
    }
    if (!summary_json) report << "plot: " << plot_path << '\n';
  }
  return {summary->rejected > 0 || summary->stopped ? 3 : 0, false, {}};
}

}  // namespace crm::cli
