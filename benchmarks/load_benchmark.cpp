// Loading rule sets as they grow: load time (and so memory) must grow linearly with the
// document, so that no rule set an attacker writes takes the host's time. Each case at
// 1x, 10x and 100x its size:
//   BM_LoadChain/N        N decisions, each reading the one before (a chain N links deep)
//   BM_LoadInputs/N       N inputs, one decision reading the last
//   BM_LoadDuplicateKey/N a document whose last member repeats the first key of an object
//                         of N members (refused: duplicate key)
//   BM_UnknownName/N      a decision reading an unknown field of N characters among 1,000
//                         inputs (refused, with "did you mean" looked for)
//
//   build/release/benchmarks/crmrules_load_benchmark
#include <benchmark/benchmark.h>

#include <string>

#include "crmrules/rule_set.hpp"

namespace {

std::string rule_set(const std::string& inputs, const std::string& decisions) {
  return R"({"crmrules": 1, "name": "load", "version": "1", "inputs": {)" + inputs + R"(}, "decisions": [)" +
         decisions + "]}";
}

std::string chain(int links) {
  std::string decisions;
  decisions.reserve(static_cast<std::size_t>(links) * 48);
  for (int i = 0; i < links; ++i) {
    decisions += i ? ", " : "";
    decisions += R"({"name": "d)" + std::to_string(i) + R"(", "expression": ")" +
                 (i ? "d" + std::to_string(i - 1) : std::string("x")) + " + 1\"}";
  }
  return rule_set(R"("x": {"type": "decimal"})", decisions);
}

std::string many_inputs(int count) {
  std::string inputs;
  inputs.reserve(static_cast<std::size_t>(count) * 32);
  for (int i = 0; i < count; ++i) inputs += (i ? ", \"i" : "\"i") + std::to_string(i) + R"(": {"type": "decimal"})";
  return rule_set(inputs, R"({"name": "last", "expression": "i)" + std::to_string(count - 1) + R"( * 2"})");
}

std::string duplicate_key(int members) {
  std::string inputs;
  inputs.reserve(static_cast<std::size_t>(members) * 32);
  for (int i = 0; i < members; ++i) inputs += (i ? ", \"i" : "\"i") + std::to_string(i) + R"(": {"type": "decimal"})";
  inputs += R"(, "i0": {"type": "string"})";
  return rule_set(inputs, "");
}

std::string unknown_name(int length) {
  std::string inputs;
  for (int i = 0; i < 1000; ++i) inputs += (i ? ", \"i" : "\"i") + std::to_string(i) + R"(": {"type": "decimal"})";
  return rule_set(inputs, R"({"name": "d", "expression": ")" + std::string(static_cast<std::size_t>(length), 'q') +
                              R"( + 1"})");
}

template <std::string (*make)(int)>
void load(benchmark::State& state, bool should_load) {
  const std::string json = make(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto rules = crm::RuleSet::load(json);
    if (rules.has_value() != should_load) {
      state.SkipWithError(rules ? "loaded, but should not" : rules.error().to_string().c_str());
      break;
    }
    benchmark::DoNotOptimize(rules);
  }
  state.counters["bytes"] = static_cast<double>(json.size());
}

void BM_LoadChain(benchmark::State& state) { load<chain>(state, true); }
void BM_LoadInputs(benchmark::State& state) { load<many_inputs>(state, true); }
void BM_LoadDuplicateKey(benchmark::State& state) { load<duplicate_key>(state, false); }
void BM_UnknownName(benchmark::State& state) { load<unknown_name>(state, false); }

}  // namespace

BENCHMARK(BM_LoadChain)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadInputs)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadDuplicateKey)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_UnknownName)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
