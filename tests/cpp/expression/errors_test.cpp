// Errors a rule author sees: what went wrong and where (byte offsets into the text).
#include "expression_test_util.hpp"

using namespace expr_test;

TEST_CASE("unknown fields name the closest field", "[expression][errors]") {
  auto e = compile_error("anual_purchases * 0.15");
  CHECK(e.code == crm::ErrorCode::unknown_name);
  CHECK(e.where.offset == 0);
  CHECK(e.message == "unknown field 'anual_purchases' (did you mean 'annual_purchases'?)");
  auto path = compile_error("count + customer.regoin");
  CHECK(path.where.offset == 8);
  CHECK(path.message == "unknown field 'customer.regoin' (did you mean 'customer.region'?)");
  CHECK(compile_error("zzz").message == "unknown field 'zzz'");
  CHECK(compile_error("sqrt + 1").message.find("sqrt is a function") != std::string::npos);
  auto dollar = compile_error("$ + 1");
  CHECK(dollar.code == crm::ErrorCode::unknown_name);
  CHECK(dollar.message.find("decision-table cell") != std::string::npos);
}

TEST_CASE("syntax errors point at the offending token", "[expression][errors]") {
  struct Case {
    const char* text;
    std::int64_t offset;
    const char* message;
  };
  const Case cases[] = {
      {"", 0, "the expression is empty"},
      {"1 +", 3, "unexpected end of the text: expected a value after '+'"},
      {"1 + (2", 6, "expected ')' to close the '(' at offset 4, found the end of the text"},
      {"1 2", 2, "unexpected '2': expected an operator or the end of the text"},
      {"count = 1", 6, "unexpected '=': compare with '=='"},
      {"count && flag", 6, "unexpected '&&': write 'and'"},
      {"count || flag", 6, "unexpected '||': write 'or'"},
      {"round(1, )", 9, "unexpected ')': expected a value"},
      {"[1, 2", 5, "expected ',' or ']' to close the list at offset 0, found the end of the text"},
      {"true ? 1", 8, "expected ':' of the '?' at offset 5, found the end of the text"},
      {"1 + * 2", 4, "unexpected '*': expected a value"},
      {"count > ", 8, "unexpected end of the text: expected a value after '>'"},
      {"名字 + 1", 0, "unexpected non-ASCII character outside a string (names are ASCII; put text in quotes)"},
      {"count # 2", 6, "unexpected '#'"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    auto e = compile_error(c.text);
    CHECK(e.code == crm::ErrorCode::parse);
    CHECK(e.where.offset == c.offset);
    CHECK(e.message == c.message);
  }
}

TEST_CASE("nesting is limited instead of exhausting the stack", "[expression][errors]") {
  const std::string deep = std::string(300, '(') + "1" + std::string(300, ')');
  auto e = compile_error(deep);
  CHECK(e.code == crm::ErrorCode::parse);
  CHECK(e.message.find("nests too deeply") != std::string::npos);
  std::string chain = "1";
  for (int i = 0; i < 300; ++i) chain += " + 1";
  CHECK(compile_error(chain).message.find("nests too deeply") != std::string::npos);
  std::string ok = "1";
  for (int i = 0; i < 150; ++i) ok += " + 1";
  CHECK(equals(ok, "151"));
}

TEST_CASE("type errors name both sides and point at the operator", "[expression][errors]") {
  auto e = compile_error("count + grade");
  CHECK(e.code == crm::ErrorCode::type_mismatch);
  CHECK(e.where.offset == 6);
  CHECK(e.message == "'+' cannot combine a decimal and a string (+ adds decimals or joins strings)");
  auto m = compile_error("grade * 2");
  CHECK(m.message == "'*' needs a decimal, not a string");
  auto a = compile_error("flag and count");
  CHECK(a.where.offset == 5);
  CHECK(a.message == "'and' needs true or false, not a decimal");
  CHECK(compile_error("count ? 1 : 2").message == "the condition of '? :' needs true or false, not a decimal");
}

TEST_CASE("run-time errors carry the offset of the operator or function that failed", "[expression][errors]") {
  auto div = eval_error("annual_purchases + count / (count - 7)");
  CHECK(div.code == crm::ErrorCode::division_by_zero);
  CHECK(div.where.offset == 25);
  auto kind = eval_error("amount + label");
  CHECK(kind.code == crm::ErrorCode::type_mismatch);
  CHECK(kind.where.offset == 7);
  CHECK(kind.message == "'+' cannot take a decimal and a string");
  auto cond = eval_error("label ? 1 : 2");
  CHECK(cond.where.offset == 6);
  CHECK(cond.message == "the condition of '? :' is a string, not a bool");
  auto notb = eval_error("not amount");
  CHECK(notb.message == "'not' needs true or false, not a decimal");
  CHECK(div.to_string() == "division_by_zero at offset 25: division by zero");
}

TEST_CASE("evaluate checks that the slots cover the fields it reads", "[expression][errors]") {
  auto e = crm::Expression::compile("count + 1", scope());
  REQUIRE(e);
  std::vector<crm::Value> two = {dec("1"), dec("2")};
  auto v = e->evaluate(two);
  REQUIRE_FALSE(v.has_value());
  CHECK(v.error().code == crm::ErrorCode::invalid_argument);
}

TEST_CASE("scopes accept dotted names and refuse bad or duplicate ones", "[expression][scope]") {
  crm::Scope s;
  CHECK(*s.add("a", crm::Type::decimal) == 0);
  CHECK(*s.add("customer.grade", crm::Type::string) == 1);
  CHECK(*s.add("alias", crm::Type::decimal, 0) == 0);  // a second name for slot 0
  CHECK(s.slot_count() == 2);
  CHECK(s.find("customer.grade")->type == crm::Type::string);
  CHECK(s.find("nope") == nullptr);
  CHECK(s.add("a", crm::Type::decimal).error().code == crm::ErrorCode::invalid_argument);
  for (const char* bad : {"", "1a", "a.", ".a", "a..b", "a-b", "and", "x.in", "名字", "a b"}) {
    INFO(bad);
    CHECK_FALSE(crm::Scope::is_valid_name(bad));
    CHECK_FALSE(s.add(bad, crm::Type::any).has_value());
  }
  CHECK(crm::Scope::is_valid_name("_x.y_2.z"));
}
