// crm::Time: a time of day, exact to the nanosecond, with or without a UTC offset.
//
//   crm::expected<crm::Time> t = crm::Time::parse("10:30:00");
//   auto z = crm::Time::parse("09:30:00.25+01:00");      // an offset: Z or +hh:mm / -hh:mm
//   assert(t->hour() == 10 && !t->has_offset() && z->offset_minutes() == 60);
//   std::string text = z->to_string();                   // "09:30:00.25+01:00"
//   std::optional<int> c = crm::compare(*crm::Time::parse("10:00:00Z"), *crm::Time::parse("11:00:00+01:00"));  // 0
//
// Text is "hh:mm:ss", an optional fraction of 1..9 digits, an optional offset ("Z",
// "+hh:mm", "-hh:mm", within ±14:00); hours 00..23, no leap second (XML Schema's time and
// FEEL's time without a zone name). Two times with offsets compare as instants on the UTC
// clock (wrapped to one day); two without compare as written; a time with an offset and
// one without are not comparable (compare gives nothing, == false), as FEEL says.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"

namespace crm {

class Time {
 public:
  static constexpr std::int64_t nanos_per_second = 1'000'000'000;
  static constexpr std::int64_t nanos_per_day = 86'400 * nanos_per_second;
  /// Longest text to_chars() writes: "hh:mm:ss.nnnnnnnnn+hh:mm".
  static constexpr std::size_t max_chars = 24;

  /// Midnight, no offset.
  constexpr Time() noexcept = default;

  /// hour 0..23, minute 0..59, second 0..59, nanosecond 0..999999999, offset within
  /// ±14:00 (in minutes east of UTC); else ErrorCode::out_of_range.
  [[nodiscard]] static expected<Time> from_parts(int hour, int minute, int second, std::int32_t nanosecond,
                                                 std::optional<int> offset_minutes = std::nullopt);
  /// "hh:mm:ss[.f][Z|±hh:mm]"; malformed text is ErrorCode::parse with the offset of the
  /// first bad character, an hour 24 or a minute 60 ErrorCode::out_of_range.
  [[nodiscard]] static expected<Time> parse(std::string_view text);

  /// Nanoseconds since midnight as written (before the offset).
  [[nodiscard]] constexpr std::int64_t nanos() const noexcept { return nanos_; }
  [[nodiscard]] constexpr int hour() const noexcept { return static_cast<int>(nanos_ / (3600 * nanos_per_second)); }
  [[nodiscard]] constexpr int minute() const noexcept {
    return static_cast<int>(nanos_ / (60 * nanos_per_second) % 60);
  }
  [[nodiscard]] constexpr int second() const noexcept { return static_cast<int>(nanos_ / nanos_per_second % 60); }
  [[nodiscard]] constexpr std::int32_t nanosecond() const noexcept {
    return static_cast<std::int32_t>(nanos_ % nanos_per_second);
  }
  [[nodiscard]] constexpr bool has_offset() const noexcept { return has_offset_; }
  /// Minutes east of UTC (0 when there is no offset).
  [[nodiscard]] constexpr int offset_minutes() const noexcept { return offset_; }
  /// With an offset: nanoseconds since midnight UTC, wrapped to one day. Without: nanos().
  [[nodiscard]] constexpr std::int64_t utc_nanos() const noexcept {
    if (!has_offset_) return nanos_;
    const std::int64_t n = (nanos_ - static_cast<std::int64_t>(offset_) * 60 * nanos_per_second) % nanos_per_day;
    return n < 0 ? n + nanos_per_day : n;
  }

  /// Writes the text (see parse; the fraction without trailing zeros, "Z" for a zero
  /// offset) into buf (at least max_chars bytes, not NUL-terminated); returns its length.
  std::size_t to_chars(char* buf) const noexcept;
  [[nodiscard]] std::string to_string() const;

  /// Same offset presence and the same instant (10:00:00Z == 11:00:00+01:00).
  friend constexpr bool operator==(Time a, Time b) noexcept {
    return a.has_offset_ == b.has_offset_ && a.utc_nanos() == b.utc_nanos();
  }
 private:
  std::int64_t nanos_ = 0;
  std::int16_t offset_ = 0;
  bool has_offset_ = false;
};

/// -1, 0 or 1; nothing when one has an offset and the other not.
[[nodiscard]] constexpr std::optional<int> compare(Time a, Time b) noexcept {
  if (a.has_offset() != b.has_offset()) return std::nullopt;
  const std::int64_t x = a.utc_nanos(), y = b.utc_nanos();
  return x < y ? -1 : (x > y ? 1 : 0);
}

}  // namespace crm
