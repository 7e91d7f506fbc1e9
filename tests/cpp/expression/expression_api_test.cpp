// The Expression API: result types, constants, slots, copies, threads, the hot path.
#include <thread>

#include "expression_test_util.hpp"

using namespace expr_test;

TEST_CASE("result types are known when the fields' types are", "[expression][api]") {
  auto type = [](std::string_view text) { return crm::Expression::compile(text, scope())->result_type(); };
  CHECK(type("count * 2") == crm::Type::decimal);
  CHECK(type("count > 2") == crm::Type::boolean);
  CHECK(type("grade + 'x'") == crm::Type::string);
  CHECK(type("since") == crm::Type::date);
  CHECK(type("amount * 2") == crm::Type::decimal);  // * always gives a decimal
  CHECK(type("anything") == crm::Type::any);
  CHECK(type("null") == crm::Type::any);
  CHECK(type("missing ?? 1") == crm::Type::decimal);
}

TEST_CASE("constant expressions and the slots an expression reads", "[expression][api]") {
  auto c = crm::Expression::compile("(1 + 2) * 3", scope());
  REQUIRE(c);
  CHECK(c->is_constant());
  CHECK(c->evaluate({})->as_decimal() == dec("9"));
  auto e = crm::Expression::compile("count * cooperation + count", scope());
  REQUIRE(e);
  CHECK_FALSE(e->is_constant());
  CHECK(std::vector<std::uint32_t>(e->slots_used().begin(), e->slots_used().end()) == std::vector<std::uint32_t>{1, 2});
  CHECK(e->text() == "count * cooperation + count");
}

TEST_CASE("a default Expression is null, copies share the compiled form", "[expression][api]") {
  crm::Expression none;
  CHECK(none.evaluate({})->is_null());
  CHECK(none.text() == "null");
  auto e = crm::Expression::compile("count + 1", scope());
  REQUIRE(e);
  crm::Expression copy = *e;
  CHECK(copy.evaluate(slots())->as_decimal() == dec("8"));
}

TEST_CASE("the hot path writes into a caller-owned view and reuses scratch", "[expression][api]") {
  auto e = crm::Expression::compile("name + ' / ' + upper(grade)", scope());
  REQUIRE(e);
  const auto values = slots();
  crm::EvalScratch scratch;
  crm::ValueView out;
  REQUIRE(e->evaluate(values, scratch, out));
  CHECK(out.as_string() == "华为技术 Huawei / A2");
  crm::Value kept;
  out.store_in(kept);
  REQUIRE(e->evaluate(values, scratch, out));  // reuses the scratch strings
  CHECK(out.as_string() == "华为技术 Huawei / A2");
  CHECK(kept.as_string() == "华为技术 Huawei / A2");
  // strings from the inputs are referenced, not copied
  auto g = crm::Expression::compile("grade", scope());
  REQUIRE(g->evaluate(values, scratch, out));
  CHECK(out.as_string().data() == values[4].as_string().data());
}

TEST_CASE("one expression evaluates from many threads at once", "[expression][api]") {
  auto e = crm::Expression::compile("round(annual_purchases * ratio / count, 2) + len(upper(name))", scope());
  REQUIRE(e);
  const auto values = slots();
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      crm::EvalScratch scratch;
      crm::ValueView out;
      for (int i = 0; i < 2000; ++i) {
        if (!e->evaluate(values, scratch, out) || out.as_decimal() != dec("178582.43")) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures == std::vector<int>(4, 0));
}

TEST_CASE("dates are days since 1970-01-01", "[expression][date]") {
  CHECK(crm::Date::parse("1970-01-01")->days() == 0);
  CHECK(crm::Date::parse("1969-12-31")->days() == -1);
  CHECK(crm::Date::parse("2000-03-01")->days() == 11017);
  CHECK(crm::Date::parse("0001-01-01")->to_string() == "0001-01-01");
  CHECK(crm::Date::parse("9999-12-31")->to_string() == "9999-12-31");
  CHECK(crm::Date::from_days(19782).to_string() == "2024-02-29");
  CHECK(crm::Date::parse("2100-02-29").error().code == crm::ErrorCode::out_of_range);
  CHECK(crm::Date::parse("2024-02-29T00:00").error().code == crm::ErrorCode::parse);
  CHECK(crm::Date::parse("2024/02/29").error().where.offset == 4);
  CHECK(crm::Date::parse("0000-01-01").error().code == crm::ErrorCode::out_of_range);
  for (int days = -800000; days <= 2932896; days += 997) {  // round trip through the text
    const crm::Date d = crm::Date::from_days(days);
    if (d.year() < 1 || d.year() > 9999) continue;
    INFO(days);
    REQUIRE(crm::Date::parse(d.to_string())->days() == days);
  }
  crm::Value v = *crm::Date::parse("2024-03-31");
  CHECK(v.kind() == crm::ValueKind::date);
  CHECK(v.to_string() == "2024-03-31");
  CHECK(crm::to_string(crm::ValueKind::date) == "date");
}
