// Rule sets: evaluation through the C++ API, the C ABI and JSON, a 10,000-row table,
// and loading that table. Targets (issue "The rules engine"): a 10-factor scorecard
// feeding a 7-row FIRST table at or under 1 µs per record through C++ and 2 µs through
// the C ABI with zero heap allocations per evaluation; JSON in/out at or under 10 µs;
// the 10,000-row table at or under 5 µs per record; loading it under 100 ms.
// BM_LoadTable and BM_EvaluateTable: tables of 1,000, 10,000 and 100,000 rows in three
// shapes, to show that loading grows linearly and evaluation stays flat;
// BM_IndexAndCheckTable: their index and load-time checks alone.
//
//   build/release/benchmarks/crmrules_rule_set_benchmark
//
// Each iteration evaluates one record (of 1024 varied ones), so Time is per record.
// The allocs_per_record counter counts calls of operator new during the timed loop.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "crmrules.h"

#include "count_allocations.hpp"
#include "src/expression/decimal_math.hpp"
#include "crmrules/rule_set.hpp"
#include "src/ruleset/compiled.hpp"
#include "src/ruleset/table_checks.hpp"

namespace {

constexpr std::size_t record_count = 1024;

/// Ten money-like factors, linear and binned transforms with weights (or, with
/// `log_factors`, that many log transforms first), feeding a seven-row FIRST table, as a
/// value assessment does.
std::string scorecard_rules(int log_factors = 0) {
  std::string inputs, factors;
  for (int i = 0; i < 10; ++i) {
    const std::string f = "f" + std::to_string(i);
    inputs += (i ? ", " : "") + ("\"" + f + "\": {\"type\": \"money\", \"required\": true}");
    std::string transform;
    if (i < log_factors) transform = R"({"log": {"from": [1000, 1000000000], "to": [0, 100]}})";
    else if (i < 7) transform = R"({"linear": {"from": [0, 100000000], "to": [0, 100]}})";
    else transform = R"j({"bins": [{"when": ">= 50000000", "points": 100}, {"when": "[1000000..50000000)", "points": 60}, {"when": "-", "points": 10}]})j";
    factors += (i ? ", " : "") + ("{\"name\": \"" + f + "\", \"expression\": \"" + f + "\", \"weight\": \"0.1\", \"baseline\": 5, \"transform\": " + transform + "}");
  }
  return R"({"crmrules": 1, "name": "bench", "version": "1", "inputs": {)" + inputs +
         R"(}, "decisions": [{"name": "value", "scorecard": {"output": "score", "scale": 2, "factors": [)" + factors +
         R"j(]}}, {"name": "grade", "table": {"hit_policy": "FIRST", "inputs": [{"expression": "score", "domain": "[0..100]"}],
           "outputs": ["grade"], "rows": [[">= 85", "'A1'"], ["[75..85)", "'A2'"], ["[65..75)", "'A3'"], ["[55..65)", "'B1'"],
           ["[45..55)", "'B2'"], ["[30..45)", "'C1'"], ["< 30", "'C2'"]]}}]})j";
}

std::vector<std::vector<crm::Decimal>> factor_values() {
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<std::int64_t> amount(0, 99999999);
  std::vector<std::vector<crm::Decimal>> records(record_count);
  for (auto& r : records)
    for (int i = 0; i < 10; ++i) r.push_back(*crm::Decimal::from_parts(amount(rng) * 100 + amount(rng) % 100, 2));
  return records;
}

crm::RuleSet load_or_die(const std::string& json) {
  auto rules = crm::RuleSet::load(json);
  if (!rules) {
    std::fprintf(stderr, "%s\n", rules.error().to_string().c_str());
    std::abort();
  }
  return std::move(*rules);
}

void BM_ScorecardTable_Cpp(benchmark::State& state) {
  const crm::RuleSet rules = load_or_die(scorecard_rules(static_cast<int>(state.range(0))));
  const auto values = factor_values();
  crm::Record record = rules.new_record();
  std::size_t k = 0;
  // One warm-up evaluation sizes the scratch space.
  for (std::size_t i = 0; i < 10; ++i) (void)record.set(i, values[0][i]);
  if (auto ok = rules.evaluate(record); !ok) state.SkipWithError(ok.error().to_string().c_str());
  const std::size_t before = allocations;
  for (auto _ : state) {
    const auto& v = values[k++ % record_count];
    for (std::size_t i = 0; i < 10; ++i) (void)record.set(i, v[i]);
    auto ok = rules.evaluate(record);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(record.outputs()[1]);
  }
  state.counters["allocs_per_record"] =
      benchmark::Counter(static_cast<double>(allocations - before) / static_cast<double>(state.iterations()));
  state.SetItemsProcessed(state.iterations());
}
// Arg: how many of the ten factors use a log transform (log10 is the slow part).
BENCHMARK(BM_ScorecardTable_Cpp)->Arg(0)->Arg(1);

/// log10 of varied money amounts: the integer fixed-point implementation, and (arg 1)
/// the 50-digit float it replaced, kept as the reference the tests compare against.
void BM_Log10(benchmark::State& state) {
  std::vector<crm::Decimal> xs;
  for (const auto& r : factor_values()) xs.push_back(r[0]);
  const bool reference = state.range(0) == 1;
  std::size_t k = 0;
  for (auto _ : state) {
    const crm::Decimal& x = xs[k++ % xs.size()];
    auto r = reference ? crm::internal::expression::decimal_log10_reference(x) : crm::internal::expression::decimal_log10(x);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Log10)->Arg(0)->Arg(1);

void BM_ScorecardTable_CAbi(benchmark::State& state) {
  const std::string json = scorecard_rules();
  crm_ruleset* rules = nullptr;
  crm_record* record = nullptr;
  if (crm_ruleset_load(&rules, json.data(), json.size(), nullptr) != CRM_OK ||
      crm_record_create(&record, rules, nullptr) != CRM_OK) {
    state.SkipWithError("cannot load");
    return;
  }
  std::vector<std::vector<crm_decimal>> values;
  for (const auto& r : factor_values()) {
    auto& row = values.emplace_back();
    for (const auto& d : r) {
      const std::string text = d.to_string();
      crm_decimal c{};
      if (crm_decimal_parse(&c, text.data(), text.size(), nullptr) != CRM_OK) {
        state.SkipWithError("cannot parse a factor");
        crm_record_free(record);
        crm_ruleset_free(rules);
        return;
      }
      row.push_back(c);
    }
  }
  std::size_t grade = 0;
  if (crm_ruleset_output_index(&grade, rules, "grade", 5, nullptr) != CRM_OK) {
    state.SkipWithError("no output 'grade'");
    crm_record_free(record);
    crm_ruleset_free(rules);
    return;
  }
  std::size_t k = 0;
  const std::size_t before = allocations;
  for (auto _ : state) {
    const auto& v = values[k++ % record_count];
    crm_status s = CRM_OK;
    for (std::size_t i = 0; i < 10 && s == CRM_OK; ++i) s = crm_record_set_decimal(record, i, &v[i], nullptr);
    if (s == CRM_OK) s = crm_ruleset_evaluate(rules, record, nullptr);
    const char* out = nullptr;
    std::size_t len = 0;
    if (s == CRM_OK) s = crm_record_output_string(&out, &len, record, grade, nullptr);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(out);
  }
  state.counters["allocs_per_record"] =
      benchmark::Counter(static_cast<double>(allocations - before) / static_cast<double>(state.iterations()));
  state.SetItemsProcessed(state.iterations());
  crm_record_free(record);
  crm_ruleset_free(rules);
}
BENCHMARK(BM_ScorecardTable_CAbi);

void BM_ScorecardTable_Json(benchmark::State& state) {
  const crm::RuleSet rules = load_or_die(scorecard_rules());
  std::vector<std::string> inputs;
  for (const auto& r : factor_values()) {
    std::string json = "{";
    for (std::size_t i = 0; i < r.size(); ++i) json += (i ? ", \"f" : "\"f") + std::to_string(i) + "\": " + r[i].to_string();
    inputs.push_back(json + "}");
  }
  std::size_t k = 0;
  for (auto _ : state) {
    auto out = rules.evaluate_json(inputs[k++ % record_count]);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScorecardTable_Json);

/// 10,000 rows over three numeric inputs: a 10 x 10 x 100 grid of bands.
std::string big_table_rules() {
  std::string rows;
  int n = 0;
  for (int a = 0; a < 10; ++a)
    for (int b = 0; b < 10; ++b)
      for (int c = 0; c < 100; ++c) {
        rows += (n++ ? ", " : "");
        rows += "[\"[" + std::to_string(a * 10) + ".." + std::to_string(a * 10 + 10) + ")\", \"[" + std::to_string(b * 100) +
                ".." + std::to_string(b * 100 + 100) + ")\", \"[" + std::to_string(c) + ".." + std::to_string(c + 1) +
                ")\", " + std::to_string(n) + "]";
      }
  return R"({"crmrules": 1, "name": "big", "version": "1", "inputs": {"a": {"type": "decimal", "required": true},
    "b": {"type": "decimal", "required": true}, "c": {"type": "decimal", "required": true}},
    "decisions": [{"name": "t", "table": {"hit_policy": "UNIQUE", "inputs": ["a", "b", "c"], "outputs": ["row"], "rows": [)" +
         rows + "]}}]}";
}

void BM_Table10k(benchmark::State& state) {
  const crm::RuleSet rules = load_or_die(big_table_rules());
  crm::Record record = rules.new_record();
  std::mt19937_64 rng(7);
  std::vector<std::array<crm::Decimal, 3>> inputs(record_count);
  for (auto& in : inputs)
    in = {*crm::Decimal::from_parts(static_cast<std::int64_t>(rng() % 10000), 2),
          *crm::Decimal::from_parts(static_cast<std::int64_t>(rng() % 100000), 2),
          *crm::Decimal::from_parts(static_cast<std::int64_t>(rng() % 10000), 2)};
  std::size_t k = 0;
  for (auto _ : state) {
    const auto& in = inputs[k++ % record_count];
    for (std::size_t i = 0; i < 3; ++i) (void)record.set(i, in[i]);
    auto ok = rules.evaluate(record);
    benchmark::DoNotOptimize(ok);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Table10k);

void BM_Load10k(benchmark::State& state) {
  const std::string json = big_table_rules();
  for (auto _ : state) {
    auto rules = crm::RuleSet::load(json);
    if (!rules) state.SkipWithError(rules.error().to_string().c_str());
    benchmark::DoNotOptimize(rules);
  }
}
BENCHMARK(BM_Load10k)->Unit(benchmark::kMillisecond);

/// Tables of 1,000 to 100,000 rows, in shapes a correct UNIQUE table takes:
///   0 bands   one numeric input, disjoint bands [10i..10i+10): the shape that once
///             passed the index's memory cap past about 23,000 rows;
///   1 grid    three numeric inputs, a 10 x 10 x rows/100 grid of bands;
///   2 keys    a string key and a band: half of the keys split at 50 over two rows
///             ([0..50), [50..100)), the other half one row each with `-` as its band.
std::string table_rules(int shape, int rows) {
  std::string body;
  body.reserve(static_cast<std::size_t>(rows) * 40);
  for (int i = 0; i < rows; ++i) {
    body += i ? ", [" : "[";
    if (shape == 0) {
      body += "\"[" + std::to_string(10 * i) + ".." + std::to_string(10 * i + 10) + ")\"";
    } else if (shape == 1) {
      const int side = rows / 100, a = i / (10 * side), b = i / side % 10, c = i % side;
      body += "\"[" + std::to_string(10 * a) + ".." + std::to_string(10 * a + 10) + ")\", \"[" +
              std::to_string(10 * b) + ".." + std::to_string(10 * b + 10) + ")\", \"[" + std::to_string(c) + ".." +
              std::to_string(c + 1) + ")\"";
    } else {
      const char* band = i % 4 == 0 ? "\"[0..50)\"" : i % 4 == 1 ? "\"[50..100)\"" : "\"-\"";
      body += "\"'k" + std::to_string(i % 4 == 1 ? i - 1 : i) + "'\", " + band;
    }
    body += ", " + std::to_string(i) + "]";
  }
  const char* inputs[] = {R"("x": {"type": "decimal"})",
                          R"("a": {"type": "decimal"}, "b": {"type": "decimal"}, "c": {"type": "decimal"})",
                          R"("key": {"type": "string"}, "x": {"type": "decimal"})"};
  const char* columns[] = {R"(["x"])", R"(["a", "b", "c"])", R"(["key", "x"])"};
  return std::string(R"({"crmrules": 1, "name": "table", "version": "1", "inputs": {)") + inputs[shape] +
         R"(}, "decisions": [{"name": "t", "table": {"hit_policy": "UNIQUE", "inputs": )" + columns[shape] +
         R"(, "outputs": ["row"], "rows": [)" + body + "]}}]}";
}

/// Inputs for table_rules(shape, rows): each matches one row (keys: also some `-` rows).
std::vector<std::vector<crm::Value>> table_inputs(int shape, int rows) {
  std::mt19937_64 rng(11);
  std::vector<std::vector<crm::Value>> out(record_count);
  for (auto& in : out) {
    const auto i = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(rows));
    const auto frac = static_cast<std::int64_t>(rng() % 100);
    if (shape == 0) in = {crm::Value(*crm::Decimal::from_parts(1000 * i + frac, 2))};
    if (shape == 1)
      in = {crm::Value(*crm::Decimal::from_parts(static_cast<std::int64_t>(rng() % 10000), 2)),
            crm::Value(*crm::Decimal::from_parts(static_cast<std::int64_t>(rng() % 10000), 2)),
            crm::Value(*crm::Decimal::from_parts((i % (rows / 100)) * 100 + frac, 2))};
    if (shape == 2)
      in = {crm::Value("k" + std::to_string(i % 4 == 1 ? i - 1 : i)), crm::Value(crm::Decimal::from_int(frac))};
  }
  return out;
}

void BM_LoadTable(benchmark::State& state) {
  const int shape = static_cast<int>(state.range(0)), rows = static_cast<int>(state.range(1));
  const std::string json = table_rules(shape, rows);
  for (auto _ : state) {
    auto rules = crm::RuleSet::load(json);
    if (!rules) state.SkipWithError(rules.error().to_string().c_str());
    benchmark::DoNotOptimize(rules);
  }
  state.counters["rows"] = rows;
  state.counters["rows_per_second"] = benchmark::Counter(
      static_cast<double>(rows) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LoadTable)
    ->ArgsProduct({{0, 1, 2}, {1000, 10000, 100000}})
    ->ArgNames({"shape", "rows"})
    ->Unit(benchmark::kMillisecond);

/// The table's index and load-time checks alone, on cells compiled once (the rest of
/// loading is reading the JSON and compiling the cells).
void BM_IndexAndCheckTable(benchmark::State& state) {
  const int shape = static_cast<int>(state.range(0)), rows = static_cast<int>(state.range(1));
  const crm::RuleSet rules = load_or_die(table_rules(shape, rows));
  crm::internal::Table table =
      std::get<crm::internal::Table>(crm::internal::RuleSetAccess::of(rules).decisions[0].body);
  std::vector<std::vector<const crm::UnaryTest*>> columns(table.inputs.size());
  for (std::size_t c = 0; c < columns.size(); ++c)
    for (const auto& row : table.rows) columns[c].push_back(&row.when[c]);
  std::vector<crm::Diagnostic> findings;
  for (auto _ : state) {
    table.index = crm::internal::TableIndex::build(columns, table.rows.size());
    findings.clear();
    crm::internal::check_table("t", "", table, findings);
    benchmark::DoNotOptimize(findings);
  }
  for (const auto& f : findings)  // gaps are warnings: the tables are not required
    if (f.severity == crm::Diagnostic::Severity::error) state.SkipWithError(f.error.message.c_str());
  state.counters["rows_per_second"] = benchmark::Counter(
      static_cast<double>(rows) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IndexAndCheckTable)
    ->ArgsProduct({{0, 1, 2}, {1000, 10000, 100000}})
    ->ArgNames({"shape", "rows"})
    ->Unit(benchmark::kMillisecond);

void BM_EvaluateTable(benchmark::State& state) {
  const int shape = static_cast<int>(state.range(0)), rows = static_cast<int>(state.range(1));
  const crm::RuleSet rules = load_or_die(table_rules(shape, rows));
  const auto inputs = table_inputs(shape, rows);
  crm::Record record = rules.new_record();
  std::size_t k = 0;
  for (auto _ : state) {
    const auto& in = inputs[k++ % record_count];
    for (std::size_t i = 0; i < in.size(); ++i) (void)record.set(i, in[i]);
    auto ok = rules.evaluate(record);
    if (!ok) state.SkipWithError(ok.error().to_string().c_str());
    benchmark::DoNotOptimize(ok);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateTable)->ArgsProduct({{0, 1, 2}, {1000, 10000, 100000}})->ArgNames({"shape", "rows"});

}  // namespace

BENCHMARK_MAIN();
