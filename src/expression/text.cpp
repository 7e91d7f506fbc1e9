// String functions of the expression language: upper and lower on UTF-8 text, and
// the search behind contains.
#include "src/expression/text.hpp"

#include <algorithm>
#include <cstring>

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

/// The two-way algorithm's split of the part: the maximal suffix of `part` under the
/// byte order (or its reverse), as its start minus one (npos for -1), and its period.
struct Suffix {
  std::size_t start_minus_one;
  std::size_t period;
};

Suffix maximal_suffix(const unsigned char* part, std::size_t size, bool reverse) noexcept {
  std::size_t ip = std::string_view::npos, jp = 0, k = 1, p = 1;  // ip is -1: it wraps on + k
  while (jp + k < size) {
    const unsigned char a = part[ip + k], b = part[jp + k];
    if (a == b) {
      if (k == p) {
        jp += p;
        k = 1;
      } else {
        ++k;
      }
    } else if (reverse ? a < b : a > b) {
      jp += k;
      k = 1;
      p = jp - ip;
    } else {
      ip = jp++;
      k = p = 1;
    }
  }
  return {ip, p};
}

}  // namespace

/// Crochemore and Perrin's two-way search (J. ACM 38(3), 1991), as musl's memmem writes
/// it: linear in text and part, with a table of last occurrences to skip ahead.
std::size_t find_long_part(std::string_view text_view, std::string_view part_view) noexcept {
  const auto* part = reinterpret_cast<const unsigned char*>(part_view.data());
  const std::size_t l = part_view.size();
  const auto* const begin = reinterpret_cast<const unsigned char*>(text_view.data());
  const auto* const end = begin + text_view.size();
  // shift[c]: 1 + the last index of byte c in the part (0: not in it).
  std::size_t shift[256] = {};
  for (std::size_t i = 0; i < l; ++i) shift[part[i]] = i + 1;
  // The critical factorisation: the later of the two maximal suffixes, and its period.
  const Suffix forward = maximal_suffix(part, l, false), backward = maximal_suffix(part, l, true);
  const bool later = backward.start_minus_one + 1 > forward.start_minus_one + 1;
  const std::size_t ms = later ? backward.start_minus_one : forward.start_minus_one;
  std::size_t p = later ? backward.period : forward.period;
  // A periodic part remembers how much of it the last shift kept matched (mem).
  std::size_t mem0 = l - p;
  if (std::memcmp(part, part + p, ms + 1) != 0) {
    mem0 = 0;
    p = std::max(ms, l - ms - 1) + 1;
  }
  std::size_t mem = 0;
  for (const unsigned char* h = begin; static_cast<std::size_t>(end - h) >= l;) {
    // The window's last byte first: where it is not the part's last, skip ahead.
    if (const std::size_t last = shift[h[l - 1]]; last != l) {
      h += last == 0 ? l : std::max(l - last, mem);
      mem = 0;
      continue;
    }
    std::size_t k = std::max(ms + 1, mem);  // the right half, left to right
    while (k < l && part[k] == h[k]) ++k;
    if (k < l) {
      h += k - ms;
      mem = 0;
      continue;
    }
    for (k = ms + 1; k > mem && part[k - 1] == h[k - 1];) --k;  // the left half, right to left
    if (k <= mem) return static_cast<std::size_t>(h - begin);
    h += p;
    mem = mem0;
  }
  return std::string_view::npos;
}

void append_upper(std::string_view text, std::string& out) {
  append_mapped(text, out, upper_case_of, 'a', 'z', false);
}
void append_lower(std::string_view text, std::string& out) {
  append_mapped(text, out, lower_case_of, 'A', 'Z', true);
}

}  // namespace crm::internal::expression
