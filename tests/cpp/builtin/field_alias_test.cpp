// Enum and grade aliases ("满意", "Satisfied" and 6 all mean satisfied) and the text forms
// of bool fields: what they accept, what they refuse, and where a rule set that misuses
// them is wrong.
#include <catch2/catch.hpp>

#include "crmrules/rule_set.hpp"
#include "compact_json.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::RuleSet;
using crm::Value;

namespace {

std::string alias_rules(std::string_view field) {
  return std::string(R"({"crmrules": 1, "name": "t", "version": "1", "inputs": {"f": )") + std::string(field) +
         R"(}, "decisions": [{"name": "out", "expression": "f"}]})";
}

RuleSet load_with_alias(std::string_view field) {
  auto rules = RuleSet::load(alias_rules(field));
  if (!rules) FAIL(rules.error().to_string());
  return std::move(*rules);
}

crm::Error alias_load_error(std::string_view field) {
  auto rules = RuleSet::load(alias_rules(field));
  REQUIRE_FALSE(rules);
  return rules.error();
}

constexpr std::string_view satisfaction = R"({"type": "enum", "values": ["good", "bad"], "default": "满意",
  "aliases": {"good": ["满意", "Satisfied", "2"], "bad": ["不满意", "1"]}})";

}  // namespace

TEST_CASE("an alias, in any ASCII case, or a number stands for its label", "[builtin][alias]") {
  const RuleSet rules = load_with_alias(satisfaction);
  const crm::Field& f = *rules.schema().find("f");
  CHECK(f.aliases.size() == 5);
  CHECK(f.accept(Value("good"))->as_string() == "good");
  CHECK(f.accept(Value("满意"))->as_string() == "good");
  CHECK(f.accept(Value("SATISFIED"))->as_string() == "good");
  CHECK(f.accept(Value("satisfied"))->as_string() == "good");
  CHECK(f.accept(Value("不满意"))->as_string() == "bad");
  CHECK(f.accept(Value(Decimal::from_int(1)))->as_string() == "bad");
  CHECK(f.accept(Value(*Decimal::parse("2.00")))->as_string() == "good");  // the number, not its spelling
  CHECK(f.accept(Value("1"))->as_string() == "bad");
  CHECK(*f.resolve_label("Satisfied") == "good");
  CHECK(f.resolve_label("GOOD") == nullptr);  // labels themselves are exact
  // The default is written as an alias and stored as its label.
  CHECK(f.default_value.as_string() == "good");
  // Evaluation sees the label, whatever spelling came in.
  CHECK(compact(*rules.evaluate_json(R"({"f": "不满意"})")) == R"({"out":"bad"})");
  CHECK(compact(*rules.evaluate_json(R"({"f": 2})")) == R"({"out":"good"})");
  CHECK(compact(*rules.evaluate_json(R"({})")) == R"({"out":"good"})");
}

TEST_CASE("a spelling that is neither a label nor an alias is refused, naming the field", "[builtin][alias]") {
  const RuleSet rules = load_with_alias(satisfaction);
  const crm::Field& f = *rules.schema().find("f");
  auto e = f.accept(Value("happy"));
  REQUIRE_FALSE(e);
  CHECK(e.error().code == ErrorCode::out_of_range);
  CHECK_THAT(e.error().message, Catch::Contains("field 'f'") && Catch::Contains("'happy'") && Catch::Contains("aliases"));
  auto n = f.accept(Value(Decimal::from_int(3)));
  REQUIRE_FALSE(n);
  CHECK(n.error().code == ErrorCode::out_of_range);
  CHECK_THAT(n.error().message, Catch::Contains("is 3"));
  CHECK_FALSE(f.accept(Value(*Decimal::parse("1.5"))));
  CHECK(f.accept(Value(true)).error().code == ErrorCode::type_mismatch);
  // A record keeps its old value when a set fails.
  crm::Record record = rules.new_record();
  REQUIRE(record.set("f", Value("不满意")));
  CHECK_FALSE(record.set("f", Value("happy")));
  CHECK(record.get("f")->as_string() == "bad");
}

TEST_CASE("without aliases a number is still not an enum value", "[builtin][alias]") {
  const RuleSet rules = load_with_alias(R"({"type": "enum", "values": ["1", "2"]})");
  const crm::Field& f = *rules.schema().find("f");
  CHECK(f.accept(Value("1"))->as_string() == "1");
  CHECK(f.accept(Value(Decimal::from_int(1))).error().code == ErrorCode::type_mismatch);
}

TEST_CASE("grade fields take aliases too: a bare letter for its first tier", "[builtin][alias]") {
  const RuleSet rules = load_with_alias(R"({"type": "grade", "labels": ["A1", "A2", "B1", "B2"], "aliases": {"A1": ["A"], "B1": ["B"]}})");
  const crm::Field& f = *rules.schema().find("f");
  CHECK(f.accept(Value("b"))->as_string() == "B1");
  CHECK(f.accept(Value("A2"))->as_string() == "A2");
  CHECK(f.label_index("B1") == 2u);
}

TEST_CASE("misused aliases are load errors at their place", "[builtin][alias]") {
  auto unknown = alias_load_error(R"({"type": "enum", "values": ["good"], "aliases": {"god": ["x"]}})");
  CHECK(unknown.code == ErrorCode::unknown_name);
  CHECK(unknown.where.pointer == "/inputs/f/aliases/god");
  CHECK_THAT(unknown.message, Catch::Contains("'god' is not one of the field's values"));

  auto twice = alias_load_error(R"({"type": "enum", "values": ["good", "bad"], "aliases": {"good": ["x"], "bad": ["X"]}})");
  CHECK(twice.code == ErrorCode::invalid_rule);
  CHECK(twice.where.pointer == "/inputs/f/aliases/bad/0");
  CHECK_THAT(twice.message, Catch::Contains("already an alias of 'good'"));

  auto label = alias_load_error(R"({"type": "enum", "values": ["good", "bad"], "aliases": {"good": ["Bad"]}})");
  CHECK(label.code == ErrorCode::invalid_rule);
  CHECK_THAT(label.message, Catch::Contains("is the label 'bad'"));

  auto empty = alias_load_error(R"({"type": "enum", "values": ["good"], "aliases": {"good": [""]}})");
  CHECK(empty.where.pointer == "/inputs/f/aliases/good/0");

  auto not_list = alias_load_error(R"({"type": "enum", "values": ["good"], "aliases": {"good": "x"}})");
  CHECK(not_list.where.pointer == "/inputs/f/aliases/good");

  auto decimal = alias_load_error(R"({"type": "decimal", "aliases": {"x": ["y"]}})");
  CHECK(decimal.code == ErrorCode::invalid_rule);
  CHECK(decimal.where.pointer == "/inputs/f/aliases");
  CHECK_THAT(decimal.message, Catch::Contains("enum and grade fields only"));

  auto bad_default = alias_load_error(R"({"type": "enum", "values": ["good"], "aliases": {"good": ["g"]}, "default": "h"})");
  CHECK(bad_default.where.pointer == "/inputs/f/default");
}

TEST_CASE("a bool field takes the text forms a CSV cell or a form gives", "[builtin][bool]") {
  const RuleSet rules = load_with_alias(R"({"type": "bool", "default": false})");
  const crm::Field& f = *rules.schema().find("f");
  for (const char* yes : {"true", "TRUE", "True", "yes", "Yes", "1", "是"}) CHECK(f.accept(Value(yes))->as_bool());
  for (const char* no : {"false", "FALSE", "no", "NO", "0", "否"}) CHECK_FALSE(f.accept(Value(no))->as_bool());
  auto e = f.accept(Value("maybe"));
  REQUIRE_FALSE(e);
  CHECK(e.error().code == ErrorCode::type_mismatch);
  CHECK_THAT(e.error().message, Catch::Contains("field 'f'") && Catch::Contains("'maybe'"));
  // A number is not a bool: only text forms are read.
  CHECK(f.accept(Value(Decimal::from_int(1))).error().code == ErrorCode::type_mismatch);
  CHECK(compact(*rules.evaluate_json(R"({"f": "yes"})")) == R"({"out":true})");
}
