// BinLookup::build: each segment's first bin, from one representative value per segment.
#include "src/ruleset/bin_lookup.hpp"

#include <algorithm>

namespace crm::internal {

std::optional<BinLookup> BinLookup::build(std::span<const IntervalSet* const> bins) {
  std::vector<Decimal> points;
  for (const IntervalSet* set : bins)
    for (const Interval& i : set->intervals()) {
      if (i.low) points.push_back(*i.low);
      if (i.high) points.push_back(*i.high);
    }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());

  BinLookup lookup;
  const Decimal one_unit = *Decimal::from_parts(1, Decimal::max_scale);  // 10^-18
  auto first_holding = [&](const Decimal& x) {
    for (std::size_t b = 0; b < bins.size(); ++b)
      if (bins[b]->contains(x)) return static_cast<std::uint32_t>(b);
    return none;
  };
  for (std::size_t i = 0; i <= points.size(); ++i) {
    // The open segment before points[i] (after the last point when i == size): its
    // representative is just above the previous point (or just below the next one). An
    // empty segment between two neighbouring values of 10^-18 holds no decimal at all.
    std::uint32_t open = none;
    if (points.empty()) {
      open = first_holding(Decimal());
    } else if (i == 0) {
      auto below = points[0].sub(one_unit);
      if (!below) return std::nullopt;
      open = first_holding(*below);
    } else {
      auto above = points[i - 1].add(one_unit);
      if (!above) return std::nullopt;
      if (i == points.size() || *above < points[i]) open = first_holding(*above);
    }
    lookup.first_bin_.push_back(open);
    if (i < points.size()) {
      lookup.keys_.push_back(decimal_key(points[i]));
      lookup.first_bin_.push_back(first_holding(points[i]));
    }
  }
  return lookup;
}

}  // namespace crm::internal
