// crm::Rounding: how a result that does not fit its scale is rounded.
//
//   auto cents = price.round(2, crm::Rounding::half_up);   // 2.345 -> 2.35
//   auto third = one.div(three, 4, crm::Rounding::floor);  // 0.3333
//
// The names follow java.math.RoundingMode: "up" is away from zero, "down" toward zero.
// half_even (banker's rounding) is the default everywhere a mode can be left out.
#pragma once

#include <optional>
#include <string_view>

namespace crm {

enum class Rounding : int {
  half_even = 0,  // to nearest, ties to the even neighbour (default)
  half_up = 1,    // to nearest, ties away from zero (ZEN's and school rounding)
  half_down = 2,  // to nearest, ties toward zero
  down = 3,       // toward zero (truncate)
  up = 4,         // away from zero
  floor = 5,      // toward negative infinity
  ceiling = 6,    // toward positive infinity
};

[[nodiscard]] std::string_view to_string(Rounding mode) noexcept;
/// The mode named by to_string(), or nothing for an unknown name.
[[nodiscard]] std::optional<Rounding> rounding_from_string(std::string_view name) noexcept;

}  // namespace crm
