// The expression language's string search, contains(text, part), on texts of 0.2, 2 and
// 20 MB: the time per call grows with the text and no faster, whatever the bytes.
//
//   build-bench/benchmarks/crmrules_expression_benchmark
//
// "attack" is the case that made a search comparing the part at every place quadratic:
// a text of "a" and a part "aa...ab" (2 MB and 100 KB took 6.5 s). "words" is a
// plain-text case (a sentence repeated, the part not in it). BM_StdFind_Attack shows the
// search contains() used before, on smaller sizes (it is quadratic: 2 MB would take
// seconds per call). The Time column is per call; bytes_per_second is of the text.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/expression.hpp"

namespace {

/// A text of `size` bytes and a part of `part_size` that it does not contain.
struct Case {
  std::string text, part;
};

Case attack(std::size_t size, std::size_t part_size) {
  return {std::string(size, 'a'), std::string(part_size - 1, 'a') + "b"};
}

Case words(std::size_t size, std::size_t part_size) {
  Case c;
  while (c.text.size() < size) c.text += "the customer asked for a quote on the premium plan; ";
  c.text.resize(size);
  c.part = c.text.substr(4, part_size);  // a near miss: its last byte differs
  c.part.back() = '#';
  return c;
}

void run_contains(benchmark::State& state, const Case& c) {
  crm::Scope scope;
  if (!scope.add("text", crm::Type::string) || !scope.add("part", crm::Type::string)) {
    state.SkipWithError("scope");
    return;
  }
  auto contains = crm::Expression::compile("contains(text, part)", scope);
  if (!contains) {
    state.SkipWithError(contains.error().to_string().c_str());
    return;
  }
  const std::vector<crm::Value> slots{crm::Value(c.text), crm::Value(c.part)};
  crm::EvalScratch scratch;
  crm::ValueView out;
  for (auto _ : state) {
    if (auto ok = contains->evaluate(slots, scratch, out); !ok || out.as_bool()) {
      state.SkipWithError("contains found a part that is not there");
      return;
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.text.size()));
}

void BM_Contains_Attack(benchmark::State& state) {
  run_contains(state, attack(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1))));
}
BENCHMARK(BM_Contains_Attack)
    ->ArgNames({"text", "part"})
    ->Args({200'000, 10'000})
    ->Args({2'000'000, 100'000})
    ->Args({20'000'000, 100'000})
    ->Args({2'000'000, 31})  // the longest part std::string_view::find still searches
    ->Unit(benchmark::kMillisecond);

void BM_Contains_Words(benchmark::State& state) {
  run_contains(state, words(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1))));
}
BENCHMARK(BM_Contains_Words)
    ->ArgNames({"text", "part"})
    ->Args({2'000'000, 8})
    ->Args({2'000'000, 40})
    ->Args({2'000'000, 100'000})
    ->Args({20'000'000, 40})
    ->Unit(benchmark::kMillisecond);

/// The search contains() used before: std::string_view::find, quadratic on the attack.
void BM_StdFind_Attack(benchmark::State& state) {
  const Case c = attack(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  for (auto _ : state) benchmark::DoNotOptimize(std::string_view(c.text).find(c.part));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.text.size()));
}
BENCHMARK(BM_StdFind_Attack)
    ->ArgNames({"text", "part"})
    ->Args({200'000, 10'000})
    ->Args({400'000, 20'000})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
