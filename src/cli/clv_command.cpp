// crmrules clv: retention and lifetime value from a transaction log (docs/lifetime.md).
//
//   crmrules clv TRANSACTIONS.csv [--unit days|weeks] [--calibration-end DATE]
//                [--observation-end DATE] [--horizon MONTHS] [--discount RATE]
//                [--format text|json|csv] [--plot FILE.svg] [--score CUSTOMERS.csv]
//                [--rules RULES.json] [--lang zh|en] [--returns refuse|net]
//                [--acquisition-cost AMOUNT] [--retention-cost AMOUNT]   (with --retention)
//   crmrules clv --summary SUMMARY.csv [...]     (data already summarised: the CDNOW files)
//   crmrules clv TRANSACTIONS.csv --retention [--format text|json|csv]
//   crmrules clv TRANSACTIONS.csv --print-summary [--format csv|json] [--unit ...] [--calibration-end DATE]
//   crmrules clv --builtin-json                  (the built-in settings, to copy and change)
//
// stdout: the BG/NBD and Gamma-Gamma fits, their log-likelihoods, and per customer
// P(alive), the expected purchases over the horizon and the model CLV (text, the whole
// analysis as JSON, or the per-customer table as CSV); --retention prints retention and
// churn per month and the cohort table instead; --print-summary the summary the models
// read (lifetimes' columns), to keep and give back with --summary. --score scores the customers of another
// summary CSV with the models fitted on the first. --plot writes the fit plot (actual
// against predicted repeat purchases). Exit status 0, 1 when a file cannot be read or the
// models cannot be fitted (the error says why), 2 for usage.
#include <iostream>
#include <optional>
#include <string>

#include "commands.hpp"
#include "crmrules/lifetime.hpp"

namespace crm::cli {
namespace {

namespace lt = crm::lifetime;

struct ClvArgs {
  std::string transactions, summary, score, rules, plot, format = "text", lang = "zh";
  std::optional<lt::Unit> unit;
  std::optional<Date> calibration_end, observation_end;
  std::optional<int> horizon;
  std::optional<double> discount;
  std::optional<Decimal> acquisition_cost, retention_cost;
  lt::Returns returns = lt::Returns::refuse;
  bool retention = false, print_summary = false;
};

std::optional<Outcome> parse_date(std::string_view option, std::string_view text, std::optional<Date>& out) {
  auto d = Date::parse(text);
  if (!d) return usage_error(std::string(option) + " is a date (YYYY-MM-DD), not '" + std::string(text) + "'");
  out = *d;
  return std::nullopt;
}

std::optional<Outcome> parse_number(std::string_view option, std::string_view text, double low, double& out) {
  std::size_t used = 0;
  try {
    out = std::stod(std::string(text), &used);
  } catch (...) {
    used = 0;
  }
  if (used == 0 || used != text.size() || !(out >= low))
    return usage_error(std::string(option) + " is a number of at least " + std::to_string(static_cast<int>(low)) +
                       ", not '" + std::string(text) + "'");
  return std::nullopt;
}

std::optional<Outcome> parse_option(std::string_view arg, std::string_view value, ClvArgs& a) {
  if (arg == "--unit") {
    if (value != "days" && value != "weeks")
      return usage_error("--unit is days or weeks, not '" + std::string(value) + "'");
    a.unit = value == "days" ? lt::Unit::days : lt::Unit::weeks;
  } else if (arg == "--returns") {
    if (value != "refuse" && value != "net")
      return usage_error("--returns is refuse or net, not '" + std::string(value) + "'");
    a.returns = value == "net" ? lt::Returns::net : lt::Returns::refuse;
  } else if (arg == "--calibration-end") {
    return parse_date(arg, value, a.calibration_end);
  } else if (arg == "--observation-end") {
    return parse_date(arg, value, a.observation_end);
  } else if (arg == "--horizon") {
    double months = 0;
    if (auto bad = parse_number(arg, value, 1, months)) return bad;
    if (months != static_cast<int>(months) || months > 1200)
      return usage_error("--horizon is a whole number of months, 1 to 1200, not '" + std::string(value) + "'");
    a.horizon = static_cast<int>(months);
  } else if (arg == "--discount") {
    double rate = 0;
    if (auto bad = parse_number(arg, value, 0, rate)) return bad;
    a.discount = rate;
  } else if (arg == "--acquisition-cost" || arg == "--retention-cost") {
    auto cost = Decimal::parse(value);
    if (!cost || cost->sign() < 0)
      return usage_error(std::string(arg) + " is an amount of 0 or more, not '" + std::string(value) + "'");
    (arg == "--acquisition-cost" ? a.acquisition_cost : a.retention_cost) = *cost;
  } else if (arg == "--format") {
    a.format = value;
  } else if (arg == "--lang") {
    a.lang = value;
  } else if (arg == "--summary") {
    a.summary = value;
  } else if (arg == "--score") {
    a.score = value;
  } else if (arg == "--rules") {
    a.rules = value;
  } else if (arg == "--plot") {
    a.plot = value;
  } else {
    return usage_error("unexpected argument '" + std::string(arg) + "'");
  }
  return std::nullopt;
}

std::optional<Outcome> parse(Args args, ClvArgs& a) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--retention") {
      a.retention = true;
    } else if (arg == "--print-summary") {
      a.print_summary = true;
    } else if (arg.starts_with("--")) {
      if (i + 1 >= args.size()) return usage_error(std::string(arg) + " needs a value");
      if (auto bad = parse_option(arg, args[++i], a)) return bad;
    } else if (a.transactions.empty()) {
      a.transactions = arg;
    } else {
      return usage_error("unexpected argument '" + std::string(arg) + "'");
    }
  }
  if (a.transactions.empty() == a.summary.empty())
    return usage_error("clv needs TRANSACTIONS.csv or --summary SUMMARY.csv (one of them)");
  if ((a.retention || a.print_summary) && a.transactions.empty())
    return usage_error(std::string(a.retention ? "--retention" : "--print-summary") + " needs TRANSACTIONS.csv");
  if (a.retention && a.print_summary) return usage_error("--retention and --print-summary: one of them");
  if (!a.summary.empty() && (a.calibration_end || a.observation_end))
    return usage_error("--calibration-end and --observation-end split transactions, not a summary");
  if (a.format != "text" && a.format != "json" && a.format != "csv")
    return usage_error("--format is text, json or csv, not '" + a.format + "'");
  if (a.lang != "zh" && a.lang != "en") return usage_error("--lang is zh or en, not '" + a.lang + "'");
  return std::nullopt;
}

Outcome report_failure(const std::string& path, const Error& error) {
  std::cerr << diagnostic(path, error) << '\n';
  return {1, false, {}};
}

/// The summary the models are fitted on: read as it is, or made from the transactions.
expected<lt::Summary> fitted_summary(const ClvArgs& a, const lt::Settings& s, lt::Unit unit) {
  if (!a.summary.empty()) return lt::read_summary_csv_file(a.summary, unit);
  lt::ReadOptions read{s.customer_column, s.date_column, s.amount_column, a.returns, {}};
  auto log = lt::TransactionLog::read_csv_file(a.transactions, read);
  if (!log) return unexpected(log.error());
  return lt::summarize(*log, lt::SummaryOptions{unit, a.calibration_end, a.observation_end});
}

Outcome print_retention(const ClvArgs& a, const lt::Settings& s, Lang lang) {
  lt::ReadOptions read{s.customer_column, s.date_column, s.amount_column, a.returns, {}};
  auto log = lt::TransactionLog::read_csv_file(a.transactions, read);
  if (!log) return report_failure(a.transactions, log.error());
  auto r = lt::retention(*log, lt::RetentionOptions{a.acquisition_cost.value_or(s.acquisition_cost),
                                                    a.retention_cost.value_or(s.retention_cost)});
  if (!r) return report_failure(a.transactions, r.error());
  if (a.format == "json")
    std::cout << r->to_json() << '\n';
  else if (a.format == "csv")
    std::cout << r->cohorts_csv();
  else
    std::cout << r->to_text(lang, s);
  return {};
}

Outcome print_summary(const ClvArgs& a, const lt::Settings& s) {
  auto summary = fitted_summary(a, s, a.unit.value_or(s.unit));
  if (!summary) return report_failure(a.transactions, summary.error());
  std::cout << (a.format == "json" ? summary->to_json() + '\n' : summary->to_csv());
  return {};
}

Outcome write_plot(const std::string& path, const lt::Analysis& analysis, Lang lang, const lt::Settings& s) {
  return write_output(path, lt::histogram_svg(analysis.histogram, lang, s)) ? Outcome{} : Outcome{1, false, {}};
}

Outcome analyse(const ClvArgs& a, const lt::Settings& s, Lang lang) {
  const lt::Unit unit = a.unit.value_or(s.unit);
  const std::string& source = a.summary.empty() ? a.transactions : a.summary;
  auto fitted = fitted_summary(a, s, unit);
  if (!fitted) return report_failure(source, fitted.error());
  std::optional<lt::Summary> others;
  if (!a.score.empty()) {
    auto read = lt::read_summary_csv_file(a.score, unit);
    if (!read) return report_failure(a.score, read.error());
    others = std::move(*read);
  }
  lt::AnalysisOptions options;
  lt::ClvOptions clv = lt::ClvOptions::from(s, unit);
  if (a.horizon) clv.horizon_months = *a.horizon;
  if (a.discount) clv.discount_rate = *a.discount;
  options.clv = clv;
  options.t = clv.horizon_months * (unit == lt::Unit::weeks ? clv.month_weeks : clv.month_days);
  auto analysis = lt::analyse(std::move(*fitted), others ? &*others : nullptr, options, s);
  if (!analysis) return report_failure(source, analysis.error());
  if (a.format == "json")
    std::cout << analysis->to_json(s) << '\n';
  else if (a.format == "csv")
    std::cout << analysis->to_csv(s);
  else
    std::cout << analysis->to_text(lang, s);
  if (a.format != "text")
    for (const auto& note : analysis->notes) std::cerr << "note: " << note << '\n';
  return a.plot.empty() ? Outcome{} : write_plot(a.plot, *analysis, lang, s);
}

}  // namespace

Outcome clv(Args args) {
  if (!args.empty() && args[0] == "--builtin-json") {
    if (args.size() > 1) return usage_error("clv --builtin-json takes no other arguments");
    std::cout << lt::Settings::builtin_json();
    return {};
  }
  ClvArgs a;
  if (auto bad = parse(args, a)) return *bad;
  for (const std::string* path : {&a.transactions, &a.summary, &a.score})
    if (!path->empty() && !check_input(*path)) return {1, false, {}};
  std::optional<lt::Settings> own;
  if (!a.rules.empty()) {
    auto rules = load_rules(a.rules);
    if (!rules) return failed();
    auto settings = lt::Settings::from_rule_set(*rules);
    if (!settings) return report_failure(a.rules, settings.error());
    own.emplace(std::move(*settings));
  }
  const lt::Settings& s = own ? *own : lt::Settings::builtin();
  const Lang lang = a.lang == "en" ? Lang::en : Lang::zh;
  if (a.print_summary) return print_summary(a, s);
  return a.retention ? print_retention(a, s, lang) : analyse(a, s, lang);
}

const Command clv_command{
    "clv", "retention and lifetime value: BG/NBD, Gamma-Gamma, P(alive), expected purchases, CLV",
    "  crmrules clv TRANSACTIONS.csv [--unit days|weeks] [--calibration-end DATE] [--observation-end DATE]\n"
    "               [--horizon MONTHS] [--discount RATE] [--format text|json|csv] [--plot FILE.svg]\n"
    "               [--score SUMMARY.csv] [--rules RULES.json] [--lang zh|en] [--returns refuse|net]\n"
    "  crmrules clv TRANSACTIONS.csv --retention [--acquisition-cost AMOUNT] [--retention-cost AMOUNT]\n"
    "  crmrules clv TRANSACTIONS.csv --print-summary [--format csv|json]\n"
    "  crmrules clv --summary SUMMARY.csv [...]\n"
    "  crmrules clv --builtin-json\n",
    "  crmrules clv orders.csv --horizon 12 --discount 0.01 --format csv --plot fit.svg\n"
    "  crmrules clv orders.csv --retention --format csv\n"
    "  crmrules clv --summary cdnow.csv --lang en\n",
    clv};

}  // namespace crm::cli
