// The built-in default rule set (rules/default.json), per record: the whole rule set
// (value, credit, satisfaction, loyalty, service plan) and the value scorecard with the
// grade table alone, through a reused crm::Record and through evaluate_json.
//
//   build/release/benchmarks/crmrules_builtin_benchmark
//
// Each iteration evaluates one customer (of 1024 varied, deterministic ones), so Time is
// per record. benchmarks/compare/run.sh puts the value part side by side with ZEN.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "crmrules/rule_set.hpp"

namespace {

constexpr std::size_t customer_count = 1024;

struct Customer {
  std::vector<std::pair<std::string, crm::Value>> inputs;
  std::string json;
};

/// Varied customers with every input of the built-in rule set given.
const std::vector<Customer>& customers() {
  static const std::vector<Customer> all = [] {
    std::mt19937_64 rng(20240601);
    auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    auto pick = [&](std::initializer_list<const char*> items) {
      return *(items.begin() + std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng));
    };
    std::vector<Customer> out;
    for (std::size_t i = 0; i < customer_count; ++i) {
      const auto purchases = static_cast<long long>(std::pow(10.0, uniform(4, 8.5)));
      const auto money = [](double x) { return crm::Decimal::from_int(static_cast<long long>(x)); };
      Customer c;
      c.inputs = {
          {"id", crm::Value("C" + std::to_string(i))},
          {"annual_purchases", crm::Decimal::from_int(purchases)},
          {"annual_discount", money(static_cast<double>(purchases) * uniform(0, 0.3))},
          {"contact_cost", money(static_cast<double>(purchases) * uniform(0, 0.1))},
          {"annual_net_profit", money(static_cast<double>(purchases) * uniform(-0.05, 0.2))},
          {"historical_contribution", money(static_cast<double>(purchases) * uniform(0, 1))},
          {"cooperation", crm::Decimal::from_int(static_cast<long long>(uniform(0, 10.99)))},
          {"budgeted_total_profit", money(static_cast<double>(purchases) * uniform(0, 2))},
          {"background", crm::Value(pick({"none", "technology", "government", "capital", "brand"}))},
          {"potential", crm::Value(pick({"A1", "A2", "A3", "B1", "B2", "C1", "C2"}))},
          {"influence", crm::Value(pick({"A1", "A2", "A3", "B1", "B2", "C1", "C2"}))},
          {"character", crm::Decimal::from_int(static_cast<long long>(uniform(0, 10.99)))},
          {"capacity", crm::Decimal::from_int(static_cast<long long>(uniform(0, 10.99)))},
          {"bad_records", crm::Decimal::from_int(static_cast<long long>(uniform(0, 3)))},
          {"repeat_purchase", crm::Value(uniform(0, 1) < 0.6)},
          {"cooperates", crm::Value(uniform(0, 1) < 0.5)},
          {"referrals", crm::Decimal::from_int(static_cast<long long>(uniform(0, 3)))},
          {"satisfaction", crm::Value(pick({"很满意", "satisfied", "5", "一般满意", "3", "dissatisfied", "1"}))},
      };
      boost::json::object o;
      for (const auto& [name, v] : c.inputs) {
        if (v.kind() == crm::ValueKind::string) o[name] = v.as_string();
        else if (v.kind() == crm::ValueKind::boolean) o[name] = v.as_bool();
        else o[name] = boost::json::parse(v.to_string());
      }
      c.json = boost::json::serialize(o);
      out.push_back(std::move(c));
    }
    return out;
  }();
  return all;
}

/// The built-in rule set cut to the value scorecard and the grade table.
const crm::RuleSet& value_rules() {
  static const crm::RuleSet rules = [] {
    boost::json::value doc = boost::json::parse(crm::RuleSet::builtin_json());
    boost::json::array kept;
    for (const auto& d : doc.as_object()["decisions"].as_array()) {
      const auto& name = d.as_object().at("name").as_string();
      if (name == "discount_rate" || name == "contact_cost_rate" || name == "value" || name == "value_grade")
        kept.push_back(d);
    }
    doc.as_object()["decisions"] = std::move(kept);
    doc.as_object().erase("tests");
    return *crm::RuleSet::load(boost::json::serialize(doc));
  }();
  return rules;
}

void run_record(benchmark::State& state, const crm::RuleSet& rules) {
  const auto& all = customers();
  std::vector<std::vector<std::pair<std::size_t, crm::Value>>> slotted;
  for (const auto& c : all) {
    slotted.emplace_back();
    for (const auto& [name, v] : c.inputs)
      if (auto slot = rules.schema().slot_of(name)) slotted.back().emplace_back(*slot, v);
  }
  crm::Record record = rules.new_record();
  const std::size_t grade = *rules.output_index("value_grade");
  std::size_t i = 0;
  for (auto _ : state) {
    record.clear();
    for (const auto& [slot, v] : slotted[i]) (void)record.set(slot, v);
    if (!rules.evaluate(record) || record.outputs()[grade].is_null()) {
      state.SkipWithError("evaluation failed");
      break;
    }
    benchmark::DoNotOptimize(record.outputs()[grade]);
    i = (i + 1) % slotted.size();
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Builtin_Record(benchmark::State& state) { run_record(state, crm::RuleSet::builtin()); }
void BM_Builtin_ValueOnly_Record(benchmark::State& state) { run_record(state, value_rules()); }

void run_json(benchmark::State& state, const crm::RuleSet& rules) {
  const auto& all = customers();
  std::size_t i = 0;
  for (auto _ : state) {
    auto out = rules.evaluate_json(all[i].json);
    if (!out || out->find("value_grade") == std::string::npos) {
      state.SkipWithError(out ? "no value_grade" : out.error().to_string().c_str());
      break;
    }
    benchmark::DoNotOptimize(out->data());
    i = (i + 1) % all.size();
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Builtin_Json(benchmark::State& state) { run_json(state, crm::RuleSet::builtin()); }
void BM_Builtin_ValueOnly_Json(benchmark::State& state) { run_json(state, value_rules()); }

void BM_Builtin_FirstUse(benchmark::State& state) {
  for (auto _ : state) {
    auto rules = crm::RuleSet::load(crm::RuleSet::builtin_json());
    if (!rules) state.SkipWithError("load failed");
    benchmark::DoNotOptimize(rules);
  }
}

}  // namespace

BENCHMARK(BM_Builtin_Record);
BENCHMARK(BM_Builtin_ValueOnly_Record);
BENCHMARK(BM_Builtin_Json);
BENCHMARK(BM_Builtin_ValueOnly_Json);
BENCHMARK(BM_Builtin_FirstUse)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
