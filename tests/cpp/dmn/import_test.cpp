// DMN import: names, FEEL, what is refused and where, evaluating by DMN names.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "crmrules/dmn.hpp"

using crm::ErrorCode;

namespace {

std::string import_model(const std::string& body, const std::string& ns = "https://www.omg.org/spec/DMN/20191111/MODEL/") {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns=")" + ns + R"(" name="loans" namespace="urn:test">
  <inputData name="Applicant Age"><variable name="Applicant Age" typeRef="number"/></inputData>
  <inputData name="Risk"><variable name="Risk" typeRef="tRisk"/></inputData>
  <itemDefinition name="tRisk"><typeRef>string</typeRef><allowedValues><text>"Low","High"</text></allowedValues></itemDefinition>
)" + body + "\n</definitions>\n";
}

const std::string table = R"(
  <decision name="Loan Status">
    <variable name="Loan Status" typeRef="string"/>
    <decisionTable hitPolicy="FIRST">
      <input label="Age"><inputExpression typeRef="number"><text>Applicant Age</text></inputExpression></input>
      <input label="Risk"><inputExpression typeRef="string"><text>Risk</text></inputExpression></input>
      <output name="status"><defaultOutputEntry><text>"Refer"</text></defaultOutputEntry></output>
      <rule><inputEntry><text>]18..65]</text></inputEntry><inputEntry><text>"Low"</text></inputEntry>
            <outputEntry><text>"Approve"</text></outputEntry><annotationEntry><text>adults of low risk</text></annotationEntry></rule>
      <rule><inputEntry><text>&lt;= 18</text></inputEntry><inputEntry><text>-</text></inputEntry>
            <outputEntry><text>if Applicant Age &lt; 16 then "Decline" else "Refer"</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision name="Message">
    <variable name="Message" typeRef="string"/>
    <literalExpression><text>if Loan Status = "Approve" then "yes" else "no"</text></literalExpression>
  </decision>)";

}  // namespace

TEST_CASE("a DMN model becomes a rule set that answers by DMN names", "[dmn]") {
  auto rules = crm::RuleSet::load_dmn(import_model(table));
  if (!rules) FAIL(rules.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Applicant Age": 30, "Risk": "Low"})") ==
        R"({"Loan Status":"Approve","Message":"yes"})");
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Applicant Age": 15, "Risk": "High"})") ==
        R"({"Loan Status":"Decline","Message":"no"})");
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Applicant Age": 70, "Risk": "Low"})") ==
        R"({"Loan Status":"Refer","Message":"no"})");  // the default output entry
  const auto names = crm::dmn::names(*rules);
  REQUIRE(names.size() == 4);
  CHECK(names[0] == crm::dmn::Name{"Applicant Age", "Applicant_Age", "input", ""});
  CHECK(names[2] == crm::dmn::Name{"Loan Status", "Loan_Status", "decision", ""});
  // The rule set itself: identifiers, the range's open end, the annotation, the allowed values.
  auto json = crm::dmn::to_rule_set_json(import_model(table));
  REQUIRE(json);
  CHECK(json->find(R"js("when": ["(18..65]", "\"Low\""])js") != std::string::npos);
  CHECK(json->find(R"("description": "adults of low risk")") != std::string::npos);
  CHECK(json->find(R"("Risk": {"type": "enum", "values": ["Low", "High"])") != std::string::npos);
  CHECK(json->find(R"js("expression": "(Loan_Status == \"Approve\") ? (\"yes\") : (\"no\")")js") != std::string::npos);
  CHECK(crm::RuleSet::load(*json));
  auto unknown = crm::dmn::evaluate_json(*rules, R"({"Applicant Ages": 30})");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == ErrorCode::unknown_name);
  CHECK(unknown.error().message.find("did you mean 'Applicant Age'") != std::string::npos);
}

TEST_CASE("bad DMN models are refused at the element, with its line", "[dmn]") {
  auto malformed = crm::RuleSet::load_dmn("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">\n<decision>");
  REQUIRE_FALSE(malformed);
  CHECK(malformed.error().code == ErrorCode::parse);
  CHECK(malformed.error().where.line == 2);
  auto version = crm::RuleSet::load_dmn(import_model(table, "http://www.omg.org/spec/DMN/20990101/MODEL/"));
  REQUIRE_FALSE(version);
  CHECK(version.error().code == ErrorCode::version_mismatch);
  CHECK(version.error().where.pointer == "/definitions");
  std::string columns = table;
  columns.replace(columns.find("<inputEntry><text>-</text></inputEntry>"), 39, "");
  auto count = crm::RuleSet::load_dmn(import_model(columns));
  REQUIRE_FALSE(count);
  CHECK(count.error().where.pointer == "/definitions/decision[@name='Loan Status']/decisionTable/rule[2]");
  CHECK(count.error().message.find("the rule has 1 input and 1 output entries; the table has 2 inputs") != std::string::npos);
  CHECK(count.error().where.line == 15);
  std::string feel = table;
  feel.replace(feel.find("]18..65]"), 8, "]18..65] +");
  auto syntax = crm::RuleSet::load_dmn(import_model(feel));
  REQUIRE_FALSE(syntax);
  CHECK(syntax.error().where.pointer == "/definitions/decision[@name='Loan Status']/decisionTable/rule[1]/inputEntry[1]");
  std::string construct = table;
  construct.replace(construct.find("if Loan Status"), 2, "for x in [1] return");
  auto unsupported = crm::RuleSet::load_dmn(import_model(construct));
  REQUIRE_FALSE(unsupported);
  CHECK(unsupported.error().message.find("FEEL 'for' expressions has no crmrules equivalent") != std::string::npos);
  CHECK(unsupported.error().where.pointer == "/definitions/decision[@name='Message']/literalExpression");
  auto bkm = crm::RuleSet::load_dmn(import_model(R"(<decision name="d"><variable name="d" typeRef="number"/>
    <knowledgeRequirement><requiredKnowledge href="#b"/></knowledgeRequirement>
    <literalExpression><text>b(1)</text></literalExpression></decision>)"));
  REQUIRE_FALSE(bkm);
  CHECK(bkm.error().message.find("invocation of 'b' (a business knowledge model or a function)") != std::string::npos);
  auto any = crm::RuleSet::load_dmn(import_model(R"(<inputData name="t"><variable name="t" typeRef="Any"/></inputData>)" + table));
  REQUIRE_FALSE(any);
  CHECK(any.error().message.find("the type 'Any' is not supported") != std::string::npos);
  auto root = crm::RuleSet::load_dmn(R"(<model xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"/>)");
  REQUIRE_FALSE(root);
  CHECK(root.error().message.find("root element is 'definitions'") != std::string::npos);
}

TEST_CASE("FEEL's unary tests and expressions as crmrules writes them", "[dmn]") {
  auto cells = [](const std::string& cell) {
    auto json = crm::dmn::to_rule_set_json(import_model(R"(<decision name="d"><variable name="d" typeRef="string"/>
      <decisionTable><input><inputExpression typeRef="number"><text>Applicant Age</text></inputExpression></input>
      <output/><rule><inputEntry><text>)" + cell + R"(</text></inputEntry><outputEntry><text>"x"</text></outputEntry></rule>
      </decisionTable></decision>)"));
    REQUIRE(json);
    const auto at = json->find(R"("when": [)");
    return json->substr(at + 9, json->find(']', json->find('"', at + 10) + 1) - at - 8);
  };
  CHECK(cells("[1..5)") == R"js("[1..5)"])js");
  CHECK(cells("]1..5[") == R"js("(1..5)"])js");
  CHECK(cells("not(1, 2)") == R"js("not(1, 2)"])js");
  CHECK(cells("&gt;= 10, &lt; 0") == R"(">= 10, < 0"])");
  CHECK(cells("? &gt; 5") == R"("$ > 5"])");
  CHECK(cells("") == R"("-"])");
  CHECK(cells("? between 1 and 5") == R"js("(($) >= (1) and ($) <= (5))"])js");
}

TEST_CASE("an if in brackets inside an expression, read and written back", "[dmn]") {
  const std::string xml = import_model(R"(<decision name="Band"><variable name="Band" typeRef="string"/>
    <literalExpression><text>if Applicant Age &lt; 18 then "minor" else (if Applicant Age &lt; 65 then "adult" else "senior")</text></literalExpression>
    </decision>)");
  auto json = crm::dmn::to_rule_set_json(xml);
  REQUIRE(json);
  CHECK(json->find(R"js("expression": "(Applicant_Age < 18) ? (\"minor\") : (((Applicant_Age < 65) ? (\"adult\") : (\"senior\")))")js") !=
        std::string::npos);
  auto rules = crm::RuleSet::load_dmn(xml);
  REQUIRE(rules);
  auto back = crm::RuleSet::load_dmn(*crm::dmn::to_dmn(*rules));  // the inner ternary as FEEL's if again
  if (!back) FAIL(back.error().to_string());
  for (const char* age : {"10", "30", "70"}) {
    const std::string in = std::string(R"({"Applicant Age": )") + age + R"(, "Risk": "Low"})";
    CHECK(*crm::dmn::evaluate_json(*back, in) == *crm::dmn::evaluate_json(*rules, in));
  }
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Applicant Age": 70, "Risk": "Low"})") == R"({"Band":"senior"})");
}

TEST_CASE("FEEL's string and decimal, read and written back", "[dmn]") {
  const std::string xml = import_model(R"(<decision name="Label"><variable name="Label" typeRef="string"/>
    <literalExpression><text>"age " + string(decimal(Applicant Age / 2, 0))</text></literalExpression></decision>)");
  auto json = crm::dmn::to_rule_set_json(xml);
  REQUIRE(json);
  CHECK(json->find(R"js("expression": "\"age \" + string(round(Applicant_Age / 2, 0, 'half_even'))")js") != std::string::npos);
  auto rules = crm::RuleSet::load_dmn(xml);
  REQUIRE(rules);
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Applicant Age": 45, "Risk": "Low"})") == R"({"Label":"age 22"})");  // 22.5, to even
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Applicant Age": 47, "Risk": "Low"})") == R"({"Label":"age 24"})");  // 23.5
  const auto dmn = crm::dmn::to_dmn(*rules);
  REQUIRE(dmn);
  CHECK(dmn->find("string(decimal(Applicant Age / 2, 0))") != std::string::npos);
  auto back = crm::RuleSet::load_dmn(*dmn);
  REQUIRE(back);
  CHECK(*crm::dmn::evaluate_json(*back, R"({"Applicant Age": 45, "Risk": "Low"})") == R"({"Label":"age 22"})");
  // The longest function name: 'string join' is refused by its name, not read as string.
  auto join = crm::RuleSet::load_dmn(import_model(R"(<decision name="J"><variable name="J" typeRef="string"/>
    <literalExpression><text>string join(["a"], ",")</text></literalExpression></decision>)"));
  REQUIRE_FALSE(join);
  CHECK(join.error().message == "FEEL function 'string join' has no crmrules equivalent");
  auto arity = crm::RuleSet::load_dmn(import_model(R"(<decision name="D"><variable name="D" typeRef="number"/>
    <literalExpression><text>decimal(Applicant Age)</text></literalExpression></decision>)"));
  REQUIRE_FALSE(arity);
  CHECK(arity.error().where.pointer == "/definitions/decision[@name='D']/literalExpression");
  CHECK(arity.error().message.find("decimal takes 2 arguments") != std::string::npos);
}

TEST_CASE("a column's inputValues over an input are the input's allowed values, checked when it is set", "[dmn]") {
  const std::string body = R"(
  <inputData name="Band"><variable name="Band" typeRef="string"/></inputData>
  <inputData name="Score"><variable name="Score" typeRef="number"/></inputData>
  <decision name="Fee">
    <variable name="Fee" typeRef="number"/>
    <decisionTable>
      <input><inputExpression typeRef="string"><text>Band</text></inputExpression>
        <inputValues><text>"Gold", "Silver"</text></inputValues></input>
      <input><inputExpression typeRef="number"><text>Score</text></inputExpression>
        <inputValues><text>[0..100]</text></inputValues></input>
      <output/>
      <rule><inputEntry><text>"Gold"</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>1</text></outputEntry></rule>
      <rule><inputEntry><text>"Silver"</text></inputEntry><inputEntry><text>-</text></inputEntry><outputEntry><text>2</text></outputEntry></rule>
    </decisionTable>
  </decision>)";
  auto rules = crm::RuleSet::load_dmn(import_model(body));
  if (!rules) FAIL(rules.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Band": "Silver", "Score": 100})") == R"({"Fee":2})");
  auto band = crm::dmn::evaluate_json(*rules, R"({"Band": "Bronze", "Score": 50})");
  REQUIRE_FALSE(band);
  CHECK(band.error().message.find("Bronze") != std::string::npos);
  auto score = crm::dmn::evaluate_json(*rules, R"({"Band": "Gold", "Score": 101})");
  REQUIRE_FALSE(score);
  CHECK(score.error().code == ErrorCode::out_of_range);
  auto json = crm::dmn::to_rule_set_json(import_model(body));
  REQUIRE(json);
  CHECK(json->find(R"("Band": {"type": "enum", "values": ["Gold", "Silver"])") != std::string::npos);
}

TEST_CASE("FEEL's starts with, ends with and substrings, read and written back", "[dmn]") {
  const std::string xml = import_model(R"(<inputData name="Code"><variable name="Code" typeRef="string"/></inputData>
    <decision name="Region"><variable name="Region" typeRef="string"/>
    <literalExpression><text>if starts with(Code, "CN-") and not(ends with(Code, "-X"))
      then substring before(substring after(Code, "CN-"), "-") + "/" + substring(Code, -2) + substring(Code, 1, 1)
      else "other"</text></literalExpression></decision>)");
  auto json = crm::dmn::to_rule_set_json(xml);
  REQUIRE(json);
  CHECK(json->find(R"js(substring_before(substring_after(Code, \"CN-\"), \"-\"))js") != std::string::npos);
  auto rules = crm::RuleSet::load_dmn(xml);
  if (!rules) FAIL(rules.error().to_string());
  const char* shanghai = R"({"Applicant Age": 30, "Risk": "Low", "Code": "CN-SH-07"})";
  CHECK(*crm::dmn::evaluate_json(*rules, shanghai) == R"({"Region":"SH/07C"})");
  CHECK(*crm::dmn::evaluate_json(*rules, R"({"Applicant Age": 30, "Risk": "Low", "Code": "CN-SH-X"})") ==
        R"({"Region":"other"})");
  const auto dmn = crm::dmn::to_dmn(*rules);
  REQUIRE(dmn);
  CHECK(dmn->find(R"(substring before(substring after(Code, "CN-"), "-"))") != std::string::npos);
  auto back = crm::RuleSet::load_dmn(*dmn);
  if (!back) FAIL(back.error().to_string());
  CHECK(*crm::dmn::evaluate_json(*back, shanghai) == R"({"Region":"SH/07C"})");
  // Functions still without an equivalent are refused by their names.
  auto matches = crm::RuleSet::load_dmn(import_model(R"(<decision name="M"><variable name="M" typeRef="boolean"/>
    <literalExpression><text>matches("abc", "a.c")</text></literalExpression></decision>)"));
  REQUIRE_FALSE(matches);
  CHECK(matches.error().message == "FEEL function 'matches' has no crmrules equivalent");
}
