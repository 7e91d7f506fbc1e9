// ISO 8601 timestamps and durations (timestamp.hpp), on std::chrono's civil calendar.
#include "src/core/timestamp.hpp"

#include <chrono>
#include <cstdio>

#include "crmrules/error.hpp"

namespace crm::internal {
namespace {

constexpr std::int64_t ms_per_minute = 60'000;
constexpr std::int64_t ms_per_day = 86'400'000;

unexpected fail_at(ErrorCode code, std::string message, std::size_t offset) {
  Location where;
  where.offset = offset;
  return unexpected(Error{code, std::move(message), std::move(where)});
}

/// Reads `n` digits at `i` into `out`; false when they are not all there.
bool digits(std::string_view t, std::size_t& i, int n, int& out) {
  if (i + static_cast<std::size_t>(n) > t.size()) return false;
  out = 0;
  for (int k = 0; k < n; ++k, ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
    out = out * 10 + (t[i] - '0');
  }
  return true;
}

/// The offset at `i` to the end of `t` (Z, ±hh:mm, ±hhmm, ±hh), in minutes.
expected<int> offset_at(std::string_view t, std::size_t i) {
  const std::size_t start = i;
  if (t.substr(i) == "Z" || t.substr(i) == "z") return 0;
  if (i >= t.size() || (t[i] != '+' && t[i] != '-'))
    return fail_at(ErrorCode::parse, "expected an offset (Z, +08:00, -0530) after the time in '" + std::string(t) + "'",
                   i);
  const int sign = t[i] == '-' ? -1 : 1;
  ++i;
  int hh = 0, mm = 0;
  if (!digits(t, i, 2, hh))
    return fail_at(ErrorCode::parse, "an offset needs two digits of hours: '" + std::string(t) + "'", start);
  if (i < t.size() && t[i] == ':') ++i;
  if (i < t.size() && !digits(t, i, 2, mm))
    return fail_at(ErrorCode::parse, "an offset's minutes are two digits: '" + std::string(t) + "'", start);
  if (i != t.size())
    return fail_at(ErrorCode::parse, "unexpected text after the offset in '" + std::string(t) + "'", i);
  if (mm > 59 || hh * 60 + mm > 18 * 60)
    return fail_at(ErrorCode::out_of_range, "offset out of range (at most ±18:00): '" + std::string(t) + "'", start);
  return sign * (hh * 60 + mm);
}

}  // namespace

expected<int> parse_utc_offset(std::string_view text) { return offset_at(text, 0); }

expected<std::int64_t> parse_timestamp(std::string_view t, int default_offset_minutes) {
  using namespace std::chrono;
  const std::string quoted = "'" + std::string(t) + "'";
  std::size_t i = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  if (!digits(t, i, 4, y) || i >= t.size() || t[i++] != '-' || !digits(t, i, 2, mo) || i >= t.size() || t[i++] != '-' ||
      !digits(t, i, 2, d))
    return fail_at(ErrorCode::parse, "expected a timestamp YYYY-MM-DDThh:mm[:ss][offset], not " + quoted, 0);
  const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (y < 1 || !date.ok()) return fail_at(ErrorCode::out_of_range, "no such date: " + quoted, 0);
  if (i == t.size()) return fail_at(ErrorCode::parse, "a timestamp needs the time of day: " + quoted, i);
  if (t[i] != 'T' && t[i] != 't' && t[i] != ' ')
    return fail_at(ErrorCode::parse, "expected 'T' or a space between the date and the time in " + quoted, i);
  ++i;
  const std::size_t time_at = i;
  if (!digits(t, i, 2, h) || i >= t.size() || t[i++] != ':' || !digits(t, i, 2, mi))
    return fail_at(ErrorCode::parse, "expected the time as hh:mm[:ss] in " + quoted, time_at);
  if (i < t.size() && t[i] == ':') {
    ++i;
    if (!digits(t, i, 2, s)) return fail_at(ErrorCode::parse, "expected seconds as two digits in " + quoted, i);
    if (i < t.size() && (t[i] == '.' || t[i] == ',')) {
      const std::size_t frac_at = ++i;
      int scale = 100;
      for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
        if (scale > 0)
          ms += (t[i] - '0') * scale;
        else if (t[i] != '0')
          return fail_at(ErrorCode::out_of_range, "a timestamp is exact to the millisecond: " + quoted, i);
        scale /= 10;
      }
      if (i == frac_at) return fail_at(ErrorCode::parse, "expected digits after the decimal sign in " + quoted, i);
    }
  }
  if (h > 23 || mi > 59 || s > 59) return fail_at(ErrorCode::out_of_range, "no such time of day: " + quoted, time_at);
  int offset = default_offset_minutes;
  if (i < t.size()) {
    auto o = offset_at(t, i);
    if (!o) return unexpected(o.error());
    offset = *o;
  }
  const std::int64_t days = sys_days{date}.time_since_epoch().count();
  return days * ms_per_day + ((h * 60 + mi) * 60 + s) * std::int64_t{1000} + ms - offset * ms_per_minute;
}

expected<std::int64_t> parse_duration(std::string_view t) {
  const std::string quoted = "'" + std::string(t) + "'";
  std::size_t i = 0;
  if (t.empty() || (t[0] != 'P' && t[0] != 'p'))
    return fail_at(ErrorCode::parse, "expected an ISO 8601 duration (PT15M, PT1H30M, P1D), not " + quoted, 0);
  ++i;
  bool in_time = false, any = false;
  std::int64_t total = 0;
  char last_unit = 0;
  const std::string_view date_units = "D", time_units = "HMS";
  while (i < t.size()) {
    if (t[i] == 'T' || t[i] == 't') {
      if (in_time) return fail_at(ErrorCode::parse, "a second 'T' in " + quoted, i);
      in_time = true;
      last_unit = 0;
      ++i;
      continue;
    }
    const std::size_t number_at = i;
    std::int64_t whole = 0;
    for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
      whole = whole * 10 + (t[i] - '0');
      if (whole > 1'000'000'000) return fail_at(ErrorCode::out_of_range, "duration too long: " + quoted, number_at);
    }
    std::int64_t frac_ms = 0;
    bool fraction = false;
    if (i < t.size() && (t[i] == '.' || t[i] == ',')) {
      fraction = true;
      int scale = 100;
      for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
        if (scale > 0)
          frac_ms += (t[i] - '0') * scale;
        else if (t[i] != '0')
          return fail_at(ErrorCode::out_of_range, "a duration is exact to the millisecond: " + quoted, i);
        scale /= 10;
      }
    }
    if (i == number_at || i >= t.size())
      return fail_at(ErrorCode::parse, "expected a number and a unit (D, H, M, S) in " + quoted, number_at);
    const char unit = static_cast<char>(t[i] & ~0x20);
    const std::string_view units = in_time ? time_units : date_units;
    const std::size_t rank = units.find(unit);
    if (rank == std::string_view::npos)
      return fail_at(ErrorCode::parse,
                     std::string(in_time ? "after 'T' the units are H, M and S"
                                         : "before 'T' the unit is D (days; "
                                           "weeks, months and years vary)") +
                         ": " + quoted,
                     i);
    if (last_unit != 0 && units.find(last_unit) >= rank)
      return fail_at(ErrorCode::parse, "units out of order or repeated in " + quoted, i);
    if (fraction && unit != 'S')
      return fail_at(ErrorCode::parse, "only seconds may have a fraction: " + quoted, number_at);
    last_unit = unit;
    any = true;
    static constexpr std::int64_t factor_d = ms_per_day, factor_h = 3'600'000, factor_m = ms_per_minute;
    total += whole * (unit == 'D' ? factor_d : unit == 'H' ? factor_h : unit == 'M' ? factor_m : 1000) + frac_ms;
    ++i;
  }
  if (!any) return fail_at(ErrorCode::parse, "a duration needs at least one part: " + quoted, 0);
  return total;
}

std::string format_duration(std::int64_t ms) {
  std::string out = ms < 0 ? "-P" : "P";
  std::uint64_t v = ms < 0 ? static_cast<std::uint64_t>(-(ms + 1)) + 1 : static_cast<std::uint64_t>(ms);
  const std::uint64_t days = v / ms_per_day;
  v %= ms_per_day;
  if (days) out += std::to_string(days) + "D";
  if (v == 0) return days ? out : out + "T0S";
  out += "T";
  const std::uint64_t hours = v / 3'600'000, minutes = v / 60'000 % 60, seconds = v / 1000 % 60, millis = v % 1000;
  if (hours) out += std::to_string(hours) + "H";
  if (minutes) out += std::to_string(minutes) + "M";
  if (seconds || millis) {
    out += std::to_string(seconds);
    if (millis) {
      char frac[16];
      std::snprintf(frac, sizeof frac, ".%03u", static_cast<unsigned>(millis));
      std::string f(frac);
      while (f.back() == '0') f.pop_back();
      out += f;
    }
    out += "S";
  }
  return out;
}

std::string month_of(std::int64_t ms, int offset_minutes) {
  using namespace std::chrono;
  const std::int64_t local = ms + offset_minutes * ms_per_minute;
  const std::int64_t days = local >= 0 ? local / ms_per_day : -((-local + ms_per_day - 1) / ms_per_day);
  const year_month_day date{sys_days{std::chrono::days{days}}};
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()));
  return out;
}

std::string format_utc_offset(int minutes) {
  if (minutes == 0) return "Z";
  char out[24];
  const int a = minutes < 0 ? -minutes : minutes;
  std::snprintf(out, sizeof out, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return out;
}

std::string format_timestamp(std::int64_t ms, int offset_minutes) {
  using namespace std::chrono;
  const std::int64_t local = ms + offset_minutes * ms_per_minute;
  const std::int64_t days = local >= 0 ? local / ms_per_day : -((-local + ms_per_day - 1) / ms_per_day);
  const std::int64_t in_day = local - days * ms_per_day;
  const year_month_day date{sys_days{std::chrono::days{days}}};
  char out[64];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(in_day / 3'600'000), static_cast<int>(in_day / 60'000 % 60),
                static_cast<int>(in_day / 1000 % 60));
  std::string s = out;
  if (in_day % 1000) {
    char frac[16];
    std::snprintf(frac, sizeof frac, ".%03d", static_cast<int>(in_day % 1000));
    s += frac;
  }
  return s + (offset_minutes == 0 ? "Z" : format_utc_offset(offset_minutes));
}

}  // namespace crm::internal
