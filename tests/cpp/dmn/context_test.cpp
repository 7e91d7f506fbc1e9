// DMN boxed contexts: entries as decisions of their own, seen by name in their context
// only; what is refused and where.
#include <algorithm>
#include <catch2/catch.hpp>

#include "crmrules/dmn.hpp"

using crm::ErrorCode;

namespace {

std::string context_model(const std::string& body) {
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

crm::Error context_refused(const std::string& body) {
  auto rules = crm::RuleSet::load_dmn(context_model(body));
  REQUIRE_FALSE(rules);
  return rules.error();
}

}  // namespace

TEST_CASE("a boxed context's entries are decisions seen by name inside the context", "[dmn]") {
  auto rules = crm::RuleSet::load_dmn(context_model(payment));
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
  auto outside = context_refused(payment + R"(<decision name="Leak"><variable name="Leak" typeRef="number"/>
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
  auto unnamed = context_refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><literalExpression><text>1</text></literalExpression></contextEntry>
    <contextEntry><literalExpression><text>2</text></literalExpression></contextEntry></context></decision>)");
  CHECK(unnamed.code == ErrorCode::missing);
  CHECK(unnamed.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[1]");
  CHECK(unnamed.where.line == 6);
  CHECK(unnamed.message.find("a context entry needs a name") != std::string::npos);
  std::string deep = "<literalExpression><text>1</text></literalExpression>";
  for (int k = 0; k < 70; ++k) deep = "<context><contextEntry><variable name=\"a\"/>" + deep + "</contextEntry>"
                                      "<contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context>";
  auto nested = context_refused(R"(<decision name="d"><variable name="d"/>)" + deep + "</decision>");
  CHECK(nested.code == ErrorCode::out_of_range);
  CHECK(nested.message == "contexts nested deeper than 64");
  auto no_entries = context_refused(R"(<decision name="d"><variable name="d"/><context>
    </context></decision>)");
  CHECK(no_entries.where.pointer == "/definitions/decision[@name='d']/context");
  CHECK(no_entries.message == "a context without entries");
  auto twice = context_refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><variable name="a"/><literalExpression><text>1</text></literalExpression></contextEntry>
    <contextEntry><variable name="a"/><literalExpression><text>2</text></literalExpression></contextEntry>
    <contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context></decision>)");
  CHECK(twice.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[2]");
  CHECK(twice.message.find("two entries named 'a'") != std::string::npos);
  // An entry sees only the entries before it.
  auto later = context_refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><variable name="a"/><literalExpression><text>b + 1</text></literalExpression></contextEntry>
    <contextEntry><variable name="b"/><literalExpression><text>2</text></literalExpression></contextEntry>
    <contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context></decision>)");
  CHECK(later.code == ErrorCode::unknown_name);
  CHECK(later.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[1]/literalExpression");
  CHECK(later.where.line == 6);
  auto empty = context_refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><variable name="a"/></contextEntry>
    <contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context></decision>)");
  CHECK(empty.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[1]");
  CHECK(empty.message.find("context entry 'a' has no value") != std::string::npos);
  auto relation = context_refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><variable name="a"/><relation/></contextEntry>
    <contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context></decision>)");
  CHECK(relation.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[1]/relation");
  CHECK(relation.message.find("relation (boxed expression) is not supported") != std::string::npos);
  auto structure = context_refused(R"(<decision name="d"><variable name="d"/><context>
    <contextEntry><variable name="a"/><decisionTable>
      <input><inputExpression typeRef="number"><text>Term</text></inputExpression></input>
      <output name="x"/><output name="y"/>
      <rule><inputEntry><text>-</text></inputEntry><outputEntry><text>1</text></outputEntry><outputEntry><text>2</text></outputEntry></rule>
    </decisionTable></contextEntry>
    <contextEntry><literalExpression><text>a</text></literalExpression></contextEntry></context></decision>)");
  CHECK(structure.where.pointer == "/definitions/decision[@name='d']/context/contextEntry[1]");
  CHECK(structure.message.find("several outputs (a structure): not supported") != std::string::npos);
}

TEST_CASE("a context without a result entry is a structure of its entries", "[dmn]") {
  // Split: a structure with a nested one; Plan: a structure read as a whole (Split) and
  // by a component; Share: one component of another decision's structure.
  const std::string body = R"(
  <decision name="Split"><variable name="Split"/><context>
    <contextEntry><variable name="Rate"/><literalExpression><text>0.25</text></literalExpression></contextEntry>
    <contextEntry><variable name="Parts"/><context>
      <contextEntry><variable name="Tax"/><literalExpression><text>Principal * Rate</text></literalExpression></contextEntry>
      <contextEntry><variable name="Net"/><literalExpression><text>Principal - Tax</text></literalExpression></contextEntry>
    </context></contextEntry>
    <contextEntry><variable name="Term"/><literalExpression><text>Term</text></literalExpression></contextEntry>
  </context></decision>
  <decision name="Plan"><variable name="Plan"/><context>
    <contextEntry><variable name="Copy"/><literalExpression><text>Split</text></literalExpression></contextEntry>
    <contextEntry><variable name="Monthly"/><literalExpression><text>Copy.Parts.Net / Term</text></literalExpression></contextEntry>
  </context></decision>
  <decision name="Share"><variable name="Share" typeRef="number"/>
    <literalExpression><text>Split.Parts.Tax / Principal</text></literalExpression></decision>)";
  auto rules = crm::RuleSet::load_dmn(context_model(body));
  if (!rules) FAIL(rules.error().to_string());
  const std::string in = R"({"Principal": 1200, "Term": 12})";
  const std::string out =
      R"({"Split":{"Rate":0.25,"Parts":{"Tax":300.00,"Net":900.00},"Term":12},)"
      R"("Plan":{"Copy":{"Rate":0.25,"Parts":{"Tax":300.00,"Net":900.00},"Term":12},"Monthly":75},"Share":0.25})";
  CHECK(*crm::dmn::evaluate_json(*rules, in) == out);
  const auto names = crm::dmn::names(*rules);
  CHECK(std::find(names.begin(), names.end(),
                  crm::dmn::Name{"Split.Parts.Net", "Split_Parts_Net", "output", "Split"}) != names.end());
  auto xml = crm::dmn::to_dmn(*rules);
  REQUIRE(xml);
  auto back = crm::RuleSet::load_dmn(*xml);
  if (!back) FAIL(back.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*back, in) == out);
  // A structure is no value: read whole only as an entry's or a decision's whole literal.
  auto sum = context_refused(body + R"(<decision name="Bad"><variable name="Bad"/>
    <literalExpression><text>Split + 1</text></literalExpression></decision>)");
  CHECK(sum.code == ErrorCode::unknown_name);
  CHECK(sum.where.pointer == "/definitions/decision[@name='Bad']/literalExpression");
}

TEST_CASE("a number's allowed values [low..high] bound its input", "[dmn]") {
  const std::string xml = R"(<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" name="v" namespace="urn:v">
  <itemDefinition name="tByte"><typeRef>number</typeRef><allowedValues><text>[0..255]</text></allowedValues></itemDefinition>
  <inputData name="Red"><variable name="Red" typeRef="tByte"/></inputData>
  <decision name="Half"><variable name="Half"/><literalExpression><text>Red / 2</text></literalExpression></decision>
</definitions>)";
  auto rules = crm::RuleSet::load_dmn(xml);
  if (!rules) FAIL(rules.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Red": 255})") == R"({"Half":127.5})");
  CHECK_FALSE(crm::dmn::evaluate_json(*rules, R"({"Red": 256})"));
  std::string open = xml;
  open.replace(open.find("[0..255]"), 8, "(0..255)");
  auto e = crm::RuleSet::load_dmn(open);
  REQUIRE_FALSE(e);
  CHECK(e.error().where.pointer == "/definitions/inputData[@name='Red']");
  CHECK(e.error().message.find("(of a number, a range [low..high] is)") != std::string::npos);
}
