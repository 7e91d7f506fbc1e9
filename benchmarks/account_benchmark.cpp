// Planning a key account with the built-in rules: 20 stakeholders and 10 criteria, from
// the document (read, check, plan) and from an Account already read. Target: under 50 µs.
//
//   build/release/benchmarks/crmrules_account_benchmark --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <string>

#include "crmrules/account.hpp"

namespace {

std::string account_of(int stakeholders, int criteria) {
  static const char* roles[] = {"decision_maker", "influencer", "purchaser", "technical_expert", "user"};
  static const char* attitudes[] = {"supporter", "neutral", "opponent", "unknown"};
  static const char* behaviours[] = {"listened", "shared_interest", "helped_customer", "helped_circle", "strategic_partner"};
  static const char* importance[] = {"high", "medium", "low"};
  static const char* position[] = {"meets", "strong", "weak", "cannot_meet"};
  std::string s = R"({"customer": {"name": "东风集团", "grade": "A1"}, "deal_size": "large", "stakeholders": [)";
  for (int i = 0; i < stakeholders; ++i) {
    s += i ? ", " : "";
    s += R"({"name": "人员)" + std::to_string(i) + R"(", "title": "主任", "roles": [")" + roles[i % 5] +
         R"("], "attitude": ")" + attitudes[i % 4] + R"(", "needs": ["资源整合"], "focus": ["价格"], "behaviours": [")" +
         behaviours[i % 5] + R"("]})";
  }
  s += R"(], "purchase": {"steps": ["立项", "评估", "采购"], "timetable": "Q3", "stage": "evaluation"},
    "traits": {"cooperation": "strategic", "shared_ownership": true, "order": ["long_cycle", "big_decision_impact"]},
    "criteria": [)";
  for (int i = 0; i < criteria; ++i) {
    s += i ? ", " : "";
    s += R"({"name": "准则)" + std::to_string(i) + R"(", "importance": ")" + importance[i % 3] + R"(", "position": ")" +
         position[i % 4] + R"(", "from_explicit_need": )" + (i % 5 == 0 ? "true" : "false") + "}";
  }
  return s + R"(], "competitors": [{"name": "佳能", "cards": ["品牌"]}], "implementation": {"effort": "hard", "return": "little"}})";
}

void BM_PlanFromJson(benchmark::State& state) {
  const auto& planner = crm::account::Planner::builtin();
  const std::string doc = account_of(20, 10);
  for (auto _ : state) {
    auto plan = planner.plan(doc);
    if (!plan) state.SkipWithError(plan.error().to_string().c_str());
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_PlanFromJson)->Unit(benchmark::kMicrosecond);

void BM_PlanFromAccount(benchmark::State& state) {
  const auto& planner = crm::account::Planner::builtin();
  const auto account = planner.read(account_of(20, 10));
  if (!account) return state.SkipWithError(account.error().to_string().c_str());
  for (auto _ : state) {
    auto plan = planner.plan(*account);
    if (!plan) state.SkipWithError(plan.error().to_string().c_str());
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_PlanFromAccount)->Unit(benchmark::kMicrosecond);

void BM_PlanToJson(benchmark::State& state) {
  const auto plan = crm::account::Planner::builtin().plan(account_of(20, 10));
  if (!plan) return state.SkipWithError(plan.error().to_string().c_str());
  for (auto _ : state) benchmark::DoNotOptimize(plan->to_json());
}
BENCHMARK(BM_PlanToJson)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
