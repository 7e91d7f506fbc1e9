// Unknown inputs: refused by default, ignored under the rule set's "unknown_inputs":
// "ignore", and each call of evaluate_json / evaluate_json_batch may choose otherwise.
#include <catch2/catch.hpp>

#include <string>

#include "crmrules/rule_set.hpp"

using crm::ErrorCode;
using crm::EvaluateOptions;
using crm::RuleSet;
using crm::UnknownInputs;

namespace {

RuleSet policy_rules(const std::string& policy) {
  auto rules = RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1")" + policy + R"(,
    "inputs": {"visits": {"type": "integer", "required": true}},
    "decisions": [{"name": "busy", "expression": "visits > 3"}],
    "tests": [{"name": "extra", "given": {"visits": 4, "region": "north"}, "expect": {"busy": true}}]})");
  REQUIRE(rules);
  return std::move(*rules);
}

EvaluateOptions asking(UnknownInputs u) {
  EvaluateOptions o;
  o.unknown_inputs = u;
  return o;
}

}  // namespace

TEST_CASE("unknown inputs are refused by default, with did you mean", "[rules][unknown]") {
  auto loaded = RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"visits": {"type": "integer"}}, "decisions": [{"name": "busy", "expression": "visits > 3"}]})");
  REQUIRE(loaded);
  CHECK(loaded->unknown_inputs() == UnknownInputs::error);
  auto out = loaded->evaluate_json(R"({"visits": 4, "visit": 1})");
  REQUIRE_FALSE(out);
  CHECK(out.error().code == ErrorCode::unknown_name);
  CHECK(out.error().message.find("did you mean 'visits'") != std::string::npos);
  CHECK(loaded->evaluate_json(R"({"visits": 4, "visit": 1})", asking(UnknownInputs::ignore)) ==
        std::string(R"({"busy": true})"));
  auto batch = loaded->evaluate_json_batch(R"([{"visits": 4, "x": 1}, {"visits": 1}])", asking(UnknownInputs::ignore));
  REQUIRE(batch);
  CHECK(*batch == R"([{"busy": true}, {"busy": false}])");
  auto refused = loaded->evaluate_json_batch(R"([{"visits": 4, "x": 1}])");
  REQUIRE(refused);
  CHECK(refused->find("unknown_name") != std::string::npos);
}

TEST_CASE("a rule set may ignore unknown inputs, in every way of giving them", "[rules][unknown]") {
  const RuleSet rules = policy_rules(R"(, "unknown_inputs": "ignore")");
  CHECK(rules.unknown_inputs() == UnknownInputs::ignore);
  CHECK(rules.evaluate_json(R"({"visits": 4, "region": "north"})") == std::string(R"({"busy": true})"));
  auto record = rules.new_record();
  CHECK(record.set("region", crm::Value(std::string("north"))));  // left out, no error
  CHECK(record.set("visits", crm::Value(crm::Decimal::from_int(1))));
  REQUIRE(rules.evaluate(record));
  CHECK(record.outputs()[0] == crm::Value(false));
  CHECK(rules.run_tests().passed());  // the test's extra given is left out too
  // lint says so, as a warning: a misspelt input would be ignored as well
  const auto findings = RuleSet::lint(R"({"crmrules": 1, "name": "t", "version": "1", "unknown_inputs": "ignore",
    "inputs": {"visits": {"type": "integer"}}, "decisions": [{"name": "busy", "expression": "visits > 3"}],
    "tests": [{"name": "extra", "given": {"visit": 4}, "expect": {"busy": null}}]})");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == crm::Diagnostic::Severity::warning);
  SECTION("a call may be stricter") {
    auto out = rules.evaluate_json(R"({"visits": 4, "region": "north"})", asking(UnknownInputs::error));
    REQUIRE_FALSE(out);
    CHECK(out.error().where.pointer == "/region");
  }
}

TEST_CASE("unknown_inputs is error or ignore", "[rules][unknown]") {
  const auto findings = RuleSet::lint(R"({"crmrules": 1, "name": "t", "version": "1", "unknown_inputs": "skip",
    "inputs": {}, "decisions": []})");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].error.where.pointer == "/unknown_inputs");
  CHECK(findings[0].error.message == R"(unknown_inputs is "error" or "ignore", not "skip")");
  // "error" is the default spelt out: the test's extra given is then refused at load
  auto strict = RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1", "unknown_inputs": "error",
    "inputs": {}, "decisions": [], "tests": [{"name": "x", "given": {"a": 1}, "expect": {}}]})");
  REQUIRE_FALSE(strict);
  CHECK(strict.error().where.pointer == "/tests/0/given/a");
}
