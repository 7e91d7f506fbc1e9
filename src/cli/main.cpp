// crmrules: the command line. Thin: it reads files, calls the library, prints.
//
// CLI11 (Debian's libcli11-dev) gives the subcommands, `--help`/`-h` for each, `--version`
// and the usage errors; the commands are the table in commands.hpp (one line each). Every
// command's own options are still read by its file (a CLI11 prefix command), so that
// `crmrules NAME --help` works wherever --help stands.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "crmrules/version.h"

namespace crm::cli {
namespace {

#define CRM_CLI_ADDRESS(c) &c,
constexpr const Command* commands[] = {CRM_CLI_COMMANDS(CRM_CLI_ADDRESS)};
#undef CRM_CLI_ADDRESS

std::string version_text() {
  return "crmrules " + std::to_string(CRM_VERSION_MAJOR) + '.' + std::to_string(CRM_VERSION_MINOR) + '.' +
         std::to_string(CRM_VERSION_PATCH);
}

constexpr std::string_view exit_codes =
    "Exit status: 0 done, 1 an error (input, rules, a failed test), 2 a usage error,\n"
    "3 done but rows were rejected (grade, service). FILE may be '-': standard input, or\n"
    "standard output for an output file. Errors go to stderr as FILE:LINE:COLUMN: CODE: MESSAGE.\n";

std::string top_help() {
  std::string out = "usage: crmrules COMMAND [ARGS...] | --help | --version\n\ncommands:\n";
  for (const Command* c : commands) {
    std::string name(c->name);
    name.resize(std::max<std::size_t>(name.size(), 15), ' ');
    out += "  " + name + ' ' + std::string(c->summary) + '\n';
  }
  out += "\nSee 'crmrules COMMAND --help' for a command's options and examples.\n\n";
  out += exit_codes;
  return out;
}

std::string command_help(const Command& c) {
  std::string out = "crmrules " + std::string(c.name) + ": " + std::string(c.summary) + "\n\nusage:\n";
  out += c.usage;
  if (!c.examples.empty()) out += "\nexamples:\n" + std::string(c.examples);
  out += '\n';
  out += exit_codes;
  return out;
}

int usage(std::string_view command, std::string_view message) {
  std::cerr << "crmrules" << (command.empty() ? "" : " ") << command << ": " << message << '\n'
            << "see 'crmrules" << (command.empty() ? "" : " ") << command << " --help'\n";
  return 2;
}

bool asks_help(const std::vector<std::string>& args) {
  for (const auto& a : args) {
    if (a == "--") return false;
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

/// Runs a command with its arguments (everything after its name).
int run(const Command& c, const std::vector<std::string>& rest) {
  if (asks_help(rest)) {
    std::cout << command_help(c);
    return 0;
  }
  const std::vector<std::string_view> args(rest.begin(), rest.end());
  const Outcome outcome = c.run(args);
  if (outcome.usage_error) return usage(c.name, outcome.message);
  if (!outcome.message.empty()) std::cerr << outcome.message << '\n';
  return outcome.status;
}

int main_(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << top_help();
    return 2;
  }
  CLI::App app{"crmrules: CRM rules from the command line", "crmrules"};
  app.set_help_flag();  // our own help: the table's texts
  bool help = false;
  app.add_flag("-h,--help", help);
  app.set_version_flag("-V,--version", version_text());
  app.require_subcommand(0, 1);
  const Command* chosen = nullptr;
  for (const Command* c : commands) {
    CLI::App* sub = app.add_subcommand(std::string(c->name), std::string(c->summary));
    sub->prefix_command();
    sub->set_help_flag();
    sub->allow_extras();
    sub->callback([c, &chosen] { chosen = c; });
  }
  app.add_subcommand("help", "this list")->allow_extras()->callback([&help] { help = true; });
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForVersion&) {
    std::cout << version_text() << '\n';
    return 0;
  } catch (const CLI::ParseError& e) {
    std::string what = e.what();
    if (what.starts_with("The following argument was not expected: ")) {
      what = "unknown command '" + what.substr(41) + "'";
    }
    return usage("", what);
  }
  if (chosen) return run(*chosen, app.get_subcommand(std::string(chosen->name))->remaining());
  if (help) {
    std::cout << top_help();
    return 0;
  }
  std::cerr << top_help();
  return 2;
}

}  // namespace
}  // namespace crm::cli

int main(int argc, char** argv) { return crm::cli::main_(argc, argv); }
