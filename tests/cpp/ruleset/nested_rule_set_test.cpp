// Rule sets nested in a section (load_nested_rule_set, src/ruleset/section.hpp), with no
// model in sight: an object of the rule-set form anywhere in a document compiles like the
// document, its findings and errors at their pointers in the whole document; the
// document's run_tests() runs its tests (the account section's, for the prefixes).
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "crmrules/account.hpp"
#include "crmrules/rule_set.hpp"
#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/ruleset/section.hpp"

using crm::Diagnostic;
using crm::ErrorCode;
using crm::RuleSet;
using crm::internal::JsonReader;
using crm::internal::load_nested_rule_set;
using crm::internal::SectionSource;

namespace {

/// A parsed document and what a section loader is handed for its key "section".
struct Fixture {
  explicit Fixture(std::string text_) : text(std::move(text_)), doc(*crm::internal::parse_json(text)) {}

  SectionSource source() {
    return SectionSource{
        JsonReader(&doc, "")["section"], text, name, version, diagnostics, limits, nested, inputs, outputs};
  }
  crm::expected<RuleSet> load(std::string_view member, std::string_view key) {
    return load_nested_rule_set(source(), JsonReader(&doc, "")["section"][member], key);
  }

  std::string text;
  boost::json::value doc;
  std::string name = "parent", version = "2.0";
  std::vector<Diagnostic> diagnostics;
  crm::Limits limits;
  std::vector<std::pair<std::string, RuleSet>> nested;
  crm::Schema inputs;
  std::vector<crm::OutputInfo> outputs;
};

constexpr const char* doubler = R"({"section": {"other": 1, "inner": {
  "description": "doubles x",
  "inputs": {"x": {"type": "decimal", "required": true}},
  "decisions": [{"name": "twice", "expression": "x * 2"}],
  "tests": [{"name": "two", "given": {"x": 1}, "expect": {"twice": 2}}]}}})";

}  // namespace

TEST_CASE("a nested rule set compiles like a document, named after its parent and key", "[rules][nested]") {
  Fixture f(doubler);
  auto rules = f.load("inner", "section/inner");
  REQUIRE(rules);
  CHECK(rules->name() == "parent/section/inner");
  CHECK(rules->version() == "2.0");
  CHECK(rules->limits().string_bytes == f.limits.string_bytes);
  auto out = rules->evaluate_json(R"({"x": 21})");
  REQUIRE(out);
  CHECK(out->find("42") != std::string::npos);
  CHECK(rules->run_tests().passed());
  REQUIRE(f.nested.size() == 1);  // kept by the document, which runs its tests
  CHECK(f.nested[0].first == "section/inner");
  CHECK(f.diagnostics.empty());
}

TEST_CASE("a nested rule set may name and version itself", "[rules][nested]") {
  Fixture f(R"({"section": {"inner": {"name": "mine", "version": "7",
    "inputs": {}, "decisions": [{"name": "one", "expression": "1"}]}}})");
  auto rules = f.load("inner", "k");
  REQUIRE(rules);
  CHECK(rules->name() == "mine");
  CHECK(rules->version() == "7");
  Fixture empty(R"({"section": {"inner": {"name": "", "inputs": {}, "decisions": []}}})");
  auto refused = empty.load("inner", "k");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().where.pointer == "/section/inner/name");
}

TEST_CASE("a nested rule set's errors name their pointer in the whole document", "[rules][nested]") {
  SECTION("an unknown key, with a hint") {
    Fixture f(R"({"section": {"inner": {"inputs": {}, "decision": []}}})");
    auto bad = f.load("inner", "k");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::unknown_name);
    CHECK(bad.error().where.pointer == "/section/inner/decision");
    CHECK(bad.error().message.find("decisions") != std::string::npos);
  }
  SECTION("an expression naming an unknown input") {
    Fixture f(R"({"section": {"inner": {"inputs": {"x": {"type": "decimal"}},
      "decisions": [{"name": "y", "expression": "z + 1"}]}}})");
    auto bad = f.load("inner", "k");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().where.pointer.starts_with("/section/inner/decisions/0"));
    CHECK(bad.error().where.line == 2);  // an expression's error is placed in the text
  }
  SECTION("absent") {
    Fixture f(R"({"section": {}})");
    auto bad = f.load("inner", "k");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().where.pointer == "/section/inner");
  }
}

TEST_CASE("a nested rule set's findings go to the document's diagnostics", "[rules][nested]") {
  Fixture f(R"({"section": {"inner": {
    "inputs": {"amount": {"type": "decimal", "required": true}, "limit": {"type": "decimal", "required": true}},
    "decisions": [{"name": "check", "table": {"hit_policy": "UNIQUE", "inputs": ["amount"], "outputs": ["r"],
      "rows": [["> limit", "'over'"], ["<= limit", "'within'"]]}}]}}})");
  auto rules = f.load("inner", "k");
  REQUIRE(rules);
  REQUIRE(f.diagnostics.size() == 1);
  CHECK(f.diagnostics[0].severity == Diagnostic::Severity::warning);
  CHECK(f.diagnostics[0].error.where.pointer == "/section/inner/decisions/0/table/rows/1");
  // (the engine gives every finding its line and column once the whole document is
  // loaded: tests/cpp/account/account_rules_test.cpp's lint finds one at its line)
}

TEST_CASE("a document's run_tests() runs its sections' nested tests, named by their key", "[rules][nested]") {
  // The one section with nested rule sets today is the account planner's.
  const auto report = crm::account::Planner::builtin().rules().run_tests();
  REQUIRE(report.passed());
  bool stakeholder = false, criterion = false;
  for (const auto& c : report.cases) {
    stakeholder = stakeholder || c.name.starts_with("account/stakeholder: ");
    criterion = criterion || c.name.starts_with("account/criterion: ");
  }
  CHECK(stakeholder);
  CHECK(criterion);
  bool covered = false;
  for (const auto& item : report.coverage.items) covered = covered || item.what.starts_with("account/criterion: ");
  CHECK(covered);
}
