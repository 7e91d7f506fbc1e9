// crm::RuleSet::builtin(): the default rule set embedded in the library. Its own tests
// (the deck's worked example, every band edge, every policy row) pass with full coverage,
// its fields are named as users' CSV headers and code expect, and it grades the deck's
// three customers as the deck does.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "crmrules/rule_set.hpp"
#include "compact_json.hpp"
#include "tests/cpp/decimals.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::FieldType;
using crm::RuleSet;
using crm::Value;

namespace {

std::string read_default_rules_file() {
  std::ifstream in(CRMRULES_DEFAULT_RULES_FILE, std::ios::binary);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The deck's value table (DOMAIN.md §2.1) for one customer, set through the C++ API.
void set_deck_customer(crm::Record& r, std::string_view id) {
  struct Row {
    const char *id, *purchases, *discount, *contact, *profit, *history, *cooperation, *budget, *background, *potential,
        *influence;
  };
  static constexpr Row rows[] = {
      {"HQ", "5000000", "870000", "200000", "500000", "4000000", "7", "6000000", "none", "C1", "A1"},
      {"HW", "130000000", "13000000", "300000", "20000000", "57000000", "5", "250000000", "technology", "A1", "A1"},
      {"CM", "50000000", "2300000", "700000", "6000000", "15000000", "3", "100000000", "government", "A1", "B"},
  };
  for (const Row& row : rows) {
    if (id != row.id) continue;
    REQUIRE(r.set("id", Value(row.id)));
    REQUIRE(r.set("annual_purchases", dec(row.purchases)));
    REQUIRE(r.set("annual_discount", dec(row.discount)));
    REQUIRE(r.set("contact_cost", dec(row.contact)));
    REQUIRE(r.set("annual_net_profit", dec(row.profit)));
    REQUIRE(r.set("historical_contribution", dec(row.history)));
    REQUIRE(r.set("cooperation", dec(row.cooperation)));
    REQUIRE(r.set("budgeted_total_profit", dec(row.budget)));
    REQUIRE(r.set("background", Value(row.background)));
    REQUIRE(r.set("potential", Value(row.potential)));
    REQUIRE(r.set("influence", Value(row.influence)));
    return;
  }
  FAIL("no deck customer " << id);
}

std::string text_of(const crm::Record& r, std::string_view name) {
  const Value* v = r.get(name);
  REQUIRE(v != nullptr);
  return v->to_string();
}

}  // namespace

TEST_CASE("the built-in rule set is rules/default.json, loaded once and shared", "[builtin]") {
  const RuleSet& rules = RuleSet::builtin();
  CHECK(&rules == &RuleSet::builtin());
  CHECK(rules.name() == "crmrules-default");
  CHECK(RuleSet::builtin_json() == read_default_rules_file());
  CHECK(RuleSet::builtin_json().data()[RuleSet::builtin_json().size()] == '\0');
  // Users copy the text and change it: it loads as it is.
  auto copy = RuleSet::load(std::string(RuleSet::builtin_json()));
  REQUIRE(copy);
  CHECK(copy->outputs().size() == rules.outputs().size());
}

TEST_CASE("the built-in rule set passes its own tests with every row, bin and output covered", "[builtin]") {
  const crm::TestReport report = RuleSet::builtin().run_tests();
  for (const auto& c : report.cases)
    if (!c.passed) FAIL_CHECK(c.name << '\n' << c.diff);
  CHECK(report.passed());
  CHECK(report.cases.size() >= 90);
  for (const auto& item : report.coverage.items)
    if (!item.covered) FAIL_CHECK("not covered: " << item.what);
  CHECK(report.coverage.percent() == Decimal::from_int(100));
  CHECK(report.coverage.items.size() > 100);
  // The deck's worked example is among them.
  std::set<std::string> names;
  for (const auto& c : report.cases) names.insert(c.name);
  CHECK(names.count("deck: Huawei (华为) grades A1") == 1);
  CHECK(names.count("deck: China Mobile (中国移动) grades A1") == 1);
  CHECK(names.count("deck: Huaqiang Trading (华强工贸) grades B2") == 1);
}

TEST_CASE("the lint finds nothing in the built-in rule set, and proves the grade bands gap-free", "[builtin]") {
  CHECK(RuleSet::lint(RuleSet::builtin_json()).empty());
  // The proof has teeth: a band that starts one point late leaves a gap the lint names.
  std::string text(RuleSet::builtin_json());
  const auto at = text.find("\"[70..80)\"");
  REQUIRE(at != std::string::npos);
  text.replace(at, 10, "\"[71..80)\"");
  const auto findings = RuleSet::lint(text);
  REQUIRE_FALSE(findings.empty());
  CHECK(findings[0].error.code == ErrorCode::invalid_rule);
  CHECK_THAT(findings[0].error.message, Catch::Contains("value_grade") && Catch::Contains("[70..71)"));
  CHECK_FALSE(RuleSet::load(text));
}

TEST_CASE("the inputs are named as users' CSV headers expect, with documented defaults", "[builtin]") {
  const crm::Schema& schema = RuleSet::builtin().schema();
  struct Expect {
    const char* name;
    FieldType type;
    const char* default_value;  // nullptr: required
  };
  const Expect fields[] = {
      {"id", FieldType::string, ""},
      {"name", FieldType::string, ""},
      {"annual_purchases", FieldType::decimal, nullptr},
      {"annual_discount", FieldType::decimal, "0"},
      {"contact_cost", FieldType::decimal, "0"},
      {"annual_net_profit", FieldType::decimal, nullptr},
      {"historical_contribution", FieldType::decimal, "0"},
      {"cooperation", FieldType::decimal, "0"},
      {"budgeted_total_profit", FieldType::decimal, "0"},
      {"background", FieldType::enumeration, "none"},
      {"potential", FieldType::grade, "C2"},
      {"influence", FieldType::grade, "C2"},
      {"character", FieldType::decimal, "5"},
      {"capacity", FieldType::decimal, "5"},
      {"capital", FieldType::decimal, "5"},
      {"collateral", FieldType::decimal, "5"},
      {"conditions", FieldType::decimal, "5"},
      {"continuity", FieldType::decimal, "5"},
      {"bad_records", FieldType::integer, "0"},
      {"credit_method", FieldType::enumeration, "6c"},
      {"personal", FieldType::decimal, "5"},
      {"purpose", FieldType::decimal, "5"},
      {"payment", FieldType::decimal, "5"},
      {"protection", FieldType::decimal, "5"},
      {"perspective", FieldType::decimal, "5"},
      {"economic", FieldType::decimal, "5"},
      {"technical", FieldType::decimal, "5"},
      {"management", FieldType::decimal, "5"},
      {"organisational", FieldType::decimal, "5"},
      {"commercial", FieldType::decimal, "5"},
      {"financial", FieldType::decimal, "5"},
      {"repeat_purchase", FieldType::boolean, "false"},
      {"bulk_purchase", FieldType::boolean, "false"},
      {"cooperates", FieldType::boolean, "false"},
      {"tolerates_incidents", FieldType::boolean, "false"},
      {"follows_promotions", FieldType::boolean, "false"},
      {"referrals", FieldType::integer, "0"},
      {"strategic_partner", FieldType::boolean, "false"},
      {"satisfaction", FieldType::enumeration, "generally_satisfied"},
  };
  CHECK(schema.size() == std::size(fields));
  for (const Expect& e : fields) {
    INFO(e.name);
    const crm::Field* f = schema.find(e.name);
    REQUIRE(f != nullptr);
    CHECK(f->type == e.type);
    CHECK(f->required == (e.default_value == nullptr));
    if (e.default_value) CHECK(f->default_value.to_string() == e.default_value);
    CHECK_FALSE(f->description.empty());
  }
  CHECK(schema.find("background")->labels == std::vector<std::string>{"none", "technology", "government", "capital", "brand"});
  CHECK(schema.find("potential")->labels == std::vector<std::string>{"A1", "A2", "A3", "B1", "B2", "C1", "C2"});
  CHECK(schema.find("satisfaction")->labels.size() == 7);
  CHECK(*schema.find("cooperation")->max == Decimal::from_int(10));
}

TEST_CASE("the outputs are named as the documentation says", "[builtin]") {
  const RuleSet& rules = RuleSet::builtin();
  for (const char* name :
       {"value_score", "value_score_reasons", "value_grade", "credit_score", "credit_score_reasons", "credit_grade",
        "credit_limit", "receivable_days", "loyalty_level", "loyalty_stars", "satisfaction_index",
        "satisfaction_label", "satisfaction_label_zh", "satisfaction_points", "service_plan", "service_contact_days",
        "service_channels", "service_communication", "service_value_added", "service_owner"}) {
    INFO(name);
    CHECK(rules.output_index(name).has_value());
  }
}

TEST_CASE("the deck's three customers grade as the deck says, through the C++ API", "[builtin]") {
  const RuleSet& rules = RuleSet::builtin();
  crm::Record r = rules.new_record();
  struct Case {
    const char *id, *score, *grade, *reasons, *plan;
  };
  for (const Case& c : {Case{"HW", "95.50", "A1", "SHORT_COOPERATION", "A-retention"},
                        Case{"CM", "81.25", "A1", "SHORT_COOPERATION", "A-retention"},
                        Case{"HQ", "49.25", "B2", "NO_BACKGROUND,LOW_POTENTIAL,HIGH_DISCOUNT", "B-retention"}}) {
    INFO(c.id);
    r.clear();
    set_deck_customer(r, c.id);
    REQUIRE(rules.evaluate(r));
    CHECK(text_of(r, "value_score") == c.score);
    CHECK(text_of(r, "value_grade") == c.grade);
    CHECK(text_of(r, "value_score_reasons") == c.reasons);
    CHECK(text_of(r, "service_plan") == c.plan);
    // Credit with no 6C assessment: every factor 5, a score of 50, grade BB.
    CHECK(r.get("credit_score")->as_decimal() == Decimal::from_int(50));
    CHECK(text_of(r, "credit_grade") == "BB");
    CHECK(text_of(r, "receivable_days") == "30");
    CHECK(r.get("credit_limit")->as_decimal() ==
          *r.get("annual_purchases")->as_decimal().mul(dec("0.05")));
  }
  // China Mobile's influence was given as the deck writes it, "B": stored as B1.
  r.clear();
  set_deck_customer(r, "CM");
  CHECK(r.get("influence")->as_string() == "B1");
}

TEST_CASE("credit by 5P and by 6A beside 6C: credit_method picks the score that grades", "[builtin]") {
  const RuleSet& rules = RuleSet::builtin();
  crm::Record r = rules.new_record();
  REQUIRE(r.set("annual_purchases", Decimal::from_int(10000000)));
  REQUIRE(r.set("annual_net_profit", Decimal::from_int(1000000)));
  REQUIRE(rules.evaluate(r));
  CHECK(text_of(r, "credit_method") == "6c");
  CHECK(text_of(r, "credit_grade") == "BB");
  REQUIRE(r.set("credit_method", Value("5P评估")));
  for (const char* f : {"personal", "purpose", "payment", "protection", "perspective"})
    REQUIRE(r.set(f, Decimal::from_int(9)));
  REQUIRE(rules.evaluate(r));
  CHECK(text_of(r, "credit_method") == "5p");
  CHECK(text_of(r, "credit_5p_score") == "90.00");
  CHECK(text_of(r, "credit_score") == "50.00");  // 6C unassessed, unchanged
  CHECK(text_of(r, "credit_grade") == "AAA");
  REQUIRE(r.set("credit_method", Value("6a")));
  REQUIRE(r.set("financial", Decimal::from_int(10)));
  REQUIRE(rules.evaluate(r));
  CHECK(text_of(r, "credit_6a_score") == "60.00");
  CHECK(text_of(r, "credit_grade") == "BBB");
  auto bad = r.set("credit_method", Value("7C"));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::out_of_range);
  CHECK(bad.error().message.find("credit_method") != std::string::npos);
}

TEST_CASE("satisfaction by English or Chinese label or by number, and the loyalty it feeds", "[builtin]") {
  const RuleSet& rules = RuleSet::builtin();
  crm::Record r = rules.new_record();
  REQUIRE(r.set("annual_purchases", Decimal::from_int(1000000)));
  REQUIRE(r.set("annual_net_profit", Decimal::from_int(100000)));
  struct Case {
    Value given;
    const char *label, *index, *zh;
  };
  const Case cases[] = {{Value("满意"), "satisfied", "83.33", "满意"},
                        {Value(Decimal::from_int(6)), "satisfied", "83.33", "满意"},
                        {Value("Very satisfied"), "very_satisfied", "100", "很满意"},
                        {Value("一般满意"), "generally_satisfied", "50", "一般满意"},
                        {Value(Decimal::from_int(1)), "very_dissatisfied", "0", "很不满意"}};
  for (const Case& c : cases) {
    INFO(c.given.to_string());
    REQUIRE(r.set("satisfaction", c.given));
    REQUIRE(rules.evaluate(r));
    CHECK(text_of(r, "satisfaction_label") == c.label);
    CHECK(r.get("satisfaction_index")->as_decimal() == dec(c.index));
    CHECK(text_of(r, "satisfaction_label_zh") == c.zh);
  }
  auto refused = r.set("satisfaction", Value("happy"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::out_of_range);
  CHECK(refused.error().where.pointer == "/satisfaction");
  // Behaviours as a CSV gives them (text) make a loyal customer.
  REQUIRE(r.set("satisfaction", Value("satisfied")));
  REQUIRE(r.set("repeat_purchase", Value("yes")));
  REQUIRE(r.set("cooperates", Value("true")));
  REQUIRE(r.set("bulk_purchase", Value("1")));
  REQUIRE(rules.evaluate(r));
  CHECK(text_of(r, "loyalty_level") == "loyal");
  CHECK(text_of(r, "loyalty_stars") == "3");
}

TEST_CASE("bad input is refused with the field named, and other customers are unaffected", "[builtin]") {
  const RuleSet& rules = RuleSet::builtin();
  auto missing = rules.evaluate_json(R"({"annual_net_profit": 1})");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::missing);
  CHECK_THAT(missing.error().message, Catch::Contains("annual_purchases"));

  auto batch = rules.evaluate_json_batch(R"([
    {"annual_purchases": 130000000, "annual_discount": 13000000, "contact_cost": 300000, "annual_net_profit": 20000000,
     "historical_contribution": 57000000, "cooperation": 5, "budgeted_total_profit": 250000000,
     "background": "technology", "potential": "A1", "influence": "A1"},
    {"annual_purchases": 1000, "annual_net_profit": 10, "potential": "D1"},
    {"annual_purchases": 5000000, "annual_discount": 870000, "contact_cost": 200000, "annual_net_profit": 500000,
     "historical_contribution": 4000000, "cooperation": 7, "budgeted_total_profit": 6000000, "background": "none",
     "potential": "C1", "influence": "A1"}])");
  REQUIRE(batch);
  const std::string out = compact(*batch);
  const auto first_error = out.find("\"error\"");
  REQUIRE(first_error != std::string::npos);
  CHECK(out.find("\"error\"", first_error + 1) == std::string::npos);  // one bad row
  CHECK_THAT(out, Catch::Contains("\"pointer\":\"/1/potential\""));
  CHECK(out.find("\"value_grade\":\"A1\"") < first_error);
  CHECK(out.find("\"value_grade\":\"B2\"") > first_error);
}

TEST_CASE("the built-in rule set is shared between threads", "[builtin]") {
  // No Catch2 assertion inside the threads (they are not thread-safe): results are compared after.
  constexpr const char* customers[] = {
      R"({"annual_purchases": 130000000, "annual_discount": 13000000, "contact_cost": 300000,
          "annual_net_profit": 20000000, "historical_contribution": 57000000, "cooperation": 5,
          "budgeted_total_profit": 250000000, "background": "technology", "potential": "A1", "influence": "A1"})",
      R"({"annual_purchases": 5000000, "annual_discount": 870000, "contact_cost": 200000, "annual_net_profit": 500000,
          "historical_contribution": 4000000, "cooperation": 7, "budgeted_total_profit": 6000000,
          "background": "none", "potential": "C1", "influence": "A1"})"};
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < outputs.size(); ++t)
    threads.emplace_back([&, t] {
      const RuleSet& rules = RuleSet::builtin();  // the first call races with the others: loaded once
      for (int i = 0; i < 50; ++i) {
        auto out = rules.evaluate_json(customers[t % 2]);
        outputs[t] = out ? compact(*out) : out.error().to_string();
      }
    });
  for (auto& th : threads) th.join();
  CHECK_THAT(outputs[0], Catch::Contains("\"value_grade\":\"A1\""));
  CHECK_THAT(outputs[1], Catch::Contains("\"value_grade\":\"B2\""));
  CHECK(outputs[2] == outputs[0]);
  CHECK(outputs[3] == outputs[1]);
}
