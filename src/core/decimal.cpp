// crm::Decimal's out-of-line parts: text in and out, wide products, division, rounding.
#include "crmrules/decimal.hpp"

#include <charconv>
#include <cstring>

#include <boost/multiprecision/cpp_int.hpp>

#include "src/core/utf8.hpp"

namespace crm {
namespace {

using internal::int128;
using internal::pow10;
using internal::uint128;
using uint256 = boost::multiprecision::uint256_t;

uint128 magnitude(int128 c) { return c < 0 ? -static_cast<uint128>(c) : static_cast<uint128>(c); }

uint256 wide(uint128 v) {
  uint256 w = static_cast<std::uint64_t>(v >> 64);
  w <<= 64;
  w |= static_cast<std::uint64_t>(v);
  return w;
}

/// The uint256 as a uint128 when it fits below `limit`.
bool narrow(const uint256& w, uint128 limit, uint128& out) {
  if (w >= wide(limit)) return false;
  out = (static_cast<uint128>(static_cast<std::uint64_t>(w >> 64)) << 64) |
        static_cast<std::uint64_t>(w & uint256(~std::uint64_t{0}));
  return true;
}

/// Drops trailing zero digits of the fraction of a magnitude. A 128-bit division by 10 is
/// a library call, so a wide value is tested by its halves (2^64 = 6 mod 10) and the rest
/// is done in 64 bits, where dividing by 10 is a multiplication.
void normalize(uint128& m, int& scale) {
  constexpr uint128 max64 = ~std::uint64_t{0};
  while (scale > 0 && m > max64) {
    const auto high = static_cast<std::uint64_t>(m >> 64), low = static_cast<std::uint64_t>(m);
    if ((high % 10 * 6 + low % 10) % 10 != 0) return;
    m /= 10;
    --scale;
  }
  if (m > max64) return;
  auto v = static_cast<std::uint64_t>(m);
  while (scale > 0 && v % 10 == 0) {
    v /= 10;
    --scale;
  }
  m = v;
}

/// The character at `at` (whole, or \xHH for a byte that starts none), for messages.
std::string character_at(std::string_view text, std::size_t at) {
  std::size_t end = at + 1;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return internal::printable_utf8(text.substr(at, end - at));
}

unexpected parse_error(std::string_view text, std::size_t at, std::string what) {
  return fail(ErrorCode::parse, std::move(what) + " in decimal \"" + internal::printable_utf8(text) + "\"",
              Location::at_offset(static_cast<std::int64_t>(at)));
}

}  // namespace

unexpected Decimal::overflow(const char* op) noexcept {
  return fail(ErrorCode::overflow,
              std::string("decimal ") + op + " overflows: results must stay below 10^20 in magnitude");
}

unexpected Decimal::bad_scale(int scale) noexcept {
  return fail(ErrorCode::out_of_range, "decimal scale " + std::to_string(scale) + " is outside 0..18");
}

namespace {

/// The common form of a decimal's text from i: digits, maybe a point and more digits, 19
/// digits at most (64 bits hold them and the value is in range). False when the text has
/// another form: the general path decides then.
inline bool common_form(std::string_view text, std::size_t i, std::uint64_t& value, int& scale) noexcept {
  const std::size_t n = text.size();
  value = 0;
  std::size_t count = 0, fraction = 0;
  for (; i < n && static_cast<unsigned>(text[i] - '0') < 10; ++i, ++count)
    value = value * 10 + static_cast<unsigned>(text[i] - '0');
  if (i < n && text[i] == '.')
    for (++i; i < n && static_cast<unsigned>(text[i] - '0') < 10; ++i, ++count, ++fraction)
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
  scale = static_cast<int>(fraction);
  return i == n && count > 0 && count <= 19 && fraction <= static_cast<std::size_t>(Decimal::max_scale);
}

/// The digits of a decimal's text (before any exponent), significant ones kept exactly.
struct Mantissa {
  uint128 digits = 0;       // the significant digits
  int significant = 0;      // how many, after leading zeros
  int fraction_digits = 0;  // digits after the point
  int dropped_zeros = 0;    // trailing zeros past 38 significant digits
  bool any_digit = false;
};

/// Reads the mantissa from i; false when it has more than 38 significant digits.
bool scan_mantissa(std::string_view text, std::size_t& i, Mantissa& m) noexcept {
  bool point = false;
  for (; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '.' && !point) {
      point = true;
      continue;
    }
    if (ch < '0' || ch > '9') break;
    m.any_digit = true;
    if (point) ++m.fraction_digits;
    if (m.significant == 0 && ch == '0') continue;
    if (m.significant >= 38) {
      if (ch != '0') return false;
      ++m.dropped_zeros;
      continue;
    }
    // Up to 19 digits fit 64 bits, where multiplying by 10 is one instruction.
    const auto digit = static_cast<std::uint64_t>(ch - '0');
    m.digits = m.significant < 19 ? uint128{static_cast<std::uint64_t>(m.digits) * 10 + digit} : m.digits * 10 + digit;
    ++m.significant;
  }
  return true;
}

/// Reads an exponent ("e-3") at i, if there is one (saturating beyond any range); false
/// when an 'e' has no digits.
bool scan_exponent(std::string_view text, std::size_t& i, long& exponent) noexcept {
  const std::size_t n = text.size();
  exponent = 0;
  if (i >= n || (text[i] != 'e' && text[i] != 'E')) return true;
  ++i;
  bool negative = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  const std::size_t start = i;
  for (; i < n && text[i] >= '0' && text[i] <= '9'; ++i) exponent = std::min(exponent * 10 + (text[i] - '0'), 1000000L);
  if (negative) exponent = -exponent;
  return i > start;
}

}  // namespace

expected<Decimal> Decimal::parse(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (n == 0) return parse_error(text, 0, "empty text");
  bool negative = false;
  if (text[i] == '+' || text[i] == '-') negative = text[i++] == '-';
  std::uint64_t common = 0;
  int common_scale = 0;
  if (common_form(text, i, common, common_scale)) {
    const auto c = static_cast<int128>(common);
    return Decimal(negative ? -c : c, common_scale);
  }

  Mantissa m;
  if (!scan_mantissa(text, i, m))
    return fail(ErrorCode::overflow, "decimal \"" + std::string(text) + "\" has more than 38 significant digits");
  if (!m.any_digit)
    return parse_error(text, i, i < n ? "expected a digit, found '" + character_at(text, i) + "'" : "expected a digit");
  long exponent = 0;
  if (!scan_exponent(text, i, exponent)) return parse_error(text, i, "expected exponent digits");
  if (i < n) return parse_error(text, i, "unexpected '" + character_at(text, i) + "'");

  // value = digits * 10^(dropped_zeros - fraction_digits + exponent)
  uint128 digits = m.digits;
  long scale = static_cast<long>(m.fraction_digits) - m.dropped_zeros - exponent;
  while (scale > max_scale && digits % 10 == 0 && digits != 0) {
    digits /= 10;
    --scale;
  }
  if (digits == 0) return Decimal(0, static_cast<int>(std::clamp<long>(scale, 0, max_scale)));
  if (scale > max_scale)
    return fail(ErrorCode::out_of_range, "decimal \"" + std::string(text) + "\" has more than 18 fractional digits");
  if (scale < 0) {
    if (-scale > max_integer_digits || digits >= pow10[max_integer_digits + scale])
      return fail(ErrorCode::overflow, "decimal \"" + std::string(text) + "\" is 10^20 or more in magnitude");
    digits *= pow10[-scale];
    scale = 0;
  }
  if (digits >= pow10[max_integer_digits + scale])
    return fail(ErrorCode::overflow, "decimal \"" + std::string(text) + "\" is 10^20 or more in magnitude");
  const int128 c = static_cast<int128>(digits);
  return Decimal(negative ? -c : c, static_cast<int>(scale));
}

expected<Decimal> Decimal::mul_wide(Decimal other, Rounding mode) const noexcept {
  const bool negative = (coefficient_ < 0) != (other.coefficient_ < 0);
  uint256 product = wide(magnitude(coefficient_)) * wide(magnitude(other.coefficient_));
  int scale = scale_ + other.scale_;
  if (scale > max_scale) {
    product = internal::round_div(product, wide(pow10[scale - max_scale]), negative, mode);
    scale = max_scale;
  }
  uint128 m;
  if (!narrow(product, pow10[max_integer_digits + scale], m)) return overflow("multiplication");
  const int128 c = static_cast<int128>(m);
  return Decimal(negative ? -c : c, scale);
}

expected<Decimal> Decimal::div(Decimal divisor, int scale, Rounding mode) const {
  if (scale < 0 || scale > max_scale)
    return fail(ErrorCode::out_of_range, "division scale " + std::to_string(scale) + " is outside 0..18");
  if (divisor.is_zero()) return fail(ErrorCode::division_by_zero, "division by zero");
  // q = a.c * 10^(b.scale + scale) / (b.c * 10^a.scale), rounded.
  const bool negative = (coefficient_ < 0) != (divisor.coefficient_ < 0);
  uint128 m, n, d;
  if (!__builtin_mul_overflow(magnitude(coefficient_), pow10[divisor.scale_ + scale], &n) &&
      !__builtin_mul_overflow(magnitude(divisor.coefficient_), pow10[scale_], &d)) {
    m = internal::round_div(n, d, negative, mode);  // the common case: 128 bits suffice
    if (m >= pow10[max_integer_digits + scale]) return overflow("division");
  } else {
    const uint256 numerator = wide(magnitude(coefficient_)) * wide(pow10[divisor.scale_ + scale]);
    const uint256 denominator = wide(magnitude(divisor.coefficient_)) * wide(pow10[scale_]);
    const uint256 q = internal::round_div(numerator, denominator, negative, mode);
    if (!narrow(q, pow10[max_integer_digits + scale], m)) return overflow("division");
  }
  normalize(m, scale);
  const int128 c = static_cast<int128>(m);
  return Decimal(negative ? -c : c, scale);
}

expected<Decimal> Decimal::round(int digits, Rounding mode) const noexcept {
  if (digits < 0 || digits > max_scale)
    return fail(ErrorCode::out_of_range, "rounding to " + std::to_string(digits) + " digits: digits must be 0..18");
  if (digits >= scale_)
    return Decimal(coefficient_ * static_cast<int128>(pow10[digits - scale_]), digits);
  const uint128 m = internal::round_div(magnitude(coefficient_), pow10[scale_ - digits], coefficient_ < 0, mode);
  if (m >= pow10[max_integer_digits + digits]) return overflow("rounding");
  const int128 c = static_cast<int128>(m);
  return Decimal(coefficient_ < 0 ? -c : c, digits);
}

expected<std::int64_t> Decimal::to_int64() const {
  if (!is_integer())
    return fail(ErrorCode::type_mismatch, "decimal " + to_string() + " is not a whole number");
  const int128 whole = coefficient_ / static_cast<int128>(pow10[scale_]);
  if (whole < INT64_MIN || whole > INT64_MAX)
    return fail(ErrorCode::out_of_range, "decimal " + to_string() + " does not fit a 64-bit integer");
  return static_cast<std::int64_t>(whole);
}

std::size_t Decimal::to_chars(char* buf) const noexcept {
  // The digits, most significant first, by std::to_chars on 64-bit halves (m < 10^38, so
  // m = high * 10^19 + low with both below 10^19).
  char digits[40];
  const uint128 m = magnitude(coefficient_);
  char* end;
  if (m >> 64 == 0) {
    end = std::to_chars(digits, digits + sizeof digits, static_cast<std::uint64_t>(m)).ptr;
  } else {
    const auto high = static_cast<std::uint64_t>(m / pow10[19]), low = static_cast<std::uint64_t>(m % pow10[19]);
    end = std::to_chars(digits, digits + sizeof digits, high).ptr;
    char tail[20];
    const auto tail_len = static_cast<std::size_t>(std::to_chars(tail, tail + sizeof tail, low).ptr - tail);
    std::memset(end, '0', 19 - tail_len);
    std::memcpy(end + (19 - tail_len), tail, tail_len);
    end += 19;
  }
  const auto count = static_cast<std::size_t>(end - digits);
  const auto scale = static_cast<std::size_t>(scale_);
  std::size_t len = 0;
  if (coefficient_ < 0) buf[len++] = '-';
  if (count <= scale) {  // 0.00ddd: one integer digit, zeros, then the digits
    buf[len++] = '0';
    buf[len++] = '.';
    std::memset(buf + len, '0', scale - count);
    len += scale - count;
    std::memcpy(buf + len, digits, count);
    return len + count;
  }
  std::memcpy(buf + len, digits, count - scale);
  len += count - scale;
  if (scale != 0) {
    buf[len++] = '.';
    std::memcpy(buf + len, digits + count - scale, scale);
    len += scale;
  }
  return len;
}

std::string Decimal::to_string() const {
  char buf[max_chars];
  return std::string(buf, to_chars(buf));
}

std::size_t Decimal::hash() const noexcept {
  // Equal values share their coefficient at scale 18 (below 10^38, so it fits).
  const uint128 units = static_cast<uint128>(coefficient_ * static_cast<int128>(pow10[max_scale - scale_]));
  const auto lo = static_cast<std::uint64_t>(units), hi = static_cast<std::uint64_t>(units >> 64);
  return std::hash<std::uint64_t>{}(lo ^ (hi * 0x9e3779b97f4a7c15ULL + (lo << 6) + (lo >> 2)));
}

}  // namespace crm
