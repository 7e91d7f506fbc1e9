// Private: reading and writing the digits of ISO 8601 times and durations (time.cpp,
// date_time.cpp, days_duration.cpp, months_duration.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"

namespace crm::internal::iso {

/// A parse error at `at` (an offset in the whole text) naming what was read.
[[nodiscard]] inline unexpected bad(std::size_t at, std::string_view what, std::string_view kind,
                                    std::string_view text, std::string_view form) {
  return fail(ErrorCode::parse,
              std::string(what) + " in " + std::string(kind) + " \"" + std::string(text) + "\" (written " +
                  std::string(form) + ")",
              Location::at_offset(static_cast<std::int64_t>(at)));
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Exactly `n` digits at `at`; nothing when one is not a digit or the text ends.
inline std::optional<int> fixed_digits(std::string_view text, std::size_t at, std::size_t n) {
  int v = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (at + k >= text.size() || !is_digit(text[at + k])) return std::nullopt;
    v = v * 10 + (text[at + k] - '0');
  }
  return v;
}

/// The first position at or after `at` that is not a digit.
inline std::size_t digits_end(std::string_view text, std::size_t at) {
  while (at < text.size() && is_digit(text[at])) ++at;
  return at;
}

/// Appends `v` with at least `width` digits.
inline std::size_t put_number(char* buf, std::uint64_t v, int width = 1) {
  char digits[24];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0 || count < width);
  std::size_t n = 0;
  while (count > 0) buf[n++] = digits[--count];
  return n;
}

/// Appends ".fff" for 1..999999999 nanoseconds, without trailing zeros; nothing for 0.
inline std::size_t put_fraction(char* buf, std::uint32_t nanos) {
  if (nanos == 0) return 0;
  int width = 9;
  while (nanos % 10 == 0) {
    nanos /= 10;
    --width;
  }
  buf[0] = '.';
  return 1 + put_number(buf + 1, nanos, width);
}

}  // namespace crm::internal::iso
