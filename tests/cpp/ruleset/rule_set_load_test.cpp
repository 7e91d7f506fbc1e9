// Loading rule sets: structure, names, types, and errors with their places.
#include <catch2/catch.hpp>

#include "crmrules/rule_set.hpp"

using crm::ErrorCode;
using crm::RuleSet;

namespace {

crm::Error load_error(std::string_view json) {
  auto rules = RuleSet::load(json);
  REQUIRE_FALSE(rules);
  return rules.error();
}

}  // namespace

TEST_CASE("a minimal rule set loads and reports its parts", "[rules]") {
  auto rules = RuleSet::load(R"({
    "crmrules": 1, "name": "tiny", "version": "1.0",
    "inputs": {"x": {"type": "decimal", "required": true}},
    "decisions": [{"name": "double", "expression": "x * 2"}]
  })");
  REQUIRE(rules);
  CHECK(rules->name() == "tiny");
  CHECK(rules->version() == "1.0");
  CHECK(rules->schema().size() == 1);
  REQUIRE(rules->outputs().size() == 1);
  CHECK(rules->outputs()[0].name == "double");
  CHECK(rules->output_index("double") == 0u);
  CHECK_FALSE(rules->output_index("nope").has_value());
}

TEST_CASE("malformed JSON names line and column", "[rules]") {
  auto e = load_error("{\n  \"crmrules\": 1,\n  \"name\": \"x\" \"version\": \"1\"\n}");
  CHECK(e.code == ErrorCode::parse);
  CHECK(e.where.line == 3);
  CHECK(e.where.column == 15);
}

TEST_CASE("structural errors name the JSON pointer, line and column", "[rules]") {
  const char* base_inputs = R"("inputs": {"x": {"type": "decimal"}})";
  auto doc = [&](std::string decisions) {
    return std::string("{\"crmrules\": 1, \"name\": \"t\", \"version\": \"1\", ") + base_inputs +
           ",\n\"decisions\": " + decisions + "}";
  };
  SECTION("unknown key, with a suggestion") {
    auto e = load_error(doc(R"([{"name": "a", "expresion": "x"}])"));
    CHECK(e.code == ErrorCode::unknown_name);
    CHECK(e.where.pointer == "/decisions/0/expresion");
    CHECK(e.message.find("did you mean 'expression'") != std::string::npos);
    CHECK(e.where.line == 2);
  }
  SECTION("unknown field in an expression, at its column") {
    auto e = load_error(doc(R"([{"name": "a", "expression": "1 + y"}])"));
    CHECK(e.code == ErrorCode::unknown_name);
    CHECK(e.where.pointer == "/decisions/0/expression");
    CHECK(e.where.line == 2);
    CHECK(e.where.column == 48);  // the 'y' inside the string
  }
  SECTION("unknown function and wrong arity") {
    CHECK(load_error(doc(R"j([{"name": "a", "expression": "frobnicate(x)"}])j")).code == ErrorCode::unknown_name);
    CHECK(load_error(doc(R"j([{"name": "a", "expression": "abs(x, 2)"}])j")).code == ErrorCode::type_mismatch);
  }
  SECTION("an output that reuses an input's name") {
    auto e = load_error(doc(R"([{"name": "x", "expression": "1"}])"));
    CHECK(e.code == ErrorCode::invalid_rule);
    CHECK(e.message.find("already the name of an input") != std::string::npos);
  }
  SECTION("a cycle between decisions") {
    auto e = load_error(doc(R"([{"name": "a", "expression": "b + 1"}, {"name": "b", "expression": "a + 1"}])"));
    CHECK(e.code == ErrorCode::invalid_rule);
    CHECK(e.message.find("cycle: a -> b -> a") != std::string::npos);
  }
  SECTION("a decision with two bodies") {
    CHECK(load_error(doc(R"([{"name": "a", "expression": "1", "table": {}}])")).code == ErrorCode::invalid_rule);
  }
}

TEST_CASE("input fields are checked when the rule set loads", "[rules]") {
  auto with_inputs = [](std::string inputs) {
    return "{\"crmrules\": 1, \"name\": \"t\", \"version\": \"1\", \"inputs\": " + inputs +
           ", \"decisions\": [{\"name\": \"o\", \"expression\": \"1\"}]}";
  };
  CHECK(load_error(with_inputs(R"({"x": {"type": "decimel"}})")).code == ErrorCode::unknown_name);
  CHECK(load_error(with_inputs(R"({"x": {"type": "decimal", "min": 5, "max": 1}})")).code == ErrorCode::invalid_rule);
  CHECK(load_error(with_inputs(R"({"x": {"type": "enum"}})")).code == ErrorCode::missing);
  CHECK(load_error(with_inputs(R"({"x": {"type": "enum", "values": ["a", "a"]}})")).code == ErrorCode::invalid_rule);
  CHECK(load_error(with_inputs(R"({"x": {"type": "grade", "labels": ["A1"], "default": "Z9"}})")).code ==
        ErrorCode::out_of_range);
  CHECK(load_error(with_inputs(R"({"x": {"type": "string", "min": 1}})")).code == ErrorCode::invalid_rule);
  CHECK(load_error(with_inputs(R"({"and": {"type": "string"}})")).code == ErrorCode::invalid_rule);
  CHECK(load_error(with_inputs(R"({"x": {"type": "integer", "required": true, "default": 1}})")).code ==
        ErrorCode::invalid_rule);
  auto precise = load_error(with_inputs(R"({"x": {"type": "decimal", "max": 0.1234567890123456}})"));
  CHECK(precise.code == ErrorCode::out_of_range);
  CHECK(precise.message.find("write it as a string") != std::string::npos);
}

TEST_CASE("the format version and the top level are checked", "[rules]") {
  CHECK(load_error(R"({"crmrules": 2, "name": "t", "version": "1", "inputs": {}, "decisions": []})").code ==
        ErrorCode::version_mismatch);
  CHECK(load_error(R"({"name": "t", "version": "1", "inputs": {}, "decisions": []})").code == ErrorCode::missing);
  CHECK(load_error(R"([1, 2])").code == ErrorCode::type_mismatch);
  auto file = RuleSet::load_file("/nonexistent/rules.json");
  REQUIRE_FALSE(file);
  CHECK(file.error().code == ErrorCode::io);
}
