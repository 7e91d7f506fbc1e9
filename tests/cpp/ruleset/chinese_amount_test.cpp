// Amounts written as the deck writes them (500万, 1.3亿, full-width digits, 7/10): read
// exactly where a field allows them, refused where it does not, ambiguous ones named.
#include <catch2/catch.hpp>

#include "crmrules/record.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/schema.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::Field;
using crm::FieldType;
using crm::Value;

namespace {

Field amount_field() {
  Field f;
  f.name = "annual_purchases";
  f.type = FieldType::decimal;
  return f;
}

Field score_field() {
  Field f;
  f.name = "cooperation";
  f.type = FieldType::decimal;
  f.min = Decimal::from_int(0);
  f.max = Decimal::from_int(10);
  return f;
}

std::string read_amount(const Field& f, const std::string& text) {
  auto v = f.accept(Value(text));
  REQUIRE(v);
  return v->to_string();
}

crm::Error amount_refused(const Field& f, const std::string& text) {
  auto v = f.accept(Value(text));
  REQUIRE_FALSE(v);
  return v.error();
}

}  // namespace

TEST_CASE("万 and 亿 read exactly", "[chinese_amount]") {
  const Field f = amount_field();
  CHECK(read_amount(f, "500万") == "5000000");
  CHECK(read_amount(f, "1.3亿") == "130000000");
  CHECK(read_amount(f, "2.5亿") == "250000000");
  CHECK(read_amount(f, "87万") == "870000");
  CHECK(read_amount(f, "0.0001万") == "1");
  CHECK(read_amount(f, "1.23456万") == "12345.6");
  CHECK(read_amount(f, "-50万") == "-500000");
  // Exact where a binary float is not: 0.1亿 + 0.2亿 is 30000000, and 1.00000001亿 keeps its 1.
  CHECK(read_amount(f, "1.00000001亿") == "100000001");
}

TEST_CASE("full-width digits, signs and grouping read as their ASCII forms", "[chinese_amount]") {
  const Field f = amount_field();
  CHECK(read_amount(f, "５００万") == "5000000");
  CHECK(read_amount(f, "１．３亿") == "130000000");
  CHECK(read_amount(f, "－３．５") == "-3.5");
  CHECK(read_amount(f, "１，０００，０００") == "1000000");
  CHECK(read_amount(f, "１，０００，０００．５０") == "1000000.50");
  CHECK(read_amount(f, "１２，３４５万") == "123450000");
  // An ASCII comma stays refused, as before: "5,000" is 5000 in one locale and 5 in another.
  CHECK(amount_refused(f, "5,000,000").code == ErrorCode::parse);
}

TEST_CASE("the deck's 7/10 reads as 7 on a field scored out of 10", "[chinese_amount]") {
  const Field f = score_field();
  CHECK(read_amount(f, "7/10") == "7");
  CHECK(read_amount(f, "７／１０") == "7");
  CHECK(read_amount(f, "2.5/10") == "2.5");
  auto other = amount_refused(f, "7/100");
  CHECK(other.message.find("out of 100") != std::string::npos);
  CHECK(other.message.find("cooperation") != std::string::npos);
  auto over = amount_refused(f, "11/10");
  CHECK(over.code == ErrorCode::out_of_range);
  // A field without a maximum has no scores.
  CHECK(amount_refused(amount_field(), "7/10").message.find("needs a field with a maximum") != std::string::npos);
}

TEST_CASE("ambiguous amounts are errors naming the field and why", "[chinese_amount]") {
  const Field f = amount_field();
  struct Case {
    const char* text;
    const char* why;
  };
  for (const Case& c : {Case{"1.3.5万", "more than one decimal point"}, Case{"万万", "more than one unit"},
                        Case{"5万亿", "more than one unit"}, Case{"5亿万", "more than one unit"},
                        Case{"万", "no number before the unit"}, Case{"亿", "no number before the unit"},
                        Case{"5亿3000万", "more than one unit"}, Case{"1，00", "by three"}, Case{"1，0000", "by three"},
                        Case{"1.000，5", "before the decimal point"}, Case{"7/10/10", "more than one '/'"},
                        Case{"5千", "is not an amount"}}) {
    INFO(c.text);
    auto e = amount_refused(f, c.text);
    CHECK(e.code == ErrorCode::parse);
    CHECK(e.message.find("field 'annual_purchases'") != std::string::npos);
    CHECK(e.message.find(c.why) != std::string::npos);
  }
}

TEST_CASE("a field with chinese_amounts false refuses the notation, plain digits still read", "[chinese_amount]") {
  Field f = amount_field();
  f.chinese_amounts = false;
  CHECK(read_amount(f, "5000000") == "5000000");
  auto e = amount_refused(f, "500万");
  CHECK(e.message.find("refuses") != std::string::npos);
  CHECK(e.message.find("annual_purchases") != std::string::npos);
  CHECK(amount_refused(f, "５").message.find("refuses") != std::string::npos);
}

TEST_CASE("chinese_amounts in a rule set's schema", "[chinese_amount]") {
  auto rules = crm::RuleSet::load(R"({
    "crmrules": "1.0", "name": "amounts", "version": "1.0.0",
    "inputs": {
      "deck": {"type": "money"},
      "plain": {"type": "decimal", "chinese_amounts": false}
    },
    "decisions": [{"name": "total", "expression": "deck + plain"}]
  })");
  REQUIRE(rules);
  auto record = rules->new_record();
  REQUIRE(record.set("deck", Value(std::string("1.3亿"))));
  auto refused_set = record.set("plain", Value(std::string("500万")));
  REQUIRE_FALSE(refused_set);
  CHECK(refused_set.error().message.find("field 'plain'") != std::string::npos);
  REQUIRE(record.set("plain", Value(std::string("1"))));
  REQUIRE(rules->evaluate(record));
  CHECK(record.get("total")->to_string() == "130000001");

  auto on_bool = crm::RuleSet::load(R"({"crmrules": "1.0", "name": "x", "version": "1.0.0",
    "inputs": {"flag": {"type": "bool", "chinese_amounts": true}}, "decisions": []})");
  REQUIRE_FALSE(on_bool);
  CHECK(on_bool.error().code == ErrorCode::invalid_rule);
  CHECK(on_bool.error().message.find("chinese_amounts applies to decimal and integer") != std::string::npos);
}

TEST_CASE("an unknown label says which label or alias was meant", "[chinese_amount]") {
  const crm::RuleSet& rules = crm::RuleSet::builtin();
  auto record = rules.new_record();
  auto typo = record.set("background", Value(std::string("国际领先技")));
  REQUIRE_FALSE(typo);
  CHECK(typo.error().code == ErrorCode::out_of_range);
  CHECK(typo.error().message.find("did you mean '国际领先技术'") != std::string::npos);
  auto label_typo = record.set("background", Value(std::string("technolgy")));
  REQUIRE_FALSE(label_typo);
  CHECK(label_typo.error().message.find("did you mean 'technology'") != std::string::npos);
  REQUIRE(record.set("background", Value(std::string("国际领先技术"))));
  CHECK(record.get("background")->to_string() == "technology");
}
