// BinLookup: the first interval set holding a number, by integer keys, against testing
// the sets one by one.
#include <catch2/catch.hpp>

#include <random>

#include "src/ruleset/bin_lookup.hpp"
#include "tests/cpp/decimals.hpp"

using crm::Decimal;
using crm::Interval;
using crm::IntervalSet;
using crm::internal::BinLookup;

namespace {

std::optional<std::size_t> first_holding(const std::vector<IntervalSet>& bins, const Decimal& x) {
  for (std::size_t b = 0; b < bins.size(); ++b)
    if (bins[b].contains(x)) return b;
  return std::nullopt;
}

BinLookup build(const std::vector<IntervalSet>& bins) {
  std::vector<const IntervalSet*> sets;
  for (const auto& b : bins) sets.push_back(&b);
  auto lookup = BinLookup::build(sets);
  REQUIRE(lookup.has_value());
  return *lookup;
}

}  // namespace

TEST_CASE("bin lookup: descending thresholds, a catch-all, and the edges", "[rules][scorecard]") {
  // >= 100, >= 50, [10..50), > 0 (overlapping the one before), everything
  const std::vector<IntervalSet> bins = {
      IntervalSet(Interval::above(dec("100"), true)), IntervalSet(Interval::above(dec("50"), true)),
      IntervalSet(Interval::between(dec("10"), true, dec("50"), false)), IntervalSet(Interval::above(dec("0"), false)),
      IntervalSet::everything()};
  const BinLookup lookup = build(bins);
  CHECK(lookup.find(dec("100")) == 0u);
  CHECK(lookup.find(dec("99.999999999999999999")) == 1u);
  CHECK(lookup.find(dec("50.00")) == 1u);
  CHECK(lookup.find(dec("49.9")) == 2u);
  CHECK(lookup.find(dec("10")) == 2u);
  CHECK(lookup.find(dec("9.99")) == 3u);
  CHECK(lookup.find(dec("0.000000000000000001")) == 3u);
  CHECK(lookup.find(dec("0")) == 4u);
  CHECK(lookup.find(dec("-99999999999999999999")) == 4u);
  CHECK(lookup.find(dec("99999999999999999999.999999999999999999")) == 0u);
}

TEST_CASE("bin lookup: no bin, points, and neighbours 10^-18 apart", "[rules][scorecard]") {
  const std::vector<IntervalSet> bins = {
      IntervalSet(Interval::point(dec("5"))),
      IntervalSet(Interval::between(dec("1"), false, dec("1.000000000000000001"), false)),  // holds no decimal
      IntervalSet(Interval::between(dec("1"), true, dec("1.000000000000000001"), true)),
      IntervalSet(Interval::below(dec("-2.5"), true))};
  const BinLookup lookup = build(bins);
  CHECK(lookup.find(dec("5.000")) == 0u);
  CHECK(lookup.find(dec("5.000000000000000001")) == std::nullopt);
  CHECK(lookup.find(dec("1")) == 2u);
  CHECK(lookup.find(dec("1.000000000000000001")) == 2u);
  CHECK(lookup.find(dec("1.000000000000000002")) == std::nullopt);
  CHECK(lookup.find(dec("-2.5")) == 3u);
  CHECK(lookup.find(dec("-2.499999999999999999")) == std::nullopt);
  CHECK(lookup.find(dec("0")) == std::nullopt);
}

TEST_CASE("bin lookup gives the first holding set for random bins and values", "[rules][scorecard]") {
  std::mt19937_64 rng(20261129);
  const char* points[] = {"-1000", "-2.5", "0", "0.000000000000000001", "0.03", "0.030", "1", "7.25", "10",
                          "10.000000000000000001", "99999999", "123456789012.345678"};
  auto pick = [&] { return dec(points[rng() % std::size(points)]); };
  auto random_interval = [&] {
    Decimal a = pick(), b = pick();
    if (b < a) std::swap(a, b);
    switch (rng() % 4) {
      case 0: return Interval::point(a);
      case 1: return Interval::below(b, rng() % 2 == 0);
      case 2: return Interval::above(a, rng() % 2 == 0);
      default: return Interval::between(a, rng() % 2 == 0, b, rng() % 2 == 0);
    }
  };
  const Decimal tiny = *Decimal::from_parts(1, 18);
  for (int round = 0; round < 300; ++round) {
    std::vector<IntervalSet> bins(1 + rng() % 6);
    for (auto& set : bins) {
      set = IntervalSet(random_interval());
      if (rng() % 3 == 0) set = set.unite(IntervalSet(random_interval()));
    }
    const BinLookup lookup = build(bins);
    for (const char* p : points) {
      const Decimal x = dec(p);
      for (const Decimal& v : {x, *x.sub(tiny), *x.add(tiny), *x.add(dec("0.5"))}) {
        INFO("round " << round << ", x = " << v.to_string());
        CHECK(lookup.find(v) == first_holding(bins, v));
      }
    }
  }
}
