// DMN list types (isCollection) as list inputs, FEEL list literals and flatten, cells
// naming a list, and their way back through to_dmn.
#include <catch2/catch.hpp>

#include "crmrules/dmn.hpp"

using crm::ErrorCode;

namespace {

std::string list_model(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="flu" namespace="urn:test">
  <itemDefinition name="tStrings" isCollection="true"><typeRef>string</typeRef></itemDefinition>
  <inputData name="Flu Symptoms"><variable name="Flu Symptoms" typeRef="tStrings"/></inputData>
  <inputData name="Symptom"><variable name="Symptom" typeRef="string"/></inputData>
)" + body + "\n</definitions>\n";
}

const std::string list_decisions = R"(
  <decision name="All"><variable name="All" typeRef="tStrings"/>
    <literalExpression><text>flatten([["cough"], Flu Symptoms, Symptom])</text></literalExpression>
  </decision>
  <decision name="Analysis"><variable name="Analysis" typeRef="tStrings"/>
    <decisionTable hitPolicy="COLLECT">
      <input><inputExpression typeRef="string"><text>Symptom</text></inputExpression></input>
      <output/>
      <rule><inputEntry><text>"cough", "sore throat"</text></inputEntry><outputEntry><text>"cold"</text></outputEntry></rule>
      <rule><inputEntry><text>Flu Symptoms</text></inputEntry><outputEntry><text>"flu"</text></outputEntry></rule>
    </decisionTable>
  </decision>)";

}  // namespace

TEST_CASE("a DMN list type is a list input, list literals, flatten and cells naming a list work", "[dmn][lists]") {
  auto rules = crm::RuleSet::load_dmn(list_model(list_decisions));
  if (!rules) FAIL(rules.error().to_string());
  const crm::Field* field = rules->schema().find("Flu_Symptoms");
  REQUIRE(field);
  CHECK(field->type == crm::FieldType::list);
  REQUIRE(field->of);
  CHECK(*field->of == crm::FieldType::string);
  const std::string in = R"({"Flu Symptoms": ["fever", "cough"], "Symptom": "cough"})";
  CHECK(*crm::dmn::evaluate_json(*rules, in) == R"({"All":["cough","fever","cough","cough"],"Analysis":["cold","flu"]})");
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Flu Symptoms": ["fever"], "Symptom": "fever"})") ==
        R"({"All":["cough","fever","fever"],"Analysis":["flu"]})");
  auto wrong = crm::dmn::evaluate_json(*rules, R"({"Flu Symptoms": ["fever", 3], "Symptom": "x"})");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == ErrorCode::type_mismatch);
  CHECK(wrong.error().where.pointer == "/Flu_Symptoms/1");
  auto back = crm::RuleSet::load_dmn(*crm::dmn::to_dmn(*rules));
  if (!back) FAIL(back.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*back, in) == *crm::dmn::evaluate_json(*rules, in));
}

TEST_CASE("lists of structures and lists of lists are refused at their item definition", "[dmn][lists]") {
  const std::string nested = R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="m" namespace="urn:test">
  <itemDefinition name="tStrings" isCollection="true"><typeRef>string</typeRef></itemDefinition>
  <itemDefinition name="tTable" isCollection="true"><typeRef>tStrings</typeRef></itemDefinition>
  <inputData name="Rows"><variable name="Rows" typeRef="tTable"/></inputData>
  <decision name="D"><variable name="D" typeRef="tTable"/><literalExpression><text>Rows</text></literalExpression></decision>
</definitions>)";
  auto rules = crm::RuleSet::load_dmn(nested);
  REQUIRE_FALSE(rules);
  CHECK(rules.error().code == ErrorCode::invalid_rule);
  CHECK(rules.error().message == "type 'tTable' is a list of lists: not supported");
  CHECK(rules.error().where.pointer == "/definitions/itemDefinition[@name='tTable']");
}

TEST_CASE("export refuses a list input without an element type, which has no DMN type", "[dmn][lists]") {
  auto rules = crm::RuleSet::load(R"j({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"tags": {"type": "list"}}, "decisions": [{"name": "n", "expression": "flatten([tags])"}]})j");
  REQUIRE(rules);
  auto xml = crm::dmn::to_dmn(*rules);
  REQUIRE_FALSE(xml);
  CHECK(xml.error().code == ErrorCode::invalid_rule);
  CHECK(xml.error().message == "input 'tags': a list without an element type (\"of\") has no DMN type");
}
