// Comparison, and / or / not, ? :, ??, in with lists and ranges.
#include "expression_test_util.hpp"

using namespace expr_test;

TEST_CASE("comparisons of decimals ignore the scale", "[expression][logic]") {
  CHECK(show("1 < 2") == "true");
  CHECK(show("2 <= 2") == "true");
  CHECK(show("3 > 2") == "true");
  CHECK(show("2 >= 3") == "false");
  CHECK(show("1.0 == 1") == "true");
  CHECK(show("1.10 == 1.1") == "true");
  CHECK(show("1 != 2") == "true");
  CHECK(show("count == 7") == "true");
  CHECK(show("annual_purchases >= 5000000.00") == "true");
  CHECK(show("-2 < -1") == "true");
}

TEST_CASE("strings, booleans and dates compare with == and !=, dates also order", "[expression][logic]") {
  CHECK(show("grade == 'A2'") == "true");
  CHECK(show("grade != \"A2\"") == "false");
  CHECK(show("'abc' == \"abc\"") == "true");
  CHECK(show("flag == true") == "true");
  CHECK(show("since == date('2024-03-31')") == "true");
  CHECK(show("since < date('2024-04-01')") == "true");
  CHECK(show("since >= date('2024-04-01')") == "false");
  CHECK(show("since in [date('2024-01-01')..date('2024-12-31')]") == "true");
}

TEST_CASE("comparisons that cannot be true are compile errors", "[expression][logic][errors]") {
  auto e = compile_error("grade == 1");
  CHECK(e.code == crm::ErrorCode::type_mismatch);
  CHECK(e.where.offset == 6);
  CHECK(compile_error("'a' < 'b'").code == crm::ErrorCode::type_mismatch);  // strings do not order
  CHECK(compile_error("count < since").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("flag > false").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("1 < 2 < 3").code == crm::ErrorCode::type_mismatch);  // (1 < 2) < 3
  CHECK(compile_error("since == '2024-03-31'").message.find("date(") != std::string::npos);
}

TEST_CASE("values of type any are compared when evaluated", "[expression][logic]") {
  CHECK(show("amount > 39") == "true");
  CHECK(show("label == 'B1'") == "true");
  CHECK(show("label == 1") == "false");  // a string never equals a decimal
  auto e = eval_error("label < 1");
  CHECK(e.code == crm::ErrorCode::type_mismatch);
  CHECK(e.where.offset == 6);
}

TEST_CASE("and, or, not", "[expression][logic]") {
  CHECK(show("true and true") == "true");
  CHECK(show("true and false") == "false");
  CHECK(show("false or false") == "false");
  CHECK(show("false or true") == "true");
  CHECK(show("not true") == "false");
  CHECK(show("!true") == "false");
  CHECK(show("not not true") == "true");
  CHECK(show("!!true") == "true");
  CHECK(show("not (1 > 2)") == "true");
  CHECK(show("true or false and false") == "true");   // and binds tighter than or
  CHECK(show("false and true or true") == "true");
  CHECK(show("count > 5 and count < 10") == "true");
  CHECK(show("not true == false") == "true");        // not binds tighter than ==
  CHECK(compile_error("not 1 > 2").code == crm::ErrorCode::type_mismatch);  // (not 1) > 2
  CHECK(compile_error("1 and true").code == crm::ErrorCode::type_mismatch);
}

TEST_CASE("and / or short-circuit", "[expression][logic]") {
  // the right side would fail (division by zero, null) but is not evaluated
  CHECK(show("false and count / (count - 7) > 1") == "false");
  CHECK(show("true or count / (count - 7) > 1") == "true");
  CHECK(show("missing == null or missing > 5") == "true");
}

TEST_CASE("cond ? a : b", "[expression][logic]") {
  CHECK(show("count > 5 ? 'big' : 'small'") == "big");
  CHECK(show("count > 50 ? 'big' : 'small'") == "small");
  CHECK(show("true ? 1 : false ? 2 : 3") == "1");   // right-associative
  CHECK(show("false ? 1 : false ? 2 : 3") == "3");
  CHECK(show("false ? 1 : 2 + 10") == "12");        // lowest precedence
  CHECK(show("true or false ? 'a' : 'b'") == "a");
  CHECK(show("count > 5 ? count * 2 : 0") == "14");
  CHECK(show("flag ? 1 / 4 : 1 / 0.5") == "0.25");  // only the chosen branch runs
  CHECK(compile_error("count ? 1 : 2").code == crm::ErrorCode::type_mismatch);
  auto mixed = crm::Expression::compile("flag ? 1 : 'one'", scope());
  REQUIRE(mixed);
  CHECK(mixed->result_type() == crm::Type::any);
}

TEST_CASE("?? replaces null and binds tighter than arithmetic, as in ZEN", "[expression][logic]") {
  CHECK(show("missing ?? 5") == "5");
  CHECK(show("count ?? 5") == "7");
  CHECK(show("null ?? null ?? 3") == "3");
  CHECK(show("0 ?? 5") == "0");          // only null is replaced
  CHECK(show("false ?? true") == "false");
  CHECK(show("'' ?? 'x'") == "");
  CHECK(show("2 ?? 1 + 2") == "4");      // (2 ?? 1) + 2
  CHECK(show("2 * missing ?? 3") == "6");  // 2 * (missing ?? 3)
  CHECK(show("1 + missing ?? 2") == "3");
  CHECK(show("missing ?? 0 > 5") == "false");
  CHECK(show("not anything ?? true") == "false");  // not (anything ?? true)
  auto e = crm::Expression::compile("missing ?? 0", scope());
  REQUIRE(e);
  CHECK(e->result_type() == crm::Type::decimal);
}

TEST_CASE("in and not in with lists", "[expression][logic]") {
  CHECK(show("1 in [1, 2]") == "true");
  CHECK(show("3 in [1, 2]") == "false");
  CHECK(show("grade in ['A1', 'A2', 'A3']") == "true");
  CHECK(show("grade not in ['A1', 'A2']") == "false");
  CHECK(show("count in [1, count, 10]") == "true");  // elements may be fields
  CHECK(show("1 in []") == "false");
  CHECK(show("1.0 in [1]") == "true");
  CHECK(show("null in [1, null]") == "true");
  CHECK(show("missing in [1, 2]") == "false");
  CHECK(show("1 + 2 in [3, 4]") == "true");           // in binds like ==
  CHECK(show("1 in [1, 2] == true") == "true");
  CHECK(compile_error("grade in [1, 2]").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("1 in 2").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("1 in [[1], 2]").code == crm::ErrorCode::type_mismatch);
}

TEST_CASE("ranges with open and closed ends", "[expression][logic]") {
  CHECK(show("5 in [1..5]") == "true");
  CHECK(show("5 in [1..5)") == "false");
  CHECK(show("1 in (1..5]") == "false");
  CHECK(show("1 in [1..5)") == "true");
  CHECK(show("3 in (1..5)") == "true");
  CHECK(show("5 in (1..5)") == "false");
  CHECK(show("5 not in [1..5)") == "true");
  CHECK(show("-2 in [-3..-1]") == "true");
  CHECK(show("count in [7..7]") == "true");
  CHECK(show("count in [cooperation - 5..cooperation]") == "true");  // bounds may be expressions
  CHECK(show("1 in [3..1]") == "false");                             // an empty range
  CHECK(show("0.5 in [0.1..1.5]") == "true");
  CHECK(compile_error("grade in ['a'..'c']").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("[1..5]").code == crm::ErrorCode::type_mismatch);  // only after in
  CHECK(show("[1, 2]") == "[1, 2]");  // a list is a value (lists_test.cpp), a range is not
  auto e = compile_error("1 in [1..5");
  CHECK(e.code == crm::ErrorCode::parse);
  CHECK(e.where.offset == 10);
}
