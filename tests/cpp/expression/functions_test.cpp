// Every function: results, domain errors, argument types and counts.
#include "expression_test_util.hpp"
#include "src/expression/decimal_math.hpp"

using namespace expr_test;

TEST_CASE("min and max take one list, as in ZEN", "[expression][functions]") {
  CHECK(equals("min([1, 2, 3])", "1"));
  CHECK(equals("max([1, 2, 3])", "3"));
  CHECK(show("min([3, 1.50, 2])") == "1.50");  // the element itself, with its scale
  CHECK(equals("max([count, cooperation, 10])", "12"));
  CHECK(equals("min([count])", "7"));
  CHECK(show("max([since, date('2020-01-01')])") == "2024-03-31");
  CHECK(compile_error("min(1, 2)").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("min(count)").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("min([])").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("max(['a', 'b'])").code == crm::ErrorCode::type_mismatch);
  CHECK(eval_error("min([count, label])").code == crm::ErrorCode::type_mismatch);
  CHECK(eval_error("max([count, missing])").code == crm::ErrorCode::missing);
}

TEST_CASE("abs, floor, ceil", "[expression][functions]") {
  CHECK(equals("abs(-3)", "3"));
  CHECK(show("abs(-2.50)") == "2.50");
  CHECK(equals("abs(count)", "7"));
  CHECK(equals("floor(1.5)", "1"));
  CHECK(equals("floor(-1.5)", "-2"));
  CHECK(equals("ceil(1.2)", "2"));
  CHECK(equals("ceil(-1.5)", "-1"));
  CHECK(equals("floor(7)", "7"));
  CHECK(show("floor(2.7)") == "2");
}

TEST_CASE("round rounds half away from zero, as ZEN", "[expression][functions]") {
  CHECK(equals("round(2.5)", "3"));
  CHECK(equals("round(-2.5)", "-3"));
  CHECK(equals("round(0.5)", "1"));
  CHECK(equals("round(-0.5)", "-1"));
  CHECK(equals("round(2.4)", "2"));
  CHECK(equals("round(1.005, 2)", "1.01"));
  CHECK(equals("round(-1.005, 2)", "-1.01"));
  CHECK(equals("round(2.675, 2)", "2.68"));
  CHECK(show("round(1.23456789, 4)") == "1.2346");
  CHECK(show("round(1.5, 2)") == "1.5");   // no padding zeros
  CHECK(equals("round(1.5, 20)", "1.5"));  // more digits than a decimal has: unchanged
  CHECK(equals("round(annual_purchases / 7, 2)", "714285.71"));
  auto e = eval_error("round(count, count - 8)");
  CHECK(e.code == crm::ErrorCode::out_of_range);
  CHECK(e.where.offset == 0);
  CHECK(compile_error("round(1.5, -1)").code == crm::ErrorCode::out_of_range);
  CHECK(compile_error("round(2.5, 1.5)").code == crm::ErrorCode::out_of_range);
  CHECK(compile_error("round(99999999999999999999.5)").code == crm::ErrorCode::overflow);
}

TEST_CASE("clamp keeps a value within bounds", "[expression][functions]") {
  CHECK(equals("clamp(cooperation, 0, 10)", "10"));
  CHECK(equals("clamp(count, 0, 10)", "7"));
  CHECK(equals("clamp(-count, 0, 10)", "0"));
  CHECK(equals("clamp(5, 5, 5)", "5"));
  auto e = compile_error("clamp(1, 10, 0)");
  CHECK(e.code == crm::ErrorCode::out_of_range);
  CHECK(e.message.find("low bound 10") != std::string::npos);
}

TEST_CASE("sqrt is exact to 18 fractional digits", "[expression][functions]") {
  CHECK(equals("sqrt(16)", "4"));
  CHECK(equals("sqrt(0)", "0"));
  CHECK(equals("sqrt(2.25)", "1.5"));
  CHECK(show("sqrt(2)") == "1.414213562373095049");      // 1.41421356237309504880...
  CHECK(show("sqrt(3)") == "1.732050807568877294");      // 1.73205080756887729352...
  CHECK(show("sqrt(0.000000000000000002)") == "0.000000001414213562");
  CHECK(show("sqrt(99999999999999999999)") == "9999999999.99999999995");  // rounds up at the 18th digit
  auto e = compile_error("sqrt(-1)");
  CHECK(e.code == crm::ErrorCode::out_of_range);
  CHECK(e.message.find("negative") != std::string::npos);
  CHECK(eval_error("1 + sqrt(-count)").where.offset == 4);
}

TEST_CASE("log10 is exact for powers of ten and correctly rounded otherwise", "[expression][functions]") {
  CHECK(equals("log10(1000)", "3"));
  CHECK(equals("log10(1)", "0"));
  CHECK(equals("log10(0.001)", "-3"));
  CHECK(equals("log10(annual_purchases * 2)", "7"));
  CHECK(show("log10(2)") == "0.301029995663981195");   // 0.30102999566398119521...
  CHECK(show("log10(5000000)") == "6.698970004336018805");  // 6.69897000433601880479...
  auto z = compile_error("log10(0)");
  CHECK(z.code == crm::ErrorCode::out_of_range);
  CHECK(z.message.find("log10 of 0") != std::string::npos);
  CHECK(compile_error("log10(-5)").code == crm::ErrorCode::out_of_range);
}

TEST_CASE("pow: exact with whole exponents, correctly rounded otherwise", "[expression][functions]") {
  CHECK(equals("pow(2, 10)", "1024"));
  CHECK(equals("pow(-2, 3)", "-8"));
  CHECK(equals("pow(1.5, 2)", "2.25"));
  CHECK(equals("pow(2, -2)", "0.25"));
  CHECK(show("pow(3, -1)") == "0.333333333333333333");
  CHECK(equals("pow(10, 19)", "10000000000000000000"));
  CHECK(show("pow(1.0001, 365)") == "1.03717241130255193");  // 1.037172411302551929902...
  CHECK(show("pow(0.5, 19)") == "0.000001907348632812");     // ...8125: halfway, to even
  CHECK(equals("pow(0.9, 100000000000)", "0"));
  CHECK(equals("pow(16, 0.25)", "2"));
  CHECK(show("pow(2, 0.5)") == "1.414213562373095049");
  CHECK(compile_error("pow(10, 20)").code == crm::ErrorCode::overflow);
  CHECK(compile_error("pow(1.0001, 10000000000)").code == crm::ErrorCode::overflow);
  CHECK(compile_error("pow(0, -1)").code == crm::ErrorCode::division_by_zero);
  CHECK(compile_error("pow(-8, 0.5)").code == crm::ErrorCode::out_of_range);
}

TEST_CASE("date parses YYYY-MM-DD", "[expression][functions]") {
  const crm::Value d = eval("date('2024-02-29')");
  REQUIRE(d.kind() == crm::ValueKind::date);
  CHECK(d.as_date().days() == 19782);
  CHECK(d.to_string() == "2024-02-29");
  auto e = compile_error("date('2023-02-29')");
  CHECK(e.code == crm::ErrorCode::out_of_range);
  CHECK(compile_error("date('2024-2-1')").code == crm::ErrorCode::parse);
  CHECK(eval_error("date(grade)").code == crm::ErrorCode::parse);
  CHECK(compile_error("date(1)").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("since + 1").code == crm::ErrorCode::type_mismatch);  // no date arithmetic
}

TEST_CASE("arguments are checked for count and type", "[expression][functions][errors]") {
  auto arity = compile_error("round(1, 2, 'up', 4)");
  CHECK(arity.code == crm::ErrorCode::type_mismatch);
  CHECK(arity.where.offset == 0);
  CHECK(arity.message == "round takes 1 to 3 arguments, not 4: round(x), round(x, digits) or round(x, digits, 'half_even')");
  CHECK(compile_error("sqrt(1, 2)").message == "sqrt takes 1 argument, not 2: sqrt(x)");
  CHECK(compile_error("abs()").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("clamp(1, 2)").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("contains('abc')").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("len('a', 'b')").code == crm::ErrorCode::type_mismatch);
  auto type = compile_error("1 + abs(grade)");
  CHECK(type.code == crm::ErrorCode::type_mismatch);
  CHECK(type.where.offset == 8);
  CHECK(compile_error("len(5)").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("upper(count)").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("sqrt('4')").code == crm::ErrorCode::type_mismatch);
  auto run = eval_error("abs(label)");
  CHECK(run.code == crm::ErrorCode::type_mismatch);
  CHECK(run.message == "abs: argument 1 is a string, which abs does not take");
}

TEST_CASE("unknown functions suggest the closest name", "[expression][functions][errors]") {
  auto e = compile_error("count + sqr(4)");
  CHECK(e.code == crm::ErrorCode::unknown_name);
  CHECK(e.where.offset == 8);
  CHECK(e.message == "unknown function 'sqr' (did you mean 'sqrt'?)");
  auto far = compile_error("frobnicate(1)");
  CHECK(far.message.find("the functions are abs ceil clamp") != std::string::npos);
}

TEST_CASE("log10 in fixed point agrees with the 50-digit float on many values", "[expression][functions]") {
  using crm::internal::expression::decimal_log10;
  using crm::internal::expression::decimal_log10_reference;
  // Known digits (from a 60-digit computation).
  CHECK(decimal_log10(*crm::Decimal::parse("3"))->to_string() == "0.477121254719662437");   // ...66243729...
  CHECK(decimal_log10(*crm::Decimal::parse("7"))->to_string() == "0.845098040014256831");   // ...25683071...
  CHECK(decimal_log10(*crm::Decimal::parse("0.05"))->to_string() == "-1.301029995663981195");
  CHECK(decimal_log10(*crm::Decimal::parse("99999999999999999999.999999999999999999"))->to_string() == "20");
  CHECK(decimal_log10(*crm::Decimal::parse("0.000000000000000001"))->to_string() == "-18");
  CHECK(decimal_log10(*crm::Decimal::parse("0.000000000000000002"))->to_string() == "-17.698970004336018805");
  CHECK(decimal_log10_reference(*crm::Decimal::parse("1"))->to_string() == "0");  // a zero float, converted
  // Many values across the range: every coefficient size and scale.
  std::uint64_t state = 12345;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  int checked = 0;
  for (int i = 0; i < 600; ++i) {
    const int digits = 1 + static_cast<int>(next() % 38);
    std::string text;
    for (int k = 0; k < digits; ++k) text += static_cast<char>('0' + (k == 0 ? 1 + next() % 9 : next() % 10));
    const int scale = static_cast<int>(next() % 19);
    if (digits - scale > 20) continue;
    if (scale > 0) text.insert(text.size() >= static_cast<std::size_t>(scale) ? text.size() - scale : 0, ".");
    auto x = crm::Decimal::parse(text);
    if (!x || x->is_zero()) continue;
    auto fast = decimal_log10(*x);
    auto reference = decimal_log10_reference(*x);
    REQUIRE(fast);
    REQUIRE(reference);
    INFO("log10(" << text << ")");
    CHECK(fast->to_string() == reference->to_string());
    ++checked;
  }
  CHECK(checked > 400);
}

TEST_CASE("string(x) writes a value as text", "[expression][functions]") {
  CHECK(show("string(3)") == "3");
  CHECK(show("string(2.50)") == "2.50");  // with its scale
  CHECK(show("string(-0.5)") == "-0.5");
  CHECK(show("string(true)") == "true");
  CHECK(show("string(since)") == "2024-03-31");
  CHECK(show("string(label)") == show("label"));
  CHECK(show("'n=' + string(count)") == "n=7");
  CHECK(eval_error("string(missing)").code == crm::ErrorCode::missing);
  CHECK(compile_error("string(1, 2)").code == crm::ErrorCode::type_mismatch);
  CHECK(compile_error("string([1])").code == crm::ErrorCode::type_mismatch);
}

TEST_CASE("round(x, digits, mode) rounds with a named rounding", "[expression][functions]") {
  CHECK(show("round(2.5, 0, 'half_even')") == "2");
  CHECK(show("round(3.5, 0, 'half_even')") == "4");
  CHECK(show("round(-2.5, 0, 'half_even')") == "-2");
  CHECK(show("round(2.345, 2, 'half_even')") == "2.34");
  CHECK(show("round(2.345, 2, 'half_up')") == "2.35");
  CHECK(show("round(2.349, 2, 'down')") == "2.34");
  CHECK(show("round(-2.341, 2, 'floor')") == "-2.35");
  CHECK(show("round(1.5, 2, 'half_even')") == "1.5");  // no padding, as round(x, digits)
  CHECK(show("round(count / 2, 0, 'half_even')") == "4");  // 3.5
  const auto mode = compile_error("round(2.5, 0, 'banker')");
  CHECK(mode.code == crm::ErrorCode::type_mismatch);
  CHECK(mode.message.find("'half_even', 'half_up'") != std::string::npos);
  CHECK(compile_error("round(2.5, 0, label)").code == crm::ErrorCode::type_mismatch);  // the mode is written, not read
  CHECK(compile_error("round('a', 0, 'half_even')").code == crm::ErrorCode::type_mismatch);
  CHECK(eval_error("round(2.5, count - 8, 'half_even')").code == crm::ErrorCode::out_of_range);
}
