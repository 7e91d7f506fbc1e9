// What every command shares: reading a file or standard input, and the one error format.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
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

std::vector<std::string> expand_paths(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& path : paths) {
    std::error_code ec;
    if (path == "-" || !std::filesystem::is_directory(path, ec)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, ec))
      if (entry.is_regular_file(ec) && entry.path().extension() == ".json") found.push_back(entry.path().string());
    std::sort(found.begin(), found.end());
    if (found.empty()) out.push_back(path);  // read_file says it is a folder
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

bool check_input(const std::string& path) {
  std::string error;
  if (path == "-") {
    if (isatty(STDIN_FILENO)) {
      error = io_error("-", "nothing piped to standard input");
    } else if (const int c = std::getc(stdin); c == EOF) {
      error = io_error("-", "standard input is empty (nothing piped?)");
    } else {
      std::ungetc(c, stdin);  // the library reads stdin through the same FILE
      return true;
    }
  } else if (std::error_code ec; std::filesystem::is_directory(path, ec)) {
    error = io_error(path, "a folder, not a file");
  } else if (std::ifstream in(path, std::ios::binary); !in) {
    error = io_error(path, std::string("cannot open: ") + std::strerror(errno));
  } else {
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (check_text(path, head, error, false)) return true;
  }
  std::cerr << error << '\n';
  return false;
}

bool write_output(const std::string& path, std::string_view data) {
  if (path == "-") {
    std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
    std::cout.flush();
    if (std::cout) return true;
  } else {
    std::ofstream out(path, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.close();
    if (out) return true;
  }
  std::cerr << io_error(path, std::string("cannot write: ") + std::strerror(errno)) << '\n';
  return false;
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

std::optional<Outcome> parse_options(CLI::App& app, Args args) {
  app.set_help_flag();  // the command table prints each command's help
  app.allow_extras();
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 takes them last first
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what());
  }
  if (!app.remaining().empty()) return usage_error("unexpected argument '" + app.remaining().front() + "'");
  return std::nullopt;
}

}  // namespace crm::cli
