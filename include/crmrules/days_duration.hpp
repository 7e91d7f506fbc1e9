// crm::DaysDuration: an exact span of days, hours, minutes and seconds (FEEL's days and
// time duration, XML Schema's dayTimeDuration), to the nanosecond.
//
//   crm::expected<crm::DaysDuration> d = crm::DaysDuration::parse("P1DT2H30M");
//   assert(d->seconds() == 95'400 && d->nanos() == 0);
//   std::string text = crm::DaysDuration::parse("PT25H")->to_string();   // "P1DT1H"
//   assert(*crm::DaysDuration::parse("-PT5S") < *crm::DaysDuration::parse("PT0S"));
//
// Text is "[-]P[nD][T[nH][nM][n[.f]S]]" with at least one part, whole numbers and a
// fraction of 1..9 digits on the seconds; years or months ("P1Y", "P2M") are a
// MonthsDuration and an error here that says so. Printed canonically: hours below 24,
// minutes and seconds below 60, "PT0S" for zero. Range: ±2^63 seconds.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"

namespace crm {

class DaysDuration {
 public:
  static constexpr std::int32_t nanos_per_second = 1'000'000'000;
  /// Longest text to_chars() writes.
  static constexpr std::size_t max_chars = 48;

  constexpr DaysDuration() noexcept = default;
  /// seconds + nanos / 10^9 (nanos 0..999999999 after normalising any value given).
  static constexpr DaysDuration from_parts(std::int64_t seconds, std::int64_t nanos) noexcept {
    seconds += nanos / nanos_per_second;
    nanos %= nanos_per_second;
    if (nanos < 0) {
      nanos += nanos_per_second;
      --seconds;
    }
    return DaysDuration(seconds, static_cast<std::int32_t>(nanos));
  }

  /// See the header comment; ErrorCode::parse with the offset of the first bad
  /// character, ErrorCode::out_of_range past the range.
  [[nodiscard]] static expected<DaysDuration> parse(std::string_view text);

  /// Whole seconds, rounded down (-0.5 s is seconds -1, nanos 500000000).
  [[nodiscard]] constexpr std::int64_t seconds() const noexcept { return seconds_; }
  [[nodiscard]] constexpr std::int32_t nanos() const noexcept { return nanos_; }
  [[nodiscard]] constexpr bool is_negative() const noexcept { return seconds_ < 0; }
  [[nodiscard]] constexpr DaysDuration negated() const noexcept { return from_parts(-seconds_, -nanos_); }

  std::size_t to_chars(char* buf) const noexcept;
  [[nodiscard]] std::string to_string() const;

  friend constexpr bool operator==(DaysDuration, DaysDuration) noexcept = default;
  friend constexpr std::strong_ordering operator<=>(DaysDuration, DaysDuration) noexcept = default;

 private:
  constexpr DaysDuration(std::int64_t s, std::int32_t n) noexcept : seconds_(s), nanos_(n) {}
  std::int64_t seconds_ = 0;
  std::int32_t nanos_ = 0;
};

}  // namespace crm
