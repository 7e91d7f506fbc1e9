// Numbers carried through Boost.JSON as marked strings, so that no digit is lost.
#include "src/dmn/exact_numbers.hpp"

namespace crm::internal::dmn {
namespace {

constexpr std::string_view marker = "\\u0001#";       // as numbers_as_strings writes it (\x01, escaped)
constexpr std::string_view written = "\"\\u0001#";  // as Boost.JSON serializes it, with the quote

bool number_char(char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; }

}  // namespace

std::string numbers_as_strings(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 4);
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) out += json[++i];
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
      out += c;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const std::size_t start = i;
      while (i + 1 < json.size() && number_char(json[i + 1])) ++i;
      out += '"';
      out += marker;
      out += json.substr(start, i - start + 1);
      out += '"';
    } else {
      out += c;
    }
  }
  return out;
}

std::string numbers_back(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  std::size_t i = 0;
  while (true) {
    const std::size_t at = json.find(written, i);
    if (at == std::string_view::npos) break;
    std::size_t end = at + written.size();
    while (end < json.size() && number_char(json[end])) ++end;
    if (end >= json.size() || json[end] != '"' || end == at + written.size()) {  // not one of ours
      out += json.substr(i, at + 1 - i);
      i = at + 1;
      continue;
    }
    out += json.substr(i, at - i);
    out += json.substr(at + written.size(), end - at - written.size());
    i = end + 1;
  }
  out += json.substr(i);
  return out;
}

}  // namespace crm::internal::dmn
