// State machines: firing an event, saving and restoring a session. Targets (issue
// "Needs, SPIN and LSCPA"): a transition under 200 ns; save plus restore under 2 µs.
//
//   build/release/benchmarks/crmrules_machine_benchmark
//
// A fire appends to the session's audit trail, which would grow without end over millions
// of iterations: every 4096 fires the session is replaced by a fresh copy, which the time
// includes (about a thousandth of it). allocs_per_fire counts calls of operator new in the
// timed loop: the audit trail's amortised growth, and nothing else.
#include <benchmark/benchmark.h>

#include <span>
#include <string>
#include <vector>

#include "count_allocations.hpp"
#include "crmrules/session.hpp"

namespace {

// A counter with a limit: add amounts while the total stays under the limit, reset it.
const char* counter_rules = R"({
  "crmrules": 1, "name": "bench", "version": "1", "inputs": {}, "decisions": [],
  "machines": {"counter": {
    "context": {"total": {"type": "decimal", "default": 0}, "count": {"type": "integer", "default": 0}},
    "events": {"add": {"data": {"amount": {"type": "decimal", "required": true}}}, "reset": {}, "close": {}},
    "states": {"open": {"initial": true}, "closed": {"final": true}},
    "transitions": [
      {"from": "open", "on": "add", "when": "total + event.amount <= 1000000", "set": {"total": "total + event.amount", "count": "count + 1"}},
      {"from": "open", "on": "add", "when": "total + event.amount > 1000000", "set": {"total": "event.amount", "count": "1"}},
      {"from": "open", "on": "reset", "set": {"total": "0", "count": "0"}},
      {"from": "open", "on": "close", "to": "closed"}
    ]}}
})";

/// Fires `event` with `data` on every iteration, starting from `fresh` and going back to
/// it every 4096 fires; allocs_per_fire counts operator new in the loop.
void fire_repeatedly(benchmark::State& state, const crm::Session& fresh, crm::EventId event,
                     std::span<const crm::Value> data) {
  crm::Session s = fresh;
  std::int64_t time = 0;
  std::size_t n = 0;
  const std::size_t before = allocations;
  for (auto _ : state) {
    if (++n % 4096 == 0) s = fresh;
    auto to = s.fire(event, ++time, data);
    if (!to) return state.SkipWithError(to.error().to_string().c_str());
    benchmark::DoNotOptimize(*to);
  }
  state.counters["allocs_per_fire"] = benchmark::Counter(
      static_cast<double>(allocations - before) / static_cast<double>(state.iterations()));
}

void BM_FireGuardedTransition(benchmark::State& state) {
  auto rules = crm::RuleSet::load(counter_rules);
  if (!rules) return state.SkipWithError(rules.error().to_string().c_str());
  const crm::Machine machine = *crm::Machine::find(*rules, "counter");
  const crm::Value data[] = {crm::Decimal::from_int(7)};
  fire_repeatedly(state, machine.start(), *machine.event_id("add"), data);
}
BENCHMARK(BM_FireGuardedTransition);

// The built-in SPIN machine: a situation question with three short strings of data (the
// question's form given, so not classified), four effects (counts and `event.finding ??
// last_finding`).
void BM_FireSpinSituationQuestion(benchmark::State& state) {
  const crm::Machine machine = *crm::Machine::builtin("spin");
  const crm::EventId ask = *machine.event_id("situation_question");
  crm::Session fresh = machine.start();
  if (auto ok = fresh.fire(ask, 0, std::vector<crm::Value>{}); !ok) return state.SkipWithError(ok.error().to_string().c_str());
  const crm::Value data[] = {crm::Value("How big?"), crm::Value("40 staff"), crm::Value("open_directed")};
  fire_repeatedly(state, fresh, ask, data);
}
BENCHMARK(BM_FireSpinSituationQuestion);

// The same question without its form: the question_form classifier (a FIRST table of
// cue words, a nested rule set) reads it from the words on every fire.
void BM_FireSpinQuestionClassified(benchmark::State& state) {
  const crm::Machine machine = *crm::Machine::builtin("spin");
  const crm::EventId ask = *machine.event_id("situation_question");
  crm::Session fresh = machine.start();
  if (auto ok = fresh.fire(ask, 0, std::vector<crm::Value>{}); !ok) return state.SkipWithError(ok.error().to_string().c_str());
  const crm::Value data[] = {crm::Value("你们公司有多少员工?"), crm::Value("40 staff")};
  fire_repeatedly(state, fresh, ask, data);
}
BENCHMARK(BM_FireSpinQuestionClassified);

// LSCPA's objection_kind classifier on the deck's price objection (the third row matches).
void BM_ClassifyObjection(benchmark::State& state) {
  const crm::Machine machine = *crm::Machine::builtin("lscpa");
  for (auto _ : state) {
    auto c = machine.classify("objection_kind", "这个电脑看起来好是好,就是价格太贵了");
    if (!c) return state.SkipWithError(c.error().to_string().c_str());
    benchmark::DoNotOptimize(c->label);
  }
}
BENCHMARK(BM_ClassifyObjection);

// The same through names and JSON data, as the C ABI and Python fire.
void BM_FireJson(benchmark::State& state) {
  const crm::Machine machine = *crm::Machine::builtin("spin");
  crm::Session fresh = machine.start();
  if (auto ok = fresh.fire("situation_question", 0); !ok) return state.SkipWithError(ok.error().to_string().c_str());
  crm::Session s = fresh;
  std::int64_t time = 0;
  std::size_t n = 0;
  for (auto _ : state) {
    if (++n % 4096 == 0) s = fresh;
    auto to = s.fire_json("situation_question", R"({"question": "How big?", "finding": "40 staff"})", ++time);
    if (!to) return state.SkipWithError(to.error().to_string().c_str());
    benchmark::DoNotOptimize(*to);
  }
}
BENCHMARK(BM_FireJson);

/// The deck's price objection, resolved: 9 events in the audit trail.
crm::Session price_objection() {
  crm::Session s = crm::Machine::builtin("lscpa")->start();
  (void)s.fire("objection", 1, {{"kind", "price_value"}, {"text", "looks good but too expensive"}});
  (void)s.fire("shared", 2, {{"words", "I understand"}});
  (void)s.fire("judged", 3, {{"true_objection", true}});
  (void)s.fire("step_done", 4, {{"step", "located"}});
  (void)s.fire("step_done", 5, {{"step", "brought_out"}});
  (void)s.fire("clarified", 6);
  (void)s.fire("presented", 7, {{"proposal", "five-year total cost"}});
  (void)s.fire("step_done", 8, {{"step", "satisfaction_checked"}});
  (void)s.fire("accepted", 9);
  return s;
}

void BM_SaveRestoreBytes(benchmark::State& state) {
  const crm::RuleSet& rules = crm::Machine::builtin_rules();
  const crm::Session s = price_objection();
  if (s.audit_size() != 9) return state.SkipWithError("the price objection did not run");
  std::vector<std::uint8_t> bytes;
  for (auto _ : state) {
    s.save(bytes);
    auto back = crm::Session::restore(rules, bytes);
    if (!back) return state.SkipWithError(back.error().to_string().c_str());
    benchmark::DoNotOptimize(back->state());
  }
  state.counters["bytes"] = static_cast<double>(bytes.size());
}
BENCHMARK(BM_SaveRestoreBytes);

void BM_SaveBytes(benchmark::State& state) {
  const crm::Session s = price_objection();
  std::vector<std::uint8_t> bytes;
  for (auto _ : state) {
    s.save(bytes);
    benchmark::DoNotOptimize(bytes.data());
  }
}
BENCHMARK(BM_SaveBytes);

void BM_RestoreBytes(benchmark::State& state) {
  const crm::RuleSet& rules = crm::Machine::builtin_rules();
  const std::vector<std::uint8_t> bytes = price_objection().save();
  for (auto _ : state) {
    auto back = crm::Session::restore(rules, bytes);
    if (!back) return state.SkipWithError(back.error().to_string().c_str());
    benchmark::DoNotOptimize(back->state());
  }
}
BENCHMARK(BM_RestoreBytes);

/// A server's key for sealed sessions (32 bytes).
const std::vector<std::uint8_t> server_key(32, 0x5c);

/// Sealed: save and restore under a key, two HMAC-SHA-256s of the bytes.
void BM_SaveRestoreBytesSealed(benchmark::State& state) {
  const crm::RuleSet& rules = crm::Machine::builtin_rules();
  const crm::Session s = price_objection();
  const crm::SessionKey key(server_key);
  // OpenSSL loads its providers at the first MAC (about 5 million instructions, once a
  // process): here, in a function instructions.sh does not count for this case.
  if (!s.save_json(key)) return state.SkipWithError("save_json failed");
  std::vector<std::uint8_t> bytes;
  for (auto _ : state) {
    if (!s.save(key, bytes)) return state.SkipWithError("save failed");
    auto back = crm::Session::restore(rules, bytes, key);
    if (!back) return state.SkipWithError(back.error().to_string().c_str());
    benchmark::DoNotOptimize(back->state());
  }
  state.counters["bytes"] = static_cast<double>(bytes.size());
}
BENCHMARK(BM_SaveRestoreBytesSealed);

void BM_SaveRestoreJson(benchmark::State& state) {
  const crm::RuleSet& rules = crm::Machine::builtin_rules();
  const crm::Session s = price_objection();
  for (auto _ : state) {
    auto back = crm::Session::restore_json(rules, s.save_json());
    if (!back) return state.SkipWithError(back.error().to_string().c_str());
    benchmark::DoNotOptimize(back->state());
  }
}
BENCHMARK(BM_SaveRestoreJson);

/// Sealed JSON: restoring writes the session's canonical document again for its MAC
/// (and, unlike an unsealed one, does not replay the audit trail).
void BM_SaveRestoreJsonSealed(benchmark::State& state) {
  const crm::RuleSet& rules = crm::Machine::builtin_rules();
  const crm::Session s = price_objection();
  const crm::SessionKey key(server_key);
  if (!s.save(key)) return state.SkipWithError("save failed");  // OpenSSL's first MAC, not counted (above)
  for (auto _ : state) {
    auto json = s.save_json(key);
    if (!json) return state.SkipWithError("save failed");
    auto back = crm::Session::restore_json(rules, *json, key);
    if (!back) return state.SkipWithError(back.error().to_string().c_str());
    benchmark::DoNotOptimize(back->state());
  }
}
BENCHMARK(BM_SaveRestoreJsonSealed);

}  // namespace

BENCHMARK_MAIN();
