// crm::MonthsDuration: parsing and printing (see include/crmrules/months_duration.hpp).
#include "crmrules/months_duration.hpp"

#include "src/core/iso_text.hpp"

namespace crm {

expected<MonthsDuration> MonthsDuration::parse(std::string_view text) {
  using namespace internal::iso;
  auto error = [&](std::size_t at, std::string_view what) {
    return bad(at, what, "years and months duration", text, "[-]P[nY][nM], e.g. P1Y2M");
  };
  std::size_t at = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++at;
  if (at >= text.size() || text[at] != 'P') return error(at, "expected 'P'");
  ++at;
  __extension__ typedef __int128 wide;
  wide months = 0;
  char last = 0;
  while (at < text.size()) {
    if (text[at] == 'T') return error(at, "hours, minutes and seconds belong to a days and time duration, not here");
    const std::size_t start = at, end = digits_end(text, at);
    if (end == start) return error(at, "expected a number");
    if (end - start > 18)
      return fail(ErrorCode::out_of_range, "number too large in years and months duration \"" + std::string(text) + "\"",
                  Location::at_offset(static_cast<std::int64_t>(start)));
    std::int64_t n = 0;
    for (std::size_t k = start; k < end; ++k) n = n * 10 + (text[k] - '0');
    at = end;
    if (at >= text.size()) return error(at, "expected Y or M after the number");
    const char d = text[at];
    if (d == 'D') return error(at, "days belong to a days and time duration (P1D), not here");
    if (d != 'Y' && d != 'M') return error(at, "expected Y or M");
    if (last == 'M' || last == d) return error(at, "designators out of order or repeated");
    last = d;
    months += static_cast<wide>(n) * (d == 'Y' ? 12 : 1);
    ++at;
  }
  if (last == 0) return error(at, "expected at least one part (such as P1Y or P0M)");
  if (months > static_cast<wide>(INT64_MAX))
    return fail(ErrorCode::out_of_range, "years and months duration \"" + std::string(text) + "\" is too long");
  const auto m = static_cast<std::int64_t>(months);
  return from_months(negative ? -m : m);
}

std::size_t MonthsDuration::to_chars(char* buf) const noexcept {
  using namespace internal::iso;
  std::size_t n = 0;
  std::uint64_t m = static_cast<std::uint64_t>(months_);
  if (months_ < 0) {
    buf[n++] = '-';
    m = static_cast<std::uint64_t>(-(months_ + 1)) + 1;
  }
  buf[n++] = 'P';
  if (m >= 12) {
    n += put_number(buf + n, m / 12);
    buf[n++] = 'Y';
  }
  if (m % 12 != 0 || m < 12) {
    n += put_number(buf + n, m % 12);
    buf[n++] = 'M';
  }
  return n;
}

std::string MonthsDuration::to_string() const {
  char buf[max_chars];
  return std::string(buf, to_chars(buf));
}

}  // namespace crm
