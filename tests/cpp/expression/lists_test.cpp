// Lists as values: literals [a, b], flatten, equality, `in` a list value, and the type
// errors a list's misuse gives when compiling (with the offset of the operator).
#include <catch2/catch.hpp>

#include "crmrules/expression.hpp"
#include "crmrules/unary_test.hpp"

namespace {

crm::Scope list_scope() {
  crm::Scope s;
  REQUIRE(s.add("tags", crm::Type::list));     // slot 0: ["w", "x"]
  REQUIRE(s.add("a", crm::Type::string));      // slot 1: "a"
  REQUIRE(s.add("n", crm::Type::decimal));     // slot 2: 2
  REQUIRE(s.add("anything", crm::Type::any));  // slot 3: "y" (not a list)
  return s;
}

std::vector<crm::Value> list_slots() {
  return {crm::Value::List{"w", "x"}, crm::Value("a"), crm::Decimal::from_int(2), crm::Value("y")};
}

crm::expected<crm::Value> run_list(std::string_view text) {
  auto e = crm::Expression::compile(text, list_scope());
  if (!e) return crm::unexpected(e.error());
  return e->evaluate(list_slots());
}

std::string show_list(std::string_view text) {
  auto v = run_list(text);
  INFO(text << " -> " << (v ? "" : v.error().to_string()));
  REQUIRE(v.has_value());
  return v->to_string();
}

crm::Error list_compile_error(std::string_view text) {
  auto e = crm::Expression::compile(text, list_scope());
  INFO(text);
  REQUIRE_FALSE(e.has_value());
  return e.error();
}

}  // namespace

TEST_CASE("list literals are values of any expressions", "[expression][lists]") {
  CHECK(show_list(R"(["a", "b", "c"])") == R"(["a", "b", "c"])");
  CHECK(show_list(R"([a, n + 1, true, null])") == R"(["a", 3, true, null])");
  CHECK(show_list("[]") == "[]");
  CHECK(show_list(R"([["w"], tags])") == R"([["w"], ["w", "x"]])");
  auto e = crm::Expression::compile(R"(["a", n])", list_scope());
  REQUIRE(e);
  CHECK(e->result_type() == crm::Type::list);
  const crm::Value v = *e->evaluate(list_slots());
  REQUIRE(v.kind() == crm::ValueKind::list);
  CHECK(v.as_list() == crm::Value::List{"a", crm::Decimal::from_int(2)});
}

TEST_CASE("flatten joins nested lists in order and keeps other elements", "[expression][lists]") {
  CHECK(show_list(R"(flatten([["w", "x"], "y", "z"]))") == R"(["w", "x", "y", "z"])");
  CHECK(show_list(R"(flatten([a, tags, [["deep"]], n]))") == R"(["a", "w", "x", "deep", 2])");
  CHECK(show_list("flatten(tags)") == R"(["w", "x"])");
  CHECK(show_list("flatten([])") == "[]");
}

TEST_CASE("flatten of something that is not a list is an error", "[expression][lists]") {
  const crm::Error known = list_compile_error("flatten(a)");
  CHECK(known.code == crm::ErrorCode::type_mismatch);
  CHECK(known.where.offset == 8);
  CHECK(known.message == "flatten takes a list, not a string (flatten(list))");
  auto e = crm::Expression::compile("flatten(anything)", list_scope());
  REQUIRE(e);
  auto v = e->evaluate(list_slots());
  REQUIRE_FALSE(v);
  CHECK(v.error().code == crm::ErrorCode::type_mismatch);
  CHECK(v.error().message == "flatten: argument 1 is a string, which flatten does not take");
}

TEST_CASE("lists are equal element by element, in order", "[expression][lists]") {
  CHECK(show_list(R"(tags == ["w", "x"])") == "true");
  CHECK(show_list(R"(tags == ["x", "w"])") == "false");
  CHECK(show_list(R"(tags != ["w"])") == "true");
  CHECK(show_list(R"(flatten([["w"], "x"]) == tags)") == "true");
  const crm::Error e = list_compile_error(R"(tags == "w")");
  CHECK(e.code == crm::ErrorCode::type_mismatch);
  CHECK(e.where.offset == 5);
}

TEST_CASE("in tests membership of a list value", "[expression][lists]") {
  CHECK(show_list(R"("w" in tags)") == "true");
  CHECK(show_list(R"(a in tags)") == "false");
  CHECK(show_list(R"(a not in tags)") == "true");
  CHECK(show_list(R"("z" in flatten([tags, "z"]))") == "true");
  CHECK(list_compile_error("a in n").message == "'in' needs a list [a, b], a range [a..b] or a list value after it, not a decimal");
  auto e = crm::Expression::compile("a in anything", list_scope());
  REQUIRE(e);
  CHECK(e->evaluate(list_slots()).error().code == crm::ErrorCode::type_mismatch);
}

TEST_CASE("a list cannot be ordered or computed with", "[expression][lists]") {
  const crm::Error lt = list_compile_error(R"(tags < ["z"])");
  CHECK(lt.code == crm::ErrorCode::type_mismatch);
  CHECK(lt.where.offset == 5);
  CHECK(lt.message == "'<' orders decimals, dates, times or durations, not a list");
  const crm::Error plus = list_compile_error("tags + 1");
  CHECK(plus.where.offset == 5);
  CHECK(plus.message == "'+' needs a decimal, not a list");
  const crm::Error mul = list_compile_error("n * [1]");
  CHECK(mul.where.offset == 2);
  CHECK(mul.message == "'*' needs a decimal, not a list");
  CHECK(list_compile_error("upper(tags)").message == "upper: argument 1 is a list, not a string (upper(text))");
  CHECK(list_compile_error("[[1..2], 3]").message == "a list cannot hold a range [a..b]");
}

TEST_CASE("a cell whose value is a list tests that the input is one of its elements", "[expression][lists]") {
  auto cell = crm::UnaryTest::compile(R"("cough", tags)", list_scope(), crm::Type::string);
  REQUIRE(cell);
  CHECK(*cell->matches(crm::Value("x"), list_slots()));
  CHECK(*cell->matches(crm::Value("cough"), list_slots()));
  CHECK_FALSE(*cell->matches(crm::Value("fever"), list_slots()));
  // A constant list value too: it is no set of equalities for the table index.
  auto constant = crm::UnaryTest::compile(R"(flatten(["a", ["b"]]))", list_scope(), crm::Type::string);
  REQUIRE(constant);
  CHECK(constant->constants() == nullptr);
  CHECK(*constant->matches(crm::Value("b"), list_slots()));
  CHECK_FALSE(*constant->matches(crm::Value("c"), list_slots()));
}
