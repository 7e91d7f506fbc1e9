// Private: the 128-bit integers that crm::Decimal is built on, and powers of ten.
#pragma once

#include <array>
#include <cstdint>
#include <type_traits>

#include "crmrules/rounding.hpp"

namespace crm::internal {

__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

inline constexpr std::array<uint128, 39> pow10 = [] {
  std::array<uint128, 39> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

/// The magnitude of n / d rounded by `mode`, where `negative` is the sign of the exact
/// quotient. U is any unsigned integer type (uint128, Boost's uint256_t).
template <class U>
constexpr U round_div(const U& n, const U& d, bool negative, Rounding mode) {
  U q, r;
  if constexpr (std::is_same_v<U, uint128>) {
    if ((n >> 64) == 0 && (d >> 64) == 0) {  // a 128-bit division is a library call; 64 bits is one instruction
      const auto n64 = static_cast<std::uint64_t>(n), d64 = static_cast<std::uint64_t>(d);
      q = n64 / d64;
      r = n64 % d64;
    } else {
      q = n / d;
      r = n - q * d;
    }
  } else {
    q = n / d;
    r = n - q * d;
  }
  if (r == 0) return q;
  bool bump = false;
  switch (mode) {
    case Rounding::down: break;
    case Rounding::up: bump = true; break;
    case Rounding::floor: bump = negative; break;
    case Rounding::ceiling: bump = !negative; break;
    case Rounding::half_up:
    case Rounding::half_down:
    case Rounding::half_even: {
      const U rest = d - r;  // compare r with d / 2 without overflow: r > d - r
      if (r > rest) bump = true;
      else if (r == rest)
        bump = mode == Rounding::half_up || (mode == Rounding::half_even && (q & 1) != 0);
      break;
    }
  }
  return bump ? U(q + 1) : q;
}

}  // namespace crm::internal
