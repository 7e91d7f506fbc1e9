// Evaluating rule sets: records, tables under every hit policy, scorecards, traces.
#include <catch2/catch.hpp>

#include "crmrules/rule_set.hpp"
#include "tests/cpp/decimals.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::RuleSet;
using crm::Value;

namespace {

RuleSet load_rules(std::string_view json) {
  auto rules = RuleSet::load(json);
  if (!rules) FAIL(rules.error().to_string());
  return std::move(*rules);
}

/// A rule set with one numeric input `x` (and `region`) and one table.
std::string table_rules(std::string_view policy, std::string_view outputs, std::string_view rows, bool required = false) {
  return std::string(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": true}, "region": {"type": "string", "default": "north"}},
    "decisions": [{"name": "table", "table": {"hit_policy": ")") + std::string(policy) +
         R"(", "required": )" + (required ? "true" : "false") + R"(, "inputs": ["x", "region"], "outputs": )" +
         std::string(outputs) + R"(, "rows": )" + std::string(rows) + "}}]}";
}

/// Two records filled alike, evaluated without a trace (the scorecards' folded fast path)
/// and with one (the general path), agree: the same outputs, or the same error.
template <class Fill>
void check_fast_path_as_traced(const RuleSet& rules, Fill&& fill) {
  crm::Record fast = rules.new_record(), general = rules.new_record();
  fill(fast);
  fill(general);
  crm::Trace trace;
  auto a = rules.evaluate(fast);
  auto b = rules.evaluate(general, &trace);
  REQUIRE(a.has_value() == b.has_value());
  if (!a) {
    CHECK(a.error().to_string() == b.error().to_string());
    return;
  }
  REQUIRE(fast.outputs().size() == general.outputs().size());
  for (std::size_t i = 0; i < fast.outputs().size(); ++i) CHECK(fast.outputs()[i].to_string() == general.outputs()[i].to_string());
}

std::string eval_json(const RuleSet& rules, std::string_view input) {
  auto out = rules.evaluate_json(input);
  if (!out) FAIL(out.error().to_string());
  return *out;
}

crm::Error eval_error(const RuleSet& rules, std::string_view input) {
  auto out = rules.evaluate_json(input);
  REQUIRE_FALSE(out);
  return out.error();
}

}  // namespace

TEST_CASE("a record is checked against the schema and keeps its old value on error", "[rules]") {
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"n": {"type": "integer", "min": 0, "max": 10, "required": true},
               "g": {"type": "grade", "labels": ["A1", "B1"], "default": "B1"},
               "d": {"type": "date"}, "b": {"type": "bool", "default": false}},
    "decisions": [{"name": "twice", "expression": "n * 2"}]})");
  crm::Record record = rules.new_record();
  REQUIRE(record.set("n", Decimal::from_int(4)));
  auto bad = record.set("n", Decimal::from_int(11));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::out_of_range);
  CHECK(bad.error().message.find("above its maximum 10") != std::string::npos);
  CHECK(record.get("n")->as_decimal() == Decimal::from_int(4));  // unchanged
  CHECK(record.set("n", dec("2.5")).error().code == ErrorCode::type_mismatch);
  CHECK(record.set("n", "seven").error().code == ErrorCode::parse);
  CHECK(record.set("g", "Z9").error().code == ErrorCode::out_of_range);
  CHECK(record.set("b", "maybe").error().code == ErrorCode::type_mismatch);
  CHECK(record.set("d", "2024-02-30").error().code == ErrorCode::out_of_range);
  CHECK(record.set("d", "2024-02-29"));
  auto unknown = record.set("nn", Decimal::from_int(1));
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == ErrorCode::unknown_name);
  CHECK(unknown.error().message.find("did you mean 'n'") != std::string::npos);
  REQUIRE(rules.evaluate(record));
  CHECK(record.get("twice")->as_decimal() == Decimal::from_int(8));
  CHECK(record.get("g")->as_string() == "B1");  // the default
  record.clear();
  auto missing = rules.evaluate(record);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::missing);
  CHECK(missing.error().message == "required field 'n' is missing");
  auto other = load_rules(R"({"crmrules": 1, "name": "o", "version": "1", "inputs": {}, "decisions": []})");
  CHECK(other.evaluate(record).error().code == ErrorCode::invalid_argument);
}

TEST_CASE("FIRST picks the first matching row", "[rules][table]") {
  auto rules = load_rules(table_rules("FIRST", R"(["grade"])",
                                R"j([[">= 85", "-", "'A1'"], ["[75..85)", "-", "'A2'"], ["-", "\"south\"", "'S'"], ["-", "-", "'C'"]])j"));
  CHECK(eval_json(rules, R"({"x": 90})") == R"({"grade": "A1"})");
  CHECK(eval_json(rules, R"({"x": 85})") == R"({"grade": "A1"})");
  CHECK(eval_json(rules, R"({"x": "84.99"})") == R"({"grade": "A2"})");
  CHECK(eval_json(rules, R"({"x": 10, "region": "south"})") == R"({"grade": "S"})");
  CHECK(eval_json(rules, R"({"x": 10})") == R"({"grade": "C"})");
}

TEST_CASE("UNIQUE: one hit, none (null or error), or a conflict", "[rules][table]") {
  auto rules = load_rules(table_rules("UNIQUE", R"(["grade"])", R"([["< 50", "-", "'low'"], [">= 50", "\"north\"", "'high'"]])"));
  CHECK(eval_json(rules, R"({"x": 10})") == R"({"grade": "low"})");
  CHECK(eval_json(rules, R"({"x": 60, "region": "east"})") == R"({"grade": null})");
  // A required table with a gap does not load: the gap would fail at run time.
  auto gap = RuleSet::load(table_rules("UNIQUE", R"(["grade"])", R"([["< 50", "-", "'low'"]])", true));
  REQUIRE_FALSE(gap);
  CHECK(gap.error().code == ErrorCode::invalid_rule);
  CHECK(gap.error().message.find("no row matches x") != std::string::npos);
  CHECK(gap.error().message.find("50") != std::string::npos);
  CHECK(gap.error().where.pointer == "/decisions/0/table/rows");
  // Where the checks cannot see a gap, no hit in a required table is an evaluation error.
  auto required = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": true}, "limit": {"type": "decimal", "default": 50}},
    "decisions": [{"name": "table", "table": {"required": true, "inputs": ["x"], "outputs": ["grade"],
      "rows": [["< limit", "'low'"]]}}]})");
  auto none = eval_error(required, R"({"x": 60})");
  CHECK(none.code == ErrorCode::no_match);
  CHECK(none.message == "decision 'table': no row matches x = 60");
}

TEST_CASE("ANY accepts agreeing hits and refuses differing ones", "[rules][table]") {
  auto rules = load_rules(table_rules("ANY", R"(["grade"])",
                                R"([["< 50", "-", "'low'"], ["< 40", "-", "'low'"], ["< 30", "\"east\"", "'lowest'"]])"));
  CHECK(eval_json(rules, R"({"x": 35})") == R"({"grade": "low"})");
  auto e = eval_error(rules, R"({"x": 10, "region": "east"})");
  CHECK(e.code == ErrorCode::conflict);
  CHECK(e.message.find("ANY") != std::string::npos);
}

TEST_CASE("PRIORITY picks by the output's value order", "[rules][table]") {
  auto rules = load_rules(table_rules("PRIORITY", R"([{"name": "grade", "values": ["A", "B", "C"]}])",
                                R"([["-", "-", "'C'"], ["> 50", "-", "'B'"], ["> 80", "-", "'A'"]])"));
  CHECK(eval_json(rules, R"({"x": 90})") == R"({"grade": "A"})");
  CHECK(eval_json(rules, R"({"x": 60})") == R"({"grade": "B"})");
  CHECK(eval_json(rules, R"({"x": 10})") == R"({"grade": "C"})");
  auto unlisted = load_rules(table_rules("PRIORITY", R"([{"name": "grade", "values": ["A"]}])", R"([["-", "-", "'Z'"]])"));
  CHECK(eval_error(unlisted, R"({"x": 1})").code == ErrorCode::invalid_rule);
}

TEST_CASE("PRIORITY ranks by the outputs that list their values (DMN TCK 0118)", "[rules][table]") {
  auto rules = load_rules(table_rules("PRIORITY", R"(["note", {"name": "grade", "values": ["A", "B"]}])",
                                R"([["-", "-", "'any'", "'B'"], ["> 80", "-", "'high'", "'A'"]])"));
  CHECK(eval_json(rules, R"({"x": 90})") == R"({"note": "high", "grade": "A"})");
  CHECK(eval_json(rules, R"({"x": 10})") == R"({"note": "any", "grade": "B"})");
  auto none = crm::RuleSet::load(table_rules("PRIORITY", R"(["note", "grade"])", R"([["-", "-", "'a'", "'B'"]])"));
  REQUIRE_FALSE(none);
  CHECK(none.error().message.find("PRIORITY needs an output's values in priority order") != std::string::npos);
}

TEST_CASE("an output's default answers when no row matches (DMN's defaultOutputEntry)", "[rules][table]") {
  auto rules = load_rules(table_rules("UNIQUE", R"([{"name": "grade", "default": "'none'"}, {"name": "score", "default": "x * 2"}])",
                                R"([["> 80", "-", "'A'", "1"]])"));
  CHECK(eval_json(rules, R"({"x": 90})") == R"({"grade": "A", "score": 1})");
  CHECK(eval_json(rules, R"({"x": 10})") == R"({"grade": "none", "score": 20})");
  // A multi-hit table's list holds the default alone; an aggregation gives it.
  auto multi = load_rules(table_rules("COLLECT", R"([{"name": "grade", "default": "'none'"}])", R"([["> 5", "-", "'A'"]])"));
  CHECK(eval_json(multi, R"({"x": 9})") == R"({"grade": ["A"]})");
  CHECK(eval_json(multi, R"({"x": 1})") == R"({"grade": ["none"]})");
  auto sum = load_rules(table_rules("COLLECT SUM", R"([{"name": "v", "default": "0"}])", R"([["> 5", "-", "2"]])"));
  CHECK(eval_json(sum, R"({"x": 1})") == R"({"v": 0})");
  auto required = crm::RuleSet::load(
      table_rules("FIRST", R"([{"name": "grade", "default": "'none'"}])", R"([["-", "-", "'A'"]])", true));
  REQUIRE_FALSE(required);
  CHECK(required.error().message.find("cannot be 'required'") != std::string::npos);
}

TEST_CASE("COLLECT aggregates with SUM, MIN, MAX and COUNT", "[rules][table]") {
  const char* rows = R"([["> 0", "-", "10"], ["> 5", "-", "2.5"], ["> 100", "-", "1000"]])";
  CHECK(eval_json(load_rules(table_rules("COLLECT SUM", R"(["v"])", rows)), R"({"x": 6})") == R"({"v": 12.5})");
  CHECK(eval_json(load_rules(table_rules("C<", R"(["v"])", rows)), R"({"x": 6})") == R"({"v": 2.5})");
  CHECK(eval_json(load_rules(table_rules("COLLECT MAX", R"(["v"])", rows)), R"({"x": 6})") == R"({"v": 10})");
  CHECK(eval_json(load_rules(table_rules("COLLECT COUNT", R"(["v"])", rows)), R"({"x": 6})") == R"({"v": 2})");
  CHECK(eval_json(load_rules(table_rules("COLLECT COUNT", R"(["v"])", rows)), R"({"x": -1})") == R"({"v": 0})");
  CHECK(eval_json(load_rules(table_rules("COLLECT SUM", R"(["v"])", rows)), R"({"x": -1})") == R"({"v": null})");
}

TEST_CASE("RULE ORDER and COLLECT give every hit's outputs as lists, in row order", "[rules][table]") {
  const char* rows = R"j([["> 0", "-", "'B'", "10"], ["> 5", "-", "'A'", "2.50"], ["> 100", "-", "'C'", "1000"],
                          ["-", "\"south\"", "'S'", "null"]])j";
  for (const char* policy : {"RULE ORDER", "R", "COLLECT", "C"}) {
    auto rules = load_rules(table_rules(policy, R"(["tag", "v"])", rows));
    CHECK(eval_json(rules, R"({"x": 6})") == R"({"tag": ["B", "A"], "v": [10, 2.50]})");
    CHECK(eval_json(rules, R"({"x": 200, "region": "south"})") == R"({"tag": ["B", "A", "C", "S"], "v": [10, 2.50, 1000, null]})");
    // No hit: empty lists (the table is not required).
    CHECK(eval_json(rules, R"({"x": -1})") == R"({"tag": [], "v": []})");
  }
  // Through a record: a list Value with typed elements.
  auto rules = load_rules(table_rules("RULE ORDER", R"(["tag", "v"])", rows));
  crm::Record record = rules.new_record();
  REQUIRE(record.set("x", Decimal::from_int(6)));
  REQUIRE(rules.evaluate(record));
  const Value& tags = *record.get("tag");
  REQUIRE(tags.kind() == crm::ValueKind::list);
  CHECK(tags == Value(Value::List{"B", "A"}));
  CHECK(record.get("v")->as_list().at(1).as_decimal().to_string() == "2.50");
  CHECK(tags.to_string() == R"(["B", "A"])");
  // Evaluating again reuses the record and replaces the lists.
  REQUIRE(record.set("x", Decimal::from_int(1)));
  REQUIRE(rules.evaluate(record));
  CHECK(*record.get("tag") == Value(Value::List{"B"}));
  // A required multi-hit table with no hit is an error, as for every policy.
  auto required = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": true}, "limit": {"type": "decimal", "default": 50}},
    "decisions": [{"name": "table", "table": {"hit_policy": "COLLECT", "required": true, "inputs": ["x"],
      "outputs": ["grade"], "rows": [["< limit", "'low'"]]}}]})");
  CHECK(eval_error(required, R"({"x": 60})").code == ErrorCode::no_match);
}

TEST_CASE("OUTPUT ORDER sorts the hits by the outputs' priority lists", "[rules][table]") {
  const char* rows = R"([["-", "-", "'C'", "1"], ["> 50", "-", "'A'", "2"], ["> 20", "-", "'B'", "3"], ["> 80", "-", "'A'", "4"]])";
  auto rules = load_rules(table_rules("OUTPUT ORDER", R"([{"name": "grade", "values": ["A", "B", "C"]}, "n"])", rows));
  // The first output decides; ties keep row order; the other outputs follow their rows.
  CHECK(eval_json(rules, R"({"x": 90})") == R"({"grade": ["A", "A", "B", "C"], "n": [2, 4, 3, 1]})");
  CHECK(eval_json(rules, R"({"x": 30})") == R"({"grade": ["B", "C"], "n": [3, 1]})");
  // A second output with a priority list breaks the first one's ties.
  auto both = load_rules(table_rules("O", R"([{"name": "grade", "values": ["A", "B", "C"]}, {"name": "n", "values": [4, 3, 2, 1]}])", rows));
  CHECK(eval_json(both, R"({"x": 90})") == R"({"grade": ["A", "A", "B", "C"], "n": [4, 2, 3, 1]})");
  // A value missing from the priority list is an evaluation error naming it.
  auto unlisted = load_rules(table_rules("OUTPUT ORDER", R"([{"name": "grade", "values": ["A", "B"]}, "n"])", rows));
  auto e = eval_error(unlisted, R"({"x": 90})");
  CHECK(e.code == ErrorCode::invalid_rule);
  CHECK(e.message.find("C, which is not among its listed values") != std::string::npos);
  // OUTPUT ORDER without a priority list does not load.
  auto no_values = RuleSet::load(table_rules("OUTPUT ORDER", R"(["grade"])", R"([["-", "-", "'A'"]])"));
  REQUIRE_FALSE(no_values);
  CHECK(no_values.error().code == ErrorCode::invalid_rule);
  CHECK(no_values.error().where.pointer == "/decisions/0/table/outputs/0");
  CHECK(no_values.error().message.find("OUTPUT ORDER needs an output's values in priority order") != std::string::npos);
}

TEST_CASE("list outputs appear in traces and rule tests compare them element by element", "[rules][table]") {
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": true}},
    "decisions": [{"name": "offers", "table": {"hit_policy": "RULE ORDER", "inputs": ["x"], "outputs": ["offer"],
      "rows": [["> 0", "'card'"], ["> 10", "'loan'"]]}}],
    "tests": [{"name": "both", "given": {"x": 20}, "expect": {"offer": ["card", "loan"]}},
              {"name": "wrong order", "given": {"x": 20}, "expect": {"offer": ["loan", "card"]}},
              {"name": "none", "given": {"x": -5}, "expect": {"offer": []}}]})");
  crm::Record record = rules.new_record();
  REQUIRE(record.set("x", Decimal::from_int(20)));
  crm::Trace trace;
  REQUIRE(rules.evaluate(record, &trace));
  const std::string json = trace.to_json();
  CHECK(json.find(R"(["card", "loan"])") != std::string::npos);
  const crm::TestReport report = rules.run_tests();
  REQUIRE(report.cases.size() == 3);
  CHECK(report.cases[0].passed);
  CHECK_FALSE(report.cases[1].passed);
  CHECK(report.cases[2].passed);
  CHECK(report.failures() == 1);
  CHECK(report.cases[1].diff == "  offer: expected [\"loan\", \"card\"], got [\"card\", \"loan\"]\n");
}

TEST_CASE("an unknown hit policy is refused with the list of policies", "[rules][table]") {
  auto unknown = RuleSet::load(table_rules("FIRTS", R"(["v"])", R"([["-", "-", "1"]])"));
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == ErrorCode::unknown_name);
}

TEST_CASE("a row with the wrong number of cells names the row", "[rules][table]") {
  auto rules = RuleSet::load(table_rules("FIRST", R"(["v"])", R"([["-", "-", "1"], ["-", "1"]])"));
  REQUIRE_FALSE(rules);
  CHECK(rules.error().where.pointer == "/decisions/0/table/rows/1");
  CHECK(rules.error().message.find("row 1 has 2 cells; the table has 2 inputs and 1 output") != std::string::npos);
}

TEST_CASE("an evaluation error names the decision and the place", "[rules]") {
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"a": {"type": "decimal", "required": true}, "b": {"type": "decimal", "required": true}},
    "decisions": [{"name": "ratio", "expression": "a / b"}]})");
  auto e = eval_error(rules, R"({"a": 1, "b": 0})");
  CHECK(e.code == ErrorCode::division_by_zero);
  CHECK(e.message.rfind("decision 'ratio': ", 0) == 0);
  auto unknown = eval_error(rules, R"({"a": 1, "c": 0})");
  CHECK(unknown.code == ErrorCode::unknown_name);
  CHECK(unknown.where.pointer == "/c");
  CHECK(unknown.where.line == 1);
  CHECK(eval_error(rules, R"({"a": 1})").code == ErrorCode::missing);
  CHECK(eval_error(rules, R"({"a": true, "b": 1})").code == ErrorCode::type_mismatch);
  CHECK(eval_error(rules, R"({"a": 1, "b": )").code == ErrorCode::parse);
}

TEST_CASE("outputs feed later decisions in dependency order", "[rules]") {
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"score": {"type": "decimal", "required": true}},
    "decisions": [
      {"name": "label", "expression": "grade + '!'"},
      {"name": "grades", "table": {"hit_policy": "FIRST", "inputs": ["adjusted"], "outputs": ["grade"],
        "rows": [[">= 50", "'pass'"], ["-", "'fail'"]]}},
      {"name": "adjusted", "expression": "score + 10"}]})");
  CHECK(eval_json(rules, R"({"score": 45})") == R"({"label": "pass!", "grade": "pass", "adjusted": 55})");
}

TEST_CASE("a scorecard totals weighted points, with reason codes and odds", "[rules][scorecard]") {
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"purchases": {"type": "money", "required": true}, "years": {"type": "integer", "required": true},
               "sector": {"type": "enum", "values": ["tech", "retail", "other"], "default": "other"}},
    "decisions": [{"name": "card", "scorecard": {
      "output": "score", "initial": 10, "scale": 2,
      "reason_codes": {"mode": "points_below_baseline", "count": 2},
      "odds": {"base_score": 50, "base_odds": 1, "points_to_double": 10},
      "factors": [
        {"name": "purchases", "expression": "purchases", "weight": "0.5", "baseline": 25, "reason_code": "LOW_BUY",
         "transform": {"log": {"from": [1000, 1000000], "to": [0, 60]}}},
        {"name": "years", "expression": "years", "weight": "0.3", "baseline": 15, "reason_code": "NEW",
         "transform": {"linear": {"from": [0, 10], "to": [0, 100]}}},
        {"name": "sector", "expression": "sector", "baseline": 6, "reason_code": "SECTOR",
         "transform": {"bins": [{"when": "'tech'", "points": 10}, {"when": "-", "points": 0}]}}]}}]})");
  // purchases 10^5: log position 2/3 -> 40 points x 0.5 = 20; years 5 -> 50 x 0.3 = 15; sector other -> 0
  CHECK(eval_json(rules, R"({"purchases": 100000, "years": 5})") ==
        R"({"score": 45.00, "score_odds": 0.707106781186547524, "score_reasons": "SECTOR,LOW_BUY"})");
  // Clamped at the bounds: 2,000,000 -> 60 x 0.5 = 30; 20 years -> 100 x 0.3 = 30; tech -> 10.
  CHECK(eval_json(rules, R"({"purchases": 2000000, "years": 20, "sector": "tech"})") ==
        R"({"score": 80.00, "score_odds": 8, "score_reasons": ""})");

  crm::Record record = rules.new_record();
  REQUIRE(record.set("purchases", Decimal::from_int(100000)));
  REQUIRE(record.set("years", Decimal::from_int(5)));
  crm::Trace trace;
  REQUIRE(rules.evaluate(record, &trace));
  REQUIRE(trace.decisions.size() == 1);
  const auto& card = trace.decisions[0];
  CHECK(card.kind == "scorecard");
  REQUIRE(card.factors.size() == 3);
  CHECK(card.factors[0].points == Decimal::from_int(20));
  CHECK(card.factors[1].points == Decimal::from_int(15));
  CHECK(card.factors[2].bin == 1u);
  CHECK(*card.factors[2].baseline_difference == Decimal::from_int(6));
  CHECK(card.reason_codes == std::vector<std::string>{"SECTOR", "LOW_BUY"});
}

TEST_CASE("a bin that does not match is an error naming the factor", "[rules][scorecard]") {
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": true}},
    "decisions": [{"name": "card", "scorecard": {"output": "s", "factors": [
      {"name": "x", "expression": "x", "transform": {"bins": [{"when": "< 10", "points": 1}]}}]}}]})");
  auto e = eval_error(rules, R"({"x": 20})");
  CHECK(e.code == ErrorCode::no_match);
  CHECK(e.message.find("decision 'card', factor x: no bin matches 20") != std::string::npos);
}

TEST_CASE("the trace shows each row tried, the first failing cell and the rows used", "[rules][trace]") {
  auto rules = load_rules(table_rules("FIRST", R"(["grade"])", R"j([[">= 85", "-", "'A1'"], ["[75..85)", "\"south\"", "'A2'"], ["-", "-", "'C'"]])j"));
  auto out = rules.evaluate_json(R"({"x": 80})", true);
  REQUIRE(out);
  CHECK(*out == R"({"grade": "C", "trace": [{"decision": "table", "kind": "table", "selected_rows": [2], "rows": [)"
                R"({"row": 0, "matched": false, "failed_column": 0}, {"row": 1, "matched": false, "failed_column": 1}, )"
                R"({"row": 2, "matched": true, "selected": true}], "outputs": {"grade": "C"}}]})");
}

TEST_CASE("JSON inputs keep their numbers' text: scale and 19 digits exact", "[rules][json]") {
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"amount": {"type": "decimal", "required": true}, "n": {"type": "integer", "default": 0}},
    "decisions": [{"name": "same", "expression": "amount"}, {"name": "next", "expression": "amount + 1"}]})");
  CHECK(eval_json(rules, R"({"amount": 71.00})") == R"({"same": 71.00, "next": 72.00})");
  CHECK(eval_json(rules, R"({"amount": 1234567890123456789.5})") ==
        R"({"same": 1234567890123456789.5, "next": 1234567890123456790.5})");
  CHECK(eval_json(rules, R"({"amount": 0.1234567890123456789e1})") == R"({"same": 1.234567890123456789, "next": 2.234567890123456789})");
  CHECK(eval_json(rules, R"({"amount": -2E3})") == R"({"same": -2000, "next": -1999})");
  // Too many fractional digits for a decimal: refused at the member, not rounded.
  auto e = eval_error(rules, "{\n  \"amount\": 0.1234567890123456789}");
  CHECK(e.code == ErrorCode::out_of_range);
  CHECK(e.where.pointer == "/amount");
  CHECK(e.where.line == 2);
  CHECK(e.where.column == 13);
  // The shape of the document.
  CHECK(eval_error(rules, R"([1])").message == "expected a JSON object of inputs");
  auto nested = eval_error(rules, R"({"amount": {"v": 1}})");
  CHECK(nested.code == ErrorCode::type_mismatch);
  CHECK(nested.where.pointer == "/amount");
  CHECK(eval_error(rules, R"({"amount": 1} x)").code == ErrorCode::parse);
  CHECK(eval_error(rules, R"({"amount": 1)").code == ErrorCode::parse);
}

TEST_CASE("a JSON batch names each failure's row in its pointer", "[rules][json]") {
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"amount": {"type": "decimal", "required": true, "min": 0}},
    "decisions": [{"name": "half", "expression": "amount / 2"}]})");
  auto out = rules.evaluate_json_batch(R"([{"amount": 10.0}, {"amount": -1}, {}, 7, {"amount": [1]}, {"amount": 3, "x": 1}, {"amount": 4}])");
  REQUIRE(out);
  // Errors are written as everywhere (crm::to_json(Error)): the parts of the place known.
  CHECK(*out == R"([{"half": 5}, )"
                R"({"error": {"code": "out_of_range", "message": "field 'amount' is -1, below its minimum 0", "pointer": "/1/amount", "line": 1, "column": 31}}, )"
                R"({"error": {"code": "missing", "message": "required field 'amount' is missing", "pointer": "/2/amount"}}, )"
                R"({"error": {"code": "type_mismatch", "message": "expected an object of inputs", "pointer": "/3", "line": 1, "column": 40, "offset": 39}}, )"
                R"x({"error": {"code": "type_mismatch", "message": "field 'amount' is decimal, not list ([1])", "pointer": "/4/amount", "line": 1, "column": 54}}, )x"
                R"({"error": {"code": "unknown_name", "message": "unknown field 'x'", "pointer": "/5/x", "line": 1, "column": 79}}, )"
                R"({"half": 2}])");
  CHECK(*rules.evaluate_json_batch("[]") == "[]");
  auto not_array = rules.evaluate_json_batch(R"({"amount": 1})");
  REQUIRE_FALSE(not_array);
  CHECK(not_array.error().message == "expected a JSON array of input objects");
  CHECK(rules.evaluate_json_batch(R"([{"amount": 1}, )").error().code == ErrorCode::parse);
}

TEST_CASE("a factor that reads a field gives the same points, errors and trace on every path", "[rules][scorecard]") {
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"a": {"type": "decimal"}, "b": {"type": "decimal", "default": 50}},
    "decisions": [{"name": "card", "scorecard": {"output": "score", "factors": [
      {"name": "a", "expression": "a", "transform": {"linear": {"from": [0, 100], "to": [0, 10]}}},
      {"name": "b", "expression": "b * 1", "transform": {"linear": {"from": [0, 100], "to": [0, 10]}}},
      {"name": "a2", "expression": "a", "weight": "0.5"}]}}]})");
  crm::Record record = rules.new_record();
  REQUIRE(record.set("a", dec("25.5")));
  REQUIRE(rules.evaluate(record));
  CHECK(record.get("score")->as_decimal() == dec("20.300"));  // 2.55 + 5 + 12.75
  crm::Trace trace;
  REQUIRE(rules.evaluate(record, &trace));
  CHECK(record.get("score")->as_decimal() == dec("20.300"));
  REQUIRE(trace.decisions.size() == 1);
  REQUIRE(trace.decisions[0].factors.size() == 3);
  CHECK(trace.decisions[0].factors[0].input == Value(dec("25.5")));
  CHECK(trace.decisions[0].factors[0].points == dec("2.55"));
  // A null field: the same error with and without a trace.
  REQUIRE(record.unset("a"));
  auto e = rules.evaluate(record);
  REQUIRE_FALSE(e);
  CHECK(e.error().code == ErrorCode::missing);
  CHECK(e.error().message == "decision 'card', factor a: the value is null, not a number");
  auto traced = rules.evaluate(record, &trace);
  REQUIRE_FALSE(traced);
  CHECK(traced.error().message == e.error().message);
}

TEST_CASE("weighted points folded at load time are the general path's, value and scale", "[rules][scorecard]") {
  // Without a trace, factors reading a number field take the folded constants; with a
  // trace, the general path. Both must give the same total (unrounded: no "scale"),
  // reasons and errors, at the bounds, past them, and where exact arithmetic runs out.
  auto rules = load_rules(R"j({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal"}},
    "decisions": [{"name": "card", "scorecard": {"output": "score", "initial": "0.5",
      "reason_codes": {"mode": "points_below_baseline", "count": 3},
      "factors": [
        {"name": "lin", "expression": "x", "weight": "0.35", "baseline": "2.5",
         "transform": {"linear": {"from": [0, 100], "to": [0, 10]}}},
        {"name": "shifted", "expression": "x", "weight": "1.5", "baseline": 60,
         "transform": {"linear": {"from": [-20, 80.5], "to": [5, 105.5]}}},
        {"name": "identity", "expression": "x", "weight": "0.125", "baseline": "-1"},
        {"name": "bins", "expression": "x", "weight": "0.3", "baseline": 10,
         "transform": {"bins": [{"when": ">= 100", "points": 100}, {"when": "[0..100)", "points": "33.3"},
                                {"when": "< 0", "points": -5}]}},
        {"name": "inexact", "expression": "x", "weight": "0.2",
         "transform": {"linear": {"from": [1, 4], "to": [0, 1]}}}]}}]})j");
  const char* xs[] = {"-30", "-20", "-19.99", "0", "0.001", "1", "2.5", "12.5", "80.5", "99.99", "100", "150",
                      "1234567.891", "0.000000000001", "0.123456789012345678", "-0.000000000000000001",
                      "99999999999999999999", "-99999999999999999999", "3.3333"};
  for (const char* x : xs) {
    INFO("x = " << x);
    check_fast_path_as_traced(rules, [&](crm::Record& r) { REQUIRE(r.set("x", dec(x))); });
  }
  // One figure by hand: x = 12.5 -> 1.25*0.35 + 37.5*1.5 + 12.5*0.125 + 33.3*0.3 + 1*0.2 + 0.5 = 68.94
  crm::Record record = rules.new_record();
  REQUIRE(record.set("x", dec("12.5")));
  REQUIRE(rules.evaluate(record));
  CHECK(record.get("score")->to_string() == "68.9400");
}

TEST_CASE("weighted points of string bins folded at load time are the general path's", "[rules][scorecard]") {
  // The first bin listing the string wins, a "-" bin takes every string after it, and
  // without one an unlisted string is an error: with and without a trace alike.
  auto rules = load_rules(R"j({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"s": {"type": "string"}, "g": {"type": "grade", "labels": ["A1", "B1", "C1"]}},
    "decisions": [{"name": "card", "scorecard": {"output": "score",
      "reason_codes": {"mode": "points_below_baseline", "count": 2},
      "factors": [
        {"name": "listed", "expression": "s", "weight": "0.35", "baseline": 20,
         "transform": {"bins": [{"when": "'a', 'b'", "points": 100}, {"when": "'b', 'c'", "points": "33.3"},
                                {"when": "-", "points": -5}, {"when": "'d'", "points": 7}]}},
        {"name": "closed", "expression": "s", "weight": "1.5",
         "transform": {"bins": [{"when": "'a'", "points": 1}, {"when": "'c', 'd'", "points": "2.25"}]}},
        {"name": "grade", "expression": "g", "weight": "0.1", "baseline": 5,
         "transform": {"bins": [{"when": "'A1'", "points": 100}, {"when": "'B1'", "points": 60}, {"when": "-", "points": 0}]}}]}}]})j");
  const char* ss[] = {"a", "b", "c", "d", "e", "", "a text longer than the small-string buffer"};
  const char* gs[] = {"A1", "B1", "C1"};
  for (const char* s : ss)
    for (const char* g : gs) {
      INFO("s = '" << s << "', g = " << g);
      check_fast_path_as_traced(rules, [&](crm::Record& r) {
        REQUIRE(r.set("s", Value(s)));
        REQUIRE(r.set("g", Value(g)));
      });
    }
  // By hand: s = 'c' is the second bin of both (33.3 * 0.35 + 2.25 * 1.5), g = B1 60 * 0.1.
  crm::Record record = rules.new_record();
  REQUIRE(record.set("s", Value("c")));
  REQUIRE(record.set("g", Value("B1")));
  REQUIRE(rules.evaluate(record));
  CHECK(record.get("score")->to_string() == "21.030");
  // 'b' falls in the first bin of "listed" and in no bin of "closed".
  REQUIRE(record.set("s", Value("b")));
  auto e = rules.evaluate(record);
  REQUIRE_FALSE(e);
  CHECK(e.error().message.find("factor closed") != std::string::npos);
}

TEST_CASE("a reused record takes the defaults of the inputs not given, evaluation after evaluation", "[rules]") {
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "default": 5}, "y": {"type": "decimal", "required": true}},
    "decisions": [{"name": "sum", "expression": "x + y"}]})");
  crm::Record record = rules.new_record();
  REQUIRE_FALSE(rules.evaluate(record));  // y is required
  REQUIRE(record.set("y", Decimal::from_int(1)));
  const auto sum = [&] {
    REQUIRE(rules.evaluate(record));
    return record.get("sum")->to_string();
  };
  CHECK(sum() == "6");
  CHECK(sum() == "6");
  REQUIRE(record.set("x", Decimal::from_int(10)));
  CHECK(sum() == "11");
  REQUIRE(record.unset("x"));
  CHECK(sum() == "6");
  REQUIRE(record.set("x", Value()));  // null: not given
  CHECK(sum() == "6");
  record.clear();  // given inputs and outputs go; the default stored stays
  CHECK(record.get("y")->is_null());
  CHECK(record.get("sum")->is_null());
  CHECK(record.get("x")->to_string() == "5");
  REQUIRE_FALSE(rules.evaluate(record));
  REQUIRE(record.set("y", Decimal::from_int(2)));
  CHECK(sum() == "7");
  REQUIRE(record.set("x", Decimal::from_int(10)));
  CHECK(sum() == "12");
  record.clear();  // x was given: it goes, and its default comes back
  CHECK(record.get("x")->is_null());
  REQUIRE(record.set("y", Decimal::from_int(3)));
  CHECK(sum() == "8");
}

TEST_CASE("Record::set stores what Field::accept gives, on its fast path and off it", "[rules]") {
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"d": {"type": "decimal", "min": 0, "max": 100}, "i": {"type": "integer"}, "b": {"type": "bool"},
               "s": {"type": "string"}, "e": {"type": "enum", "values": ["good", "bad"], "aliases": {"good": ["2"]}},
               "g": {"type": "grade", "labels": ["A1", "B1"]}, "t": {"type": "date"}},
    "decisions": []})");
  const Value values[] = {Value(), Value(dec("5.50")), Value(dec("7")), Value(dec("-1")), Value(dec("100.0")),
                          Value(dec("2")), Value(true), Value("yes"), Value("good"), Value("2"), Value("B1"),
                          Value("12.5"), Value("a text longer than the small-string buffer"), Value("2026-11-29"),
                          Value(*crm::Date::parse("2026-11-29"))};
  for (const crm::Field& field : rules.schema().fields())
    for (const Value& v : values) {
      INFO(field.name << " <- " << v.to_string());
      crm::Record record = rules.new_record();
      const auto accepted = field.accept(v);
      const auto set = record.set(field.name, v);
      REQUIRE(accepted.has_value() == set.has_value());
      if (!accepted) continue;
      const Value& stored = *record.get(field.name);
      CHECK(stored.kind() == accepted->kind());
      CHECK(stored.to_string() == accepted->to_string());
      if (field.takes_as_is(v)) CHECK(accepted->to_string() == v.to_string());
    }
}

namespace {

/// Every output of the record is null.
void check_all_outputs_null(const crm::Record& record) {
  for (std::size_t i = 0; i < record.outputs().size(); ++i) {
    INFO("output " << i << " is " << record.outputs()[i].to_string());
    CHECK(record.outputs()[i].is_null());
  }
}

}  // namespace

TEST_CASE("evaluation is all or nothing: after an error every output is null", "[rules][all_or_nothing]") {
  // The second decision divides by x: with x = 0 it fails after the first one wrote.
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": true}, "label": {"type": "string", "default": "n"}},
    "decisions": [{"name": "twice", "expression": "x * 2"},
                  {"name": "inverse", "expression": "1 / x"},
                  {"name": "pair", "table": {"hit_policy": "FIRST", "inputs": ["x"], "outputs": ["half", "ratio"],
                   "rows": [["-", "x / 2", "10 / x"]]}}]})");
  crm::Record record = rules.new_record();
  REQUIRE(record.set("x", Decimal::from_int(4)));
  REQUIRE(rules.evaluate(record));
  CHECK(record.get("twice")->to_string() == "8");
  CHECK(record.get("inverse")->to_string() == "0.25");
  CHECK(record.get("ratio")->to_string() == "2.5");

  SECTION("a decision that fails part-way") {
    REQUIRE(record.set("x", Decimal::from_int(0)));
    auto failed = rules.evaluate(record);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().code == ErrorCode::division_by_zero);
    check_all_outputs_null(record);
    CHECK(record.get("x")->to_string() == "0");  // the inputs are as they were, defaults stored
    CHECK(record.get("label")->to_string() == "n");
  }
  SECTION("traced, the trace shows the decisions up to the failing one") {
    REQUIRE(record.set("x", Decimal::from_int(0)));
    crm::Trace trace;
    REQUIRE_FALSE(rules.evaluate(record, &trace));
    check_all_outputs_null(record);
    REQUIRE(trace.decisions.size() == 2);
    CHECK(trace.decisions[1].name == "inverse");
  }
  SECTION("a table's second output failing after its first was written") {
    // The table alone: its first output (x / 2) is written, then 10 / x fails.
    auto table = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
      "inputs": {"x": {"type": "decimal", "required": true}},
      "decisions": [{"name": "pair", "table": {"hit_policy": "FIRST", "inputs": ["x"], "outputs": ["half", "ratio"],
                     "rows": [["-", "x / 2", "10 / x"]]}}]})");
    crm::Record r = table.new_record();
    REQUIRE(r.set("x", Decimal::from_int(4)));
    REQUIRE(table.evaluate(r));
    CHECK(r.get("half")->to_string() == "2");
    REQUIRE(r.set("x", Decimal::from_int(0)));
    REQUIRE_FALSE(table.evaluate(r));
    check_all_outputs_null(r);
  }
  SECTION("a required input missing") {
    REQUIRE(record.unset("x"));
    auto failed = rules.evaluate(record);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().code == ErrorCode::missing);
    check_all_outputs_null(record);
  }
  SECTION("a record of another rule set") {
    auto other = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
      "inputs": {"x": {"type": "decimal", "required": true}}, "decisions": []})");
    auto failed = other.evaluate(record);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().code == ErrorCode::invalid_argument);
    check_all_outputs_null(record);
  }
  // The next customer evaluates as if nothing had failed.
  REQUIRE(record.set("x", Decimal::from_int(8)));
  REQUIRE(rules.evaluate(record));
  CHECK(record.get("twice")->to_string() == "16");
  CHECK(record.get("inverse")->to_string() == "0.125");
  CHECK(record.get("half")->to_string() == "4");
}

TEST_CASE("a scorecard whose odds fail leaves its total null too", "[rules][all_or_nothing][scorecard]") {
  // 2^((100 - 0) / 1) overflows after the total (100) was written.
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": true}},
    "decisions": [{"name": "card", "scorecard": {"output": "score",
      "odds": {"base_score": 0, "base_odds": 1, "points_to_double": 1},
      "factors": [{"name": "x", "expression": "x"}]}}]})");
  crm::Record record = rules.new_record();
  REQUIRE(record.set("x", Decimal::from_int(3)));
  REQUIRE(rules.evaluate(record));
  CHECK(record.get("score")->to_string() == "3");
  CHECK(record.get("score_odds")->to_string() == "8");
  REQUIRE(record.set("x", Decimal::from_int(100)));
  auto failed = rules.evaluate(record);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == ErrorCode::overflow);
  check_all_outputs_null(record);
}

TEST_CASE("odds far below the base score round to 0", "[rules][scorecard]") {
  // 50 * 2^((0 - 600) / 7): a fractional power of about 10^-24, 0 at 18 digits.
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": true}},
    "decisions": [{"name": "card", "scorecard": {"output": "score",
      "odds": {"base_score": 600, "base_odds": 50, "points_to_double": 7},
      "factors": [{"name": "x", "expression": "x"}]}}]})");
  CHECK(eval_json(rules, R"({"x": 0})") == R"({"score": 0, "score_odds": 0})");
  CHECK(eval_json(rules, R"({"x": -99999})") == R"({"score": -99999, "score_odds": 0})");
  CHECK(eval_json(rules, R"({"x": 600})") == R"({"score": 600, "score_odds": 50})");
}

TEST_CASE("a list output's elements are single values: lists do not nest", "[rules][table]") {
  // Each COLLECT of the previous list would double it: 40 tables, 2^40 values.
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": true}},
    "decisions": [
      {"name": "a", "table": {"hit_policy": "COLLECT", "inputs": ["x"], "outputs": ["a"], "rows": [["-", "1"], ["-", "2"]]}},
      {"name": "b", "table": {"hit_policy": "COLLECT", "inputs": ["x"], "outputs": ["b"], "rows": [["-", "a"], ["-", "a"]]}}]})");
  auto e = eval_error(rules, R"({"x": 1})");
  CHECK(e.code == ErrorCode::type_mismatch);
  CHECK(e.message ==
        "decision 'b', row 0, output b: gives a list, and the elements of a list output are single "
        "values (lists do not nest)");
  // A list copied whole (an expression, a single-hit table) is still a list.
  auto copied = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": true}},
    "decisions": [
      {"name": "a", "table": {"hit_policy": "COLLECT", "inputs": ["x"], "outputs": ["a"], "rows": [["-", "1"], ["-", "2"]]}},
      {"name": "b", "table": {"hit_policy": "FIRST", "inputs": ["x"], "outputs": ["b"], "rows": [["-", "a"]]}},
      {"name": "c", "expression": "b"}]})");
  CHECK(eval_json(copied, R"({"x": 1})") == R"({"a": [1, 2], "b": [1, 2], "c": [1, 2]})");
}

TEST_CASE("reason codes rank the furthest first, ties in factor order, among many factors", "[rules][scorecard]") {
  // Factor i scores x (0 here) against a baseline of i % 4: distances 3, 2, 1 repeat.
  std::string factors;
  constexpr int count = 2000;
  for (int i = 0; i < count; ++i) {
    if (i) factors += ", ";
    factors += R"({"name": "f)" + std::to_string(i) + R"(", "expression": "x", "baseline": )" + std::to_string(i % 4) +
               R"(, "reason_code": "R)" + std::to_string(i) + "\"}";
  }
  const std::string reasons = R"({"mode": "points_below_baseline", "count": )" + std::to_string(count) + "}";
  auto rules = load_rules(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"x": {"type": "decimal", "required": true}},
    "decisions": [{"name": "card", "scorecard": {"output": "score", "reason_codes": )" +
                    reasons + R"(, "factors": [)" + factors + "]}}]}");
  std::string expected;
  for (int distance = 3; distance >= 1; --distance)
    for (int i = distance; i < count; i += 4) expected += (expected.empty() ? "R" : ",R") + std::to_string(i);
  crm::Record record = rules.new_record();
  REQUIRE(record.set("x", Decimal::from_int(0)));
  REQUIRE(rules.evaluate(record));
  CHECK(record.get("score_reasons")->as_string() == expected);
  crm::Trace trace;
  REQUIRE(rules.evaluate(record, &trace));
  CHECK(trace.decisions[0].reason_codes.size() == count / 4 * 3);
}
