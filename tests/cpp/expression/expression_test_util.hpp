// Helpers for the expression-language tests: one scope of typical fields, their values,
// and short ways to evaluate a text or get its error.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "crmrules/expression.hpp"
#include "crmrules/unary_test.hpp"
#include "tests/cpp/decimals.hpp"

namespace expr_test {

/// Fields and their values in every test:
///   annual_purchases 5000000   cooperation 12        count 7          ratio 0.25
///   grade "A2"                 name "华为技术 Huawei" flag true        since 2024-03-31
///   missing (decimal) null     anything (any) null   label (any) "B1" amount (any) 40
inline crm::Scope scope() {
  crm::Scope s;
  REQUIRE(s.add("annual_purchases", crm::Type::decimal));
  REQUIRE(s.add("cooperation", crm::Type::decimal));
  REQUIRE(s.add("count", crm::Type::decimal));
  REQUIRE(s.add("ratio", crm::Type::decimal));
  REQUIRE(s.add("grade", crm::Type::string));
  REQUIRE(s.add("name", crm::Type::string));
  REQUIRE(s.add("flag", crm::Type::boolean));
  REQUIRE(s.add("since", crm::Type::date));
  REQUIRE(s.add("missing", crm::Type::decimal));
  REQUIRE(s.add("anything", crm::Type::any));
  REQUIRE(s.add("label", crm::Type::any));
  REQUIRE(s.add("amount", crm::Type::any));
  REQUIRE(s.add("customer.region", crm::Type::string));
  return s;
}

inline std::vector<crm::Value> slots() {
  return {dec("5000000"), dec("12"),      dec("7"),      dec("0.25"),     crm::Value("A2"),
          crm::Value("华为技术 Huawei"), crm::Value(true), *crm::Date::parse("2024-03-31"),
          crm::Value(), crm::Value(), crm::Value("B1"), dec("40"), crm::Value("EMEA")};
}

/// The value of `text`, which must compile and evaluate.
inline crm::Value eval(std::string_view text) {
  auto e = crm::Expression::compile(text, scope());
  INFO("compiling: " << text << (e ? "" : " -> " + e.error().to_string()));
  REQUIRE(e.has_value());
  auto v = e->evaluate(slots());
  INFO("evaluating: " << text << (v ? "" : " -> " + v.error().to_string()));
  REQUIRE(v.has_value());
  return *v;
}

/// The value's text ("7", "true", "null", the string), for compact checks.
inline std::string show(std::string_view text) { return eval(text).to_string(); }

/// Whether `text` evaluates to a decimal equal to `expected` (scale ignored).
inline bool equals(std::string_view text, std::string_view expected) {
  const crm::Value v = eval(text);
  return v.kind() == crm::ValueKind::decimal && v.as_decimal() == dec(expected);
}

/// The error compiling `text` (which must fail).
inline crm::Error compile_error(std::string_view text) {
  auto e = crm::Expression::compile(text, scope());
  INFO("compiling: " << text);
  REQUIRE_FALSE(e.has_value());
  return e.error();
}

/// The error evaluating `text` (which must compile and then fail).
inline crm::Error eval_error(std::string_view text) {
  auto e = crm::Expression::compile(text, scope());
  INFO("compiling: " << text << (e ? "" : " -> " + e.error().to_string()));
  REQUIRE(e.has_value());
  auto v = e->evaluate(slots());
  INFO("evaluating: " << text << " -> " << (v ? v->to_string() : ""));
  REQUIRE_FALSE(v.has_value());
  return v.error();
}

/// Whether the cell `cell` (for an input of type `type`) matches `input`.
inline bool cell_matches(std::string_view cell, const crm::Value& input, crm::Type type = crm::Type::any) {
  auto t = crm::UnaryTest::compile(cell, scope(), type);
  INFO("cell: " << cell << (t ? "" : " -> " + t.error().to_string()));
  REQUIRE(t.has_value());
  auto m = t->matches(input, slots());
  INFO("input: " << input.to_string() << (m ? "" : " -> " + m.error().to_string()));
  REQUIRE(m.has_value());
  return *m;
}

inline crm::UnaryTest cell(std::string_view text, crm::Type type = crm::Type::any) {
  auto t = crm::UnaryTest::compile(text, scope(), type);
  INFO("cell: " << text << (t ? "" : " -> " + t.error().to_string()));
  REQUIRE(t.has_value());
  return *t;
}

inline crm::Error cell_error(std::string_view text, crm::Type type = crm::Type::any) {
  auto t = crm::UnaryTest::compile(text, scope(), type);
  INFO("cell: " << text);
  REQUIRE_FALSE(t.has_value());
  return t.error();
}

}  // namespace expr_test
