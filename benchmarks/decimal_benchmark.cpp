// crm::Decimal through the C++ API: parse, add, multiply (the native path and the wide
// path), divide, and the 10-factor weighted sum per record that the design's speed
// figure is about (target: at most 100 ns per record in a Release build).
//
//   build-bench/benchmarks/crmrules_decimal_benchmark --benchmark_filter=WeightedSum
//
// Every benchmark processes one operation (or one record) per iteration, stepping
// through 1024 precomputed operands, so the Time column is ns per operation (per record
// for the weighted sums) and items_per_second its inverse.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/decimal.hpp"
#include "weighted_sum_data.hpp"

namespace {

using crm::Decimal;
using crm_bench::make;
using crm_bench::record_count;
using crm_bench::record_mask;

/// The value an expected holds; stops the benchmark with a message if it holds an error
/// (the smoke test fails on "ERROR OCCURRED").
template <class T>
bool check(benchmark::State& state, const crm::expected<T>& result) {
  if (result) return true;
  state.SkipWithError(result.error().to_string().c_str());
  return false;
}

// ---- parse ---------------------------------------------------------------------------

void BM_Parse(benchmark::State& state, std::string_view text) {
  if (!check(state, Decimal::parse(text))) return;
  for (auto _ : state) {
    benchmark::DoNotOptimize(text);
    auto d = Decimal::parse(text);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Parse, integer, std::string_view("5000000"));
BENCHMARK_CAPTURE(BM_Parse, money, std::string_view("870000.50"));
BENCHMARK_CAPTURE(BM_Parse, weight, std::string_view("-0.075"));
BENCHMARK_CAPTURE(BM_Parse, long_fraction, std::string_view("12345678901234567.123456789012345678"));
BENCHMARK_CAPTURE(BM_Parse, exponent, std::string_view("2.5E-3"));

// ---- add -----------------------------------------------------------------------------

/// Money + money, the scales differing in two thirds of the pairs (so align() works).
void BM_Add(benchmark::State& state) {
  std::vector<Decimal> a, b;
  for (const auto& rec : crm_bench::records()) {
    a.push_back(rec[0]);
    b.push_back(rec[1]);
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto sum = a[i].add(b[i]);
    benchmark::DoNotOptimize(sum);
    i = (i + 1) & record_mask;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Add);

// ---- multiply ------------------------------------------------------------------------

/// Money × weight (scale ≤ 2 times scale 2..3): the native 128-bit path.
void BM_Mul_MoneyByWeight(benchmark::State& state) {
  const auto& records = crm_bench::records();
  const auto& w = crm_bench::weights();
  std::size_t i = 0;
  for (auto _ : state) {
    auto product = records[i][i % 10].mul(w[i % 10]);
    benchmark::DoNotOptimize(product);
    i = (i + 1) & record_mask;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Mul_MoneyByWeight);

/// A rate with 15 decimals × a factor with 12: 27 fractional digits, so the product goes
/// through mul_wide (256-bit product, rounded half-even back to 18 digits).
void BM_Mul_Wide(benchmark::State& state) {
  std::mt19937_64 rng(7);
  std::vector<Decimal> a, b;
  for (std::size_t k = 0; k < record_count; ++k) {
    a.push_back(make(std::uniform_int_distribution<std::int64_t>(1, 99'999'999'999'999'999)(rng), 15));
    b.push_back(make(std::uniform_int_distribution<std::int64_t>(1, 999'999'999'999)(rng), 12));
  }
  if (!check(state, a[0].mul(b[0]))) return;
  if (a[0].mul(b[0])->scale() != Decimal::max_scale) {
    state.SkipWithError("BM_Mul_Wide's product does not need the wide path");
    return;
  }
  std::size_t i = 0;
  for (auto _ : state) {
    auto product = a[i].mul(b[i]);
    benchmark::DoNotOptimize(product);
    i = (i + 1) & record_mask;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Mul_Wide);

// ---- divide --------------------------------------------------------------------------

/// Money / 1..12 to `scale` decimals, half-even: an amount per month (scale 2) or a share
/// (scale 18). Every division goes through 256-bit integers.
void BM_Div(benchmark::State& state) {
  const int scale = static_cast<int>(state.range(0));
  const auto& records = crm_bench::records();
  std::vector<Decimal> divisors;
  for (std::size_t k = 0; k < record_count; ++k) divisors.push_back(Decimal::from_int(static_cast<std::int64_t>(k % 12 + 1)));
  std::size_t i = 0;
  for (auto _ : state) {
    auto quotient = records[i][0].div(divisors[i], scale);
    benchmark::DoNotOptimize(quotient);
    i = (i + 1) & record_mask;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Div)->ArgName("scale")->Arg(2)->Arg(18);

// ---- the weighted sum ----------------------------------------------------------------

/// Σ factor × weight over 10 factors, one record per iteration: Time is ns per record.
void BM_WeightedSum(benchmark::State& state) {
  const auto& records = crm_bench::records();
  const auto& w = crm_bench::weights();
  for (const auto& rec : records)
    if (!check(state, crm_bench::weighted_sum(rec, w))) return;
  std::size_t i = 0;
  for (auto _ : state) {
    auto sum = crm_bench::weighted_sum(records[i], w);
    benchmark::DoNotOptimize(sum);
    i = (i + 1) & record_mask;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("per record, C++ API");
}
BENCHMARK(BM_WeightedSum);

}  // namespace
