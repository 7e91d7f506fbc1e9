// crm::DateTime: a calendar day and a time of day, with or without a UTC offset.
//
//   crm::expected<crm::DateTime> t = crm::DateTime::parse("2018-07-30T16:12:00Z");
//   assert(t->date() == *crm::Date::parse("2018-07-30") && t->time().hour() == 16);
//   auto u = crm::DateTime::parse("2018-07-30T18:12:00+02:00");
//   assert(*t == *u);                                   // the same instant
//   std::string text = u->to_string();                  // "2018-07-30T18:12:00+02:00"
//
// Text is a date ("YYYY-MM-DD", see date.hpp), "T", and a time ("hh:mm:ss[.f][offset]",
// see time.hpp). Two date-times with offsets compare as instants; two without compare as
// written (a local date and time); one with and one without are not comparable (compare
// gives nothing, == false), as FEEL says. Zone names ("@Europe/Paris") are refused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crmrules/date.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/time.hpp"

namespace crm {

class DateTime {
 public:
  /// Longest text to_chars() writes.
  static constexpr std::size_t max_chars = Date::max_chars + 1 + Time::max_chars;

  /// 1970-01-01T00:00:00, no offset.
  constexpr DateTime() noexcept = default;
  /// The day and the time (its offset is the date-time's).
  constexpr DateTime(Date date, Time time) noexcept : date_(date), time_(time) {}

  /// "YYYY-MM-DDThh:mm:ss[.f][Z|±hh:mm]"; errors as Date::parse and Time::parse, the
  /// offset counted from the start of the whole text.
  [[nodiscard]] static expected<DateTime> parse(std::string_view text);

  [[nodiscard]] constexpr Date date() const noexcept { return date_; }
  [[nodiscard]] constexpr Time time() const noexcept { return time_; }
  [[nodiscard]] constexpr bool has_offset() const noexcept { return time_.has_offset(); }
  /// Whole seconds since 1970-01-01T00:00:00, at UTC when there is an offset (else as
  /// written); time().nanosecond() is the fraction.
  [[nodiscard]] constexpr std::int64_t instant_seconds() const noexcept {
    std::int64_t s = static_cast<std::int64_t>(date_.days()) * 86'400 + time_.nanos() / Time::nanos_per_second;
    if (has_offset()) s -= static_cast<std::int64_t>(time_.offset_minutes()) * 60;
    return s;
  }

  std::size_t to_chars(char* buf) const noexcept;
  [[nodiscard]] std::string to_string() const;

  /// Same offset presence and the same instant.
  friend constexpr bool operator==(DateTime a, DateTime b) noexcept {
    return a.has_offset() == b.has_offset() && a.instant_seconds() == b.instant_seconds() &&
           a.time_.nanosecond() == b.time_.nanosecond();
  }
 private:
  Date date_;
  Time time_;
};

/// -1, 0 or 1; nothing when one has an offset and the other not.
[[nodiscard]] constexpr std::optional<int> compare(DateTime a, DateTime b) noexcept {
  if (a.has_offset() != b.has_offset()) return std::nullopt;
  const std::int64_t x = a.instant_seconds(), y = b.instant_seconds();
  if (x != y) return x < y ? -1 : 1;
  const std::int32_t m = a.time().nanosecond(), n = b.time().nanosecond();
  return m < n ? -1 : (m > n ? 1 : 0);
}

}  // namespace crm
