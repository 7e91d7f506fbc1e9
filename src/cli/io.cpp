// What every command shares: reading a file or standard input, and the one error format.
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "commands.hpp"

namespace crm::cli {
namespace {

std::string io_error(std::string_view file, std::string_view why) {
  return std::string(file) + ": io: " + std::string(why);
}

bool read_stdin(std::string& out, std::string& error) {
  if (isatty(STDIN_FILENO)) {
    error = io_error("-", "nothing piped to standard input");
    return false;
  }
  out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  return true;
}

bool check_text(std::string_view file, const std::string& text, std::string& error, bool bytes) {
  if (text.empty()) {
    error = io_error(file, file == "-" ? "standard input is empty (nothing piped?)" : "the file is empty");
    return false;
  }
  const std::size_t nul = bytes ? std::string::npos : text.find('\0');
  if (nul != std::string::npos) {
    error = io_error(file, "a binary file (byte 0 at offset " + std::to_string(nul) + "), not text");
    return false;
  }
  return true;
}

}  // namespace

bool read_file(const std::string& path, std::string& out, std::string& error, bool bytes) {
  if (path == "-") return read_stdin(out, error) && check_text(path, out, error, bytes);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    error = io_error(path, "a folder, not a file");
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = io_error(path, std::string("cannot open: ") + std::strerror(errno));
    return false;
  }
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return check_text(path, out, error, bytes);
}

std::string diagnostic(std::string_view file, const Error& e) {
  std::string out(file);
  // A header's error has no column (0): FILE:LINE: as compilers print it.
  if (e.where.line > 0) out += ':' + std::to_string(e.where.line);
  if (e.where.line > 0 && e.where.column > 0) out += ':' + std::to_string(e.where.column);
  out += ": ";
  out += to_string(e.code);
  out += ": ";
  out += e.message;
  if (!e.where.pointer.empty()) out += " (at " + e.where.pointer + ')';
  return out;
}

std::optional<RuleSet> load_rules(const std::string& path) {
  std::string text, error;
  if (!read_file(path, text, error)) {
    std::cerr << error << '\n';
    return std::nullopt;
  }
  auto rules = RuleSet::load(text);
  if (!rules) {
    std::cerr << diagnostic(path, rules.error()) << '\n';
    return std::nullopt;
  }
  return std::move(*rules);
}

}  // namespace crm::cli
