// crm::Decimal: exact decimal numbers for money and scores.
//
//   using crm::Decimal;
//   Decimal a = *Decimal::parse("0.1"), b = *Decimal::parse("0.2");
//   assert(*a.add(b) == *Decimal::parse("0.3"));          // exact, no binary floats
//   auto share = Decimal::from_int(2).div(Decimal::from_int(3), 4);  // 0.6667 (half-even)
//   auto cents = Decimal::parse("2.345")->round(2, crm::Rounding::half_up);  // 2.35
//   std::string text = (*share).to_string();             // "0.6667"
//
// A Decimal is a coefficient and a scale: value = coefficient * 10^-scale, with a scale
// of 0..18 fractional digits and a magnitude below 10^20 (20 integer digits), so every
// value from -99999999999999999999.999999999999999999 to the same positive bound is
// exact. The scale is kept for printing ("0.10" prints "0.10") but not for equality,
// ordering or hashing (1.0 == 1.00).
//
// Arithmetic: + - * are exact unless a product needs more than 18 fractional digits,
// when it is rounded (half-even unless told otherwise); / rounds to a stated scale and
// mode. A result outside the range is an ErrorCode::overflow error, a zero divisor
// ErrorCode::division_by_zero: never a wrap, never undefined behaviour.
//
// Speed: the common path is native 128-bit integer arithmetic with overflow checks; the
// rare wide intermediates (products with more than 18 fractional digits that do not fit
// 128 bits, and every division) use Boost.Multiprecision's 256-bit integers.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"
#include "crmrules/internal/int128.hpp"
#include "crmrules/rounding.hpp"

namespace crm {

namespace internal {
struct RawDecimal;  // src/core/decimal_raw.hpp: the library's hot loops
}

class Decimal {
 public:
  using Coefficient = internal::int128;
  static constexpr int max_scale = 18;
  static constexpr int max_integer_digits = 20;
  /// Longest text to_chars() writes: sign, 20 integer digits, point, 18 fractional.
  static constexpr std::size_t max_chars = 1 + max_integer_digits + 1 + max_scale;

  /// Zero, scale 0.
  constexpr Decimal() noexcept = default;

  /// An integer; every int64_t fits.
  static constexpr Decimal from_int(std::int64_t value) noexcept { return Decimal(value, 0); }

  /// coefficient * 10^-scale, checked against the range and scale limits.
  [[nodiscard]] static expected<Decimal> from_parts(Coefficient coefficient, int scale) noexcept;

  /// Exact decimal text: an optional sign, digits with an optional point, and an optional
  /// exponent ("12", "-0.50", ".5", "1e6", "2.5E-3"). No spaces, no thousands separators.
  /// More than 18 significant fractional digits is out_of_range; too large is overflow.
  [[nodiscard]] static expected<Decimal> parse(std::string_view text);

  /// An amount as people write it, in Chinese as in the deck: what parse() reads, or
  /// full-width digits and signs (１２．５, －３), '，' grouping the integer part by three,
  /// then perhaps one 万 (10^4) or 亿 (10^8): "500万" is 5000000, "1.3亿" 130000000,
  /// exactly (no binary float). Ambiguous text ("万万", "1.3.5万", "5万亿", a unit with no
  /// number) is a parse error saying why. (Fields read text so: Field::parse_number.)
  [[nodiscard]] static expected<Decimal> parse_amount(std::string_view text);

  [[nodiscard]] constexpr Coefficient coefficient() const noexcept { return coefficient_; }
  [[nodiscard]] constexpr int scale() const noexcept { return scale_; }
  [[nodiscard]] constexpr int sign() const noexcept {
    return coefficient_ < 0 ? -1 : (coefficient_ > 0 ? 1 : 0);
  }
  [[nodiscard]] constexpr bool is_zero() const noexcept { return coefficient_ == 0; }
  [[nodiscard]] constexpr bool is_integer() const noexcept {
    return scale_ == 0 || coefficient_ % static_cast<Coefficient>(internal::pow10[scale_]) == 0;
  }

  [[nodiscard]] expected<Decimal> add(Decimal other) const noexcept;
  [[nodiscard]] expected<Decimal> sub(Decimal other) const noexcept;
  /// The exact product; rounded by `mode` only past 18 fractional digits.
  [[nodiscard]] expected<Decimal> mul(Decimal other, Rounding mode = Rounding::half_even) const noexcept;
  /// The quotient rounded to `scale` fractional digits (0..18), trailing zeros dropped.
  [[nodiscard]] expected<Decimal> div(Decimal divisor, int scale = max_scale,
                                      Rounding mode = Rounding::half_even) const;
  /// Rounded to `digits` fractional digits (0..18); the result has exactly that scale.
  [[nodiscard]] expected<Decimal> round(int digits, Rounding mode = Rounding::half_even) const noexcept;

  [[nodiscard]] constexpr Decimal negate() const noexcept { return Decimal(-coefficient_, scale_); }
  [[nodiscard]] constexpr Decimal abs() const noexcept { return coefficient_ < 0 ? negate() : *this; }

  /// The value as an int64_t; an error when it has a fractional part or does not fit.
  [[nodiscard]] expected<std::int64_t> to_int64() const;

  /// Writes the text into buf (at least max_chars bytes, not NUL-terminated) and returns
  /// its length. Prints exactly scale() fractional digits and never an exponent.
  std::size_t to_chars(char* buf) const noexcept;
  [[nodiscard]] std::string to_string() const;

  [[nodiscard]] std::size_t hash() const noexcept;

  friend bool operator==(Decimal a, Decimal b) noexcept { return compare(a, b) == 0; }
  friend std::strong_ordering operator<=>(Decimal a, Decimal b) noexcept { return compare(a, b) <=> 0; }

 private:
  friend struct internal::RawDecimal;
  constexpr Decimal(Coefficient coefficient, int scale) noexcept
      : coefficient_(coefficient), scale_(static_cast<std::int8_t>(scale)) {}

  /// |coefficient| < 10^(20 + scale): the range check every result passes.
  static constexpr bool in_range(Coefficient c, int scale) noexcept {
    internal::uint128 m = c < 0 ? -static_cast<internal::uint128>(c) : static_cast<internal::uint128>(c);
    return m < internal::pow10[max_integer_digits + scale];
  }
  /// Both coefficients at the larger scale. Never overflows: each magnitude is below
  /// 10^(20+18) < 2^127.
  static constexpr void align(Decimal a, Decimal b, Coefficient& ca, Coefficient& cb, int& scale) noexcept {
    ca = a.coefficient_;
    cb = b.coefficient_;
    scale = a.scale_;
    if (a.scale_ < b.scale_) {
      ca *= static_cast<Coefficient>(internal::pow10[b.scale_ - a.scale_]);
      scale = b.scale_;
    } else if (b.scale_ < a.scale_) {
      cb *= static_cast<Coefficient>(internal::pow10[a.scale_ - b.scale_]);
    }
  }
  static constexpr int compare(Decimal a, Decimal b) noexcept {
    Coefficient ca, cb;
    int scale;
    align(a, b, ca, cb, scale);
    return ca < cb ? -1 : (ca > cb ? 1 : 0);
  }
  [[nodiscard]] expected<Decimal> mul_wide(Decimal other, Rounding mode) const noexcept;
  [[gnu::cold]] static unexpected overflow(const char* op) noexcept;
  [[gnu::cold]] static unexpected bad_scale(int scale) noexcept;

  Coefficient coefficient_ = 0;
  std::int8_t scale_ = 0;
};

[[nodiscard]] inline expected<Decimal> Decimal::from_parts(Coefficient coefficient, int scale) noexcept {
  if (scale < 0 || scale > max_scale) [[unlikely]] return bad_scale(scale);
  if (!in_range(coefficient, scale)) [[unlikely]] return overflow("construction");
  return Decimal(coefficient, scale);
}

[[nodiscard]] inline expected<Decimal> Decimal::add(Decimal other) const noexcept {
  Coefficient ca, cb, sum;
  int scale;
  align(*this, other, ca, cb, scale);
  if (__builtin_add_overflow(ca, cb, &sum) || !in_range(sum, scale)) return overflow("addition");
  return Decimal(sum, scale);
}

[[nodiscard]] inline expected<Decimal> Decimal::sub(Decimal other) const noexcept { return add(other.negate()); }

[[nodiscard]] inline expected<Decimal> Decimal::mul(Decimal other, Rounding mode) const noexcept {
  const int scale = scale_ + other.scale_;
  Coefficient product;
  if (scale > max_scale || __builtin_mul_overflow(coefficient_, other.coefficient_, &product))
    return mul_wide(other, mode);
  if (!in_range(product, scale)) return overflow("multiplication");
  return Decimal(product, scale);
}

}  // namespace crm

template <>
struct std::hash<crm::Decimal> {
  std::size_t operator()(crm::Decimal d) const noexcept { return d.hash(); }
};
