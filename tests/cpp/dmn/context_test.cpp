// DMN boxed contexts: entries as decisions of their own, seen by name in their context
// only; what is refused and where.
#include <algorithm>
#include <catch2/catch.hpp>

#include "crmrules/dmn.hpp"

using crm::ErrorCode;

namespace {

std::string model(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="payments" namespace="urn:test">
  <inputData name="Principal"><variable name="Principal" typeRef="number"/></inputData>
  <inputData name="Term"><variable name="Term" typeRef="number"/></inputData>
)" + body + "\n</definitions>\n";
}

// Rate and Fee in the outer context; an inner context with its own Fee (hiding the outer
// one) and a table reading Rate; the result reading the inner context's result.
const std::string payment = R"(
  <decision name="Monthly Payment">
    <variable name="Monthly Payment" typeRef="number"/>
    <context>
      <contextEntry><variable name="Rate"/><literalExpression><text>0.06</text></literalExpression></contextEntry>
      <contextEntry><variable name="Fee"/><literalExpression><text>100</text></literalExpression></contextEntry>
      <contextEntry>
        <variable name="Base"/>
        <context>
          <contextEntry><variable name="Fee"/><literalExpression><text>Fee * 2</text></literalExpression></contextEntry>
          <contextEntry>
            <variable name="Interest"/>
            <decisionTable>
              <input><inputExpression typeRef="number"><text>Term</text></inputExpression></input>
              <output/>
              <rule><inputEntry><text>&lt;= 12</text></inputEntry><outputEntry><text>Principal * Rate / 12</text></outputEntry></rule>
              <rule><inputEntry><text>&gt; 12</text></inputEntry><outputEntry><text>Principal * Rate / 6</text></outputEntry></rule>
            </decisionTable>
          </contextEntry>
          <contextEntry><literalExpression><text>Principal / Term + Interest + Fee</text></literalExpression></contextEntry>
        </context>
      </contextEntry>
      <contextEntry><literalExpression><text>Base + Fee</text></literalExpression></contextEntry>
    </context>
  </decision>
  <decision name="Yearly">
    <variable name="Yearly" typeRef="number"/>
    <literalExpression><text>Monthly Payment * 12</text></literalExpression>
  </decision>)";

crm::Error refused(const std::string& body) {
  auto rules = crm::RuleSet::load_dmn(model(body));
  REQUIRE_FALSE(rules);
  return rules.error();
}

}  // namespace

TEST_CASE("a boxed context's entries are decisions seen by name inside the context", "[dmn]") {
  auto rules = crm::RuleSet::load_dmn(model(payment));
  if (!rules) FAIL(rules.error().to_string());
  // 1200 / 12 + 1200 * 0.06 / 12 + 200 (the inner Fee) + 100 (the outer one); entries are not results.
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Principal": 1200, "Term": 12})") ==
        R"({"Monthly Payment":406,"Yearly":4872})");
  // Exact decimals by DMN names: 18 fractional digits, not a double's 16 significant ones.
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Principal": 1000, "Term": 36})") ==
        R"({"Monthly Payment":337.777777777777777778,"Yearly":4053.333333333333333336})");
  const auto names = crm::dmn::names(*rules);
  CHECK(std::find(names.begin(), names.end(),
                  crm::dmn::Name{"Monthly Payment.Base.Interest", "Monthly_Payment_Base_Interest", "context_entry",
                                 "Monthly Payment"}) != names.end());
  // An entry's name is not seen outside its context.
  auto outside = refused(payment + R"(<decision name="Leak"><variable name="Leak" typeRef="number"/>
    <literalExpression><text>Rate * 2</text></literalExpression></decision>)");
  CHECK(outside.code == ErrorCode::unknown_name);
  CHECK(outside.where.pointer == "/definitions/decision[@name='Leak']/literalExpression");
  // Written as DMN and read back: one context of the entries, the same answers.
  auto xml = crm::dmn::to_dmn(*rules);
  REQUIRE(xml);
  CHECK(xml->find("<contextEntry>") != std::string::npos);
  auto back = crm::RuleSet::load_dmn(*xml);
  if (!back) FAIL(back.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*back, R"({"Principal": 1000, "Term": 36})") ==
        *crm::dmn::evaluate_json(*rules, R"({"Principal": 1000, "Term": 36})"));
}

TEST_CASE("bad boxed contexts are refused at the entry, with its line", "[dmn]") {
  auto unnamed = refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><literalExpression><text>1</text></literalExpression></contextEntry>
    <contextEntry><literalExpression><text>2</text></literalExpression></contextEntry></context></decision>)");
  CHECK(unnamed.code == ErrorCode::missing);
  CHECK(unnamed.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[1]");
  CHECK(unnamed.where.line == 6);
  CHECK(unnamed.message.find("a context entry needs a name") != std::string::npos);
  auto no_result = refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><variable name="a"/><literalExpression><text>1</text></literalExpression></contextEntry></context></decision>)");
  CHECK(no_result.where.pointer == "/definitions/decision[@name='d']/context");
  CHECK(no_result.message.find("a context without a result entry") != std::string::npos);
  auto twice = refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><variable name="a"/><literalExpression><text>1</text></literalExpression></contextEntry>
    <contextEntry><variable name="a"/><literalExpression><text>2</text></literalExpression></contextEntry>
    <contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context></decision>)");
  CHECK(twice.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[2]");
  CHECK(twice.message.find("two entries named 'a'") != std::string::npos);
  // An entry sees only the entries before it.
  auto later = refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><variable name="a"/><literalExpression><text>b + 1</text></literalExpression></contextEntry>
    <contextEntry><variable name="b"/><literalExpression><text>2</text></literalExpression></contextEntry>
    <contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context></decision>)");
  CHECK(later.code == ErrorCode::unknown_name);
  CHECK(later.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[1]/literalExpression");
  CHECK(later.where.line == 6);
  auto empty = refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><variable name="a"/></contextEntry>
    <contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context></decision>)");
  CHECK(empty.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[1]");
  CHECK(empty.message.find("context entry 'a' has no value") != std::string::npos);
  auto relation = refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><variable name="a"/><relation/></contextEntry>
    <contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context></decision>)");
  CHECK(relation.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[1]/relation");
  CHECK(relation.message.find("relation (boxed expression) is not supported") != std::string::npos);
  auto structure = refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><variable name="a"/><decisionTable>
      <input><inputExpression typeRef="number"><text>Term</text></inputExpression></input>
      <output name="x"/><output name="y"/>
      <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>1</text></outputEntry><outputEntry><text>2</text></outputEntry></rule>
    </decisionTable></contextEntry>
    <contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context></decision>)");
  CHECK(structure.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[1]");
  CHECK(structure.message.find("several outputs (a structure): not supported") != std::string::npos);
}
