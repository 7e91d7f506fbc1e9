// Private: the first of a list of interval sets that holds a number, found by comparing
// plain 128-bit integers (the scorecard's bins of constant intervals).
//
//   std::vector<const IntervalSet*> bins = ...;               // in the order they are tried
//   std::optional<BinLookup> lookup = BinLookup::build(bins);
//   std::optional<std::size_t> b = lookup->find(x);           // the first bin holding x
//
// Every decimal is exactly an integer count of 10^-18 (its key: |coefficient| <
// 10^(20+scale), so times 10^(18-scale) stays below 10^38 < 2^127), and keys order as the
// decimals do. The sorted distinct endpoints of all the bins' intervals p0 < ... < pk-1
// cut the line into segments (-inf..p0) [p0] (p0..p1) ... [pk-1] (pk-1..+inf), each held
// entirely or not at all by every interval; build() records each segment's first bin.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/interval.hpp"

namespace crm::internal {

/// The decimal as a count of 10^-18: exact and order-preserving (|value| < 10^20, so the
/// key stays below 10^38 < 2^127).
[[gnu::always_inline]] inline int128 decimal_key(const Decimal& d) noexcept {
  return d.coefficient() * static_cast<int128>(pow10[Decimal::max_scale - d.scale()]);
}

class BinLookup {
 public:
  /// nullopt when a segment has no representative decimal in range (endpoints at the
  /// very limits of the range), which leaves the caller to test the sets one by one.
  static std::optional<BinLookup> build(std::span<const IntervalSet* const> bins);

  /// The first bin whose set holds x; nullopt when none does.
  [[nodiscard]] std::optional<std::size_t> find(const Decimal& x) const noexcept {
    const int128 key = decimal_key(x);
    std::size_t below = 0;  // endpoints below x
    while (below < keys_.size() && keys_[below] < key) ++below;
    const std::size_t segment = 2 * below + (below < keys_.size() && keys_[below] == key ? 1 : 0);
    const std::uint32_t bin = first_bin_[segment];
    if (bin == none) return std::nullopt;
    return bin;
  }

 private:
  static constexpr std::uint32_t none = ~std::uint32_t{0};
  std::vector<int128> keys_;            // the endpoints' keys, ascending
  std::vector<std::uint32_t> first_bin_;  // per segment (2 * keys + 1 of them)
};

}  // namespace crm::internal
