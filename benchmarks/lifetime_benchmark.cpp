// Retention and lifetime value, against the targets: fitting BG/NBD on CDNOW (2,357
// customers) under 100 ms, scoring 1,000,000 customers (P(alive), expected purchases, CLV)
// under 1 s; and reading + summarising transactions from CSV text (per row). The
// whole-process target (10,000,000 transaction rows summarised under 10 s and 1 GB) is
// measured by benchmarks/lifetime_whole_process.sh.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "crmrules/lifetime.hpp"

namespace lt = crm::lifetime;

namespace {

const lt::Summary& cdnow() {
  static const lt::Summary s =
      *lt::read_summary_csv_file(std::string(CRM_TEST_DATA) + "/cdnow/cdnow_customers_summary_with_transactions.csv");
  return s;
}

void BM_FitBgNbdCdnow(benchmark::State& state) {
  for (auto _ : state) {
    auto bg = lt::BgNbd::fit(cdnow());
    if (!bg) state.SkipWithError("fit failed");
    benchmark::DoNotOptimize(bg);
  }
}
BENCHMARK(BM_FitBgNbdCdnow)->Unit(benchmark::kMillisecond);

void BM_FitGammaGammaCdnow(benchmark::State& state) {
  for (auto _ : state) {
    auto gg = lt::GammaGamma::fit(cdnow());
    if (!gg) state.SkipWithError("fit failed");
    benchmark::DoNotOptimize(gg);
  }
}
BENCHMARK(BM_FitGammaGammaCdnow)->Unit(benchmark::kMillisecond);

/// n customers: the CDNOW sample over and over, each copy a little older (so hardly two
/// customers share an age and the scorer's shared hypergeometric terms do not flatter it),
/// each scored for P(alive), the expected purchases in 52 weeks, the expected average
/// profit and CLV over 12 months. Arguments: customers, threads.
void BM_Score(benchmark::State& state) {
  const auto& s = cdnow();
  const auto bg = *lt::BgNbd::fit(s);
  const auto gg = *lt::GammaGamma::fit(s);
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<double> x(n), t_x(n), T(n), m(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& c = s.customers[i % s.customers.size()];
    x[i] = c.frequency, t_x[i] = c.recency, T[i] = c.T + 0.001 * static_cast<double>(i / s.customers.size());
    m[i] = c.monetary_value;
  }
  for (auto _ : state) {
    auto scores = lt::score(bg, gg, x, t_x, T, m, 52, {}, static_cast<unsigned>(state.range(1)));
    if (!scores) state.SkipWithError("score failed");
    benchmark::DoNotOptimize(scores);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Score)->Args({1'000'000, 1})->Args({1'000'000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

/// 1,000,000 transaction rows (100,000 customers over two years) read and summarised.
void BM_SummarizeCsv(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::string csv = "customer,date,amount\n";
  char row[64];
  for (int i = 0; i < n; ++i) {
    const int customer = i % (n / 10), day = (i * 7919) % 730;
    std::snprintf(row, sizeof row, "C%07d,%04d-%02d-%02d,%d.%02d\n", customer, 2023 + day / 365, 1 + day % 365 / 31,
                  1 + day % 365 % 28, 10 + i % 90, i % 100);
    csv += row;
  }
  for (auto _ : state) {
    auto log = lt::TransactionLog::read_csv(csv);
    auto s = log ? lt::summarize(*log) : crm::unexpected(log.error());
    if (!s) state.SkipWithError(s.error().to_string().c_str());
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
}
BENCHMARK(BM_SummarizeCsv)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
