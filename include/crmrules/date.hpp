// crm::Date: a calendar day, as days since 1970-01-01 (proleptic Gregorian calendar).
//
//   crm::expected<crm::Date> d = crm::Date::parse("2024-02-29");
//   if (!d) std::cerr << d.error().to_string() << '\n';
//   int days = d->days();                    // 19782
//   assert(d->year() == 2024 && d->month() == 2 && d->day() == 29);
//   std::string text = d->to_string();       // "2024-02-29"
//   assert(*crm::Date::parse("2024-01-15") < *d);
//
// Text is exactly "YYYY-MM-DD" (ISO 8601 calendar date, years 0001..9999): no time, no
// time zone, no other layout, so a date never depends on where or when it is read. A
// Date has no time of day and no time zone; comparing two dates compares days.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"

namespace crm {

class Date {
 public:
  /// Longest text to_chars() writes: "YYYY-MM-DD", or a signed 7-digit year for the
  /// far-off days that from_days() can reach.
  static constexpr std::size_t max_chars = 16;

  /// 1970-01-01.
  constexpr Date() noexcept = default;

  /// The day `days` after 1970-01-01 (negative: before it).
  static constexpr Date from_days(std::int32_t days) noexcept { return Date(days); }

  /// A valid calendar day of years 1..9999, else ErrorCode::out_of_range.
  [[nodiscard]] static expected<Date> from_ymd(int year, int month, int day);

  /// "YYYY-MM-DD"; anything else is ErrorCode::parse (with the offset of the first bad
  /// character), an impossible day such as "2023-02-29" ErrorCode::out_of_range.
  [[nodiscard]] static expected<Date> parse(std::string_view text);

  [[nodiscard]] constexpr std::int32_t days() const noexcept { return days_; }
  [[nodiscard]] constexpr int year() const noexcept { return civil().year; }
  [[nodiscard]] constexpr int month() const noexcept { return civil().month; }
  [[nodiscard]] constexpr int day() const noexcept { return civil().day; }

  /// Writes "YYYY-MM-DD" into buf (at least max_chars bytes, not NUL-terminated) and
  /// returns its length. Years outside 1..9999 print with as many digits as they need.
  std::size_t to_chars(char* buf) const noexcept;
  [[nodiscard]] std::string to_string() const;

  friend constexpr bool operator==(Date, Date) noexcept = default;
  friend constexpr std::strong_ordering operator<=>(Date, Date) noexcept = default;

  /// Days from 1970-01-01 to the civil date (any year; month 1..12, day 1..31).
  static constexpr std::int32_t days_from_civil(int year, int month, int day) noexcept {
    // H. Hinnant's algorithm: eras of 400 years, March-based years.
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;                                        // [0, 399]
    const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;  // [0, 365]
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                // [0, 146096]
    return era * 146097 + doe - 719468;
  }

  static constexpr bool is_leap_year(int year) noexcept {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  }
  static constexpr int days_in_month(int year, int month) noexcept {
    constexpr int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : lengths[month - 1];
  }

 private:
  struct Civil {
    int year, month, day;
  };
  constexpr explicit Date(std::int32_t days) noexcept : days_(days) {}
  [[nodiscard]] constexpr Civil civil() const noexcept {
    const long long z = static_cast<long long>(days_) + 719468;
    const int era = static_cast<int>((z >= 0 ? z : z - 146096) / 146097);
    const int doe = static_cast<int>(z - static_cast<long long>(era) * 146097);  // [0, 146096]
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               // [0, 365]
    const int mp = (5 * doy + 2) / 153;                                    // [0, 11]
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    return Civil{yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
  }

  std::int32_t days_ = 0;
};

[[nodiscard]] inline expected<Date> Date::from_ymd(int year, int month, int day) {
  if (year < 1 || year > 9999)
    return fail(ErrorCode::out_of_range, "year " + std::to_string(year) + " is outside 1..9999");
  if (month < 1 || month > 12)
    return fail(ErrorCode::out_of_range, "month " + std::to_string(month) + " is outside 1..12");
  if (day < 1 || day > days_in_month(year, month))
    return fail(ErrorCode::out_of_range, std::to_string(year) + "-" + (month < 10 ? "0" : "") + std::to_string(month) +
                                             " has no day " + std::to_string(day));
  return Date(days_from_civil(year, month, day));
}

[[nodiscard]] inline expected<Date> Date::parse(std::string_view text) {
  // Positions of the digits in "YYYY-MM-DD".
  auto bad = [&](std::size_t at, const char* what) {
    return fail(ErrorCode::parse,
                std::string(what) + " in date \"" + std::string(text) + "\" (dates are written YYYY-MM-DD)",
                Location::at_offset(static_cast<std::int64_t>(at)));
  };
  int fields[3] = {0, 0, 0};
  constexpr std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f) {
    for (std::size_t k = 0; k < lengths[f]; ++k) {
      const std::size_t at = starts[f] + k;
      if (at >= text.size()) return bad(text.size(), "too short");
      if (text[at] < '0' || text[at] > '9') return bad(at, "expected a digit");
      fields[f] = fields[f] * 10 + (text[at] - '0');
    }
    if (f < 2) {
      const std::size_t dash = starts[f] + lengths[f];
      if (dash >= text.size()) return bad(text.size(), "too short");
      if (text[dash] != '-') return bad(dash, "expected '-'");
    }
  }
  if (text.size() > 10) return bad(10, "unexpected text after the day");
  return from_ymd(fields[0], fields[1], fields[2]);
}

inline std::size_t Date::to_chars(char* buf) const noexcept {
  const Civil c = civil();
  std::size_t n = 0;
  int y = c.year;
  if (y < 0) {
    buf[n++] = '-';
    y = -y;
  }
  char digits[12];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + y % 10);
    y /= 10;
  } while (y != 0 || count < 4);
  while (count > 0) buf[n++] = digits[--count];
  buf[n++] = '-';
  buf[n++] = static_cast<char>('0' + c.month / 10);
  buf[n++] = static_cast<char>('0' + c.month % 10);
  buf[n++] = '-';
  buf[n++] = static_cast<char>('0' + c.day / 10);
  buf[n++] = static_cast<char>('0' + c.day % 10);
  return n;
}

inline std::string Date::to_string() const {
  char buf[max_chars];
  return std::string(buf, to_chars(buf));
}

}  // namespace crm
