// Private: the string functions of the expression language, on UTF-8 text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace crm::internal::expression {

/// Unicode full case mapping without language rules (as Unicode's default: ß upper-cases
/// to SS), appended to `out`. Σ at the end of a word lower-cases to ς (the final-sigma
/// rule, looking through apostrophes and combining marks). Bytes that are not valid
/// UTF-8 are copied unchanged.
void append_upper(std::string_view text, std::string& out);
void append_lower(std::string_view text, std::string& out);

/// Where `part` (not empty: find_text gives it the parts of 32 bytes or more) first
/// occurs in `text`, or npos: Crochemore and Perrin's two-way search, linear in both
/// sizes whatever the bytes, allocating nothing.
[[nodiscard]] std::size_t find_long_part(std::string_view text, std::string_view part) noexcept;

/// Where `part` first occurs in `text` (bytes), or npos; 0 for an empty part. Linear in
/// the sizes whatever the bytes: a short part (the usual case) through
/// std::string_view::find, whose worst case (a compare of the part at every byte) is
/// then a few dozen bytes a position and whose usual case (memchr to each first byte) is
/// the fastest there is; a long one by find_long_part. (find compares the part at every
/// place its first byte occurs: 2 MB of "a" and a 100 KB part "aa...ab" took 6.5 s.)
[[nodiscard]] inline std::size_t find_text(std::string_view text, std::string_view part) noexcept {
  constexpr std::size_t long_part = 32;
  return part.size() < long_part ? text.find(part) : find_long_part(text, part);
}

/// Case mapping of one code point: the code points of its upper or lower case form
/// (1 to 3) written to `out`; returns how many.
int upper_case_of(std::uint32_t cp, std::uint32_t out[3]) noexcept;
int lower_case_of(std::uint32_t cp, std::uint32_t out[3]) noexcept;

}  // namespace crm::internal::expression
