// Null: one rule everywhere (docs/expressions.md, "Null and missing values").
//   - null equals only null; == != in-a-list and ?? accept it;
//   - every operation that needs a value (arithmetic, <, ranges, and/or/not, ? :,
//     function arguments) fails with ErrorCode::missing at its operator's offset;
//   - a decision-table cell that fails that way does not match (false, not an error).
#include "expression_test_util.hpp"

using namespace expr_test;

TEST_CASE("null equals only null", "[expression][null]") {
  CHECK(show("null == null") == "true");
  CHECK(show("missing == null") == "true");
  CHECK(show("missing != 1") == "true");
  CHECK(show("1 == null") == "false");
  CHECK(show("anything == ''") == "false");
  CHECK(show("missing in [1, null]") == "true");
  CHECK(show("missing not in [1, 2]") == "true");
  CHECK(show("null") == "null");
  CHECK(eval("missing").is_null());
}

TEST_CASE("?? gives a default for null", "[expression][null]") {
  CHECK(show("missing ?? 0") == "0");
  CHECK(show("anything ?? 'none'") == "none");
  CHECK(show("(missing ?? 0) + 1") == "1");
  CHECK(show("missing ?? anything ?? 3") == "3");
}

TEST_CASE("arithmetic with null is a missing-value error at the operator", "[expression][null][errors]") {
  auto e = eval_error("count + missing");
  CHECK(e.code == crm::ErrorCode::missing);
  CHECK(e.where.offset == 6);
  CHECK(e.message == "an operand of '+' is null: a value is missing (give a default with ??, e.g. x ?? 0)");
  CHECK(eval_error("missing * 2").code == crm::ErrorCode::missing);
  CHECK(eval_error("-missing").code == crm::ErrorCode::missing);
  CHECK(eval_error("anything + 'x'").code == crm::ErrorCode::missing);
  CHECK(compile_error("null + 1").code == crm::ErrorCode::missing);  // constant: found when compiling
}

TEST_CASE("ordering and ranges with null are missing-value errors", "[expression][null][errors]") {
  auto e = eval_error("missing > 1");
  CHECK(e.code == crm::ErrorCode::missing);
  CHECK(e.where.offset == 8);
  CHECK(eval_error("1 <= missing").code == crm::ErrorCode::missing);
  CHECK(eval_error("missing in [1..5]").code == crm::ErrorCode::missing);
  CHECK(eval_error("count in [missing..5]").code == crm::ErrorCode::missing);
}

TEST_CASE("null as a condition or a boolean operand is a missing-value error", "[expression][null][errors]") {
  CHECK(eval_error("anything and true").code == crm::ErrorCode::missing);
  auto right = eval_error("true and anything");
  CHECK(right.code == crm::ErrorCode::missing);
  CHECK(right.message.find("'and'") != std::string::npos);
  CHECK(eval_error("false or anything").code == crm::ErrorCode::missing);
  CHECK(eval_error("not anything").code == crm::ErrorCode::missing);
  CHECK(eval_error("anything ? 1 : 2").code == crm::ErrorCode::missing);
}

TEST_CASE("function arguments that are null are missing-value errors", "[expression][null][errors]") {
  auto e = eval_error("1 + round(missing, 2)");
  CHECK(e.code == crm::ErrorCode::missing);
  CHECK(e.where.offset == 4);
  CHECK(e.message == "round: argument 1 is null: a value is missing (give a default with ??, e.g. x ?? 0)");
  CHECK(eval_error("len(anything)").code == crm::ErrorCode::missing);
  CHECK(eval_error("upper(anything)").code == crm::ErrorCode::missing);
  CHECK(eval_error("contains(anything, 'a')").code == crm::ErrorCode::missing);
  CHECK(eval_error("clamp(count, missing, 10)").code == crm::ErrorCode::missing);
  CHECK(show("round(missing ?? 2.5)") == "3");
}

TEST_CASE("a cell that needs a value it does not have does not match", "[expression][null][unary]") {
  const crm::Value null;
  CHECK_FALSE(cell_matches(">= 5", null));
  CHECK_FALSE(cell_matches("[1..5]", null));
  CHECK_FALSE(cell_matches("$ > 5", null));
  CHECK_FALSE(cell_matches("not(>= 5)", null));  // the whole cell, not just the comparison
  CHECK_FALSE(cell_matches("> missing", crm::Value(dec("3"))));
  CHECK_FALSE(cell_matches("\"A1\"", null));     // equality sees null as a value
  CHECK(cell_matches("not(\"A1\")", null));
  CHECK(cell_matches("!= 5", null));
  CHECK(cell_matches("null", null));
  CHECK(cell_matches("-", null));
  CHECK(cell_matches("", null));
  CHECK(cell_matches("$ == null or $ > 5", null));  // short-circuit: $ > 5 is not evaluated
  CHECK_FALSE(cell_matches("$ > 5 or $ == null", null));
}
