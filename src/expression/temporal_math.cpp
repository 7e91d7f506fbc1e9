// + and - on dates, times, dates and times and durations (see temporal_math.hpp).
#include "src/expression/temporal_math.hpp"

namespace crm::internal::expression {
namespace {

constexpr std::int64_t day_seconds = 86'400;
constexpr std::int64_t nanos_per_second = Time::nanos_per_second;

bool is_duration(ValueKind k) { return k == ValueKind::days_duration || k == ValueKind::months_duration; }

/// seconds + nanos of a days duration as one sum with overflow checks.
bool add_days(DaysDuration x, DaysDuration y, DaysDuration& out) {
  std::int64_t s;
  if (__builtin_add_overflow(x.seconds(), y.seconds(), &s)) return false;
  const std::int64_t n = static_cast<std::int64_t>(x.nanos()) + y.nanos();
  if (n >= nanos_per_second && s == INT64_MAX) return false;
  out = DaysDuration::from_parts(s, n);
  return true;
}

bool date_in_range(std::int64_t days) {
  return days >= Date::days_from_civil(1, 1, 1) && days <= Date::days_from_civil(9999, 12, 31);
}

/// The date `months` after d, the day clamped to the month's length (Jan 31 + P1M = Feb 28/29).
bool add_months(Date d, std::int64_t months, Date& out) {
  const std::int64_t index = static_cast<std::int64_t>(d.year()) * 12 + (d.month() - 1) + months;
  if (index < 12 || index > 9999 * 12 + 11) return false;
  const int year = static_cast<int>(index / 12), month = static_cast<int>(index % 12) + 1;
  out = Date::from_days(Date::days_from_civil(year, month, std::min(d.day(), Date::days_in_month(year, month))));
  return true;
}

/// A date-time moved by a days duration on its own (local) clock; its offset kept.
bool shift(DateTime t, DaysDuration d, DateTime& out) {
  const std::int64_t local_seconds = static_cast<std::int64_t>(t.date().days()) * day_seconds +
                                     t.time().nanos() / nanos_per_second;
  DaysDuration sum;
  if (!add_days(DaysDuration::from_parts(local_seconds, t.time().nanosecond()), d, sum)) return false;
  std::int64_t days = sum.seconds() / day_seconds, rest = sum.seconds() % day_seconds;
  if (rest < 0) rest += day_seconds, --days;
  if (!date_in_range(days)) return false;
  auto time = Time::from_parts(static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60),
                               sum.nanos(), t.has_offset() ? std::optional<int>(t.time().offset_minutes()) : std::nullopt);
  if (!time) return false;
  out = DateTime(Date::from_days(static_cast<std::int32_t>(days)), *time);
  return true;
}

DaysDuration difference(std::int64_t seconds_a, std::int32_t nanos_a, std::int64_t seconds_b, std::int32_t nanos_b) {
  return DaysDuration::from_parts(seconds_a - seconds_b, static_cast<std::int64_t>(nanos_a) - nanos_b);
}

}  // namespace

std::optional<ValueKind> temporal_result(bool subtract, ValueKind a, ValueKind b) noexcept {
  using K = ValueKind;
  if (subtract && a == b && (a == K::date || a == K::date_time || a == K::time)) return K::days_duration;
  if (a == b && is_duration(a)) return a;
  if (!subtract && is_duration(a) && !is_duration(b)) std::swap(a, b);  // duration + date
  if (b == K::days_duration && (a == K::date || a == K::date_time || a == K::time)) return a;
  if (b == K::months_duration && (a == K::date || a == K::date_time)) return a;
  return std::nullopt;
}

bool temporal_arithmetic(bool subtract, const ValueView& a_in, const ValueView& b_in, ValueView& out, ErrorCode& code,
                         std::string& error) {
  using K = ValueKind;
  code = ErrorCode::out_of_range;
  const auto kind = temporal_result(subtract, a_in.kind(), b_in.kind());
  if (!kind) {
    code = ErrorCode::type_mismatch;
    error = std::string("'") + (subtract ? "-" : "+") + "' cannot combine " + std::string(to_string(a_in.kind())) +
            " and " + std::string(to_string(b_in.kind()));
    return false;
  }
  const bool swapped = !subtract && is_duration(a_in.kind()) && !is_duration(b_in.kind());
  const ValueView& a = swapped ? b_in : a_in;
  const ValueView& b = swapped ? a_in : b_in;
  const char* too_far = "the result is out of range (years 1..9999, durations within ±2^63 seconds)";
  auto offsets = [&](const char* what) {
    code = ErrorCode::type_mismatch;
    error = std::string("a ") + what + " with a UTC offset and one without have no difference (give both an offset, or neither)";
    return false;
  };
  if (subtract && a.kind() == b.kind()) {
    switch (a.kind()) {
      case K::date:
        out = ValueView(DaysDuration::from_parts(
            (static_cast<std::int64_t>(a.as_date().days()) - b.as_date().days()) * day_seconds, 0));
        return true;
      case K::date_time: {
        const DateTime x = a.as_date_time(), y = b.as_date_time();
        if (x.has_offset() != y.has_offset()) return offsets("date and time");
        out = ValueView(difference(x.instant_seconds(), x.time().nanosecond(), y.instant_seconds(), y.time().nanosecond()));
        return true;
      }
      case K::time: {
        const Time x = a.as_time(), y = b.as_time();
        if (x.has_offset() != y.has_offset()) return offsets("time");
        out = ValueView(DaysDuration::from_parts(0, x.utc_nanos() - y.utc_nanos()));
        return true;
      }
      default: break;
    }
  }
  if (a.kind() == K::days_duration && b.kind() == K::days_duration) {
    DaysDuration r;
    if (!add_days(a.as_days_duration(), subtract ? b.as_days_duration().negated() : b.as_days_duration(), r)) {
      error = too_far;
      return false;
    }
    out = ValueView(r);
    return true;
  }
  if (a.kind() == K::months_duration && b.kind() == K::months_duration) {
    std::int64_t m;
    const std::int64_t y = b.as_months_duration().months();
    if (subtract ? __builtin_sub_overflow(a.as_months_duration().months(), y, &m)
                 : __builtin_add_overflow(a.as_months_duration().months(), y, &m)) {
      error = too_far;
      return false;
    }
    out = ValueView(MonthsDuration::from_months(m));
    return true;
  }
  if (b.kind() == K::months_duration) {
    const std::int64_t months = subtract ? -b.as_months_duration().months() : b.as_months_duration().months();
    const Date day = a.kind() == K::date ? a.as_date() : a.as_date_time().date();
    Date moved;
    if (!add_months(day, months, moved)) {
      error = too_far;
      return false;
    }
    out = a.kind() == K::date ? ValueView(moved) : ValueView(DateTime(moved, a.as_date_time().time()));
    return true;
  }
  // b is a days and time duration
  const DaysDuration d = subtract ? b.as_days_duration().negated() : b.as_days_duration();
  if (a.kind() == K::time) {
    const Time t = a.as_time();
    std::int64_t n = (t.nanos() + (d.seconds() % day_seconds) * nanos_per_second + d.nanos()) % Time::nanos_per_day;
    if (n < 0) n += Time::nanos_per_day;
    auto moved = Time::from_parts(static_cast<int>(n / (3600 * nanos_per_second)),
                                  static_cast<int>(n / (60 * nanos_per_second) % 60),
                                  static_cast<int>(n / nanos_per_second % 60), static_cast<std::int32_t>(n % nanos_per_second),
                                  t.has_offset() ? std::optional<int>(t.offset_minutes()) : std::nullopt);
    out = ValueView(*moved);
    return true;
  }
  const DateTime start = a.kind() == K::date ? DateTime(a.as_date(), Time()) : a.as_date_time();
  DateTime moved;
  if (!shift(start, d, moved)) {
    error = too_far;
    return false;
  }
  out = a.kind() == K::date ? ValueView(moved.date()) : ValueView(moved);  // a date keeps its day (FEEL)
  return true;
}

}  // namespace crm::internal::expression
