// Private: small helpers the lifetime room shares: a Decimal as a double, the days of a
// unit, a double written with fixed places, an error at "/i/<field>".
#pragma once

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

#include "crmrules/lifetime.hpp"

namespace crm::internal::lifetime {

[[nodiscard]] inline double to_double(const Decimal& d) noexcept {
  return static_cast<double>(static_cast<long double>(d.coefficient()) /
                             static_cast<long double>(internal::pow10[d.scale()]));
}

[[nodiscard]] inline double unit_days(crm::lifetime::Unit unit) noexcept {
  return unit == crm::lifetime::Unit::weeks ? 7.0 : 1.0;
}

[[nodiscard]] inline std::string_view unit_name(crm::lifetime::Unit unit) noexcept {
  return unit == crm::lifetime::Unit::weeks ? "weeks" : "days";
}

/// `value` rounded to `places` as decimal text ("nan" never: callers check finiteness).
[[nodiscard]] std::string fixed(double value, int places);

/// An invalid_argument error at "/<index>/<field>".
[[nodiscard]] Error row_error(std::size_t index, std::string_view field, std::string message);

/// Checks one customer's (x, t_x, T): x whole and >= 0, 0 <= t_x <= T, t_x = 0 when x = 0.
[[nodiscard]] expected<void> check_customer(std::size_t index, double x, double t_x, double T);

}  // namespace crm::internal::lifetime
