// Private: XXH64 (seed 0), the checksum of saved sessions (format 2), so that any xxHash
// library can check a saved session's bytes.
//
//   std::uint64_t sum = internal::xxh64(bytes.data(), bytes.size());
//
// The algorithm as xxHash's specification gives it (github.com/Cyan4973/xxHash,
// doc/xxhash_spec.md): four lanes over each 32 bytes, merged, then the rest 8, 4 and 1
// bytes at a time, then an avalanche. Little-endian reads on any host.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

#include "src/core/little_endian.hpp"

namespace crm::internal {

namespace xxh64_detail {

inline constexpr std::uint64_t p1 = 0x9E3779B185EBCA87ull, p2 = 0xC2B2AE3D27D4EB4Full, p3 = 0x165667B19E3779F9ull,
                               p4 = 0x85EBCA77C2B2AE63ull, p5 = 0x27D4EB2F165667C5ull;

[[gnu::always_inline]] inline std::uint64_t round(std::uint64_t acc, std::uint64_t input) noexcept {
  return std::rotl(acc + input * p2, 31) * p1;
}

[[gnu::always_inline]] inline std::uint64_t merge(std::uint64_t h, std::uint64_t lane) noexcept {
  return (h ^ round(0, lane)) * p1 + p4;
}

}  // namespace xxh64_detail

inline std::uint64_t xxh64(const std::uint8_t* p, std::size_t n) noexcept {
  using namespace xxh64_detail;
  const std::uint8_t* const end = p + n;
  std::uint64_t h;
  if (n >= 32) {
    std::uint64_t v1 = p1 + p2, v2 = p2, v3 = 0, v4 = 0 - p1;
    for (; end - p >= 32; p += 32) {
      v1 = round(v1, read_le<std::uint64_t>(p));
      v2 = round(v2, read_le<std::uint64_t>(p + 8));
      v3 = round(v3, read_le<std::uint64_t>(p + 16));
      v4 = round(v4, read_le<std::uint64_t>(p + 24));
    }
    h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
    h = merge(merge(merge(merge(h, v1), v2), v3), v4);
  } else {
    h = p5;
  }
  h += n;
  for (; end - p >= 8; p += 8) h = std::rotl(h ^ round(0, read_le<std::uint64_t>(p)), 27) * p1 + p4;
  if (end - p >= 4) {
    h = std::rotl(h ^ (read_le<std::uint32_t>(p) * p1), 23) * p2 + p3;
    p += 4;
  }
  for (; p < end; ++p) h = std::rotl(h ^ (*p * p5), 11) * p1;
  h ^= h >> 33;
  h *= p2;
  h ^= h >> 29;
  h *= p3;
  return h ^ (h >> 32);
}

}  // namespace crm::internal
