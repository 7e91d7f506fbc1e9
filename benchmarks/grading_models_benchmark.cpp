// The grading models of issue 18: the four classes 主/次/辅/杂 of 100,000 customers (after
// ABC), one satisfaction rating of 10 attributes, and the profile completeness of 10,000
// customers from CSV against the built-in schema.
//
//   build/release/benchmarks/crmrules_grading_models_benchmark --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "crmrules/portfolio.hpp"
#include "crmrules/portfolio_classes.hpp"
#include "crmrules/profile.hpp"
#include "crmrules/satisfaction.hpp"

namespace {

/// Deterministic measures: profits of 0.01 .. 100,000,000.00 with ties and some losses.
std::vector<crm::Decimal> measures(std::size_t n) {
  std::vector<crm::Decimal> out;
  out.reserve(n);
  std::uint64_t x = 88172645463325252ULL;
  for (std::size_t i = 0; i < n; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const auto cents = static_cast<std::int64_t>(x % 10'000'000'000ULL) - (i % 50 == 0 ? 5'000'000 : 0);
    out.push_back(*crm::Decimal::from_parts(cents, 2));
  }
  return out;
}

void BM_FourClasses(benchmark::State& state) {
  const auto m = measures(static_cast<std::size_t>(state.range(0)));
  const auto p = crm::Portfolio::classify(m);
  const auto classes = crm::ShareClasses::four_class(crm::RuleSet::builtin());
  for (auto _ : state) benchmark::DoNotOptimize(classes->classify(*p));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_FourClasses)->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_SatisfactionRating(benchmark::State& state) {
  std::vector<crm::satisfaction::Attribute> product;
  for (int i = 0; i < 10; ++i)
    product.push_back({"属性" + std::to_string(i), *crm::Decimal::parse(std::to_string(5 + i % 5) + ".5"),
                       crm::Decimal::from_int(10), crm::Decimal::from_int(1 + i % 3)});
  const auto& settings = crm::satisfaction::Settings::builtin();
  for (auto _ : state) benchmark::DoNotOptimize(crm::satisfaction::rate(product, settings));
}
BENCHMARK(BM_SatisfactionRating);

void BM_ProfileCsv(benchmark::State& state) {
  std::string csv = "id,名称,地址,规模,电话,法人,销售情况,利润情况,信用额度,应收账期,满意程度,特别要求,定岗定员\n";
  for (int i = 0; i < state.range(0); ++i)
    csv += "C" + std::to_string(i) + ",客户" + std::to_string(i) + ",深圳," + (i % 3 ? "大型" : "") +
           ",0755,法人,1亿,2000万,500万,60,满意," + (i % 4 ? "" : "红色") + "," + (i % 7 ? "张三" : "") + "\n";
  for (auto _ : state) benchmark::DoNotOptimize(crm::profile::assess_csv(csv));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
}
BENCHMARK(BM_ProfileCsv)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
