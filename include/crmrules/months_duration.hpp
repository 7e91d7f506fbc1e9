// crm::MonthsDuration: a span of years and months (FEEL's years and months duration, XML
// Schema's yearMonthDuration), as a whole number of months.
//
//   crm::expected<crm::MonthsDuration> d = crm::MonthsDuration::parse("P1Y2M");
//   assert(d->months() == 14);
//   std::string text = crm::MonthsDuration::from_months(-13).to_string();   // "-P1Y1M"
//
// Text is "[-]P[nY][nM]" with at least one part; days or times ("P1D", "PT1H") are a
// DaysDuration and an error here that says so. Printed canonically: months below 12,
// "P0M" for zero.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"

namespace crm {

class MonthsDuration {
 public:
  /// Longest text to_chars() writes.
  static constexpr std::size_t max_chars = 32;

  constexpr MonthsDuration() noexcept = default;
  static constexpr MonthsDuration from_months(std::int64_t months) noexcept { return MonthsDuration(months); }

  /// See the header comment; ErrorCode::parse with the offset of the first bad
  /// character, ErrorCode::out_of_range past ±2^63 months.
  [[nodiscard]] static expected<MonthsDuration> parse(std::string_view text);

  [[nodiscard]] constexpr std::int64_t months() const noexcept { return months_; }

  std::size_t to_chars(char* buf) const noexcept;
  [[nodiscard]] std::string to_string() const;

  friend constexpr bool operator==(MonthsDuration, MonthsDuration) noexcept = default;
  friend constexpr std::strong_ordering operator<=>(MonthsDuration, MonthsDuration) noexcept = default;

 private:
  constexpr explicit MonthsDuration(std::int64_t m) noexcept : months_(m) {}
  std::int64_t months_ = 0;
};

}  // namespace crm
