// crmrules service: service tickets checked against the service commitments
// (docs/service.md).
//
//   crmrules service TICKETS.csv [--rules RULES.json] [--by customer|engineer|month]
//                    [--format text|json|csv|jsonl] [--lang zh|en] [--chart FILE.svg]
//                    [--input-format csv|jsonl] [--only ID,ID...]
//   crmrules service --builtin-json       (the built-in commitments, to copy and change)
//
// stdout: the summary in the language (text, the default), the whole report (json), or
// one row per ticket with each commitment's status (csv), or one JSON object per ticket
// (jsonl); for csv and jsonl the summary goes to stderr. --only checks just the
// commitments named (their ids, comma-separated; an unknown id is a usage error).
// A .jsonl or .ndjson file is read as JSON Lines unless --input-format says otherwise.
// Exit status 0 when every row was checked, 3 when rows were rejected (each named with
// its line and column), 1 when the file or the rules cannot be read, 2 for usage.
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/service.hpp"

namespace crm::cli {
namespace {

struct ServiceArgs {
  std::string path, rules, chart, format = "text", lang = "zh", input;
  std::vector<std::string> only;
  service::GroupBy by = service::GroupBy::customer;
};

/// "a,b" into ids (spaces around them dropped); a usage error for an empty one.
std::optional<Outcome> split_ids(std::string_view list, std::vector<std::string>& ids) {
  for (std::size_t at = 0; at <= list.size();) {
    std::size_t end = list.find(',', at);
    if (end == std::string_view::npos) end = list.size();
    std::string_view id = list.substr(at, end - at);
    while (!id.empty() && id.front() == ' ') id.remove_prefix(1);
    while (!id.empty() && id.back() == ' ') id.remove_suffix(1);
    if (id.empty()) return usage_error("--only lists commitment ids, comma-separated: '" + std::string(list) + "'");
    ids.emplace_back(id);
    at = end + 1;
  }
  return std::nullopt;
}

std::optional<Outcome> parse(Args args, ServiceArgs& a) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--format" && has_value)
      a.format = args[++i];
    else if (arg == "--lang" && has_value)
      a.lang = args[++i];
    else if (arg == "--rules" && has_value)
      a.rules = args[++i];
    else if (arg == "--chart" && has_value)
      a.chart = args[++i];
    else if (arg == "--input-format" && has_value)
      a.input = args[++i];
    else if (arg == "--only" && has_value) {
      if (auto bad = split_ids(args[++i], a.only)) return bad;
    } else if (arg == "--by" && has_value) {
      const std::string_view by = args[++i];
      if (by == "customer")
        a.by = service::GroupBy::customer;
      else if (by == "engineer")
        a.by = service::GroupBy::engineer;
      else if (by == "month")
        a.by = service::GroupBy::month;
      else
        return usage_error("--by is customer, engineer or month, not '" + std::string(by) + "'");
    } else if (a.path.empty() && !arg.starts_with("--"))
      a.path = arg;
    else
      return usage_error("unexpected argument '" + std::string(arg) + "'");
  }
  if (a.path.empty()) return usage_error("service needs TICKETS.csv");
  if (a.format != "text" && a.format != "json" && a.format != "csv" && a.format != "jsonl")
    return usage_error("--format is text, json, csv or jsonl, not '" + a.format + "'");
  if (a.lang != "zh" && a.lang != "en") return usage_error("--lang is zh or en, not '" + a.lang + "'");
  if (a.input.empty()) a.input = a.path.ends_with(".jsonl") || a.path.ends_with(".ndjson") ? "jsonl" : "csv";
  if (a.input != "csv" && a.input != "jsonl")
    return usage_error("--input-format is csv or jsonl, not '" + a.input + "'");
  return std::nullopt;
}

}  // namespace

Outcome service(Args args) {
  if (!args.empty() && args[0] == "--builtin-json") {
    if (args.size() > 1) return usage_error("service --builtin-json takes no other arguments");
    std::cout << service::Checker::builtin_json();
    return {};
  }
  ServiceArgs a;
  if (auto bad = parse(args, a)) return *bad;
  if (!check_input(a.path)) return failed();

  std::optional<service::Checker> own;
  if (!a.rules.empty()) {
    auto rules = load_rules(a.rules);
    if (!rules) return failed();
    auto checker = service::Checker::from_rule_set(*rules);
    if (!checker) {
      std::cerr << diagnostic(a.rules, checker.error()) << '\n';
      return {1, false, {}};
    }
    own.emplace(std::move(*checker));
  }
  if (!a.only.empty()) {
    auto some = (own ? *own : service::Checker::builtin()).only(a.only);
    if (!some) return usage_error("--only: " + some.error().message);
    own.emplace(std::move(*some));
  }
  const service::Checker& checker = own ? *own : service::Checker::builtin();
  const Lang lang = a.lang == "en" ? Lang::en : Lang::zh;

  service::Options options;
  options.by = a.by;
  if (a.format == "csv") {
    std::cout << service::csv_header(checker.commitments());
    options.on_ticket = [&](const service::TicketResult& t) {
      std::cout << service::csv_row(checker.commitments(), t);
    };
  } else if (a.format == "jsonl") {
    options.on_ticket = [&](const service::TicketResult& t) {
      std::cout << service::ticket_json(checker.commitments(), t) << '\n';
    };
  }
  auto report =
      a.input == "jsonl" ? checker.check_jsonl_file(a.path, options) : checker.check_csv_file(a.path, options);
  if (!report) {
    std::cerr << diagnostic(a.path, report.error()) << '\n';
    return {1, false, {}};
  }
  if (a.format == "json")
    std::cout << report->to_json() << '\n';
  else if (a.format == "csv" || a.format == "jsonl")
    std::cerr << report->to_text(lang);
  else
    std::cout << report->to_text(lang);
  if (!a.chart.empty()) {
    if (!write_output(a.chart, report->to_svg(lang))) return failed();
  }
  return {report->rejected.empty() ? 0 : 3, false, {}};
}

const Command service_command{
    "service", "checks service tickets (CSV) against the commitments",
    "  crmrules service TICKETS.csv [--rules RULES.json] [--by customer|engineer|month] [--format "
    "text|json|csv|jsonl]\n"
    "                   [--lang zh|en] [--chart FILE.svg] [--input-format csv|jsonl] [--only ID,ID...]\n"
    "    (exit status 3 when rows were rejected)\n"
    "  crmrules service --builtin-json\n",
    "  crmrules service tickets.csv --by engineer\n"
    "  crmrules service --builtin-json > my_commitments.json\n",
    service};

}  // namespace crm::cli
