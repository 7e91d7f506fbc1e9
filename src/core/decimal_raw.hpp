// Private: crm::Decimal arithmetic on a coefficient and scale held in registers, for hot
// loops (the scorecard). Each step of Decimal::add / mul builds an expected<Decimal> in
// memory that the next step reads back as one 16-byte word, a store-forwarding stall
// per operation; these keep the values in registers and build a Decimal once.
//
//   RawDecimal a = RawDecimal::of(x), sum;
//   if (raw_add(a, RawDecimal::of(y), sum)) total = sum.to_decimal();   // == *x.add(y)
//   else total_or_error = x.add(y);                                       // Decimal's error
//
// raw_add gives exactly Decimal::add's value and scale and fails exactly when add fails;
// raw_mul gives exactly Decimal::mul's result and fails when mul would fail or round
// (past 18 fractional digits), so a caller falls back to Decimal for the error or the
// rounded product.
#pragma once

#include "crmrules/decimal.hpp"

namespace crm::internal {

struct RawDecimal {
  Decimal::Coefficient c = 0;
  int scale = 0;

  [[gnu::always_inline]] static RawDecimal of(const Decimal& d) noexcept { return {d.coefficient(), d.scale()}; }
  [[gnu::always_inline]] RawDecimal negate() const noexcept { return {-c, scale}; }
  /// Valid for every RawDecimal of() or raw_add / raw_mul made (in range, scale 0..18).
  [[gnu::always_inline]] Decimal to_decimal() const noexcept { return Decimal(c, scale); }
};

[[gnu::always_inline]] inline bool raw_in_range(Decimal::Coefficient c, int scale) noexcept {
  const uint128 m = c < 0 ? -static_cast<uint128>(c) : static_cast<uint128>(c);
  return m < pow10[Decimal::max_integer_digits + scale];
}

/// a + b, as Decimal::add: aligned to the larger scale (never overflows), then checked.
[[gnu::always_inline]] inline bool raw_add(RawDecimal a, RawDecimal b, RawDecimal& out) noexcept {
  if (a.scale < b.scale) a.c *= static_cast<Decimal::Coefficient>(pow10[b.scale - a.scale]);
  else if (b.scale < a.scale) b.c *= static_cast<Decimal::Coefficient>(pow10[a.scale - b.scale]);
  out.scale = a.scale < b.scale ? b.scale : a.scale;
  return !__builtin_add_overflow(a.c, b.c, &out.c) && raw_in_range(out.c, out.scale);
}

/// a * b when exact in 128 bits within 18 fractional digits, as Decimal::mul. Two
/// coefficients that fit 64 bits (most money and weights) multiply in one instruction,
/// without the 128-bit overflow check: their product always fits.
[[gnu::always_inline]] inline bool raw_mul(RawDecimal a, RawDecimal b, RawDecimal& out) noexcept {
  out.scale = a.scale + b.scale;
  if (out.scale > Decimal::max_scale) return false;
  const auto a64 = static_cast<std::int64_t>(a.c), b64 = static_cast<std::int64_t>(b.c);
  if (a64 == a.c && b64 == b.c) out.c = static_cast<Decimal::Coefficient>(a64) * b64;
  else if (__builtin_mul_overflow(a.c, b.c, &out.c)) return false;
  return raw_in_range(out.c, out.scale);
}

}  // namespace crm::internal
