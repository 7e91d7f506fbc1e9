// DMN nested structures (components of components, components of structured types) as
// one input per leaf; decisions without logic as inputs.
#include <algorithm>
#include <catch2/catch.hpp>

#include "crmrules/dmn.hpp"

using crm::ErrorCode;

namespace {

std::string structure_model(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="loans" namespace="urn:test">
  <itemDefinition name="tMoney"><itemComponent name="Income"><typeRef>number</typeRef></itemComponent>
    <itemComponent name="Expenses"><typeRef>number</typeRef></itemComponent></itemDefinition>
  <itemDefinition name="tApplicant">
    <itemComponent name="Age"><typeRef>number</typeRef></itemComponent>
    <itemComponent name="Monthly"><typeRef>tMoney</typeRef></itemComponent>
    <itemComponent name="Yearly">
      <itemComponent name="Bonus"><typeRef>number</typeRef></itemComponent>
    </itemComponent>
  </itemDefinition>
  <inputData name="Applicant"><variable name="Applicant" typeRef="tApplicant"/></inputData>
)" + body + "\n</definitions>\n";
}

const std::string spare = R"(
  <decision name="Spare"><variable name="Spare" typeRef="number"/>
    <literalExpression><text>Applicant.Monthly.Income - Applicant.Monthly.Expenses + Applicant.Yearly.Bonus / 12</text></literalExpression>
  </decision>)";

crm::Error structure_refused(const std::string& body) {
  auto rules = crm::RuleSet::load_dmn(structure_model(body));
  REQUIRE_FALSE(rules);
  return rules.error();
}

}  // namespace

TEST_CASE("nested structures are inputs by their paths, given as nested objects", "[dmn]") {
  auto rules = crm::RuleSet::load_dmn(structure_model(spare));
  if (!rules) FAIL(rules.error().to_string());
  const auto names = crm::dmn::names(*rules);
  CHECK(std::find(names.begin(), names.end(),
                  crm::dmn::Name{"Applicant.Monthly.Income", "Applicant_Monthly_Income", "input_component", "Applicant"}) != names.end());
  const std::string in = R"({"Applicant": {"Age": 30, "Monthly": {"Income": 3000, "Expenses": 1800}, "Yearly": {"Bonus": 1200}}})";
  CHECK(*crm::dmn::evaluate_json(*rules, in) == R"({"Spare":1300})");
  auto unknown = crm::dmn::evaluate_json(*rules, R"({"Applicant": {"Monthly": {"Incom": 1}}})");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == ErrorCode::unknown_name);
  CHECK(unknown.error().message == "input 'Applicant.Monthly' has no component 'Incom'");
  CHECK(unknown.error().where.pointer == "/Applicant/Monthly/Incom");
  auto flat = crm::dmn::evaluate_json(*rules, R"({"Applicant": {"Monthly": 5}})");
  REQUIRE_FALSE(flat);
  CHECK(flat.error().code == ErrorCode::type_mismatch);
  CHECK(flat.error().message == "'Applicant.Monthly' is a structure: give an object");
  auto back = crm::RuleSet::load_dmn(*crm::dmn::to_dmn(*rules));
  if (!back) FAIL(back.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*back, in) == R"({"Spare":1300})");
}

TEST_CASE("a list in a structure is refused at its component", "[dmn]") {
  std::string list = structure_model(spare);
  list.replace(list.find(R"(<itemComponent name="Bonus">)"), 28, R"(<itemComponent name="Bonus" isCollection="true">)");
  auto rules = crm::RuleSet::load_dmn(list);
  REQUIRE_FALSE(rules);
  CHECK(rules.error().where.pointer ==
        "/definitions/itemDefinition[@name='tApplicant']/itemComponent[@name='Yearly']/itemComponent[@name='Bonus']");
  CHECK(rules.error().where.line == 9);
  CHECK(rules.error().message == "component 'Yearly.Bonus' is a list: lists are not supported");
}

TEST_CASE("a decision without logic is an input, or left out when untyped and unused", "[dmn]") {
  const std::string officer = R"(<decision name="Officer's view" id="view"><variable name="Officer's view" typeRef="string"/></decision>
    <decision name="Note" id="note"><variable name="Note"/></decision>
    <decision name="Summary"><variable name="Summary" typeRef="string"/>
      <informationRequirement><requiredDecision href="#view"/></informationRequirement>
      <literalExpression><text>"Officer: " + Officer's view</text></literalExpression></decision>)";
  auto rules = crm::RuleSet::load_dmn(structure_model(officer));
  if (!rules) FAIL(rules.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Officer's view": "fine"})") == R"({"Summary":"Officer: fine"})");
  const auto names = crm::dmn::names(*rules);
  CHECK(std::find(names.begin(), names.end(), crm::dmn::Name{"Officer's view", "Officer_s_view", "input", ""}) != names.end());
  CHECK(std::none_of(names.begin(), names.end(), [](const crm::dmn::Name& n) { return n.dmn == "Note"; }));
  // Untyped, and a decision requires it: it cannot be an input.
  std::string required = officer;
  required.replace(required.find(R"(typeRef="string"/></decision>)"), 17, "/");
  auto e = structure_refused(required);
  CHECK(e.where.pointer == "/definitions/decision[@name='Officer's view']");
  CHECK(e.message.find("has no decision logic and no type") != std::string::npos);
}
