// Private to the CLI: one function per command.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace crm::cli {

struct Outcome {
  int status = 0;           // the process's exit status
  bool usage_error = false;  // print the usage after message
  std::string message;
};

inline Outcome usage_error(std::string message) { return Outcome{2, true, std::move(message)}; }

using Args = std::span<const std::string_view>;

Outcome test(Args args);
Outcome lint(Args args);
Outcome eval(Args args);
Outcome grade(Args args);  // grade_command.cpp
Outcome expr(Args args);
Outcome version(Args args);
Outcome kano(Args args);  // kano_command.cpp
Outcome default_rules(Args args);
Outcome session(Args args);  // session_command.cpp
Outcome account(Args args);  // account_command.cpp
Outcome service(Args args);  // service_command.cpp
Outcome next(Args args);     // next_command.cpp
Outcome clv(Args args);      // clv_command.cpp

/// The whole file, or an io error naming it.
bool read_file(const std::string& path, std::string& out, std::string& error);

}  // namespace crm::cli
