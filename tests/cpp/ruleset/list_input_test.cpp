// List fields: "type": "list" with an optional element type "of", read from JSON arrays,
// used by expressions and cells, and list results written as JSON arrays.
#include <catch2/catch.hpp>

#include <string>

#include "crmrules/rule_set.hpp"

using crm::ErrorCode;
using crm::RuleSet;

namespace {

RuleSet symptom_rules() {
  auto rules = RuleSet::load(R"j({"crmrules": 1, "name": "flu", "version": "1",
    "inputs": {"symptoms": {"type": "list", "of": "string", "required": true},
               "days": {"type": "list", "of": "date"},
               "anything": {"type": "list"}},
    "decisions": [
      {"name": "all", "expression": "flatten([symptoms, 'fever'])"},
      {"name": "coughs", "expression": "'cough' in symptoms"},
      {"name": "same", "expression": "symptoms == ['cough', 'fever']"}]})j");
  INFO((rules ? "" : rules.error().to_string()));
  REQUIRE(rules);
  return std::move(*rules);
}

crm::Error list_error_of(const RuleSet& rules, const std::string& json) {
  auto out = rules.evaluate_json(json);
  INFO(json << " -> " << (out ? *out : ""));
  REQUIRE_FALSE(out);
  return out.error();
}

}  // namespace

TEST_CASE("a list field reads a JSON array and a list result is a JSON array", "[ruleset][lists]") {
  const RuleSet rules = symptom_rules();
  auto out = rules.evaluate_json(R"({"symptoms": ["cough", "fever"], "anything": [1, "a", [true]]})");
  INFO((out ? "" : out.error().to_string()));
  REQUIRE(out);
  CHECK(*out == R"({"all": ["cough", "fever", "fever"], "coughs": true, "same": true})");
  auto other = rules.evaluate_json(R"({"symptoms": []})");
  REQUIRE(other);
  CHECK(*other == R"({"all": ["fever"], "coughs": false, "same": false})");
}

TEST_CASE("a list field's elements are read as its element type", "[ruleset][lists]") {
  const RuleSet rules = symptom_rules();
  const crm::Field* days = rules.schema().find("days");
  REQUIRE(days);
  CHECK(days->type == crm::FieldType::list);
  REQUIRE(days->of);
  CHECK(*days->of == crm::FieldType::date);
  auto v = days->accept(crm::Value(crm::Value::List{"2024-03-31"}));
  REQUIRE(v);
  REQUIRE(v->as_list().size() == 1);
  CHECK(v->as_list()[0].kind() == crm::ValueKind::date);
}

TEST_CASE("a list field refuses a value that is not an array and names a wrong element", "[ruleset][lists]") {
  const RuleSet rules = symptom_rules();
  const crm::Error scalar = list_error_of(rules, R"({"symptoms": "cough"})");
  CHECK(scalar.code == ErrorCode::type_mismatch);
  CHECK(scalar.where.pointer == "/symptoms");
  CHECK(scalar.message == "field 'symptoms' is list, not string (cough)");
  const crm::Error element = list_error_of(rules, R"({"symptoms": ["cough", "fever", 5]})");
  CHECK(element.code == ErrorCode::type_mismatch);
  CHECK(element.where.pointer == "/symptoms/2");
  CHECK(element.message == "field 'symptoms' element 2 is string, not decimal (5)");
  const crm::Error date = list_error_of(rules, R"({"symptoms": [], "days": ["2024-02-30"]})");
  CHECK(date.where.pointer == "/days/0");
  const crm::Error nested = list_error_of(rules, R"({"symptoms": [["cough"]]})");
  CHECK(nested.where.pointer == "/symptoms/0");
  const crm::Error object = list_error_of(rules, R"({"symptoms": [{"a": 1}]})");
  CHECK(object.message == "input 'symptoms' holds an object in a list: a list holds values");
}

TEST_CASE("a list field's declaration is checked when loading", "[ruleset][lists]") {
  auto bad_of = RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"tags": {"type": "list", "of": "grade"}}, "decisions": [{"name": "n", "expression": "1"}]})");
  REQUIRE_FALSE(bad_of);
  CHECK(bad_of.error().where.pointer == "/inputs/tags/of");
  auto of_scalar = RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"tag": {"type": "string", "of": "string"}}, "decisions": [{"name": "n", "expression": "1"}]})");
  REQUIRE_FALSE(of_scalar);
  CHECK(of_scalar.error().message == "'of' applies to list fields only");
  auto misuse = RuleSet::load(R"({"crmrules": 1, "name": "t", "version": "1",
    "inputs": {"tags": {"type": "list"}}, "decisions": [{"name": "n", "expression": "tags < 3"}]})");
  REQUIRE_FALSE(misuse);
  CHECK(misuse.error().message.find("'<' orders decimals, dates, times or durations, not a list") != std::string::npos);
}
