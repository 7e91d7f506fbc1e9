// A session whose context holds a time, a date and time and both durations: saved as
// bytes (kinds 6..9, their ISO text) and as JSON, restored exactly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "crmrules/session.hpp"

namespace {

const std::string rules_json = R"js({"crmrules": 1, "name": "visits", "version": "1", "inputs": {}, "decisions": [],
  "machines": {"visit": {"version": "1",
    "context": {"start": {"type": "time", "default": "09:00:00"},
                "booked": {"type": "date_time", "default": "2024-05-31T23:00:00+08:00"},
                "wait": {"type": "days_duration", "default": "PT0S"},
                "tenure": {"type": "months_duration", "default": "P0M"}},
    "events": {"delay": {}, "close": {}},
    "states": {"open": {"initial": true}, "done": {"final": true}},
    "transitions": [{"from": "open", "on": "delay",
                     "set": {"wait": "wait + duration('PT1H30M')", "start": "start + duration('PT1H30M')",
                             "tenure": "tenure + duration('P1Y2M')"}},
                    {"from": "open", "on": "close", "to": "done"}]}}})js";

}  // namespace

TEST_CASE("a session with temporal context values survives bytes and JSON", "[machine][save][temporal]") {
  auto rules = crm::RuleSet::load(rules_json);
  if (!rules) FAIL(rules.error().to_string());
  auto s = *crm::Session::start(*rules, "visit");
  REQUIRE(s.fire("delay", 10));
  CHECK(s.get("start")->as_time().to_string() == "10:30:00");
  const auto bytes = s.save();
  auto back = crm::Session::restore(*rules, bytes);
  if (!back) FAIL(back.error().to_string());
  CHECK(back->get("start")->as_time().to_string() == "10:30:00");
  CHECK(back->get("booked")->as_date_time().to_string() == "2024-05-31T23:00:00+08:00");
  CHECK(back->get("wait")->as_days_duration().to_string() == "PT1H30M");
  CHECK(back->get("tenure")->as_months_duration().to_string() == "P1Y2M");
  CHECK(back->save() == bytes);
  auto from_json = crm::Session::restore_json(*rules, s.save_json());
  if (!from_json) FAIL(from_json.error().to_string());
  CHECK(from_json->save_json() == s.save_json());
  CHECK(s.save_json().find(R"("wait": "PT1H30M")") != std::string::npos);
}
