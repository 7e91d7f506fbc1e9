// Replaying a script of steps (crmrules/replay.hpp): each step fired in turn, a failed
// step reported with its place in the script while the replay goes on, the time carried
// from step to step, the report's JSON, and the script's own errors.
#include <catch2/catch.hpp>

#include "crmrules/replay.hpp"
#include "machine_fixture.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::Session;

namespace {

// Line 3, column 39 (offset 117) is the -1 of step 1.
constexpr const char* script = R"([
  {"event": "add", "data": {"amount": 250.50, "note": "rush"}, "time": 100},
  {"event": "add", "data": {"amount": -1}},
  {"evnt": "approve"},
  {"event": "approve", "time": 200, "note": "by the manager"},
  {"event": "approve", "time": 300},
  {"event": "ship"}
])";

}  // namespace

TEST_CASE("a replay fires each step and reports the states before and after", "[machine][replay]") {
  auto s = *Session::start(orders(), "order");
  auto replay = crm::replay_json(s, script);
  REQUIRE(replay);
  REQUIRE(replay->steps.size() == 6);
  CHECK(replay->fired() == 3);
  CHECK(replay->failed() == 3);

  const auto& first = replay->steps[0];
  CHECK(first.fired());
  CHECK(first.index == 0);
  CHECK(first.event == "add");
  CHECK(first.data == R"({"amount":2.505E2,"note":"rush"})");  // compact, as Boost.JSON writes it
  CHECK(first.time == 100);
  CHECK(first.from == "draft");
  CHECK(first.to == "draft");
  CHECK_FALSE(first.final);
  REQUIRE(first.recommendations);
  REQUIRE(first.recommendations->size() == 2);
  CHECK((*first.recommendations)[0].text == "ready for approval");
  CHECK((*first.recommendations)[1].text == "line added");

  const auto& approve = replay->steps[3];
  CHECK(approve.fired());
  CHECK(approve.from == "draft");
  CHECK(approve.to == "approved");
  CHECK(approve.time == 200);

  const auto& ship = replay->steps[5];
  CHECK(ship.fired());
  CHECK(ship.time == 300);  // no time: the step before's
  CHECK(ship.to == "shipped");
  CHECK(ship.final);
  CHECK(s.state_name() == "shipped");
}

TEST_CASE("a failed step is placed in the script and the replay goes on without it", "[machine][replay]") {
  auto s = *Session::start(orders(), "order");
  auto replay = crm::replay_json(s, script);
  REQUIRE(replay);

  const auto& negative = replay->steps[1];
  REQUIRE(negative.error);
  CHECK(negative.error->code == ErrorCode::out_of_range);
  CHECK(negative.error->where.pointer == "/1/data/amount");
  CHECK(negative.error->where.line == 3);
  CHECK(negative.error->where.column == 39);
  CHECK(negative.error->where.offset == 117);
  CHECK(negative.event == "add");
  CHECK(negative.time == 100);
  CHECK(negative.from == "draft");
  CHECK(negative.to == "draft");
  REQUIRE(negative.recommendations);
  CHECK(negative.recommendations->empty());

  const auto& misspelt = replay->steps[2];
  REQUIRE(misspelt.error);
  CHECK(misspelt.error->code == ErrorCode::unknown_name);
  CHECK(misspelt.error->to_string() == "unknown_name at /2/evnt: unknown key 'evnt' (did you mean 'event'?)");
  CHECK(misspelt.event.empty());

  const auto& illegal = replay->steps[4];
  REQUIRE(illegal.error);
  CHECK(illegal.error->code == ErrorCode::illegal_transition);
  CHECK(illegal.error->message == "event 'approve' is not allowed in state 'approved' (allowed: ship, cancel)");
  CHECK(illegal.error->where.pointer.empty());
  CHECK(illegal.time == 300);
  CHECK(illegal.to == "approved");

  // The session is what the steps that fired made of it, their data through fire_json,
  // and nothing else.
  auto direct = *Session::start(orders(), "order");
  REQUIRE(direct.fire_json("add", R"({"amount": 250.50, "note": "rush"})", 100));
  REQUIRE(direct.fire("approve", 200));
  REQUIRE(direct.fire("ship", 300));
  CHECK(s.save_json() == direct.save_json());
}

TEST_CASE("a replay's steps are read exactly as the CLI always read them", "[machine][replay]") {
  auto s = *Session::start(orders(), "order");
  auto replay = crm::replay_json(s, R"([
    7,
    {"time": 20},
    {"event": 5},
    {"event": "add", "data": {"amount": 10}, "time": 2.5},
    {"event": "add", "data": {"amount": 10}, "time": true},
    {"event": "add", "data": {"amount": 10}, "time": "x"},
    {"event": "add", "data": {"amount": 10}, "time": "30"},
    {"event": "add", "data": {"amount": 1}, "time": 29},
    {"event": "add", "data": 5},
    {"event": "add", "data": {"amont": 1}},
    {"event": "ad"}
  ])");
  REQUIRE(replay);
  std::vector<std::string> errors;
  for (const auto& step : replay->steps) errors.push_back(step.error ? step.error->to_string() : "fired");
  CHECK(errors == std::vector<std::string>{
                      "type_mismatch at /0: expected an object",
                      "missing at /1/event: missing a string",
                      "type_mismatch at /2/event: expected a string",
                      "type_mismatch at /3/time: expected a whole number, found 2.5",
                      "type_mismatch at /4/time: expected a number",
                      "parse at /5/time: expected a digit, found 'x' in decimal \"x\"",
                      "fired",
                      "out_of_range: time 29 is before the last event's time 30",
                      "type_mismatch at /8/data/ line 10, column 30 offset 369: expected an object",
                      "unknown_name at /9/data/amont line 11, column 40 offset 412: event 'add' has no data field "
                      "'amont' (did you mean 'amount'?)",
                      "unknown_name: machine 'order' has no event 'ad' (did you mean 'add'?)",
                  });
  CHECK(replay->steps[6].time == 30);
  CHECK(replay->steps[7].time == 29);
  CHECK(replay->steps[10].time == 29);  // a failed step's time still carries on
  CHECK(s.audit_size() == 1);
}

TEST_CASE("a script that is not an array of JSON is the call's error, the session untouched", "[machine][replay]") {
  auto s = *Session::start(orders(), "order");
  REQUIRE(s.fire("add", 1, {{"amount", Decimal::from_int(5)}}));
  const std::string before = s.save_json();

  auto not_json = crm::replay_json(s, "[\n  {\"event\": \"add\",");
  REQUIRE_FALSE(not_json);
  CHECK(not_json.error().code == ErrorCode::parse);
  CHECK(not_json.error().where.line == 2);

  auto not_array = crm::replay_json(s, R"({"event": "add"})");
  REQUIRE_FALSE(not_array);
  CHECK(not_array.error().to_string() == "type_mismatch at /: expected an array");

  auto inexact = crm::replay_json(s, R"([{"event": "add", "data": {"amount": 0.10000000000000000001}}])");
  REQUIRE_FALSE(inexact);
  CHECK(inexact.error().code == ErrorCode::out_of_range);
  CHECK(inexact.error().message.find("has more than 15 significant digits") != std::string::npos);
  CHECK(inexact.error().where.column == 38);

  CHECK(s.save_json() == before);
  auto empty = crm::replay_json(s, "[]");
  REQUIRE(empty);
  CHECK(empty->steps.empty());
  CHECK(empty->to_json() == R"({"fired": 0, "failed": 0, "steps": []})");
}

TEST_CASE("a replay's JSON: each step as the CLI's lines, with the counts", "[machine][replay]") {
  auto s = *Session::start(orders(), "order");
  auto replay = crm::replay_json(s, R"([{"event": "add", "data": {"amount": 5}, "time": 7}, {"event": "ship"}])");
  REQUIRE(replay);
  CHECK(replay->steps[0].to_json() ==
        R"({"step": 1, "event": "add", "time": 7, "from": "draft", "to": "draft", "recommendations": [)"
        R"({"kind": "advice", "topic": "", "text": "ready for approval", "items": [], "source": "state", "lang": "zh", )"
        R"("fallback": false}, {"kind": "info", "topic": "", "text": "line added", "items": [], "source": "transition", )"
        R"("lang": "zh", "fallback": false}]})");
  const std::string failed =
      R"js({"step": 2, "error": {"code": "illegal_transition", "message": "event 'ship' is not allowed in state )js"
      R"js('draft' (allowed: add, approve, divide, cancel)"}, "state": "draft"})js";
  CHECK(replay->steps[1].to_json() == failed);
  CHECK(replay->to_json() ==
        R"({"fired": 1, "failed": 1, "steps": [)" + replay->steps[0].to_json() + ", " + failed + "]}");
}

TEST_CASE("recommendations that fail to evaluate are the step's, not the replay's", "[machine][replay]") {
  auto rules = crm::RuleSet::load(R"({"crmrules": 1, "name": "r", "version": "1", "inputs": {}, "decisions": [],
    "machines": {"m": {
      "context": {"n": {"type": "decimal", "default": 0}},
      "events": {"tick": {}, "end": {}},
      "states": {"a": {"initial": true, "recommend": [{"text": "share", "when": "1 / n > 0"}]},
                 "b": {"final": true}},
      "transitions": [{"from": "a", "on": "tick"}, {"from": "a", "on": "end", "to": "b"}]}}})");
  REQUIRE(rules);
  auto s = *Session::start(*rules, "m");
  auto replay = crm::replay_json(s, R"([{"event": "tick"}, {"event": "end"}])");
  REQUIRE(replay);
  REQUIRE(replay->steps[0].fired());
  REQUIRE_FALSE(replay->steps[0].recommendations);
  CHECK(replay->steps[0].recommendations.error().code == ErrorCode::division_by_zero);
  CHECK(replay->steps[0].to_json().ends_with(R"("recommendations": []})"));
  CHECK(replay->steps[1].final);
  CHECK(replay->failed() == 0);
}
