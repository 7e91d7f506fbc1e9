// String functions of the expression language: len, upper, lower on UTF-8 text.
#include "crmrules/internal/expression/text.hpp"

namespace crm::internal::expression {
namespace {

/// Decodes the code point at text[i] and its length; a byte that does not start a
/// valid sequence decodes as itself with length 1 and `valid` false.
std::uint32_t decode(std::string_view text, std::size_t i, std::size_t& length, bool& valid) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char c = b(0);
  valid = true;
  length = 1;
  if (c < 0x80) return c;
  std::size_t n;
  std::uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1Fu;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0Fu;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07u;
  else return valid = false, c;
  if (i + n > text.size()) return valid = false, c;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return valid = false, c;
    cp = (cp << 6) | (b(k) & 0x3Fu);
  }
  const std::uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return valid = false, c;
  length = n;
  return cp;
}

void encode(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

template <class Map>
void append_mapped(std::string_view text, std::string& out, Map map, char ascii_from, char ascii_to) {
  out.reserve(out.size() + text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {  // ASCII fast path
      out += (c >= ascii_from && c <= ascii_to) ? static_cast<char>(c ^ 0x20) : c;
      ++i;
      continue;
    }
    std::size_t length;
    bool valid;
    const std::uint32_t cp = decode(text, i, length, valid);
    if (!valid) {
      out += c;
      ++i;
      continue;
    }
    std::uint32_t mapped[3];
    const int n = map(cp, mapped);
    for (int k = 0; k < n; ++k) encode(mapped[k], out);
    i += length;
  }
}

}  // namespace

std::size_t utf8_length(std::string_view text) noexcept {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void append_upper(std::string_view text, std::string& out) { append_mapped(text, out, upper_case_of, 'a', 'z'); }
void append_lower(std::string_view text, std::string& out) { append_mapped(text, out, lower_case_of, 'A', 'Z'); }

}  // namespace crm::internal::expression
