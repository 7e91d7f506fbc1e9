// Private to the CLI: the commands and what they share.
//
// Adding a command is one file plus one line: the file (src/cli/NAME_command.cpp) defines
// `Outcome NAME(Args)` and `const Command NAME_command{...}` (name, one-line summary, usage
// lines, examples); the line adds `X(NAME_command)` to CRM_CLI_COMMANDS below. main.cpp
// builds the CLI11 subcommands, --help/-h and the usage errors from the table.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/error.hpp"
#include "crmrules/rule_set.hpp"

namespace CLI {
class App;
}

namespace crm::cli {

struct Outcome {
  int status = 0;            // the process's exit status (docs/cli.md: 0, 1 error, 2 usage, 3 rows rejected)
  bool usage_error = false;  // message is a usage error: one line and "see 'crmrules X --help'"
  std::string message;
};

inline Outcome usage_error(std::string message) { return Outcome{2, true, std::move(message)}; }
inline Outcome failed() { return Outcome{1, false, {}}; }

using Args = std::span<const std::string_view>;

/// One subcommand: what `crmrules --help` lists and `crmrules NAME --help` prints.
struct Command {
  std::string_view name;      // crmrules NAME
  std::string_view summary;   // one line
  std::string_view usage;     // the synopsis lines, each starting "crmrules NAME"
  std::string_view examples;  // lines of examples, each a command a user can run
  Outcome (*run)(Args);       // the arguments after NAME
};

// The commands, in the order `crmrules --help` lists them. One line per command.
#define CRM_CLI_COMMANDS(X) \
  X(test_command)           \
  X(lint_command)           \
  X(eval_command)           \
  X(grade_command)          \
  X(kano_command)           \
  X(expr_command)           \
  X(default_rules_command)  \
  X(session_command)        \
  X(classify_command)       \
  X(account_command)        \
  X(service_command)        \
  X(next_command)           \
  X(clv_command)            \
  X(satisfaction_command)   \
  X(profile_command)        \
  X(schema_command)         \
  X(import_dmn_command)     \
  X(export_dmn_command)     \
  X(version_command)

#define CRM_CLI_DECLARE(c) extern const Command c;
CRM_CLI_COMMANDS(CRM_CLI_DECLARE)
#undef CRM_CLI_DECLARE

/// The whole file, or "-" for standard input. On failure `error` is one line in the common
/// format "FILE: io: why" (missing, a folder, empty, binary, nothing piped). `bytes`: a
/// binary file (a saved session) is fine.
bool read_file(const std::string& path, std::string& out, std::string& error, bool bytes = false);

/// The files named: a folder stands for the *.json files under it (sorted, recursively).
std::vector<std::string> expand_paths(const std::vector<std::string>& paths);

/// Parses a command's arguments with the CLI11 parser it set up (its options and
/// positionals); nothing when they parse, else the usage error: "unexpected argument 'X'"
/// for anything the parser does not take, CLI11's message for an option without its value.
[[nodiscard]] std::optional<Outcome> parse_options(CLI::App& app, Args args);

/// For an input the library streams (grade, service): the same checks as read_file
/// without reading it whole (missing, a folder, empty, binary in its first 4 KiB, "-" on a
/// terminal); false with the line printed.
bool check_input(const std::string& path);

/// Writes `data` to the file at path, or to standard output for "-"; false, with one
/// line "FILE: io: cannot write: why" printed, when it fails.
bool write_output(const std::string& path, std::string_view data);

/// One line in the common format, as compilers and linters print: FILE:LINE:COLUMN: CODE:
/// MESSAGE, then " (at POINTER)" where the error has a JSON pointer; FILE: CODE: MESSAGE
/// when it has no line.
std::string diagnostic(std::string_view file, const Error& e);

/// RULES.json (or "-") loaded, or the error printed on stderr in the common format.
std::optional<RuleSet> load_rules(const std::string& path);

}  // namespace crm::cli
