// String functions of the expression language: len, upper, lower on UTF-8 text.
#include "src/expression/text.hpp"

#include "src/core/utf8.hpp"

namespace crm::internal::expression {
namespace {

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
    const std::uint32_t cp = decode_utf8(text, i, length, valid);
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
        const std::uint32_t next = decode_utf8(text, j, n, ok);
        if (ok && is_case_ignorable(next)) {
          j += n;
          continue;
        }
        cased_next = ok && is_cased(next);
        break;
      }
      append_utf8(out, cased_next ? 0x3C3 : final_sigma);
      i += length;
      continue;
    }
    if (!is_case_ignorable(cp)) after_cased = is_cased(cp);
    std::uint32_t mapped[3];
    const int n = map(cp, mapped);
    for (int k = 0; k < n; ++k) append_utf8(out, mapped[k]);
    i += length;
  }
}

}  // namespace

void append_upper(std::string_view text, std::string& out) {
  append_mapped(text, out, upper_case_of, 'a', 'z', false);
}
void append_lower(std::string_view text, std::string& out) {
  append_mapped(text, out, lower_case_of, 'A', 'Z', true);
}

}  // namespace crm::internal::expression
