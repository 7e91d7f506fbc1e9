// The expression language's numeric functions beyond Decimal's own: %, ^/pow, sqrt,
// log10 and ZEN's round. Exact where the result is exact; otherwise correctly rounded
// (half-even) to 18 fractional digits from a wider computation.
#include "src/expression/decimal_math.hpp"

#include <boost/multiprecision/cpp_dec_float.hpp>
#include <boost/multiprecision/cpp_int.hpp>
#include <optional>

namespace crm::internal::expression {
namespace {

using boost::multiprecision::cpp_int;
using Float = boost::multiprecision::cpp_dec_float_50;

constexpr int max_scale = Decimal::max_scale;

cpp_int to_big(int128 v) {
  const bool negative = v < 0;
  const uint128 m = negative ? -static_cast<uint128>(v) : static_cast<uint128>(v);
  cpp_int b = static_cast<std::uint64_t>(m >> 64);
  b <<= 64;
  b |= static_cast<std::uint64_t>(m);
  return negative ? cpp_int(-b) : b;
}

cpp_int pow10_big(long n) {
  cpp_int p = 1;
  for (long k = 0; k < n; ++k) p *= 10;
  return p;
}

/// |n / d| rounded half-even, with the sign of n / d (d > 0).
cpp_int div_half_even(const cpp_int& n, const cpp_int& d) {
  const bool negative = n < 0;
  const cpp_int m = negative ? cpp_int(-n) : n;
  cpp_int q = m / d;
  const cpp_int r = m - q * d;
  const cpp_int twice = r * 2;
  if (twice > d || (twice == d && (q & 1) != 0)) ++q;
  return negative ? cpp_int(-q) : q;
}

/// coefficient * 10^-scale as a Decimal with trailing fractional zeros dropped; overflow
/// when 10^20 or more.
[[nodiscard]] expected<Decimal> make(cpp_int coefficient, int scale, const char* what) {
  while (scale > 0 && coefficient % 10 == 0) {
    coefficient /= 10;
    --scale;
  }
  static const cpp_int limit = pow10_big(Decimal::max_integer_digits + max_scale);
  const cpp_int magnitude = coefficient < 0 ? cpp_int(-coefficient) : coefficient;
  if (magnitude >= limit)
    return fail(ErrorCode::overflow, std::string(what) + " overflows: results must stay below 10^20 in magnitude");
  const auto hi = static_cast<std::uint64_t>(magnitude >> 64);
  const auto lo = static_cast<std::uint64_t>(magnitude & cpp_int(~std::uint64_t{0}));
  const int128 c = static_cast<int128>((static_cast<uint128>(hi) << 64) | lo);
  return Decimal::from_parts(coefficient < 0 ? -c : c, scale);
}

Float to_float(Decimal d) { return Float(d.to_string()); }

/// A finite float rounded (to nearest) to 18 fractional digits.
[[nodiscard]] expected<Decimal> from_float(const Float& v, const char* what) {
  if (boost::multiprecision::isnan(v) || boost::multiprecision::isinf(v) || abs(v) >= Float("1e20"))
    return fail(ErrorCode::overflow, std::string(what) + " overflows: results must stay below 10^20 in magnitude");
  const Float scaled = v * Float("1e18");
  const Float rounded = v < 0 ? Float(ceil(scaled - Float("0.5"))) : Float(floor(scaled + Float("0.5")));
  // A result below half a unit of the 18th digit (0.01^300.5) rounds to 0. Boost cannot
  // convert a zero float to an integer: its digit loop starts from ilogb(0), INT_MIN,
  // and negates it.
  if (rounded.is_zero()) return Decimal();
  return make(rounded.convert_to<cpp_int>(), max_scale, what);
}

/// m * 10^-s rounded half-even to `digits` fractional digits (as coefficient at scale digits).
cpp_int rescale(const cpp_int& m, long s, long digits) {
  if (s <= digits) return m * pow10_big(digits - s);
  return div_half_even(m, pow10_big(s - digits));
}

/// |x| >= 1 for x = m * 10^-s (m >= 0).
bool at_least_one(const cpp_int& m, long s) { return m >= pow10_big(s); }

/// base ^ n by squaring with Decimal's own products, when base's scale times |n| is
/// at most 18: then no product is ever rounded, so the result is exact (and nothing is
/// allocated). A negative n divides once at the end, rounding half-even.
std::optional<expected<Decimal>> pow_small(Decimal base, std::int64_t n) {
  const bool negative = n < 0;
  std::uint64_t e = negative ? static_cast<std::uint64_t>(-(n + 1)) + 1 : static_cast<std::uint64_t>(n);
  if (base.scale() != 0 && e > static_cast<std::uint64_t>(max_scale / base.scale())) return std::nullopt;
  Decimal result = Decimal::from_int(1), x = base;
  // A product that overflows means |x| > 1 and a result of 10^20 or more: for a
  // positive n an overflow, for a negative one a tiny number the wide path computes.
  const auto too_big = [&]() -> std::optional<expected<Decimal>> {
    if (negative) return std::nullopt;
    return fail(ErrorCode::overflow, "pow overflows: results must stay below 10^20 in magnitude");
  };
  while (true) {
    if (e & 1) {
      auto r = result.mul(x);
      if (!r) return too_big();
      result = *r;
    }
    e >>= 1;
    if (e == 0) break;
    auto sq = x.mul(x);
    if (!sq) return too_big();
    x = *sq;
  }
  if (!negative) return expected<Decimal>(result);
  if (result.is_zero()) return fail(ErrorCode::division_by_zero, "pow of 0 to a negative power divides by zero");
  return Decimal::from_int(1).div(result);
}

[[nodiscard]] expected<Decimal> pow_integer(Decimal base, const cpp_int& n) {
  const char* what = "pow";
  const cpp_int limit = pow10_big(Decimal::max_integer_digits);
  cpp_int m = to_big(base.coefficient());
  const long s = base.scale();
  const bool negative_exponent = n < 0;
  cpp_int e = negative_exponent ? cpp_int(-n) : n;
  const bool negative_result = m < 0 && (e & 1) != 0;
  if (m < 0) m = -m;

  // Exact when the exact power stays a reasonable size: round once at the end. Its size
  // counts the scale's digits too (10^(s*k) is divided by), so that 1E-18 ^ 4000 does not
  // divide numbers of 72,000 digits (a fuzzer's timeout).
  const long digits = static_cast<long>(m.str().size());
  if (e <= 4096 && (digits + s) * e.convert_to<long>() <= 4000) {
    const long k = e.convert_to<long>();
    const cpp_int p = boost::multiprecision::pow(m, static_cast<unsigned>(k));  // value p * 10^-(s*k)
    const long ps = s * k;
    cpp_int q;
    if (!negative_exponent) {
      if (p / pow10_big(ps) >= limit)
        return fail(ErrorCode::overflow, "pow overflows: results must stay below 10^20 in magnitude");
      q = rescale(p, ps, max_scale);
    } else {
      // 1 / (p * 10^-ps) = 10^ps / p
      q = div_half_even(pow10_big(ps + max_scale), p);
    }
    return make(negative_result ? cpp_int(-q) : q, max_scale, what);
  }

  // Huge powers: square and multiply keeping 60 guard digits, then round to 18. For
  // |x| >= 1 every partial product divides the result, so passing 10^20 is overflow.
  constexpr long guard = 60;
  cpp_int x = m;
  long xs = s;
  if (negative_exponent) {  // x = 1 / base to guard + 20 digits
    x = div_half_even(pow10_big(xs + guard + 20), m);
    xs = guard + 20;
  }
  const bool grows = at_least_one(x, xs);
  cpp_int result = 1;
  long rs = 0;
  const cpp_int unit_limit = limit;
  auto reduce = [&](cpp_int& v, long& vs) {
    if (vs > guard) {
      v = rescale(v, vs, guard);
      vs = guard;
    }
  };
  while (e > 0) {
    if ((e & 1) != 0) {
      result *= x;
      rs += xs;
      reduce(result, rs);
      if (grows && result / pow10_big(rs) >= unit_limit)
        return fail(ErrorCode::overflow, "pow overflows: results must stay below 10^20 in magnitude");
    }
    e >>= 1;
    if (e == 0) break;
    x *= x;
    xs += xs;
    reduce(x, xs);
    if (grows && x / pow10_big(xs) >= unit_limit)
      return fail(ErrorCode::overflow, "pow overflows: results must stay below 10^20 in magnitude");
    if (!grows && x == 0) {  // underflow: every further factor is 0
      result = 0;
      break;
    }
  }
  const cpp_int q = rescale(result, rs, max_scale);
  return make(negative_result ? cpp_int(-q) : q, max_scale, what);
}

}  // namespace

[[nodiscard]] expected<Decimal> decimal_mod(Decimal a, Decimal b) {
  if (b.is_zero()) return fail(ErrorCode::division_by_zero, "division by zero in '%'");
  const int scale = std::max(a.scale(), b.scale());
  const int128 ca = a.coefficient() * static_cast<int128>(pow10[scale - a.scale()]);
  const int128 cb = b.coefficient() * static_cast<int128>(pow10[scale - b.scale()]);
  return Decimal::from_parts(ca % cb, scale);
}

[[nodiscard]] expected<Decimal> round_half_away(Decimal x, int digits) {
  if (x.scale() <= digits) return x;
  return x.round(digits, Rounding::half_up);
}

[[nodiscard]] expected<Decimal> decimal_sqrt(Decimal x) {
  if (x.sign() < 0)
    return fail(ErrorCode::out_of_range,
                "sqrt of a negative number (" + x.to_string() + "): the argument must be 0 or more");
  // sqrt(c * 10^-s) * 10^18 = sqrt(c * 10^(36 - s)), rounded to nearest (a square root
  // of an integer is never exactly halfway). c * 10^36 < 10^74 < 2^246: 256 bits hold
  // it without allocating.
  using boost::multiprecision::uint256_t;
  const uint128 c = static_cast<uint128>(x.coefficient());
  uint256_t n = static_cast<std::uint64_t>(c >> 64);
  n <<= 64;
  n |= static_cast<std::uint64_t>(c);
  n *= uint256_t(static_cast<std::uint64_t>(pow10[18]));
  n *= uint256_t(static_cast<std::uint64_t>(pow10[max_scale - x.scale()]));
  uint256_t r = boost::multiprecision::sqrt(n);
  if (n - r * r > r) ++r;
  // r < 10^37 fits 128 bits
  const uint128 root = (static_cast<uint128>(static_cast<std::uint64_t>(r >> 64)) << 64) |
                       static_cast<std::uint64_t>(r & uint256_t(~std::uint64_t{0}));
  int128 coefficient = static_cast<int128>(root);
  int scale = max_scale;
  while (scale > 0 && coefficient % 10 == 0) {
    coefficient /= 10;
    --scale;
  }
  return Decimal::from_parts(coefficient, scale);
}

namespace {

// log10 in binary fixed point: 256-bit integers with F fractional bits. Every quantity
// below stays under 2^(2F + 8) < 2^256 (a coefficient below 2^127 shifted by F, a
// product of two values below 16), and the result's error is a few units of 2^-F, far
// below the 10^-18 the answer is rounded to.
using Fixed = boost::multiprecision::uint256_t;
constexpr unsigned fraction_bits = 124;

Fixed to_fixed(uint128 v) {
  return (Fixed(static_cast<std::uint64_t>(v >> 64)) << 64) | Fixed(static_cast<std::uint64_t>(v));
}

/// (a * b) >> F.
Fixed fixed_mul(const Fixed& a, const Fixed& b) { return (a * b) >> fraction_bits; }
/// (a << F) / b.
Fixed fixed_div(const Fixed& a, const Fixed& b) { return (a << fraction_bits) / b; }

/// 2 atanh(z) = ln((1 + z) / (1 - z)) for 0 <= z < 1 (fixed point), by its series.
Fixed two_atanh(const Fixed& z) {
  const Fixed z2 = fixed_mul(z, z);
  Fixed power = z, sum = z;
  for (unsigned k = 3;; k += 2) {
    power = fixed_mul(power, z2);
    const Fixed term = power / k;
    if (term == 0) break;
    sum += term;
  }
  return sum << 1;
}

/// ln 2, ln 10 and ln(1 + j/32) for j = 0..31, computed once.
struct LogTables {
  static constexpr unsigned steps = 32;
  Fixed one, ln2, ln10, ln_step[steps];
  LogTables() {
    one = Fixed(1) << fraction_bits;
    ln2 = two_atanh(one / 3);                          // ln 2 = 2 atanh(1/3)
    ln10 = ln2 * 3 + two_atanh(one / 9);               // ln 10 = 3 ln 2 + ln(5/4), ln(5/4) = 2 atanh(1/9)
    for (unsigned j = 0; j < steps; ++j) ln_step[j] = two_atanh(one * j / (2 * steps + j));  // ln(1 + j/32)
  }
};

const LogTables& log_tables() {
  static const LogTables tables;
  return tables;
}

/// log10(m) for m in [1, 10) given as a fixed-point number.
Fixed log10_fixed(Fixed m) {
  const LogTables& t = log_tables();
  // m = 2^k * (1 + j/32) * y with y in [1, 1 + 1/32): ln m = k ln 2 + ln(1 + j/32) + ln y.
  unsigned k = 0;
  while (m >= (t.one << 1)) {
    m >>= 1;
    ++k;
  }
  const auto j = static_cast<unsigned>(((m - t.one) * LogTables::steps) >> fraction_bits);
  const Fixed step = t.one + (t.one * j) / LogTables::steps;  // exact: 32 divides 2^F
  const Fixed y = fixed_div(m, step);
  const Fixed z = fixed_div(y - t.one, y + t.one);  // ln y = 2 atanh((y - 1) / (y + 1)), z < 1/65
  const Fixed ln = t.ln2 * k + t.ln_step[j] + two_atanh(z);
  return fixed_div(ln, t.ln10);
}

}  // namespace

[[nodiscard]] expected<Decimal> decimal_log10(Decimal x) {
  if (x.sign() <= 0)
    return fail(ErrorCode::out_of_range,
                "log10 of " + std::string(x.is_zero() ? "0" : "a negative number (" + x.to_string() + ")") +
                    ": the argument must be greater than 0");
  // A power of ten has an exact logarithm.
  int128 c = x.coefficient();
  int zeros = 0;
  while (c % 10 == 0) {
    c /= 10;
    ++zeros;
  }
  if (c == 1) return Decimal::from_int(zeros - x.scale());
  // x = c * 10^(zeros - scale) with 10^(d-1) <= c < 10^d: log10 x = e + log10(c / 10^(d-1)),
  // e = d - 1 + zeros - scale. The fraction is irrational (c is not a power of ten), so
  // it is never exactly halfway between two 18-digit results: rounding the fixed-point
  // value (error ~2^-120) gives the correctly rounded answer.
  const auto u = static_cast<uint128>(c);
  int d = 1;
  while (d < 39 && u >= pow10[static_cast<std::size_t>(d)]) ++d;
  const Fixed m = (to_fixed(u) << fraction_bits) / to_fixed(pow10[static_cast<std::size_t>(d - 1)]);
  const Fixed fraction = log10_fixed(m);  // in (0, 1)
  const int e = d - 1 + zeros - x.scale();
  const Fixed one = log_tables().one;
  // |result| = |e| + fraction, or |e| - fraction when e < 0 (the result is then negative).
  const bool negative = e < 0;
  const Fixed whole = Fixed(static_cast<unsigned>(negative ? -e : e)) << fraction_bits;
  const Fixed magnitude = negative ? whole - fraction : whole + fraction;
  const Fixed scaled = magnitude * to_fixed(pow10[max_scale]);
  Fixed q = scaled >> fraction_bits;
  const Fixed r = scaled & (one - 1);
  if ((r << 1) > one || ((r << 1) == one && (q & 1) != 0)) ++q;  // half-even
  const uint128 q128 = (static_cast<uint128>(static_cast<std::uint64_t>(q >> 64)) << 64) |
                       static_cast<std::uint64_t>(q & Fixed(~std::uint64_t{0}));
  auto coefficient = static_cast<int128>(q128);
  int scale = max_scale;
  while (scale > 0 && coefficient % 10 == 0) {
    coefficient /= 10;
    --scale;
  }
  return Decimal::from_parts(negative ? -coefficient : coefficient, scale);
}

[[nodiscard]] expected<Decimal> decimal_log10_reference(Decimal x) {
  if (x.sign() <= 0) return decimal_log10(x);
  return from_float(boost::multiprecision::log10(to_float(x)), "log10");
}

[[nodiscard]] expected<Decimal> decimal_pow(Decimal base, Decimal exponent) {
  if (exponent.is_integer()) {
    if (auto whole = exponent.to_int64(); whole && !base.is_zero() && base.abs() != Decimal::from_int(1)) {
      if (auto r = pow_small(base, *whole)) return std::move(*r);
    }
    const cpp_int n = to_big(exponent.coefficient()) / pow10_big(exponent.scale());
    if (n == 0) return Decimal::from_int(1);
    if (base.abs() == Decimal::from_int(1))  // 1 or -1: the sign depends on n's parity
      return (base.sign() < 0 && (n & 1) != 0) ? Decimal::from_int(-1) : Decimal::from_int(1);
    if (base.is_zero()) {
      if (n < 0) return fail(ErrorCode::division_by_zero, "pow of 0 to a negative power divides by zero");
      return Decimal();
    }
    return pow_integer(base, n);
  }
  if (base.is_zero()) {
    if (exponent.sign() < 0) return fail(ErrorCode::division_by_zero, "pow of 0 to a negative power divides by zero");
    return Decimal();
  }
  if (base.sign() < 0)
    return fail(ErrorCode::out_of_range, "pow of a negative number (" + base.to_string() +
                                             ") to a fractional power (" + exponent.to_string() +
                                             ") has no real value");
  return from_float(boost::multiprecision::pow(to_float(base), to_float(exponent)), "pow");
}

}  // namespace crm::internal::expression
