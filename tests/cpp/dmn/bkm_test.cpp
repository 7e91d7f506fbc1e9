// DMN business knowledge models: invoked with bindings or called from a literal
// expression, each call expanded; what is refused and where.
#include <catch2/catch.hpp>

#include "crmrules/dmn.hpp"

using crm::ErrorCode;

namespace {

std::string bkm_model(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="fees" namespace="urn:test">
  <inputData name="Amount"><variable name="Amount" typeRef="number"/></inputData>
  <inputData name="Tier"><variable name="Tier" typeRef="string"/></inputData>
  <businessKnowledgeModel name="Rate of">
    <variable name="Rate of"/>
    <encapsulatedLogic>
      <formalParameter name="tier" typeRef="string"/>
      <decisionTable>
        <input><inputExpression typeRef="string"><text>tier</text></inputExpression></input>
        <output/>
        <rule><inputEntry><text>"Gold"</text></inputEntry><outputEntry><text>0.01</text></outputEntry></rule>
        <rule><inputEntry><text>not("Gold")</text></inputEntry><outputEntry><text>0.02</text></outputEntry></rule>
      </decisionTable>
    </encapsulatedLogic>
  </businessKnowledgeModel>
  <businessKnowledgeModel name="fee">
    <variable name="fee"/>
    <encapsulatedLogic>
      <formalParameter name="amount" typeRef="number"/>
      <formalParameter name="tier" typeRef="string"/>
      <literalExpression><text>max(amount * Rate of(tier), 5)</text></literalExpression>
    </encapsulatedLogic>
  </businessKnowledgeModel>
)" + body + "\n</definitions>\n";
}

const std::string bkm_decisions = R"(
  <decision name="Rate">
    <variable name="Rate" typeRef="number"/>
    <knowledgeRequirement><requiredKnowledge href="#r"/></knowledgeRequirement>
    <invocation>
      <literalExpression><text>Rate of</text></literalExpression>
      <binding><parameter name="tier"/><literalExpression><text>Tier</text></literalExpression></binding>
    </invocation>
  </decision>
  <decision name="Total">
    <variable name="Total" typeRef="number"/>
    <literalExpression><text>Amount + fee(Amount, Tier) + fee(100, "Gold")</text></literalExpression>
  </decision>)";

crm::Error bkm_refused(const std::string& body) {
  auto rules = crm::RuleSet::load_dmn(bkm_model(body));
  REQUIRE_FALSE(rules);
  return rules.error();
}

}  // namespace

TEST_CASE("business knowledge models are expanded where they are invoked or called", "[dmn]") {
  auto rules = crm::RuleSet::load_dmn(bkm_model(bkm_decisions));
  if (!rules) FAIL(rules.error().to_string());
  // 1000 * 0.02 = 20, and the Gold fee of 100 is 1, at least 5.
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Amount": 1000, "Tier": "Silver"})") == R"({"Rate":0.02,"Total":1025.00})");
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Amount": 100, "Tier": "Gold"})") == R"({"Rate":0.01,"Total":110})");
  auto xml = crm::dmn::to_dmn(*rules);
  REQUIRE(xml);
  auto back = crm::RuleSet::load_dmn(*xml);
  if (!back) FAIL(back.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*back, R"({"Amount": 1000, "Tier": "Silver"})") == R"({"Rate":0.02,"Total":1025.00})");
  // A parameter left unbound is null: the table's "not(Gold)" row matches it.
  std::string unbound = bkm_decisions;
  unbound.replace(unbound.find(R"(<binding><parameter name="tier"/>)"), 100, "");
  unbound.replace(unbound.find("</invocation>") - 5, 5, "");
  auto open = crm::RuleSet::load_dmn(bkm_model(unbound));
  if (!open) FAIL(open.error().to_string());
  CHECK(crm::dmn::evaluate_json(*open, R"({"Amount": 1, "Tier": "Gold"})")->starts_with(R"({"Rate":0.02,)"));
}

TEST_CASE("a structure bound to a model's parameter is bound leaf by leaf", "[dmn]") {
  const std::string xml = R"(<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="p" namespace="urn:p">
  <itemDefinition name="tPerson"><itemComponent name="Name"><typeRef>string</typeRef></itemComponent>
    <itemComponent name="Children"><typeRef>number</typeRef></itemComponent></itemDefinition>
  <inputData name="Applicant"><variable name="Applicant" typeRef="tPerson"/></inputData>
  <businessKnowledgeModel name="describe"><encapsulatedLogic>
    <formalParameter name="Person" typeRef="tPerson"/>
    <literalExpression><text>Person.Name + " has " + string(Person.Children)</text></literalExpression>
  </encapsulatedLogic></businessKnowledgeModel>
  <decision name="Description"><variable name="Description" typeRef="string"/>
    <invocation><literalExpression><text>describe</text></literalExpression>
      <binding><parameter name="Person"/><literalExpression><text>Applicant</text></literalExpression></binding>
    </invocation></decision>
</definitions>)";
  auto rules = crm::RuleSet::load_dmn(xml);
  if (!rules) FAIL(rules.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Applicant": {"Name": "Ann", "Children": 2}})") == R"({"Description":"Ann has 2"})");
  // A value that is no structure's name is refused where it is bound.
  std::string value = xml;
  value.replace(value.find("<text>Applicant</text>"), 22, "<text>1 + 2</text>");
  auto e = crm::RuleSet::load_dmn(value);
  REQUIRE_FALSE(e);
  CHECK(e.error().where.pointer == "/definitions/decision[@name='Description']/invocation/binding[1]/literalExpression");
}

TEST_CASE("bad invocations of business knowledge models are refused at the element", "[dmn]") {
  auto parameter = bkm_refused(R"(<decision name="d"><variable name="d"/><invocation>
    <literalExpression><text>Rate of</text></literalExpression>
    <binding><parameter name="level"/><literalExpression><text>Tier</text></literalExpression></binding>
    </invocation></decision>)");
  CHECK(parameter.code == ErrorCode::unknown_name);
  CHECK(parameter.where.pointer == "/definitions/decision[@name='d']/invocation/binding[1]");
  CHECK(parameter.where.line == 27);
  CHECK(parameter.message == "business knowledge model 'Rate of' has no parameter 'level' (its parameters: tier)");
  auto unknown = bkm_refused(R"(<decision name="d"><variable name="d"/><invocation>
    <literalExpression><text>Rates</text></literalExpression></invocation></decision>)");
  CHECK(unknown.where.pointer == "/definitions/decision[@name='d']/invocation/literalExpression");
  CHECK(unknown.message.find("no business knowledge model 'Rates'") != std::string::npos);
  auto count = bkm_refused(R"(<decision name="d"><variable name="d"/>
    <literalExpression><text>fee(Amount)</text></literalExpression></decision>)");
  CHECK(count.where.pointer == "/definitions/decision[@name='d']/literalExpression");
  CHECK(count.where.line == 26);
  CHECK(count.message == "business knowledge model 'fee' takes 2 arguments (amount, tier), not 1");
  auto named = bkm_refused(R"(<decision name="d"><variable name="d"/>
    <literalExpression><text>fee(amount: Amount, tier: Tier)</text></literalExpression></decision>)");
  CHECK(named.message.find("named arguments") != std::string::npos);
  // A body sees its parameters only, not the model's inputs.
  auto sealed = bkm_refused(R"(<businessKnowledgeModel name="leak"><encapsulatedLogic><formalParameter name="x"/>
    <literalExpression><text>x + Amount</text></literalExpression></encapsulatedLogic></businessKnowledgeModel>
    <decision name="d"><variable name="d"/><literalExpression><text>leak(1)</text></literalExpression></decision>)");
  CHECK(sealed.code == ErrorCode::unknown_name);
  CHECK(sealed.where.pointer == "/definitions/businessKnowledgeModel[@name='leak']/encapsulatedLogic/literalExpression");
  auto recursive = bkm_refused(R"(<businessKnowledgeModel name="loop"><encapsulatedLogic><formalParameter name="n"/>
    <literalExpression><text>if n &lt;= 0 then 0 else loop(n - 1)</text></literalExpression></encapsulatedLogic></businessKnowledgeModel>
    <decision name="d"><variable name="d"/><literalExpression><text>loop(3)</text></literalExpression></decision>)");
  CHECK(recursive.message.find("recursion is not supported") != std::string::npos);
  auto no_body = bkm_refused(R"(<businessKnowledgeModel name="empty"><encapsulatedLogic><formalParameter name="n"/>
    </encapsulatedLogic></businessKnowledgeModel>)" + bkm_decisions);
  CHECK(no_body.where.pointer == "/definitions/businessKnowledgeModel[@name='empty']/encapsulatedLogic");
  // A call in a table's cell is not expanded: refused by name.
  auto cell = bkm_refused(R"(<decision name="d"><variable name="d"/><decisionTable>
    <input><inputExpression typeRef="number"><text>Amount</text></inputExpression></input><output/>
    <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>fee(Amount, Tier)</text></outputEntry></rule>
    </decisionTable></decision>)");
  CHECK(cell.where.pointer == "/definitions/decision[@name='d']/decisionTable/rule[1]/outputEntry[1]");
  CHECK(cell.message.find("invocation of 'fee'") != std::string::npos);
}
