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

/// Case mapping of one code point: the code points of its upper or lower case form
/// (1 to 3) written to `out`; returns how many.
int upper_case_of(std::uint32_t cp, std::uint32_t out[3]) noexcept;
int lower_case_of(std::uint32_t cp, std::uint32_t out[3]) noexcept;

}  // namespace crm::internal::expression
