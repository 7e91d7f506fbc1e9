// xxh64 (Debian's xxHash, src/core/xxh64.hpp) against xxhsum -H64, for every path
// through it: under and over 32 bytes, and each tail (8, 4 and single bytes). Saved
// sessions of format 2 carry these sums, so they must never change.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

#include "src/core/xxh64.hpp"

using crm::internal::xxh64;

namespace {

std::uint64_t of(std::string_view s) { return xxh64(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }

}  // namespace

TEST_CASE("xxh64 gives xxhsum's values", "[xxh64]") {
  CHECK(of("") == 0xef46db3751d8e999ull);
  CHECK(of("a") == 0xd24ec4f1a98c6e5bull);
  CHECK(of("abc") == 0x44bc2cf5ad770999ull);
  // Byte i is (7i + 3) mod 256; printf'd to a file and hashed with xxhsum -H64.
  std::vector<std::uint8_t> bytes;
  for (int i = 0; i < 100; ++i) bytes.push_back(static_cast<std::uint8_t>((i * 7 + 3) % 256));
  const std::pair<std::size_t, std::uint64_t> known[] = {
      {3, 0x31d2363f52e564c9ull},  {4, 0x9bb64b7d66ee9fdaull},  {7, 0x9a7b149959ce60d8ull},
      {8, 0xdab99d95c6f90092ull},  {31, 0xa2aa5f33cc4a6119ull}, {32, 0x23c3c17ef790fd97ull},
      {33, 0x50a7cfc7ba588784ull}, {63, 0x5e3e54b431c7493cull}, {64, 0x0eb64b3ef6eeb01full},
      {100, 0xa61f8d4c170fe531ull}};
  for (const auto& [n, sum] : known) {
    INFO(n << " bytes");
    CHECK(xxh64(bytes.data(), n) == sum);
  }
}
