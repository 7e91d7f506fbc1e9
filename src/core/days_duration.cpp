// crm::DaysDuration: parsing and printing (see include/crmrules/days_duration.hpp).
#include "crmrules/days_duration.hpp"

#include "src/core/iso_text.hpp"

namespace crm {
namespace {

constexpr std::string_view duration_form = "[-]P[nD][T[nH][nM][n[.f]S]], e.g. P1DT2H30M";

}  // namespace

expected<DaysDuration> DaysDuration::parse(std::string_view text) {
  using namespace internal::iso;
  auto error = [&](std::size_t at, std::string_view what) {
    return bad(at, what, "days and time duration", text, duration_form);
  };
  std::size_t at = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++at;
  if (at >= text.size() || text[at] != 'P') return error(at, "expected 'P'");
  ++at;
  __extension__ typedef __int128 wide;
  wide seconds = 0;
  std::int64_t nanos = 0;
  bool in_time = false, any = false;
  char last = 0;  // the last designator read, to keep their order
  const std::string_view order_date = "D", order_time = "HMS";
  while (at < text.size()) {
    if (text[at] == 'T') {
      if (in_time) return error(at, "a second 'T'");
      in_time = true;
      last = 0;
      if (at + 1 >= text.size()) return error(at + 1, "expected hours, minutes or seconds after 'T'");
      ++at;
      continue;
    }
    const std::size_t start = at, end = digits_end(text, at);
    if (end == start) return error(at, "expected a number");
    if (end - start > 18) return fail(ErrorCode::out_of_range, "number too large in days and time duration \"" +
                                                                   std::string(text) + "\"",
                                      Location::at_offset(static_cast<std::int64_t>(start)));
    std::int64_t n = 0;
    for (std::size_t k = start; k < end; ++k) n = n * 10 + (text[k] - '0');
    at = end;
    std::int64_t fraction = 0;
    bool has_fraction = false;
    if (at < text.size() && text[at] == '.') {
      const std::size_t f_end = digits_end(text, at + 1);
      if (f_end == at + 1) return error(at + 1, "expected a digit after '.'");
      if (f_end - at - 1 > 9) return error(at + 10, "more than 9 fractional digits");
      for (std::size_t k = at + 1; k < at + 10; ++k) fraction = fraction * 10 + (k < f_end ? text[k] - '0' : 0);
      has_fraction = true;
      at = f_end;
    }
    if (at >= text.size()) return error(at, "expected a designator (D, H, M or S) after the number");
    const char d = text[at];
    if (!in_time && (d == 'Y' || d == 'M'))
      return error(at, "years and months belong to a years and months duration (P1Y2M), not here");
    const std::string_view allowed = in_time ? order_time : order_date;
    const std::size_t pos = allowed.find(d);
    if (pos == std::string_view::npos)
      return error(at, in_time ? "expected H, M or S" : (d == 'H' || d == 'S' ? "expected 'T' before hours, minutes or seconds" : "expected D"));
    if (last != 0 && allowed.find(last) >= pos) return error(at, "designators out of order or repeated");
    if (has_fraction && d != 'S') return error(at, "only seconds may have a fraction");
    last = d;
    const std::int64_t unit = d == 'D' ? 86'400 : d == 'H' ? 3'600 : d == 'M' ? 60 : 1;
    seconds += static_cast<wide>(n) * unit;
    nanos = fraction;
    any = true;
    ++at;
  }
  if (!any) return error(at, "expected at least one part (such as P1D or PT0S)");
  if (seconds > static_cast<wide>(INT64_MAX) - 1)
    return fail(ErrorCode::out_of_range, "days and time duration \"" + std::string(text) + "\" is too long");
  const auto s = static_cast<std::int64_t>(seconds);
  return negative ? from_parts(-s, -nanos) : from_parts(s, nanos);
}

std::size_t DaysDuration::to_chars(char* buf) const noexcept {
  using namespace internal::iso;
  std::size_t n = 0;
  std::uint64_t s;
  std::uint32_t f;
  if (is_negative()) {
    buf[n++] = '-';
    // -(seconds_ + nanos_/1e9) = (-seconds_ - 1) + (1e9 - nanos_)/1e9
    s = nanos_ == 0 ? static_cast<std::uint64_t>(-(seconds_ + 1)) + 1 : static_cast<std::uint64_t>(-(seconds_ + 1));
    f = nanos_ == 0 ? 0 : static_cast<std::uint32_t>(nanos_per_second - nanos_);
  } else {
    s = static_cast<std::uint64_t>(seconds_);
    f = static_cast<std::uint32_t>(nanos_);
  }
  buf[n++] = 'P';
  const std::uint64_t days = s / 86'400, hours = s / 3'600 % 24, minutes = s / 60 % 60, secs = s % 60;
  if (days) {
    n += put_number(buf + n, days);
    buf[n++] = 'D';
  }
  if (hours || minutes || secs || f || days == 0) {
    buf[n++] = 'T';
    if (hours) {
      n += put_number(buf + n, hours);
      buf[n++] = 'H';
    }
    if (minutes) {
      n += put_number(buf + n, minutes);
      buf[n++] = 'M';
    }
    if (secs || f || (days == 0 && hours == 0 && minutes == 0)) {
      n += put_number(buf + n, secs);
      n += put_fraction(buf + n, f);
      buf[n++] = 'S';
    }
  }
  return n;
}

std::string DaysDuration::to_string() const {
  char buf[max_chars];
  return std::string(buf, to_chars(buf));
}

}  // namespace crm
