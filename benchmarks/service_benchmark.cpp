// Service commitments: tickets checked against the built-in commitments (the deck's 168)
// from CSV text (10,000 tickets), one ticket (as a struct and as CSV text), and the report
// written as JSON. The whole-process target (1,000,000 tickets under 3 s and 300 MB) is
// measured by benchmarks/service_whole_process.sh.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "crmrules/service.hpp"

namespace {

/// `n` tickets as CSV: every commitment met, not met and missing somewhere.
std::string tickets(int n) {
  std::string csv =
      "ticket,customer,engineer,called,replied,requested,departed,arrived,fixed,first_time_fix,full_check,report,"
      "training,follow_up\n";
  for (int i = 0; i < n; ++i) {
    const int day = 1 + i % 28, month = 1 + i / 28 % 12, late = i % 20 == 0 ? 17 : 9;
    char row[512];
    std::snprintf(row, sizeof row,
                  "T%07d,C%04d,E%02d,2026-%02d-%02dT09:00:00+08:00,2026-%02d-%02dT09:%02d:00+08:00,"
                  "2026-%02d-%02dT09:30:00+08:00,2026-%02d-%02dT10:10:00+08:00,2026-%02d-%02dT11:00:00+08:00,"
                  "2026-%02d-%02dT13:00:00+08:00,%s,yes,yes,%s,yes\n",
                  i, i % 5000, i % 40, month, day, month, day, late, month, day, month, day, month, day, month, day,
                  i % 10 == 0 ? "no" : "yes", i % 50 == 0 ? "" : "yes");
    csv += row;
  }
  return csv;
}

void BM_CheckCsv(benchmark::State& state) {
  const std::string csv = tickets(static_cast<int>(state.range(0)));
  const auto& checker = crm::service::Checker::builtin();
  for (auto _ : state) {
    auto report = checker.check_csv(csv);
    if (!report || report->checked != static_cast<std::uint64_t>(state.range(0))) state.SkipWithError("check failed");
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(csv.size()));
}
BENCHMARK(BM_CheckCsv)->Arg(10'000)->Unit(benchmark::kMillisecond);

/// One ticket (every commitment judged), handed over as a struct: the check itself.
void BM_CheckOneTicket(benchmark::State& state) {
  const std::vector<crm::service::Ticket> one = {{.id = "T-17",
                                                  .customer = "C001",
                                                  .engineer = "张工",
                                                  .times = {{"called", "2026-03-02T10:00:00+08:00"},
                                                            {"replied", "2026-03-02T10:16:00+08:00"},
                                                            {"requested", "2026-03-02T10:20:00+08:00"},
                                                            {"departed", "2026-03-02T11:00:00+08:00"},
                                                            {"arrived", "2026-03-02T12:00:00+08:00"},
                                                            {"fixed", "2026-03-02T14:00:00+08:00"}},
                                                  .flags = {{"first_time_fix", true},
                                                            {"full_check", true},
                                                            {"report", true},
                                                            {"training", false},
                                                            {"follow_up", true}}}};
  const auto& checker = crm::service::Checker::builtin();
  for (auto _ : state) {
    auto report = checker.check(one);
    if (!report || report->checked != 1) state.SkipWithError("check failed");
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckOneTicket)->Unit(benchmark::kMicrosecond);

/// One ticket as CSV text (header included): what a caller pays per call for a single ticket.
void BM_CheckOneTicketCsv(benchmark::State& state) {
  const std::string csv = tickets(1);
  const auto& checker = crm::service::Checker::builtin();
  for (auto _ : state) {
    auto report = checker.check_csv(csv);
    if (!report || report->checked != 1) state.SkipWithError("check failed");
    benchmark::DoNotOptimize(report);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckOneTicketCsv)->Unit(benchmark::kMicrosecond);

void BM_ReportJson(benchmark::State& state) {
  auto report = crm::service::Checker::builtin().check_csv(tickets(10'000));
  for (auto _ : state) benchmark::DoNotOptimize(report->to_json());
}
BENCHMARK(BM_ReportJson)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
