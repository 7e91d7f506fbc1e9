// String functions of the expression language: len, upper, lower on UTF-8 text.
#include "src/expression/text.hpp"

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

/// A letter with case: one that upper() or lower() changes (close to Unicode's Cased).
bool is_cased(std::uint32_t cp) {
  std::uint32_t m[3];
  return upper_case_of(cp, m) != 1 || m[0] != cp || lower_case_of(cp, m) != 1 || m[0] != cp;
}

/// Combining marks and apostrophes, which the final-sigma rule looks through.
bool is_case_ignorable(std::uint32_t cp) {
  return cp == '\'' || cp == 0x2019 || (cp >= 0x300 && cp <= 0x36F);
}

constexpr std::uint32_t capital_sigma = 0x3A3, final_sigma = 0x3C2;

template <class Map>
void append_mapped(std::string_view text, std::string& out, Map map, char ascii_from, char ascii_to, bool lower) {
  out.reserve(out.size() + text.size());
  bool after_cased = false;  // for Σ: the last letter before it had case
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {  // ASCII fast path
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (letter || c != '\'') after_cased = letter;
      out += (c >= ascii_from && c <= ascii_to) ? static_cast<char>(c ^ 0x20) : c;
      ++i;
      continue;
    }
    std::size_t length;
    bool valid;
    const std::uint32_t cp = decode(text, i, length, valid);
    if (!valid) {
      out += c;
      after_cased = false;
      ++i;
      continue;
    }
    if (lower && cp == capital_sigma && after_cased) {
      // Σ ends a word (lower-cases to ς) unless a cased letter follows.
      bool cased_next = false;
      for (std::size_t j = i + length; j < text.size();) {
        std::size_t n;
        bool ok;
        const std::uint32_t next = decode(text, j, n, ok);
        if (ok && is_case_ignorable(next)) {
          j += n;
          continue;
        }
        cased_next = ok && is_cased(next);
        break;
      }
      encode(cased_next ? 0x3C3 : final_sigma, out);
      i += length;
      continue;
    }
    if (!is_case_ignorable(cp)) after_cased = is_cased(cp);
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

void append_upper(std::string_view text, std::string& out) {
  append_mapped(text, out, upper_case_of, 'a', 'z', false);
}
void append_lower(std::string_view text, std::string& out) {
  append_mapped(text, out, lower_case_of, 'A', 'Z', true);
}

}  // namespace crm::internal::expression
