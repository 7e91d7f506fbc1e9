// Satisfaction = actual product / ideal product (满意度 = 实际产品/理想产品) on the deck's
// 7-point scale: the built-in bands, exact band edges, weights, surplus and the cap, bad
// input, the CSV of many customers with its errors' places, and a bad section at load.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "crmrules/rule_set.hpp"
#include "crmrules/satisfaction.hpp"
#include "tests/cpp/decimals.hpp"

using crm::Decimal;
using crm::RuleSet;
using crm::satisfaction::Attribute;
using crm::satisfaction::Settings;

namespace {

Attribute attr(const char* name, const char* actual, const char* ideal, const char* weight = "1") {
  return Attribute{name, dec(actual), dec(ideal), dec(weight)};
}

std::string label_of(const std::vector<Attribute>& product, const Settings& s = Settings::builtin()) {
  auto r = crm::satisfaction::rate(product, s);
  if (!r) FAIL(r.error().to_string());
  return r->band->label;
}

crm::expected<RuleSet> satisfaction_with(const std::string& section) {
  return RuleSet::load(R"({"crmrules": 1, "name": "s", "version": "1", "inputs": {"x": {"type": "decimal"}},
    "decisions": [{"name": "y", "expression": "x"}], "satisfaction": )" +
                       section + "}");
}

}  // namespace

TEST_CASE("satisfaction ratio: the built-in bands are the deck's 7-point scale", "[satisfaction]") {
  const Settings& s = Settings::builtin();
  REQUIRE(s.bands.size() == 7);
  const char* zh[] = {"很满意", "满意", "较满意", "一般满意", "不太满意", "不满意", "很不满意"};
  const char* from[] = {"1", "0.9", "0.8", "0.7", "0.6", "0.5"};
  for (std::size_t i = 0; i < 7; ++i) {
    INFO(i);
    CHECK(s.bands[i].name.zh == zh[i]);
    CHECK(s.bands[i].points == static_cast<int>(7 - i));
    if (i < 6) CHECK(*s.bands[i].from == dec(from[i]));
  }
  CHECK_FALSE(s.bands[6].from.has_value());
  CHECK(s.bands[0].label == "very_satisfied");
  CHECK(s.scale == 4);
  CHECK_FALSE(s.cap_at_ideal);
}

TEST_CASE("satisfaction ratio: weighted sums, exact ratio and per attribute", "[satisfaction]") {
  const std::vector<Attribute> product = {attr("交货周期", "8", "10"), attr("质量功能", "9", "10", "2")};
  auto r = crm::satisfaction::rate(product);
  REQUIRE(r);
  CHECK(r->actual_product == dec("26"));
  CHECK(r->ideal_product == dec("30"));
  CHECK(r->ratio.to_string() == "0.8667");
  CHECK(r->band->label == "fairly_satisfied");
  CHECK(r->band->points == 5);
  REQUIRE(r->attributes.size() == 2);
  CHECK(r->attributes[0].name == "交货周期");
  CHECK(*r->attributes[0].ratio == dec("0.8"));
  CHECK(r->attributes[0].shortfall == dec("2"));
  CHECK(r->attributes[1].shortfall == dec("1"));
}

TEST_CASE("satisfaction ratio: a band's edge is decided on the exact quotient", "[satisfaction]") {
  CHECK(label_of({attr("a", "2.7", "3")}) == "satisfied");           // exactly 0.9
  CHECK(label_of({attr("a", "9", "10")}) == "satisfied");            // exactly 0.9
  CHECK(label_of({attr("a", "8.99", "10")}) == "fairly_satisfied");  // just below
  CHECK(label_of({attr("a", "2", "3")}) == "not_very_satisfied");    // 0.666...
  CHECK(label_of({attr("a", "10", "10")}) == "very_satisfied");
  CHECK(label_of({attr("a", "0", "10")}) == "very_dissatisfied");
  CHECK(label_of({attr("a", "1", "2")}) == "dissatisfied");  // exactly 0.5
  // 1 - 10^-18 of the ideal: reported as 1.0000, but below the very_satisfied edge.
  auto r = crm::satisfaction::rate(std::vector<Attribute>{attr("a", "0.999999999999999999", "1")});
  REQUIRE(r);
  CHECK(r->ratio.to_string() == "1.0000");
  CHECK(r->band->label == "satisfied");
  // 1/3 of 3 attributes: 0.333..., never rounded up into another band.
  CHECK(label_of({attr("a", "1", "3"), attr("b", "1", "3"), attr("c", "1", "3")}) == "very_dissatisfied");
}

TEST_CASE("satisfaction ratio: a surplus counts unless capped at the ideal", "[satisfaction]") {
  const std::vector<Attribute> product = {attr("speed", "12", "10"), attr("service", "5", "10")};
  CHECK(label_of(product) == "fairly_satisfied");  // 17 / 20 = 0.85
  Settings capped = Settings::builtin();
  capped.cap_at_ideal = true;
  auto r = crm::satisfaction::rate(product, capped);
  REQUIRE(r);
  CHECK(r->ratio == dec("0.75"));  // 15 / 20
  CHECK(r->band->label == "generally_satisfied");
  CHECK(*r->attributes[0].ratio == dec("1.2"));  // the attribute's own ratio is not capped
  CHECK(label_of({attr("a", "12", "10")}) == "very_satisfied");
}

TEST_CASE("satisfaction ratio: bad input names the attribute", "[satisfaction]") {
  using crm::satisfaction::rate;
  CHECK(rate(std::vector<Attribute>{}).error().message.find("no attribute") != std::string::npos);
  auto negative = rate(std::vector<Attribute>{attr("ok", "1", "1"), attr("交货", "-1", "1")});
  REQUIRE_FALSE(negative);
  CHECK(negative.error().code == crm::ErrorCode::invalid_argument);
  CHECK(negative.error().message.find("attribute 2 '交货': actual is 0 or more") != std::string::npos);
  CHECK(rate(std::vector<Attribute>{attr("a", "1", "-1")}).error().message.find("ideal is 0 or more") !=
        std::string::npos);
  CHECK(rate(std::vector<Attribute>{attr("a", "1", "1", "0")}).error().message.find("weight is above 0") !=
        std::string::npos);
  CHECK(rate(std::vector<Attribute>{attr("a", "1", "0")}).error().message.find("the ideal product is 0") !=
        std::string::npos);
  Settings broken = Settings::builtin();
  broken.bands.back().from = dec("0.1");
  CHECK(rate(std::vector<Attribute>{attr("a", "1", "1")}, broken).error().message.find("band") != std::string::npos);
}

TEST_CASE("satisfaction ratio: the label feeds the built-in rule set's satisfaction input", "[satisfaction]") {
  auto r = crm::satisfaction::rate(std::vector<Attribute>{attr("a", "2.7", "3")});
  REQUIRE(r);
  const RuleSet& rules = RuleSet::builtin();
  crm::Record rec = rules.new_record();
  REQUIRE(rec.set("annual_purchases", Decimal::from_int(1000000)));
  REQUIRE(rec.set("annual_net_profit", Decimal::from_int(100000)));
  REQUIRE(rec.set("satisfaction", crm::Value(r->band->label)));
  REQUIRE(rules.evaluate(rec));
  CHECK(rec.get("satisfaction_points")->as_decimal() == Decimal::from_int(r->band->points));
  CHECK(rec.get("satisfaction_label_zh")->as_string() == r->band->name.zh);
}

TEST_CASE("satisfaction CSV: customers in order, the deck's amounts, weights, output", "[satisfaction]") {
  const std::string csv =
      "customer,attribute,actual,ideal,weight,note\n"
      "华为,交货周期,8,10,,x\n"
      "中国移动,价格,45万,50万,2,\n"
      "华为,质量功能,9,10,2,\n"
      "中国移动,服务,3,10,1,\n";
  auto all = crm::satisfaction::rate_csv(csv);
  REQUIRE(all);
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].customer == "华为");
  CHECK((*all)[0].line == 2);
  CHECK((*all)[0].rating.band->label == "fairly_satisfied");
  CHECK((*all)[1].rating.actual_product == dec("900003"));
  CHECK((*all)[1].rating.ideal_product == dec("1000010"));
  CHECK((*all)[1].rating.ratio.to_string() == "0.9000");      // 900003 / 1000010, rounded
  CHECK((*all)[1].rating.band->label == "fairly_satisfied");  // but 0.89999...: below 0.9
  const std::string out = crm::satisfaction::to_csv(*all);
  CHECK(
      out.starts_with("customer,line,actual_product,ideal_product,ratio,satisfaction,satisfaction_points,"
                      "satisfaction_name,shortfalls\n华为,2,26,30,0.8667,fairly_satisfied,5,较满意,"
                      "交货周期:0.8000;质量功能:0.9000\n"));
  CHECK(crm::satisfaction::to_csv(*all, crm::Lang::en).find(",fairly satisfied,") != std::string::npos);
  const std::string json = crm::satisfaction::to_json(*all);
  CHECK(json.find(R"("satisfaction_name": {"zh": "较满意", "en": "fairly satisfied"})") != std::string::npos);
}

TEST_CASE("satisfaction CSV: errors name the line and column, and nothing is rated", "[satisfaction]") {
  struct Case {
    const char *csv, *message;
    std::uint32_t line, column;
  };
  for (const Case& c : {
           Case{"customer,attribute,actual\nA,x,1\n", "no column 'ideal'", 1, 0},
           Case{"customer,attribute,actual,ideal\nA,x,1,2\nA,y,1.3.5万,2\n", "actual: ", 3, 3},
           Case{"customer,attribute,actual,ideal\nA,x,1,2\nA,x,1,2\n", "has attribute 'x' twice", 3, 2},
           Case{"customer,attribute,actual,ideal\n,x,1,2\n", "the customer is empty", 2, 1},
           Case{"customer,attribute,actual,ideal\nA,x,1,2\nB,y,1,0\n", "customer 'B': the ideal product is 0", 3, 0},
           Case{"customer,attribute,actual,ideal\nA,x,-1,2\n", "customer 'A': attribute 1 'x': actual", 2, 0},
           Case{"", "the file is empty", 0, 0},
       }) {
    INFO(c.csv);
    auto r = crm::satisfaction::rate_csv(c.csv);
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find(c.message) != std::string::npos);
    CHECK(r.error().where.line == c.line);
    CHECK(r.error().where.column == c.column);
  }
}

TEST_CASE("satisfaction section: a rule set's own bands, and bad ones refused with their place", "[satisfaction]") {
  auto mine = satisfaction_with(R"({"bands": [{"label": "happy", "name": {"zh": "满意"}, "points": 2, "from": 0.75},
                                        {"label": "unhappy", "name": {"en": "unhappy"}, "points": 1}], "scale": 2})");
  REQUIRE(mine);
  auto s = Settings::from_rule_set(*mine);
  REQUIRE(s);
  CHECK(label_of({attr("a", "3", "4")}, *s) == "happy");
  CHECK(crm::satisfaction::rate(std::vector<Attribute>{attr("a", "2", "3")}, *s)->ratio.to_string() == "0.67");
  struct Case {
    const char *section, *pointer, *message;
  };
  for (const Case& c : {
           Case{R"({"bands": [{"label": "a", "points": 2, "from": 0.5}, {"label": "b", "points": 1, "from": 0}]})",
                "/satisfaction/bands/1/from", "the last band takes every ratio left"},
           Case{R"({"bands": [{"label": "a", "points": 2}, {"label": "b", "points": 1}]})", "/satisfaction/bands/0",
                "band 'a' needs \"from\""},
           Case{R"({"bands": [{"label": "a", "points": 3, "from": 0.5}, {"label": "b", "points": 2, "from": 0.6},
                             {"label": "c", "points": 1}]})",
                "/satisfaction/bands/1/from", "must be below the band before's (0.5)"},
           Case{R"({"bands": [{"label": "a", "points": 0, "from": 0.5}, {"label": "b", "points": 1}]})",
                "/satisfaction/bands/0/points", "points are 1..100"},
           Case{R"({"bands": [{"label": "a", "points": 2, "from": 0.5}, {"label": "a", "points": 1}]})",
                "/satisfaction/bands/1/label", "used twice"},
           Case{R"({"bands": [{"label": "a", "points": 2, "from": 0.5}, {"label": "b", "points": 1}], "scale": 19})",
                "/satisfaction/scale", "scale is 0..18"},
           Case{R"({"band": []})", "/satisfaction/band", "bands"},
       }) {
    INFO(c.section);
    auto rules = satisfaction_with(c.section);
    REQUIRE_FALSE(rules);
    CHECK(rules.error().where.pointer == c.pointer);
    CHECK(rules.error().message.find(c.message) != std::string::npos);
  }
  auto none = Settings::from_rule_set(*RuleSet::load(R"({"crmrules": 1, "name": "n", "version": "1",
    "inputs": {"x": {"type": "decimal"}}, "decisions": [{"name": "y", "expression": "x"}]})"));
  REQUIRE_FALSE(none);
  CHECK(none.error().message.find("no \"satisfaction\" section") != std::string::npos);
}
