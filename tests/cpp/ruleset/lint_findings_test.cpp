// lint lists every finding it can: the loader recovers after an error where the rest of
// the document still means something, and checks the tests' given/expect keys. The load
// itself refuses such a document as before, naming the first problem.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "crmrules/rule_set.hpp"

using crm::Diagnostic;
using crm::ErrorCode;
using crm::RuleSet;

namespace {

std::string lint_rules(const std::string& decisions, const std::string& tests) {
  return R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"revenue": {"type": "decimal"}, "visits": {"type": "integer"}},
    "decisions": [)" +
         decisions + R"(], "tests": [)" + tests + "]}";
}

std::vector<std::string> pointers(const std::vector<Diagnostic>& findings, Diagnostic::Severity severity) {
  std::vector<std::string> out;
  for (const auto& d : findings)
    if (d.severity == severity) out.push_back(d.error.where.pointer);
  return out;
}

constexpr auto finding_error = Diagnostic::Severity::error;
constexpr auto finding_warning = Diagnostic::Severity::warning;

}  // namespace

TEST_CASE("lint lists three independent mistakes in three decisions and a test", "[rules][lint]") {
  const std::string text = lint_rules(
      R"({"name": "big", "expression": "revenu > 100"},
         {"name": "busy", "expression": "visits >"},
         {"name": "score", "expression": "revenue * 2"},
         {"name": "big", "expression": "1"})",
      R"({"name": "no expectation", "given": {"revenue": 5}},
         {"name": "fine", "given": {"revenue": 5}, "expect": {"score": 10}})");
  const auto findings = RuleSet::lint(text);
  CHECK(pointers(findings, finding_error) ==
        std::vector<std::string>{"/decisions/0/expression", "/decisions/1/expression", "/decisions/3", "/tests/0"});
  CHECK(findings[0].error.message.find("did you mean 'revenue'") != std::string::npos);
  CHECK(findings[0].error.where.line == 3);  // placed in the text
  auto loaded = RuleSet::load(text);
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().where.pointer == "/decisions/0/expression");  // the first, as before
  CHECK(loaded.error().message.find("(and 3 more: run crmrules lint)") != std::string::npos);
}

TEST_CASE("lint checks the tests' given and expect keys with did you mean", "[rules][lint]") {
  const std::string decisions = R"({"name": "score", "expression": "revenue * 2"})";
  const auto findings = RuleSet::lint(
      lint_rules(decisions, R"({"name": "typos", "given": {"revenue": 5, "visit": 3}, "expect": {"scor": 10}})"));
  REQUIRE(pointers(findings, finding_error) == std::vector<std::string>{"/tests/0/given/visit", "/tests/0/expect/scor"});
  CHECK(findings[0].error.code == ErrorCode::unknown_name);
  CHECK(findings[0].error.message == "test 'typos': given names no input 'visit' (did you mean 'visits'?)");
  CHECK(findings[1].error.message == "test 'typos': expect names no output or input 'scor' (did you mean 'score'?)");
  CHECK_FALSE(RuleSet::load(lint_rules(decisions, R"({"name": "x", "given": {"visit": 3}, "expect": {}})")));

  SECTION("an unknown input in a test that expects an error is a warning: it may be the point") {
    const std::string text =
        lint_rules(decisions, R"({"name": "refused", "given": {"nope": 1}, "expect_error": {"code": "unknown_name"}})");
    const auto lint = RuleSet::lint(text);
    CHECK(pointers(lint, finding_warning) == std::vector<std::string>{"/tests/0/given/nope"});
    auto loaded = RuleSet::load(text);
    REQUIRE(loaded);
    CHECK(loaded->run_tests().passed());
  }
}

TEST_CASE("lint goes on past the document's own mistakes but not past a broken frame", "[rules][lint]") {
  SECTION("an unknown key and a name that is no string are two findings, and the decisions are checked") {
    const auto findings = RuleSet::lint(R"({"crmrules": 1, "name": 7, "version": "1", "input": {},
      "inputs": {}, "decisions": [{"name": "d", "expression": "nope"}]})");
    CHECK(pointers(findings, finding_error) == std::vector<std::string>{"/name", "/input", "/decisions/0/expression"});
  }
  SECTION("broken inputs stop the checks: nothing after them could be checked") {
    const auto findings = RuleSet::lint(R"({"crmrules": 1, "name": "t", "version": "1",
      "inputs": {"a": {"type": "money"}}, "decisions": [{"name": "d", "expression": "nope"}]})");
    CHECK(pointers(findings, finding_error).size() == 1);
  }
  SECTION("an unsupported format is the only finding") {
    const auto findings = RuleSet::lint(R"({"crmrules": 2, "name": 7})");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].error.code == ErrorCode::version_mismatch);
  }
  SECTION("a dependency cycle is reported once every decision compiles") {
    const auto findings =
        RuleSet::lint(lint_rules(R"({"name": "a", "expression": "b + 1"}, {"name": "b", "expression": "a + 1"})", ""));
    CHECK(pointers(findings, finding_error) == std::vector<std::string>{"/decisions"});
  }
}
