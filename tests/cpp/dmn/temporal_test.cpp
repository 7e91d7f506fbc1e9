// DMN's time, date and time and durations: typeRefs, FEEL's literal functions, inputs by
// DMN names, errors for text of the wrong kind, and the round trip through to_dmn.
#include <catch2/catch.hpp>

#include "crmrules/dmn.hpp"

namespace {

const std::string temporal_model = R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="shifts" namespace="urn:test">
  <inputData name="Start"><variable name="Start" typeRef="time"/></inputData>
  <inputData name="Booked"><variable name="Booked" typeRef="dateTime"/></inputData>
  <inputData name="Wait"><variable name="Wait" typeRef="days and time duration"/></inputData>
  <inputData name="Tenure"><variable name="Tenure" typeRef="yearMonthDuration"/></inputData>
  <decision name="Shift">
    <variable name="Shift" typeRef="string"/>
    <decisionTable hitPolicy="FIRST">
      <input><inputExpression typeRef="time"><text>Start</text></inputExpression></input>
      <output/>
      <rule><inputEntry><text>&lt; time("12:00:00")</text></inputEntry><outputEntry><text>"morning"</text></outputEntry></rule>
      <rule><inputEntry><text>[time("12:00:00")..time("18:00:00")[</text></inputEntry><outputEntry><text>"afternoon"</text></outputEntry></rule>
      <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>"evening"</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision name="Late">
    <variable name="Late" typeRef="boolean"/>
    <literalExpression><text>Booked &gt; date and time("2024-06-01T00:00:00Z") or Wait &gt;= duration("P1DT12H")</text></literalExpression>
  </decision>
  <decision name="Senior">
    <variable name="Senior" typeRef="boolean"/>
    <literalExpression><text>Tenure &gt;= duration("P2Y6M")</text></literalExpression>
  </decision>
</definitions>
)";

const std::string early = R"({"Start": "09:30:00", "Booked": "2024-05-31T23:00:00-02:00", "Wait": "PT36H", "Tenure": "P30M"})";
const std::string late = R"({"Start": "18:00:00", "Booked": "2024-05-31T23:00:00Z", "Wait": "P1D", "Tenure": "P2Y5M"})";

}  // namespace

TEST_CASE("DMN's temporal types are imported and compared", "[dmn][temporal]") {
  auto rules = crm::RuleSet::load_dmn(temporal_model);
  if (!rules) FAIL(rules.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*rules, early) == R"({"Shift":"morning","Late":true,"Senior":true})");
  CHECK(*crm::dmn::evaluate_json(*rules, late) == R"({"Shift":"evening","Late":false,"Senior":false})");
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Start": "12:00:00", "Booked": "2024-01-01T00:00:00Z", "Wait": "PT1S", "Tenure": "P0M"})") ==
        R"({"Shift":"afternoon","Late":false,"Senior":false})");
  auto json = crm::dmn::to_rule_set_json(temporal_model);
  REQUIRE(json);
  CHECK(json->find(R"("Start": {"type": "time")") != std::string::npos);
  CHECK(json->find(R"("Booked": {"type": "date_time")") != std::string::npos);
  CHECK(json->find(R"("Wait": {"type": "days_duration")") != std::string::npos);
  CHECK(json->find(R"("Tenure": {"type": "months_duration")") != std::string::npos);
  CHECK(json->find(R"(date_time(\"2024-06-01T00:00:00Z\"))") != std::string::npos);
}

TEST_CASE("DMN inputs of the wrong temporal kind are refused naming the input", "[dmn][temporal]") {
  auto rules = crm::RuleSet::load_dmn(temporal_model);
  REQUIRE(rules);
  auto wrong = crm::dmn::evaluate_json(*rules, R"({"Start": "09:30:00", "Booked": "2024-05-31T23:00:00Z", "Wait": "P1Y", "Tenure": "P1Y"})");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == crm::ErrorCode::parse);
  CHECK(wrong.error().message.find("'Wait'") != std::string::npos);
  CHECK(wrong.error().message.find("years and months duration") != std::string::npos);
  auto hour = crm::dmn::evaluate_json(*rules, R"({"Start": "25:00:00", "Booked": "2024-05-31T23:00:00Z", "Wait": "P1D", "Tenure": "P1Y"})");
  REQUIRE_FALSE(hour);
  CHECK(hour.error().code == crm::ErrorCode::out_of_range);
  CHECK(hour.error().message.find("hour 25") != std::string::npos);
  auto bad_literal = crm::RuleSet::load_dmn(std::string(temporal_model).replace(temporal_model.find("P2Y6M"), 5, "P2Q"));
  REQUIRE_FALSE(bad_literal);
  CHECK(bad_literal.error().where.pointer == "/definitions/decision[@name='Senior']/literalExpression");
}

TEST_CASE("a rule set with temporal inputs goes to DMN and back with the same answers", "[dmn][temporal]") {
  auto rules = crm::RuleSet::load_dmn(temporal_model);
  REQUIRE(rules);
  auto xml = crm::dmn::to_dmn(*rules);
  if (!xml) FAIL(xml.error().to_string());
  CHECK(xml->find(R"(typeRef="date and time")") != std::string::npos);
  CHECK(xml->find(R"(typeRef="years and months duration")") != std::string::npos);
  CHECK(xml->find(R"(date and time("2024-06-01T00:00:00Z"))") != std::string::npos);
  auto again = crm::RuleSet::load_dmn(*xml);
  if (!again) FAIL(again.error().to_string());
  for (const std::string& in : {early, late})
    CHECK(*crm::dmn::evaluate_json(*again, in) == *crm::dmn::evaluate_json(*rules, in));
}
