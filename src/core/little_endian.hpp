// Private: reading an unsigned integer stored little-endian, on any host.
//
//   std::uint32_t n = internal::read_le<std::uint32_t>(p);
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace crm::internal {

template <class T>
[[gnu::always_inline]] inline T read_le(const std::uint8_t* p) noexcept {
  T v = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&v, p, sizeof v);
  } else {
    for (std::size_t i = sizeof v; i-- > 0;) v = static_cast<T>((v << 8) | p[i]);
  }
  return v;
}

}  // namespace crm::internal
