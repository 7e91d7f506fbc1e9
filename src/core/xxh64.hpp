// Private: XXH64 (seed 0), the checksum of saved sessions (format 2), so that any xxHash
// library can check a saved session's bytes; and XXH3, the hash of short keys in tables.
//
//   std::uint64_t sum = internal::xxh64(bytes.data(), bytes.size());
//   std::uint64_t h = internal::xxh3("C0000017");
//
// Debian's xxHash (libxxhash-dev), header-only: XXH_INLINE_ALL compiles its functions in
// line here, so nothing links against libxxhash. This header is the one place that
// includes xxhash.h and sets that define.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace crm::internal {

[[nodiscard]] inline std::uint64_t xxh64(const std::uint8_t* p, std::size_t n) noexcept {
  return XXH64(p, n, 0);
}

[[nodiscard]] inline std::uint64_t xxh3(std::string_view text) noexcept {
  return XXH3_64bits(text.data(), text.size());
}

}  // namespace crm::internal
