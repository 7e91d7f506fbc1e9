// crmrules profile: how complete each customer's profile (档案) is against the deck's
// schema, per group, and whether someone owns it (专人负责).
//
//   crmrules profile PROFILES.csv|PROFILES.jsonl [--rules RULES.json] [--format csv|json]
//                    [--lang zh|en] [--out FILE] [--input-format csv|jsonl]
//   crmrules profile --builtin-json
//
// stdout (or --out): one row per customer (crm::profile::to_csv / to_json); stderr: a
// summary, the columns that are no field of the schema, and the customers no one owns.
// Exit status 0; 1 when the file cannot be read or a line is bad (FILE:LINE:COLUMN: ...,
// and nothing is written); 2 for usage.
#include <iostream>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "crmrules/profile.hpp"

namespace crm::cli {
namespace {

namespace pf = crm::profile;

struct ProfileArgs {
  std::string profiles, rules, out = "-", format = "csv", lang = "zh", input_format;
};

std::optional<Outcome> parse(Args args, ProfileArgs& a) {
  CLI::App options;
  options.add_option("PROFILES", a.profiles);
  options.add_option("--rules", a.rules);
  options.add_option("--out", a.out);
  options.add_option("--format", a.format);
  options.add_option("--lang", a.lang);
  options.add_option("--input-format", a.input_format);
  if (auto bad = parse_options(options, args)) return *bad;
  if (a.profiles.empty()) return usage_error("profile needs PROFILES.csv or PROFILES.jsonl");
  if (a.format != "csv" && a.format != "json") return usage_error("--format is csv or json, not '" + a.format + "'");
  if (a.lang != "zh" && a.lang != "en") return usage_error("--lang is zh or en, not '" + a.lang + "'");
  if (!a.input_format.empty() && a.input_format != "csv" && a.input_format != "jsonl")
    return usage_error("--input-format is csv or jsonl, not '" + a.input_format + "'");
  if (a.input_format.empty())
    a.input_format = a.profiles.ends_with(".jsonl") || a.profiles.ends_with(".ndjson") ? "jsonl" : "csv";
  return std::nullopt;
}

/// The summary on stderr: counts, ignored columns, the customers no one owns.
void summarise(const ProfileArgs& a, const pf::Report& report, Lang lang) {
  std::cerr << report.customers.size() << " profiles assessed in " << a.profiles << "; " << report.without_owner()
            << " without an owner\n";
  for (const std::string& name : report.ignored)
    std::cerr << "warning: '" << name << "' is no field of the profile and is ignored\n";
  for (std::size_t i = 0; i < report.customers.size(); ++i) {
    const pf::Assessment& c = report.customers[i];
    for (const Text& w : c.warnings)
      std::cerr << "warning: " << (c.id.empty() ? "profile " + std::to_string(i + 1) : c.id) << ": " << w.in(lang)
                << '\n';
  }
}

}  // namespace

Outcome profile(Args args) {
  if (!args.empty() && args[0] == "--builtin-json") {
    if (args.size() > 1) return usage_error("profile --builtin-json takes no other arguments");
    std::cout << pf::Schema::builtin_json();
    return {};
  }
  ProfileArgs a;
  if (auto bad = parse(args, a)) return *bad;
  std::string text, error;
  if (!read_file(a.profiles, text, error)) {
    std::cerr << error << '\n';
    return failed();
  }
  std::optional<pf::Schema> own;
  if (!a.rules.empty()) {
    auto rules = load_rules(a.rules);
    if (!rules) return failed();
    auto schema = pf::Schema::from_rule_set(*rules);
    if (!schema) {
      std::cerr << diagnostic(a.rules, schema.error()) << '\n';
      return failed();
    }
    own.emplace(std::move(*schema));
  }
  const pf::Schema& schema = own ? *own : pf::Schema::builtin();
  auto report = a.input_format == "jsonl" ? pf::assess_jsonl(text, schema) : pf::assess_csv(text, schema);
  if (!report) {
    std::cerr << diagnostic(a.profiles, report.error()) << '\n';
    return failed();
  }
  const Lang lang = a.lang == "en" ? Lang::en : Lang::zh;
  if (!write_output(a.out, a.format == "json" ? pf::to_json(*report) : pf::to_csv(*report, lang))) return failed();
  summarise(a, *report, lang);
  return {};
}

const Command profile_command{
    "profile", "profile completeness (档案管理): per group, the missing fields, who owns it (专人负责)",
    "  crmrules profile PROFILES.csv|PROFILES.jsonl [--rules RULES.json] [--format csv|json] [--lang zh|en]\n"
    "                   [--out FILE] [--input-format csv|jsonl]\n"
    "    (a header of field ids or the deck's Chinese names, one customer per row or line)\n"
    "  crmrules profile --builtin-json\n",
    "  crmrules profile examples/data/profiles.csv\n"
    "  crmrules profile --builtin-json > my_profile.json\n",
    profile};

}  // namespace crm::cli
