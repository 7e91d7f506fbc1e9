// The four classes 主/次/辅/杂 beside ABC: the built-in rule set's section, exact cut-offs
// (a customer reaching a cut-off stays in the class), ties, loss-making customers, tiers
// agreeing with ABC, and a bad "portfolio" section refused at load with its place.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "crmrules/portfolio.hpp"
#include "crmrules/portfolio_classes.hpp"
#include "crmrules/rule_set.hpp"
#include "tests/cpp/decimals.hpp"

using crm::Decimal;
using crm::Portfolio;
using crm::RuleSet;
using crm::ShareClasses;

namespace {

std::string labels(const ShareClasses& classes, const Portfolio::Tiers& t) {
  std::string out;
  for (std::uint8_t c : t.of_customer) out += classes.classes[c].label;
  return out;
}

/// A rule set whose "portfolio" section is `section`.
crm::expected<RuleSet> portfolio_with(const std::string& section) {
  return RuleSet::load(R"({"crmrules": 1, "name": "p", "version": "1", "inputs": {"x": {"type": "decimal"}},
    "decisions": [{"name": "y", "expression": "x"}], "portfolio": )" +
                       section + "}");
}

}  // namespace

TEST_CASE("four classes: the built-in rule set's 主/次/辅/杂 with the project's cut-offs", "[portfolio]") {
  auto classes = ShareClasses::four_class(RuleSet::builtin());
  REQUIRE(classes);
  REQUIRE(classes->classes.size() == 4);
  CHECK(classes->classes[0].label == "A");
  CHECK(classes->classes[0].name.zh == "主要客户");
  CHECK(classes->classes[1].name.zh == "次要客户");
  CHECK(classes->classes[2].name.zh == "辅助客户");
  CHECK(classes->classes[3].name.zh == "杂类客户");
  CHECK(classes->classes[3].name.en == "miscellaneous customers");
  CHECK(classes->cut_offs() == decs({"0.80", "0.90", "0.95"}));
  CHECK_FALSE(classes->classes[3].up_to.has_value());
  CHECK(ShareClasses::defined(RuleSet::builtin()));
}

TEST_CASE("four classes: cut-offs reached exactly stay in the class, ties share one, losses are D", "[portfolio]") {
  const auto classes = *ShareClasses::four_class(RuleSet::builtin());
  // Total 1000: 500 (A), 300 reaches 80% exactly (A), 50 + 50 tie reach 90% (B), 30 (C),
  // 25 + 25 tie from 93% (C), 20 from 98% (D), a loss and a zero (D).
  auto p = Portfolio::classify(decs({"500", "300", "50", "25", "25", "50", "30", "20", "-40", "0"}));
  REQUIRE(p);
  auto t = classes.classify(*p);
  REQUIRE(t);
  CHECK(labels(classes, *t) == "AABCCBCDDD");
  CHECK(t->counts == std::vector<std::size_t>{2, 2, 3, 3});
  CHECK(t->shares == decs({"0.800000", "0.100000", "0.080000", "0.020000"}));
}

TEST_CASE("tiers with ABC's cut-offs are the ABC classes", "[portfolio]") {
  for (const auto& m : {decs({"50", "30", "10", "5", "3", "2"}), decs({"7", "7", "7", "1", "0", "-3"}),
                        decs({"0.001", "1000000", "33.3", "33.3", "12"}), decs({"0", "-1"})}) {
    auto p = Portfolio::classify(m);
    REQUIRE(p);
    auto t = p->tiers(decs({"0.80", "0.95"}));
    REQUIRE(t);
    for (std::size_t i = 0; i < m.size(); ++i) CHECK(t->of_customer[i] == static_cast<std::uint8_t>(p->abc_class(i)));
    CHECK(t->counts[0] == p->count(crm::AbcClass::A));
    CHECK(t->shares[2] == p->class_share(crm::AbcClass::C));
  }
}

TEST_CASE("tiers: bad cut-offs are refused, naming which", "[portfolio]") {
  auto p = Portfolio::classify(decs({"1", "2"}));
  REQUIRE(p);
  auto zero = p->tiers(decs({"0", "0.5"}));
  REQUIRE_FALSE(zero);
  CHECK(zero.error().code == crm::ErrorCode::invalid_argument);
  CHECK(zero.error().message.find("cut-off 1 must be above 0") != std::string::npos);
  auto down = p->tiers(decs({"0.9", "0.5"}));
  REQUIRE_FALSE(down);
  CHECK(down.error().message.find("cut-off 2 must not be below the one before (0.9)") != std::string::npos);
  CHECK_FALSE(p->tiers(decs({"1.01"})));
  auto none = p->tiers({});  // one tier: everyone
  REQUIRE(none);
  CHECK(none->counts == std::vector<std::size_t>{2});
}

TEST_CASE("a rule set's own classes: any number, its labels and cut-offs", "[portfolio]") {
  auto rules = portfolio_with(R"({"four_class": [{"label": "big", "name": {"zh": "大"}, "up_to": 0.5},
                                               {"label": "small", "name": {"en": "small"}}]})");
  REQUIRE(rules);
  auto classes = ShareClasses::four_class(*rules);
  REQUIRE(classes);
  auto p = Portfolio::classify(decs({"60", "40"}));
  auto t = classes->classify(*p);
  REQUIRE(t);
  CHECK(labels(*classes, *t) == "bigsmall");
}

TEST_CASE("a bad portfolio section is refused at load, with its place", "[portfolio]") {
  struct Case {
    const char *section, *pointer, *message;
  };
  for (const Case& c : {
           Case{R"({"four_class": [{"label": "A", "up_to": 0.8}, {"label": "B", "up_to": 0.9}]})",
                "/portfolio/four_class/1/up_to", "the last class takes every customer left"},
           Case{R"({"four_class": [{"label": "A"}, {"label": "B"}]})", "/portfolio/four_class/0",
                "class 'A' needs \"up_to\""},
           Case{R"({"four_class": [{"label": "A", "up_to": 0.9}, {"label": "B", "up_to": 0.8}, {"label": "C"}]})",
                "/portfolio/four_class/1/up_to", "must be above the class before's (0.9)"},
           Case{R"({"four_class": [{"label": "A", "up_to": 1.5}, {"label": "B"}]})", "/portfolio/four_class/0/up_to",
                "above 0 and at most 1"},
           Case{R"({"four_class": [{"label": "A", "up_to": 0.5}, {"label": "A"}]})", "/portfolio/four_class/1/label",
                "the label 'A' is used twice"},
           Case{R"({"four_class": [{"label": "A"}]})", "/portfolio/four_class", "2 to 255 classes, not 1"},
           Case{R"({"four_class": [{"label": "", "up_to": 0.5}, {"label": "B"}]})", "/portfolio/four_class/0/label",
                "cannot be empty"},
           Case{R"({"four_classes": []})", "/portfolio/four_classes", "four_class"},
       }) {
    INFO(c.section);
    auto rules = portfolio_with(c.section);
    REQUIRE_FALSE(rules);
    CHECK(rules.error().where.pointer == c.pointer);
    CHECK(rules.error().message.find(c.message) != std::string::npos);
    CHECK(rules.error().where.line > 0);
  }
  auto none = RuleSet::load(R"({"crmrules": 1, "name": "p", "version": "1", "inputs": {"x": {"type": "decimal"}},
    "decisions": [{"name": "y", "expression": "x"}]})");
  REQUIRE(none);
  CHECK_FALSE(ShareClasses::defined(*none));
  auto missing = ShareClasses::four_class(*none);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("has no \"portfolio\" section") != std::string::npos);
}
