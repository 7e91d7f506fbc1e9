// Grading a portfolio from CSV (issue "The built-in methodology ... crmrules grade"):
// 1,000,000 customers with every input of the built-in rule set, graded with the built-in
// rules, with portfolio classes; target under 5 s wall and under 300 MB peak memory on
// the project's 2-core machine.
//
//   build/release/benchmarks/crmrules_grade_benchmark --benchmark_filter=GradeCsv/1000000
//   build/release/benchmarks/crmrules_grade_benchmark --benchmark_filter='/2000|Builtin'   # the parts
//
// The file is generated once per run (deterministic, like examples/data/
// generate_portfolio.py: log-normal purchases, margins with some losses, Chinese names)
// into a temporary file; the graded rows go to another temporary file. Each iteration
// grades the whole file, so Time is per file; the counters give rows per second, the
// process's peak resident memory (getrusage; it only grows, so it is the peak of the
// whole run, generation included) and the parts (CSV reading alone, portfolio
// classification alone, one built-in evaluation).
#include <benchmark/benchmark.h>

#include <sys/resource.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "src/csv/csv.hpp"
#include "crmrules/portfolio.hpp"
#include "crmrules/portfolio_grading.hpp"
#include "crmrules/rule_set.hpp"

namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

/// A deterministic portfolio of n customers in a temporary file, made once per size.
const std::string& portfolio_file(std::int64_t n) {
  static std::map<std::int64_t, std::string> files;
  if (auto it = files.find(n); it != files.end()) return it->second;
  const std::string path = "/tmp/crmrules_grade_benchmark_" + std::to_string(::getpid()) + "_" + std::to_string(n) + ".csv";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  static const char* cities[] = {"北京", "上海", "广州", "深圳", "杭州", "南京", "苏州", "成都", "重庆", "武汉"};
  static const char* words[] = {"华腾", "金盛", "恒通", "宏达", "鑫源", "瑞丰", "中科", "博远", "天成", "永辉"};
  static const char* kinds[] = {"科技有限公司", "贸易有限公司", "实业有限公司", "电子有限公司", "物流有限公司"};
  static const char* backgrounds[] = {"none", "none", "none", "none", "technology", "government", "capital", "brand"};
  static const char* grades[] = {"A1", "A2", "A3", "B1", "B2", "C1", "C2"};
  static const char* satisfaction[] = {"very_satisfied", "满意", "5", "generally_satisfied", "不太满意", "2", "1"};
  std::fputs("id,name,annual_purchases,annual_discount,contact_cost,annual_net_profit,historical_contribution,"
             "cooperation,budgeted_total_profit,background,potential,influence,character,capacity,capital,collateral,"
             "conditions,continuity,bad_records,repeat_purchase,bulk_purchase,cooperates,tolerates_incidents,"
             "follows_promotions,referrals,strategic_partner,satisfaction\n",
             f);
  std::mt19937_64 rng(20240801);
  std::lognormal_distribution<double> purchases_dist(15.0, 1.6);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto pick = [&](auto& array) { return array[rng() % (sizeof(array) / sizeof(array[0]))]; };
  for (std::int64_t i = 1; i <= n; ++i) {
    const double purchases = std::clamp(std::round(purchases_dist(rng) / 1000) * 1000, 20000.0, 5e9);
    const double margin = unit(rng) > 0.04 ? 0.02 + 0.16 * unit(rng) : -0.01 - 0.07 * unit(rng);
    const double contact = 2000 + 38000 * unit(rng);
    const double profit = purchases * margin - contact * 0.2;
    const int g = static_cast<int>(rng() % 7);
    std::fprintf(f,
                 "C%07lld,%s%s%s,%.0f,%.2f,%.2f,%.2f,%.0f,%d,%.0f,%s,%s,%s,%d,%d,%d,%d,%d,%d,%d,%s,%s,%s,%s,%s,%d,%s,%s\n",
                 static_cast<long long>(i), pick(cities), pick(words), pick(kinds), purchases,
                 purchases * 0.15 * unit(rng), contact, profit, std::max(profit, 0.0) * 5 * unit(rng),
                 static_cast<int>(rng() % 11), std::max(profit, 0.0) * 10 * unit(rng), pick(backgrounds), grades[g],
                 grades[(g + rng() % 3) % 7], static_cast<int>(rng() % 11), static_cast<int>(rng() % 11),
                 static_cast<int>(rng() % 11), static_cast<int>(rng() % 11), static_cast<int>(rng() % 11),
                 static_cast<int>(rng() % 11), rng() % 8 == 0 ? 1 : 0, unit(rng) < 0.5 ? "true" : "false",
                 unit(rng) < 0.3 ? "true" : "false", unit(rng) < 0.3 ? "yes" : "no", unit(rng) < 0.2 ? "1" : "0",
                 unit(rng) < 0.4 ? "true" : "false", static_cast<int>(rng() % 4), unit(rng) < 0.05 ? "true" : "false",
                 pick(satisfaction));
  }
  std::fclose(f);
  return files[n] = path;
}

struct Cleanup {
  ~Cleanup() {
    std::remove(("/tmp/crmrules_grade_benchmark_out_" + std::to_string(::getpid()) + ".csv").c_str());
    for (std::int64_t n : {2000, 1000000})
      std::remove(("/tmp/crmrules_grade_benchmark_" + std::to_string(::getpid()) + "_" + std::to_string(n) + ".csv").c_str());
  }
} cleanup;

void BM_GradeCsv(benchmark::State& state) {
  const std::string& input = portfolio_file(state.range(0));
  const std::string output = "/tmp/crmrules_grade_benchmark_out_" + std::to_string(::getpid()) + ".csv";
  const crm::RuleSet& rules = crm::RuleSet::builtin();
  std::uint64_t graded = 0;
  for (auto _ : state) {
    std::ofstream out(output, std::ios::binary);
    auto summary = crm::grade_csv(rules, input, out, {});
    if (!summary) {
      state.SkipWithError(summary.error().to_string().c_str());
      return;
    }
    if (summary->rejected != 0) {
      state.SkipWithError(("rows rejected: " + summary->rejects.front().error.to_string()).c_str());
      return;
    }
    graded = summary->graded;
    benchmark::DoNotOptimize(summary->pareto_share());
  }
  state.counters["customers"] = static_cast<double>(graded);
  state.counters["customers_per_s"] =
      benchmark::Counter(static_cast<double>(graded) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["peak_rss_mb"] = peak_rss_mb();
}
BENCHMARK(BM_GradeCsv)->Arg(2000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

/// One evaluation of the built-in rule set (the floor under grading: every row needs one).
void BM_EvaluateBuiltin(benchmark::State& state) {
  const crm::RuleSet& rules = crm::RuleSet::builtin();
  crm::Record record = rules.new_record();
  auto set = [&](const char* name, crm::Value v) {
    if (auto ok = record.set(name, std::move(v)); !ok) state.SkipWithError(ok.error().to_string().c_str());
  };
  set("annual_purchases", *crm::Decimal::parse("50000000"));
  set("annual_discount", *crm::Decimal::parse("2300000"));
  set("contact_cost", *crm::Decimal::parse("700000"));
  set("annual_net_profit", *crm::Decimal::parse("6000000"));
  set("historical_contribution", *crm::Decimal::parse("15000000"));
  set("cooperation", crm::Decimal::from_int(3));
  set("budgeted_total_profit", *crm::Decimal::parse("100000000"));
  set("background", "government");
  set("potential", "A1");
  set("influence", "B1");
  set("satisfaction", "满意");
  for (auto _ : state) {
    auto ok = rules.evaluate(record);
    benchmark::DoNotOptimize(ok);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateBuiltin);

/// The CSV reader alone over the same file: records per second.
void BM_ReadCsv(benchmark::State& state) {
  const std::string& input = portfolio_file(state.range(0));
  std::uint64_t records = 0;
  for (auto _ : state) {
    auto reader = crm::internal::csv::Reader::open_file(input);
    crm::internal::csv::Row row;
    records = 0;
    while (reader->next(row) == crm::internal::csv::Status::row) ++records;
  }
  state.counters["records_per_s"] =
      benchmark::Counter(static_cast<double>(records) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadCsv)->Arg(2000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();

/// A header of n columns, read and indexed (csv::Header::from): time per column stays
/// flat from 1,000 to 100,000 columns (it grew with n when each name was compared with
/// every earlier one: 80,000 columns took 15 s).
void BM_ReadHeader(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::string text;
  for (std::size_t i = 0; i < n; ++i) text += (i == 0 ? "column_" : ",column_") + std::to_string(i);
  text += '\n';
  crm::internal::csv::Options options;
  options.max_fields = n;
  for (auto _ : state) {
    auto reader = crm::internal::csv::Reader::from_string(text, options);
    crm::internal::csv::Row row;
    if (reader.next(row) != crm::internal::csv::Status::row) state.SkipWithError("not a record");
    auto header = crm::internal::csv::Header::from(row);
    benchmark::DoNotOptimize(header->size());
  }
  state.counters["columns_per_s"] =
      benchmark::Counter(static_cast<double>(n) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadHeader)->Arg(1000)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

/// The paths a hostile file takes at the default limits (crm::Limits), each a whole
/// read: a header of 2,000,000 columns (21 MB; refused at 10,000), a quote never closed
/// on line 2 of a 70 MB file (the record passes 64 MiB, the rest is searched for the next
/// record), and 1,000,000 records with a broken quote in every tenth.
void BM_ReadHostile(benchmark::State& state) {
  static const std::string wide = [] {
    std::string t;
    for (int i = 0; i < 2'000'000; ++i) t += (i == 0 ? "column" : ",column") + std::to_string(i);
    return t + "\n1,2\n";
  }();
  static const std::string runaway = [] {
    std::string t = "id,note\n1,\"runaway\n";
    while (t.size() < (std::size_t{70} << 20)) t += "free text on a line of its own, with a comma\n";
    return t + "2,next\n";
  }();
  static const std::string broken = [] {
    std::string t = "id,name,amount\n";
    for (int i = 0; i < 1'000'000; ++i)
      t += i % 10 == 3 ? "C" + std::to_string(i) + ",\"open,5\n" : "C" + std::to_string(i) + ",name,5\n";
    return t;
  }();
  const std::string* texts[] = {&wide, &runaway, &broken};
  const std::string& text = *texts[state.range(0)];
  std::uint64_t rows = 0, bad = 0;
  for (auto _ : state) {
    auto reader = crm::internal::csv::Reader::from_string(text);
    reader.expect_fields(state.range(0) == 0 ? 0 : state.range(0) == 1 ? 2 : 3);
    crm::internal::csv::Row row;
    rows = bad = 0;
    for (auto s = reader.next(row); s != crm::internal::csv::Status::end; s = reader.next(row))
      (s == crm::internal::csv::Status::row ? rows : bad) += 1;
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["bad_rows"] = static_cast<double>(bad);
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
}
BENCHMARK(BM_ReadHostile)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

/// Portfolio classification alone: ABC, ranks, shares and the Pareto figure.
void BM_ClassifyPortfolio(benchmark::State& state) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> dist(13.0, 1.6);
  std::vector<crm::Decimal> measures;
  for (std::int64_t i = 0; i < state.range(0); ++i)
    measures.push_back(*crm::Decimal::from_parts(static_cast<std::int64_t>(dist(rng) * 100), 2));
  for (auto _ : state) {
    auto p = crm::Portfolio::classify(measures);
    benchmark::DoNotOptimize(p->pareto_share());
  }
  state.counters["customers_per_s"] = benchmark::Counter(
      static_cast<double>(state.range(0)) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ClassifyPortfolio)->Arg(2000)->Arg(1000000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
