// crmrules: the command line. Thin: it reads files, calls the library, prints.
//
//   crmrules test RULES.json [--coverage] [--min-coverage N] [--json]
//   crmrules lint RULES.json
//   crmrules eval RULES.json INPUT.json [--trace]
//   crmrules grade PORTFOLIO.csv [--rules RULES.json] [--out FILE] [--format csv|json] [--explain] [--plot FILE.svg]
//   crmrules kano ANSWERS.csv [--by COLUMN] [--wave COLUMN] [--format csv|json] [--plot FILE.svg] [--rules RULES.json]
//   crmrules expr 'EXPRESSION' [--input JSON]
//   crmrules expr --unary 'CELL' --input JSON
//   crmrules default-rules
//   crmrules session [RULES.json] MACHINE SCRIPT.json
//   crmrules account ACCOUNT.json [--rules RULES.json] [--format text|json] [--lang zh|en]
//   crmrules service TICKETS.csv [--rules RULES.json] [--by customer|engineer|month] [--format text|json|csv|jsonl]
//   crmrules next CUSTOMER.json [--rules RULES.json] [--format text|json] [--lang zh|en]
//   crmrules clv TRANSACTIONS.csv | --summary SUMMARY.csv [--unit days|weeks] [--horizon N] [--format text|json|csv]
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"

namespace {

constexpr const char* usage =
    "usage:\n"
    "  crmrules test RULES.json [--coverage] [--min-coverage N] [--json]\n"
    "  crmrules lint RULES.json\n"
    "  crmrules eval RULES.json INPUT.json [--trace]\n"
    "  crmrules grade PORTFOLIO.csv [--rules RULES.json] [--out FILE] [--format csv|json] [--explain] [--plot FILE.svg]\n"
    "                 [--measure COLUMN] [--a-share 0.80] [--b-share 0.95] [--pareto-top 0.20] [--grade-output NAME]\n"
    "                 [--rfm RECENCY,FREQUENCY,MONETARY] [--rfm-bins 5] [--recency-higher-is-better] [--summary-json]\n"
    "                 (no --rules: the built-in rules; exit status 3 when rows were rejected)\n"
    "  crmrules kano ANSWERS.csv [--by COLUMN] [--wave COLUMN] [--format csv|json] [--plot FILE.svg] [--rules RULES.json]\n"
    "  crmrules expr 'EXPRESSION' [--input JSON]\n"
    "  crmrules expr --unary 'CELL' --input JSON\n"
    "  crmrules default-rules                (prints the built-in rules, to copy and change)\n"
    "  crmrules session [RULES.json] MACHINE SCRIPT.json [--json] [--restore FILE] [--save FILE] [--save-json FILE]\n"
    "                                        (no RULES.json: a built-in machine: spin, fabe, lscpa, complaint)\n"
    "  crmrules session --list [RULES.json] | --builtin-json\n"
    "  crmrules account ACCOUNT.json [--rules RULES.json] [--format text|json] [--lang zh|en]\n"
    "                                        (a key account's plan: what is known, what is missing, what to do next)\n"
    "  crmrules account --builtin-json       (prints the built-in account rules, to copy and change)\n"
    "  crmrules service TICKETS.csv [--rules RULES.json] [--by customer|engineer|month] [--format text|json|csv|jsonl]\n"
    "                 [--lang zh|en] [--chart FILE.svg] [--input-format csv|jsonl] [--only ID,ID...]\n"
    "                                        (service tickets against the commitments; exit status 3 when rows were rejected)\n"
    "  crmrules service --builtin-json       (prints the built-in commitments, the deck's 168, to copy and change)\n"
    "  crmrules next CUSTOMER.json [--rules RULES.json] [--format text|json] [--lang zh|en]\n"
    "                                        (the next best actions for a customer: reason, channel, owner)\n"
    "  crmrules next --builtin-json          (prints the built-in next-best-action rules, to copy and change)\n"
    "  crmrules clv TRANSACTIONS.csv [--unit days|weeks] [--calibration-end DATE] [--observation-end DATE]\n"
    "               [--horizon MONTHS] [--discount RATE] [--format text|json|csv] [--plot FILE.svg]\n"
    "               [--score SUMMARY.csv] [--rules RULES.json] [--lang zh|en] [--returns refuse|net]\n"
    "               [--retention [--acquisition-cost AMOUNT] [--retention-cost AMOUNT] | --print-summary]\n"
    "  crmrules clv --summary SUMMARY.csv [...]  (BG/NBD, Gamma-Gamma: P(alive), expected purchases, CLV)\n"
    "  crmrules clv --builtin-json           (prints the built-in lifetime settings, to copy and change)\n"
    "  crmrules version\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << usage;
    return args.empty() ? 2 : 0;
  }
  const std::string_view command = args[0];
  args.erase(args.begin());
  crm::cli::Outcome outcome;
  if (command == "test") outcome = crm::cli::test(args);
  else if (command == "lint") outcome = crm::cli::lint(args);
  else if (command == "eval") outcome = crm::cli::eval(args);
  else if (command == "grade") outcome = crm::cli::grade(args);
  else if (command == "expr") outcome = crm::cli::expr(args);
  else if (command == "version") outcome = crm::cli::version(args);
  else if (command == "kano") outcome = crm::cli::kano(args);
  else if (command == "default-rules") outcome = crm::cli::default_rules(args);
  else if (command == "session") outcome = crm::cli::session(args);
  else if (command == "account") outcome = crm::cli::account(args);
  else if (command == "service") outcome = crm::cli::service(args);
  else if (command == "clv") outcome = crm::cli::clv(args);
  else if (command == "next") outcome = crm::cli::next(args);
  else outcome = crm::cli::usage_error("unknown command '" + std::string(command) + "'");
  if (outcome.usage_error) std::cerr << "crmrules: " << outcome.message << '\n' << usage;
  return outcome.status;
}
