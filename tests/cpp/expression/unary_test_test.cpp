// Decision-table cells (unary tests): every form, and the introspection for tables.
#include "expression_test_util.hpp"

using namespace expr_test;
using crm::Type;
using crm::Value;

namespace {
Value num(std::string_view text) { return Value(dec(text)); }
}  // namespace

TEST_CASE("comparison cells compare $ with a value", "[unary]") {
  CHECK(cell_matches(">= 85", num("85")));
  CHECK_FALSE(cell_matches(">= 85", num("84.99")));
  CHECK(cell_matches(">=85", num("90")));
  CHECK(cell_matches("< -2", num("-3")));
  CHECK_FALSE(cell_matches("< -2", num("-2")));
  CHECK(cell_matches("<= 5.5", num("5.5")));
  CHECK(cell_matches("> 5", num("5.01")));
  CHECK(cell_matches("== 5", num("5.0")));
  CHECK(cell_matches("!= 5", num("4")));
  CHECK(cell_matches("> count", num("8")));          // fields may appear
  CHECK_FALSE(cell_matches("> count + 1", num("8")));  // $ > (count + 1)
  CHECK(cell_matches("< date('2025-01-01')", Value(*crm::Date::parse("2024-12-31"))));
}

TEST_CASE("range cells with open and closed ends", "[unary]") {
  CHECK(cell_matches("[75..85)", num("75")));
  CHECK_FALSE(cell_matches("[75..85)", num("85")));
  CHECK(cell_matches("(75..85]", num("85")));
  CHECK_FALSE(cell_matches("(75..85]", num("75")));
  CHECK(cell_matches("(75..85)", num("80")));
  CHECK(cell_matches("[75..85]", num("85")));
  CHECK(cell_matches("in [1..3]", num("3")));
  CHECK(cell_matches("not in [1..3]", num("4")));
}

TEST_CASE("a value alone means equality with $", "[unary]") {
  CHECK(cell_matches("\"A1\"", Value("A1")));
  CHECK(cell_matches("'A1'", Value("A1")));
  CHECK_FALSE(cell_matches("\"A1\"", Value("a1")));
  CHECK(cell_matches("5", num("5.00")));
  CHECK(cell_matches("-2", num("-2")));
  CHECK(cell_matches("true", Value(true)));
  CHECK_FALSE(cell_matches("false", Value(true)));
  CHECK(cell_matches("count", num("7")));
  CHECK(cell_matches("count * 2", num("14")));
  CHECK(cell_matches("$", num("14")));  // $ == $
  CHECK(cell_matches("upper($)", Value("A")));
  CHECK_FALSE(cell_matches("len($)", Value("A")));  // "A" == 1
}

TEST_CASE("a comma means or", "[unary]") {
  CHECK(cell_matches("\"A1\",\"A2\"", Value("A2")));
  CHECK_FALSE(cell_matches("\"A1\", \"A2\"", Value("A3")));
  CHECK(cell_matches("1, [5..7]", num("6")));
  CHECK(cell_matches("1, [5..7]", num("1")));
  CHECK_FALSE(cell_matches("1, [5..7]", num("7.5")));
  CHECK(cell_matches(">5,<1", num("0")));
  CHECK_FALSE(cell_matches(">5,<1", num("3")));
  CHECK(cell_matches("[1, 2]", num("2")));  // a list: $ in the list
  CHECK(cell_matches("in [1, 2]", num("2")));
  CHECK(cell_matches("not in [1, 2]", num("3")));
}

TEST_CASE("tests joined by and / or", "[unary]") {
  CHECK(cell_matches("> 5 and < 10", num("7")));
  CHECK_FALSE(cell_matches("> 5 and < 10", num("10")));
  CHECK(cell_matches("> 5 or < 1", num("0")));
  CHECK(cell_matches("< 5 and > 1 or == 10", num("10")));
  CHECK(cell_matches("> 5 and $ < 10", num("7")));
}

TEST_CASE("not(...) negates the whole cell", "[unary]") {
  CHECK_FALSE(cell_matches("not(\"C2\")", Value("C2")));
  CHECK(cell_matches("not(\"C2\")", Value("C1")));
  CHECK_FALSE(cell_matches("not(\"C1\", \"C2\")", Value("C1")));
  CHECK(cell_matches("not(\"C1\", \"C2\")", Value("B1")));
  CHECK_FALSE(cell_matches("not(1, [5..7])", num("6")));
  CHECK(cell_matches("not(1, [5..7])", num("4")));
  CHECK(cell_matches("not(>= 5)", num("4")));
  CHECK(cell_matches("not ( > 5 and < 10 )", num("10")));
}

TEST_CASE("an empty cell or '-' matches anything", "[unary]") {
  for (const char* any : {"-", "", "  ", " - "}) {
    CHECK(cell_matches(any, num("1")));
    CHECK(cell_matches(any, Value("x")));
    CHECK(cell_matches(any, Value()));
    CHECK(cell(any).is_any());
  }
  CHECK_FALSE(cell("5").is_any());
  CHECK(crm::UnaryTest().is_any());
  CHECK(cell_error("-, 5").code == crm::ErrorCode::parse);
}

TEST_CASE("a boolean expression using $", "[unary]") {
  CHECK(cell_matches("$ > 5", num("6")));
  CHECK(cell_matches("$ > 5 and $ < 10", num("6")));
  CHECK(cell_matches("$ + 0 == 6", num("6")));
  CHECK(cell_matches("contains($, 'a')", Value("cat")));
  CHECK_FALSE(cell_matches("contains($, 'z')", Value("cat")));
  CHECK(cell_matches("len($) > 2", Value("cat")));
  CHECK(cell_matches("$ in ['a', 'b'] or $ == 'c'", Value("c")));
  CHECK(cell_matches("count > 5", num("1")));  // a comparison is used as it is
}

TEST_CASE("cells are type-checked against the column's type", "[unary][errors]") {
  auto e = cell_error("\"A1\"", Type::decimal);
  CHECK(e.code == crm::ErrorCode::type_mismatch);
  CHECK(e.where.offset == 0);
  CHECK(cell_error(">= 85", Type::string).code == crm::ErrorCode::type_mismatch);
  CHECK(cell_error("[1..5]", Type::string).code == crm::ErrorCode::type_mismatch);
  CHECK(cell_error("'A1', 5", Type::string).where.offset == 6);
  CHECK(cell_error("$ * 2 and true", Type::decimal).code == crm::ErrorCode::type_mismatch);
  CHECK(cell_error("> nosuch").code == crm::ErrorCode::unknown_name);
  auto p = cell_error(">= ");
  CHECK(p.code == crm::ErrorCode::parse);
  CHECK(p.where.offset == 3);
  // an `any` column is checked when the cell runs
  auto t = cell(">= 5");
  auto m = t.matches(Value("x"));
  REQUIRE_FALSE(m.has_value());
  CHECK(m.error().code == crm::ErrorCode::type_mismatch);
  CHECK(m.error().where.offset == 0);
}

TEST_CASE("introspection: numeric cells as normalized intervals", "[unary][introspection]") {
  auto intervals = [](std::string_view text) {
    auto t = cell(text, Type::decimal);
    REQUIRE(t.intervals() != nullptr);
    return t.intervals()->to_string();
  };
  CHECK(intervals(">= 85") == "[85..+inf)");
  CHECK(intervals("< -2") == "(-inf..-2)");
  CHECK(intervals("<= 0") == "(-inf..0]");
  CHECK(intervals("> 5") == "(5..+inf)");
  CHECK(intervals("[75..85)") == "[75..85)");
  CHECK(intervals("(75..85]") == "(75..85]");
  CHECK(intervals("> 5 and < 10") == "(5..10)");
  CHECK(intervals("1, [5..7]") == "[1..1], [5..7]");
  CHECK(intervals("[1..2), [2..3]") == "[1..3]");  // touching intervals merge
  CHECK(intervals("< 0, > 10") == "(-inf..0), (10..+inf)");
  CHECK(intervals("!= 5") == "(-inf..5), (5..+inf)");
  CHECK(intervals("== 5") == "[5..5]");
  CHECK(intervals("5") == "[5..5]");
  CHECK(intervals("-2") == "[-2..-2]");
  CHECK(intervals("not(1, [5..7])") == "(-inf..1), (1..5), (7..+inf)");
  CHECK(intervals("not([0..100])") == "(-inf..0), (100..+inf)");
  CHECK(intervals("[1, 2, 3]") == "[1..1], [2..2], [3..3]");
  CHECK(intervals("in [1..3]") == "[1..3]");
  CHECK(intervals("not in [1..3]") == "(-inf..1), (3..+inf)");
  CHECK(intervals("$ >= 1 and $ < 2") == "[1..2)");
  CHECK(intervals("5 < $") == "(5..+inf)");
  CHECK(intervals("> 10 and < 5") == "{}");
  CHECK(intervals("> 1 or < 2") == "(-inf..+inf)");
  CHECK(intervals("> 100 / 4") == "(25..+inf)");  // constant parts are computed
  CHECK(intervals("-") == "(-inf..+inf)");
  // not constant: no intervals
  CHECK(cell("> count", Type::decimal).intervals() == nullptr);
  CHECK(cell("$ * 2 > 5", Type::decimal).intervals() == nullptr);
  CHECK(cell("\"A1\"", Type::string).intervals() == nullptr);
}

TEST_CASE("introspection: interval sets support the table checks", "[unary][introspection]") {
  auto set = [](std::string_view text) { return *cell(text, Type::decimal).intervals(); };
  // A1..C2-style bands: no overlap, and together they leave no gap
  const auto a = set(">= 85"), b = set("[75..85)"), c = set("< 75");
  CHECK(a.intersect(b).empty());
  CHECK(b.intersect(c).empty());
  CHECK(a.unite(b).unite(c).is_everything());
  // a gap shows up as the complement of the union
  const auto gap = set(">= 85").unite(set("[75..84]")).unite(set("< 75")).complement();
  CHECK(gap.to_string() == "(84..85)");
  CHECK(gap.contains(dec("84.5")));
  CHECK_FALSE(gap.contains(dec("85")));
}

TEST_CASE("introspection: constant sets of strings and booleans", "[unary][introspection]") {
  auto two = cell("\"A1\",\"A2\"", Type::string);
  REQUIRE(two.constants() != nullptr);
  CHECK(two.constants()->values == std::vector<Value>{Value("A1"), Value("A2")});
  CHECK_FALSE(two.constants()->negated);
  auto neg = cell("not(\"C1\", \"C2\")", Type::string);
  REQUIRE(neg.constants() != nullptr);
  CHECK(neg.constants()->values == std::vector<Value>{Value("C1"), Value("C2")});
  CHECK(neg.constants()->negated);
  auto in = cell("in ['x', 'y', 'x']", Type::string);
  REQUIRE(in.constants() != nullptr);
  CHECK(in.constants()->values == std::vector<Value>{Value("x"), Value("y")});  // each once
  auto ne = cell("!= 'x'", Type::string);
  REQUIRE(ne.constants() != nullptr);
  CHECK(ne.constants()->negated);
  auto b = cell("true", Type::boolean);
  REQUIRE(b.constants() != nullptr);
  CHECK(b.constants()->values == std::vector<Value>{Value(true)});
  auto with_null = cell("'A1', null", Type::string);
  REQUIRE(with_null.constants() != nullptr);
  CHECK(with_null.constants()->values.size() == 2);
  CHECK(cell("upper('a')", Type::string).constants()->values == std::vector<Value>{Value("A")});
  CHECK(cell("grade", Type::string).constants() == nullptr);  // a field: not constant
  CHECK(cell("contains($, 'a')", Type::string).constants() == nullptr);
  CHECK(cell("-", Type::string).constants() == nullptr);
}

TEST_CASE("introspection: whether null matches", "[unary][introspection]") {
  CHECK(cell(">= 5").null_matches() == false);
  CHECK(cell("not(>= 5)").null_matches() == false);
  CHECK(cell("!= 5").null_matches() == true);
  CHECK(cell("not('A1')").null_matches() == true);
  CHECK(cell("null").null_matches() == true);
  CHECK(cell("-").null_matches() == true);
  CHECK_FALSE(cell("> count").null_matches().has_value());  // reads a field
  CHECK(cell("> count").slots_used().size() == 1);
}

TEST_CASE("unary tests keep their text and input type", "[unary]") {
  auto t = cell("[75..85)", Type::decimal);
  CHECK(t.text() == "[75..85)");
  CHECK(t.input_type() == Type::decimal);
  CHECK(t.slots_used().empty());
}
