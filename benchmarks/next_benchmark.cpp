// Next best actions: one customer's advice from the prepared facts (target: under 20 µs),
// and from a customer document with a saved complaint session, a saved LSCPA session and
// a service group (restoring and gathering included), and the advice as JSON.
#include <benchmark/benchmark.h>

#include <string>

#include "crmrules/next.hpp"
#include "crmrules/session.hpp"

namespace {

crm::next::Customer customer() {
  crm::next::Customer c;
  c.id = "C001";
  c.name = "东风集团";
  c.facts.value_grade = "A1";
  c.facts.abc_class = "A";
  c.facts.satisfaction = 3;
  c.facts.loyalty_level = "repeat";
  c.facts.open_complaints = 1;
  c.facts.complaint_state = "analysed";
  c.facts.commitments_below_target = 2;
  c.facts.service_breaches = 3;
  c.facts.worst_commitment = "reply_15min";
  c.facts.open_objections = 1;
  c.facts.objection_kind = "price_value";
  c.facts.latent_needs = 2;
  c.facts.open_clarities = 4;
  c.channels = {"visit", "phone", "email"};
  return c;
}

std::string document() {
  auto complaint = crm::Machine::builtin("complaint")->start();
  (void)complaint.fire_json("complain", R"({"channel": "on_site"})", 1);
  (void)complaint.fire_json("analyse", R"({"feasible": true, "cost": "8000"})", 2);
  auto lscpa = crm::Machine::builtin("lscpa")->start();
  (void)lscpa.fire_json("objection", R"({"kind": "price_value"})", 1);
  return R"({"customer": {"id": "C001", "name": "东风集团"},
             "grading": {"value_grade": "A1", "loyalty_level": "repeat", "service_channels": "visit,phone,email"},
             "satisfaction": {"after_sale": "不满意"},
             "service": {"commitments": [{"id": "reply_15min", "met": 10, "not_met": 2, "missing": 0, "rate": "0.8333",
                                          "target": "1", "met_target": false}]},
             "complaints": [)" +
         complaint.save_json() + R"(], "sessions": [)" + lscpa.save_json() + "]}";
}

void BM_AdviseFacts(benchmark::State& state) {
  const auto& advisor = crm::next::Advisor::builtin();
  const crm::next::Customer c = customer();
  for (auto _ : state) {
    auto advice = advisor.advise(c);
    if (!advice || advice->actions.size() != 6) state.SkipWithError("advice failed");
    benchmark::DoNotOptimize(advice);
  }
}
BENCHMARK(BM_AdviseFacts)->Unit(benchmark::kMicrosecond);

void BM_AdviseDocument(benchmark::State& state) {
  const auto& advisor = crm::next::Advisor::builtin();
  const std::string doc = document();
  for (auto _ : state) {
    auto advice = advisor.advise(doc);
    if (!advice) state.SkipWithError(advice.error().to_string().c_str());
    benchmark::DoNotOptimize(advice);
  }
}
BENCHMARK(BM_AdviseDocument)->Unit(benchmark::kMicrosecond);

void BM_AdviceJson(benchmark::State& state) {
  auto advice = crm::next::Advisor::builtin().advise(customer());
  for (auto _ : state) benchmark::DoNotOptimize(advice->to_json());
}
BENCHMARK(BM_AdviceJson)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
