// The workload the decimal benchmarks share: 1024 varied records of 10 factor values
// (money amounts from 0 to 10^7 with 0..2 decimals, such as 5000000, 870000.50 and 7)
// and one scorecard of 10 weights (0.15, 0.075, -0.05, ...). Made once, from a fixed
// seed, so every run and every variant (C++ API, C ABI) sees the same numbers.
//
// The benchmarks step through the records one per iteration, wrapping at 1024, so the
// Time column is the cost of one record and no result can be cached from the previous
// iteration.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "crmrules/decimal.hpp"

namespace crm_bench {

inline constexpr std::size_t record_count = 1024;  // a power of two: the index wraps with a mask
inline constexpr std::size_t record_mask = record_count - 1;
inline constexpr std::size_t factor_count = 10;

using Factors = std::array<crm::Decimal, factor_count>;

/// A crm::Decimal from its parts; the parts are always in range here.
inline crm::Decimal make(std::int64_t coefficient, int scale) {
  return *crm::Decimal::from_parts(coefficient, scale);
}

/// The scorecard: 10 weights with 2 or 3 decimals, some negative.
inline const Factors& weights() {
  static const Factors w = {make(15, 2),  make(75, 3),  make(-5, 2),  make(2, 1),   make(125, 3),
                            make(1, 1),   make(5, 2),   make(-25, 3), make(3, 1),   make(35, 3)};
  return w;
}

/// A money amount: an integer part spread over 0..10^7 (every order of magnitude about
/// equally likely, so 7, 4200 and 5000000 all occur) and 0, 1 or 2 decimals.
inline crm::Decimal money(std::mt19937_64& rng) {
  const int digits = std::uniform_int_distribution<int>(1, 7)(rng);
  std::int64_t whole = std::uniform_int_distribution<std::int64_t>(0, 9)(rng);
  for (int d = 1; d < digits; ++d) whole = whole * 10 + std::uniform_int_distribution<std::int64_t>(0, 9)(rng);
  const int scale = std::uniform_int_distribution<int>(0, 2)(rng);
  std::int64_t coefficient = whole;
  for (int s = 0; s < scale; ++s) coefficient = coefficient * 10 + std::uniform_int_distribution<std::int64_t>(0, 9)(rng);
  return make(coefficient, scale);
}

/// The 1024 records, each 10 factor values.
inline const std::vector<Factors>& records() {
  static const std::vector<Factors> r = [] {
    std::mt19937_64 rng(20240611);
    std::vector<Factors> out(record_count);
    for (auto& rec : out)
      for (auto& f : rec) f = money(rng);
    return out;
  }();
  return r;
}

/// Σ factors[i] × weights[i], as application code writes it: every step checked. Not
/// inlined into the benchmark loop: one call per record, as an application's scoring
/// function would be, and a named function for profilers (callgrind, perf).
[[gnu::noinline]] inline crm::expected<crm::Decimal> weighted_sum(const Factors& factors, const Factors& w) {
  crm::Decimal sum;
  for (std::size_t i = 0; i < factor_count; ++i) {
    auto product = factors[i].mul(w[i]);
    if (!product) return product;
    auto next = sum.add(*product);
    if (!next) return next;
    sum = *next;
  }
  return sum;
}

}  // namespace crm_bench
