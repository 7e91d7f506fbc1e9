// Private: ISO 8601 timestamps and durations, exact to the millisecond.
//
//   auto t = parse_timestamp("2026-03-02T10:00:00+08:00", 0);   // ms since 1970-01-01T00:00Z
//   auto u = parse_timestamp("2026-03-02 10:16", 8 * 60);        // no offset: the one given
//   *u - *t == 16 * 60'000;
//   auto limit = parse_duration("PT15M");                         // 900000 ms
//   format_duration(60'000) == "PT1M";  month_of(*t, 8 * 60) == "2026-03";
//
// Timestamps: YYYY-MM-DD, then T or a space, hh:mm, optional :ss and a fraction (up to
// milliseconds; more digits must be zeros), then an optional offset: Z, ±hh:mm, ±hhmm or
// ±hh. Years 1..9999; the day must exist (2023-02-29 is refused); hours 0..23 (24:00 is
// refused), leap seconds (:60) are refused. A date alone is refused: a commitment measured
// in minutes needs the time of day.
// Durations: PnDTnHnMnS with whole numbers (seconds may have up to three fractional
// digits), e.g. PT15M, PT1H30M, P1D, PT0.5S; at least one part; weeks and months (whose
// length varies) are refused.
// Offsets: Z, ±hh:mm, ±hhmm, ±hh, within ±18:00.
// Errors are parse or out_of_range, with Location::offset at the character at fault.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"

namespace crm::internal {

/// Milliseconds since 1970-01-01T00:00:00Z; a text without an offset is read at
/// `default_offset_minutes` east of UTC.
[[nodiscard]] expected<std::int64_t> parse_timestamp(std::string_view text, int default_offset_minutes);
/// Minutes east of UTC.
[[nodiscard]] expected<int> parse_utc_offset(std::string_view text);
/// A duration in milliseconds (positive or zero).
[[nodiscard]] expected<std::int64_t> parse_duration(std::string_view text);
/// PT1H2M3S, PT0.5S, P2DT1H; PT0S for zero; a negative duration starts with '-'.
[[nodiscard]] std::string format_duration(std::int64_t ms);
/// The calendar month, YYYY-MM, of a moment seen at `offset_minutes` east of UTC.
[[nodiscard]] std::string month_of(std::int64_t ms, int offset_minutes);
/// The moment as YYYY-MM-DDThh:mm:ss[.fff]±hh:mm at `offset_minutes`.
[[nodiscard]] std::string format_timestamp(std::int64_t ms, int offset_minutes);
/// "+08:00", "-05:30", "Z" for zero.
[[nodiscard]] std::string format_utc_offset(int minutes);

}  // namespace crm::internal
