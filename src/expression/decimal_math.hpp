// Private: the functions of the expression language that Decimal itself does not have.
#pragma once

#include "crmrules/decimal.hpp"
#include "crmrules/expected.hpp"

namespace crm::internal::expression {

/// a - b * trunc(a / b): the sign of a, as ZEN's %. b == 0 is division_by_zero.
[[nodiscard]] expected<Decimal> decimal_mod(Decimal a, Decimal b);

/// base ^ exponent. An integer exponent is exact (the product rounded once, half-even,
/// to 18 fractional digits); a fractional one is computed with 50 significant digits
/// and rounded the same way. A negative base with a fractional exponent is out_of_range,
/// 0 to a negative power division_by_zero, a result of 10^20 or more overflow; one
/// below half of 10^-18 in magnitude is 0.
[[nodiscard]] expected<Decimal> decimal_pow(Decimal base, Decimal exponent);

/// The square root, exact to 18 fractional digits (integer square root, rounded half-even).
/// Negative x is out_of_range.
[[nodiscard]] expected<Decimal> decimal_sqrt(Decimal x);

/// log10(x) to 18 fractional digits, half-even (exact for powers of ten). x <= 0 is out_of_range.
/// Integer fixed-point arithmetic (256 bits), about 100 times faster than a 50-digit float.
[[nodiscard]] expected<Decimal> decimal_log10(Decimal x);
/// The same through Boost's 50-digit decimal float, kept to check decimal_log10 against.
[[nodiscard]] expected<Decimal> decimal_log10_reference(Decimal x);

/// x rounded to `digits` (0..18) fractional digits, ties away from zero, as ZEN's
/// round; x itself when it has no more digits than that (no padding zeros).
[[nodiscard]] expected<Decimal> round_half_away(Decimal x, int digits);

}  // namespace crm::internal::expression
