// crm::Time: parsing and printing (see include/crmrules/time.hpp).
#include "crmrules/time.hpp"

#include "src/core/iso_text.hpp"

namespace crm {
namespace {

constexpr std::string_view time_form = "hh:mm:ss with an optional .fraction and Z or +hh:mm";
constexpr int max_offset = 14 * 60;

}  // namespace

expected<Time> Time::from_parts(int hour, int minute, int second, std::int32_t nanosecond,
                                std::optional<int> offset_minutes) {
  if (hour < 0 || hour > 23) return fail(ErrorCode::out_of_range, "hour " + std::to_string(hour) + " is outside 0..23");
  if (minute < 0 || minute > 59)
    return fail(ErrorCode::out_of_range, "minute " + std::to_string(minute) + " is outside 0..59");
  if (second < 0 || second > 59)
    return fail(ErrorCode::out_of_range, "second " + std::to_string(second) + " is outside 0..59");
  if (nanosecond < 0 || nanosecond >= nanos_per_second)
    return fail(ErrorCode::out_of_range, "nanosecond " + std::to_string(nanosecond) + " is outside 0..999999999");
  if (offset_minutes && (*offset_minutes < -max_offset || *offset_minutes > max_offset))
    return fail(ErrorCode::out_of_range, "offset of " + std::to_string(*offset_minutes) + " minutes is outside ±14:00");
  Time t;
  t.nanos_ = ((static_cast<std::int64_t>(hour) * 60 + minute) * 60 + second) * nanos_per_second + nanosecond;
  t.has_offset_ = offset_minutes.has_value();
  t.offset_ = static_cast<std::int16_t>(offset_minutes.value_or(0));
  return t;
}

expected<Time> Time::parse(std::string_view text) {
  using namespace internal::iso;
  auto error = [&](std::size_t at, std::string_view what) { return bad(at, what, "time", text, time_form); };
  int parts[3] = {0, 0, 0};
  for (std::size_t f = 0; f < 3; ++f) {
    const std::size_t at = f * 3;
    for (std::size_t k = at; k < at + 2; ++k) {
      if (k >= text.size()) return error(text.size(), "too short");
      if (!is_digit(text[k])) return error(k, "expected a digit");
    }
    const auto v = fixed_digits(text, at, 2);
    parts[f] = *v;
    if (f < 2) {
      if (at + 2 >= text.size()) return error(text.size(), "too short");
      if (text[at + 2] != ':') return error(at + 2, "expected ':'");
    }
  }
  std::size_t at = 8;
  std::int32_t nanos = 0;
  if (at < text.size() && text[at] == '.') {
    const std::size_t end = digits_end(text, at + 1);
    if (end == at + 1) return error(at + 1, "expected a digit after '.'");
    if (end - at - 1 > 9) return error(at + 10, "more than 9 fractional digits");
    for (std::size_t k = at + 1; k < at + 10; ++k) nanos = nanos * 10 + (k < end ? text[k] - '0' : 0);
    at = end;
  }
  std::optional<int> offset;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    offset = 0;
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    const auto h = fixed_digits(text, at + 1, 2);
    if (!h) return error(at + 1, "expected the offset's hours");
    if (at + 3 >= text.size() || text[at + 3] != ':') return error(at + 3, "expected ':' in the offset");
    const auto m = fixed_digits(text, at + 4, 2);
    if (!m) return error(at + 4, "expected the offset's minutes");
    if (*m > 59) return fail(ErrorCode::out_of_range, "offset minute " + std::to_string(*m) + " is outside 0..59",
                             Location::at_offset(static_cast<std::int64_t>(at + 4)));
    offset = (*h * 60 + *m) * (text[at] == '-' ? -1 : 1);
    at += 6;
  }
  if (at < text.size())
    return error(at, text[at] == '@' ? "zone names are not supported" : "unexpected text after the time");
  auto t = from_parts(parts[0], parts[1], parts[2], nanos, offset);
  if (!t) {  // place the range error at the part at fault
    const std::size_t where = parts[0] > 23 ? 0 : parts[1] > 59 ? 3 : parts[2] > 59 ? 6 : 8;
    t.error().where = Location::at_offset(static_cast<std::int64_t>(where));
    t.error().message += " in time \"" + std::string(text) + "\"";
  }
  return t;
}

std::size_t Time::to_chars(char* buf) const noexcept {
  using namespace internal::iso;
  std::size_t n = put_number(buf, static_cast<std::uint64_t>(hour()), 2);
  buf[n++] = ':';
  n += put_number(buf + n, static_cast<std::uint64_t>(minute()), 2);
  buf[n++] = ':';
  n += put_number(buf + n, static_cast<std::uint64_t>(second()), 2);
  n += put_fraction(buf + n, static_cast<std::uint32_t>(nanosecond()));
  if (has_offset_) {
    if (offset_ == 0) {
      buf[n++] = 'Z';
    } else {
      const int m = offset_ < 0 ? -offset_ : offset_;
      buf[n++] = offset_ < 0 ? '-' : '+';
      n += put_number(buf + n, static_cast<std::uint64_t>(m / 60), 2);
      buf[n++] = ':';
      n += put_number(buf + n, static_cast<std::uint64_t>(m % 60), 2);
    }
  }
  return n;
}

std::string Time::to_string() const {
  char buf[max_chars];
  return std::string(buf, to_chars(buf));
}

}  // namespace crm
