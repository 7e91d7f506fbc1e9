// Inputs of type time, date_time, days_duration and months_duration: ISO text in JSON
// and through Record::set, errors naming the field, outputs printed as ISO text.
#include <catch2/catch.hpp>

#include "crmrules/rule_set.hpp"
#include "crmrules/rule_test.hpp"

namespace {

const char* const temporal_rules_json = R"js({"crmrules": 1, "name": "shifts", "version": "1",
  "inputs": {"start": {"type": "time", "required": true},
             "booked": {"type": "date_time"},
             "wait": {"type": "days_duration", "default": "PT0S"},
             "tenure": {"type": "months_duration"}},
  "decisions": [
    {"name": "shift", "table": {"hit_policy": "FIRST", "inputs": ["start"], "outputs": ["shift"],
      "rows": [["< time('12:00:00')", "'morning'"], ["[time('12:00:00')..time('18:00:00'))", "'afternoon'"],
               ["-", "'evening'"]]}},
    {"name": "long_wait", "expression": "wait > duration('P1D')"},
    {"name": "echo_start", "expression": "start"},
    {"name": "echo_wait", "expression": "wait"},
    {"name": "echo_tenure", "expression": "tenure ?? duration('P0M')"}]})js";

crm::RuleSet temporal_rules() {
  auto rules = crm::RuleSet::load(temporal_rules_json);
  if (!rules) FAIL(rules.error().to_string());
  return std::move(*rules);
}

}  // namespace

TEST_CASE("temporal inputs are read from ISO text and outputs written as ISO text", "[rules][temporal]") {
  const crm::RuleSet rules = temporal_rules();
  auto out = rules.evaluate_json(R"({"start": "09:15:00", "wait": "PT36H", "tenure": "P14M"})");
  REQUIRE(out);
  INFO(*out);
  CHECK(out->find(R"("shift": "morning")") != std::string::npos);
  CHECK(out->find(R"("long_wait": true)") != std::string::npos);
  CHECK(out->find(R"("echo_start": "09:15:00")") != std::string::npos);
  CHECK(out->find(R"("echo_wait": "P1DT12H")") != std::string::npos);
  CHECK(out->find(R"("echo_tenure": "P1Y2M")") != std::string::npos);
  auto later = rules.evaluate_json(R"({"start": "18:00:00.000"})");
  REQUIRE(later);
  CHECK(later->find(R"("shift": "evening")") != std::string::npos);
  CHECK(later->find(R"("echo_wait": "PT0S")") != std::string::npos);  // the default
  CHECK(rules.schema().find("start")->type == crm::FieldType::time);
  CHECK(crm::to_string(crm::FieldType::months_duration) == "months_duration");
  CHECK(crm::field_type_from_string("date_time") == crm::FieldType::date_time);
}

TEST_CASE("bad temporal inputs are refused naming the field and the offset", "[rules][temporal]") {
  const crm::RuleSet rules = temporal_rules();
  crm::Record record = rules.new_record();
  auto hour = record.set("start", "24:00:00");
  REQUIRE_FALSE(hour);
  CHECK(hour.error().code == crm::ErrorCode::out_of_range);
  CHECK(hour.error().message.find("field 'start'") != std::string::npos);
  auto text = record.set("start", "9:15:00");
  REQUIRE_FALSE(text);
  CHECK(text.error().code == crm::ErrorCode::parse);
  CHECK(text.error().message.find("(at offset 1)") != std::string::npos);
  auto kind = record.set("wait", "P1Y");
  REQUIRE_FALSE(kind);
  CHECK(kind.error().message.find("field 'wait'") != std::string::npos);
  CHECK(kind.error().message.find("years and months duration") != std::string::npos);
  auto other = record.set("tenure", crm::Value(*crm::DaysDuration::parse("P1D")));
  REQUIRE_FALSE(other);
  CHECK(other.error().code == crm::ErrorCode::type_mismatch);
  CHECK(record.set("booked", "2024-05-31T23:00:00+08:00"));
  CHECK(record.get("booked")->as_date_time().to_string() == "2024-05-31T23:00:00+08:00");
  auto json = rules.evaluate_json(R"({"start": "10:00:00", "booked": "2024-05-31"})");
  REQUIRE_FALSE(json);
  CHECK(json.error().message.find("field 'booked'") != std::string::npos);
}

TEST_CASE("a rule set comparing across temporal kinds is refused at load", "[rules][temporal]") {
  auto rules = crm::RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"start": {"type": "time"}, "wait": {"type": "days_duration"}},
    "decisions": [{"name": "x", "expression": "start < wait"}]})");
  REQUIRE_FALSE(rules);
  CHECK(rules.error().code == crm::ErrorCode::type_mismatch);
  CHECK(rules.error().message.find("cannot order a time and a days and time duration") != std::string::npos);
  auto unknown = crm::RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"start": {"type": "clock"}}, "decisions": []})");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message.find("time, date_time, days_duration, months_duration") != std::string::npos);
}

TEST_CASE("a rule set's tests expect dates, times and durations as their text, by value", "[rules][temporal]") {
  auto rules = crm::RuleSet::load(R"js({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"start": {"type": "time", "required": true}, "wait": {"type": "days_duration", "default": "PT0S"}},
    "decisions": [{"name": "later", "expression": "start + wait"}, {"name": "w", "expression": "wait"},
                  {"name": "day", "expression": "date('2024-01-31') + duration('P1M')"}],
    "tests": [{"name": "a", "given": {"start": "10:00:00", "wait": "PT90M"},
               "expect": {"later": "11:30:00", "w": "PT90M", "day": "2024-02-29"}},
              {"name": "b", "given": {"start": "10:00:00", "wait": "PT1H"}, "expect": {"w": "PT61M"}}]})js");
  if (!rules) FAIL(rules.error().to_string());
  const crm::TestReport report = rules->run_tests();
  REQUIRE(report.cases.size() == 2);
  CHECK(report.cases[0].passed);
  INFO(report.cases[0].diff);
  CHECK_FALSE(report.cases[1].passed);
  CHECK(report.cases[1].diff.find("PT1H") != std::string::npos);  // what b got
}
