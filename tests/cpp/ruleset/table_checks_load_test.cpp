// Rule sets whose tables the load-time checks cannot prove wrong load: what the checks
// could not analyse is a warning, and evaluation's own check (two rows matching under
// UNIQUE are a conflict) is the guard.
#include <catch2/catch.hpp>

#include <string>

#include "crmrules/rule_set.hpp"
#include "src/ruleset/compiled.hpp"

using crm::Decimal;
using crm::Diagnostic;
using crm::ErrorCode;
using crm::RuleSet;
using crm::Value;

namespace {

/// A UNIQUE table over the inputs amount and limit, with these rows (input cell, output).
std::string limit_rules(const std::string& rows) {
  return R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"amount": {"type": "decimal"}, "limit": {"type": "decimal"}},
    "decisions": [{"name": "check", "table": {"hit_policy": "UNIQUE", "inputs": ["amount"], "outputs": ["result"],
      "rows": [)" +
         rows + "]}}]}";
}

std::string evaluate(const RuleSet& rules, const char* amount, const char* limit) {
  crm::Record record = rules.new_record();
  REQUIRE(record.set("amount", *Decimal::parse(amount)).has_value());
  REQUIRE(record.set("limit", *Decimal::parse(limit)).has_value());
  auto ok = rules.evaluate(record);
  if (!ok) return std::string(crm::to_string(ok.error().code)) + ": " + ok.error().message;
  return record.outputs()[0].to_string();
}

/// `bands` rows [10i..10i+10) of one input x, each giving i.
std::string band_rules(int bands) {
  std::string rows;
  for (int i = 0; i < bands; ++i) {
    rows += i ? ", [\"[" : "[\"[";
    rows += std::to_string(10 * i);
    rows += "..";
    rows += std::to_string(10 * i + 10);
    rows += ")\", ";
    rows += std::to_string(i);
    rows += "]";
  }
  return R"j({"crmrules": 1, "name": "bands", "version": "1", "inputs": {"x": {"type": "decimal", "required": true}},
    "decisions": [{"name": "band", "table": {"hit_policy": "UNIQUE", "required": true,
      "inputs": [{"expression": "x", "domain": "[0..)j" +
         std::to_string(10 * bands) + R"j()"}],
      "outputs": ["row"], "rows": [)j" +
         rows + "]}}]}";
}

}  // namespace

TEST_CASE("A table comparing with another field loads with a warning, evaluation finds a conflict",
          "[table_checks][rules]") {
  SECTION("> limit and <= limit never meet: the rule set loads, each side gives its row") {
    auto rules = RuleSet::load(limit_rules(R"(["> limit", "'over'"], ["<= limit", "'within'"])"));
    REQUIRE(rules.has_value());
    REQUIRE(rules->warnings().size() == 1);
    const Diagnostic& w = rules->warnings()[0];
    CHECK(w.severity == Diagnostic::Severity::warning);
    CHECK(w.error.where.pointer == "/decisions/0/table/rows/1");
    CHECK(w.error.where.line > 0);
    CHECK(w.error.message ==
          "table 'check': row 0 and row 1 may overlap (hit policy UNIQUE): column 'amount' compares with field "
          "'limit' (row 0: > limit), which the load-time check cannot analyse; two matching rows are a conflict error "
          "when evaluated");
    CHECK(evaluate(*rules, "120", "100") == "over");
    CHECK(evaluate(*rules, "100", "100") == "within");
    CHECK(evaluate(*rules, "99.99", "100") == "within");
  }
  SECTION(">= limit and <= limit meet where amount = limit: a conflict at evaluation") {
    auto rules = RuleSet::load(limit_rules(R"([">= limit", "'over'"], ["<= limit", "'within'"])"));
    REQUIRE(rules.has_value());
    CHECK(rules->warnings().size() == 1);
    CHECK(evaluate(*rules, "120", "100") == "over");
    CHECK(evaluate(*rules, "80", "100") == "within");
    CHECK(evaluate(*rules, "100", "100") ==
          "conflict: decision 'check': row 0 and row 1 both match, which UNIQUE forbids");
  }
  SECTION("lint lists the warning; a proven overlap is still an error") {
    const auto found = RuleSet::lint(limit_rules(R"j(["> limit", "'over'"], ["[0..10)", "'a'"], ["[5..20)", "'b'"])j"));
    // Each row once, in the document's order: row 1 with row 0 (maybe), row 2 with row 1 (proven).
    REQUIRE(found.size() == 2);
    CHECK(found[0].severity == Diagnostic::Severity::warning);
    CHECK(found[0].error.message.rfind("table 'check': row 0 and row 1 may overlap", 0) == 0);
    CHECK(found[1].severity == Diagnostic::Severity::error);
    CHECK(found[1].error.message ==
          "table 'check': row 1 and row 2 overlap (hit policy UNIQUE): both match amount in [5..10)");
    auto refused = RuleSet::load(limit_rules(R"j(["> limit", "'over'"], ["[0..10)", "'a'"], ["[5..20)", "'b'"])j"));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::invalid_rule);
    CHECK(refused.error().where.pointer == "/decisions/0/table/rows/2");
  }
}

TEST_CASE("A UNIQUE table of 30,000 disjoint bands loads without a finding and evaluates", "[table_checks][slow]") {
  // Past about 23,000 rows, the index's bitsets once passed its memory cap; the column
  // went unindexed and the check said "row 0 and row 1 overlap ... both match every input".
  const int bands = 30'000;
  auto rules = RuleSet::load(band_rules(bands));
  REQUIRE(rules.has_value());
  CHECK(rules->warnings().empty());
  const auto& table = std::get<crm::internal::Table>(crm::internal::RuleSetAccess::of(*rules).decisions[0].body);
  CHECK(table.index.indexed(0));
  crm::Record record = rules->new_record();
  for (const int i : {0, 1, 12'345, 22'999, 23'000, 29'999}) {
    for (const char* within : {"0", "5.5", "9.99"}) {
      INFO("band " << i << " + " << within);
      REQUIRE(record.set("x", *Decimal::from_int(10 * i).add(*Decimal::parse(within))).has_value());
      REQUIRE(rules->evaluate(record).has_value());
      CHECK(record.outputs()[0] == Value(Decimal::from_int(i)));
    }
  }
}
