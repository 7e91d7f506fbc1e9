// The account rules are rules data: the built-in set lints clean and passes its own deck
// tests (nested ones too), a changed copy changes the plan, and a broken copy is refused
// at its place.
#include <catch2/catch.hpp>

#include <boost/json.hpp>
#include <functional>
#include <string>

#include "crmrules/account.hpp"
#include "crmrules/rule_set.hpp"

using crm::ErrorCode;
using crm::RuleSet;
using crm::account::Planner;

namespace {

std::string builtin_with(std::string_view from, std::string_view to) {
  std::string text(Planner::builtin_json());
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

/// The built-in rules with one change made to their JSON value.
std::string builtin_edited(const std::function<void(boost::json::object&)>& edit) {
  auto doc = boost::json::parse(Planner::builtin_json()).as_object();
  edit(doc);
  return boost::json::serialize(doc);
}

boost::json::object& stars_table(boost::json::object& doc) {
  return doc["account"]
      .as_object()["stakeholder"]
      .as_object()["decisions"]
      .as_array()[0]
      .as_object()["table"]
      .as_object();
}

}  // namespace

TEST_CASE("the built-in account rules lint clean and pass their deck tests, nested ones included", "[account][rules]") {
  CHECK(RuleSet::lint(Planner::builtin_json()).empty());
  const auto report = Planner::builtin().rules().run_tests();
  CHECK(report.passed());
  std::size_t stakeholder = 0, criterion = 0;
  for (const auto& c : report.cases) {
    stakeholder += c.name.starts_with("account/stakeholder: ");
    criterion += c.name.starts_with("account/criterion: ");
  }
  CHECK(stakeholder >= 4);
  CHECK(criterion >= 5);
  CHECK(report.cases.size() > stakeholder + criterion);
}

TEST_CASE("a changed copy of the rules changes the plan", "[account][rules]") {
  auto rules = RuleSet::load(builtin_with("\"zh\": \"截住预算期\"", "\"zh\": \"预算期前一个月拜访\""));
  REQUIRE(rules);
  auto planner = Planner::from_rule_set(*rules);
  REQUIRE(planner);
  auto plan = planner->plan(R"({"customer": {"name": "c"}, "traits": {"order": ["cyclical_buying"]}})");
  REQUIRE(plan);
  CHECK(plan->tactics[0].tactic.zh == "预算期前一个月拜访");
  // A table row changed: the stars now need the rung below (listened alone is 1 star, a
  // strategic partner who was never listened to gets none).
  auto stricter = RuleSet::load(builtin_edited([](boost::json::object& doc) {
    stars_table(doc)["rows"].as_array()[0].as_object()["when"] =
        boost::json::array{"true", "true", "true", "true", "true"};
  }));
  REQUIRE(stricter);
  auto strict_plan = Planner::from_rule_set(*stricter)->plan(
      R"({"customer": {"name": "c"}, "stakeholders": [{"name": "x", "behaviours": ["strategic_partner"]}]})");
  REQUIRE(strict_plan);
  CHECK(strict_plan->stakeholders[0].stars == 0);
  // Who decides is the rules' word too: a copy where influencers decide.
  const std::string influencer_only =
      R"({"customer": {"name": "c"}, "stakeholders": [{"name": "x", "roles": ["influencer"]}]})";
  auto builtin_plan = Planner::builtin().plan(influencer_only);
  REQUIRE(builtin_plan);
  CHECK_FALSE(builtin_plan->clarities[1].known);
  auto deciding = RuleSet::load(builtin_edited([](boost::json::object& doc) {
    for (auto& role : doc["account"].as_object()["roles"].as_array())
      if (role.as_object()["id"] == "influencer") role.as_object()["decides"] = true;
  }));
  REQUIRE(deciding);
  auto deciding_plan = Planner::from_rule_set(*deciding)->plan(influencer_only);
  REQUIRE(deciding_plan);
  CHECK(deciding_plan->clarities[1].id == "who_decides");
  CHECK(deciding_plan->clarities[1].known);
}

TEST_CASE("a broken copy of the rules is refused at its place, in the nested rule sets too", "[account][rules]") {
  auto bad = RuleSet::load(
      builtin_edited([](boost::json::object& doc) { stars_table(doc)["inputs"].as_array()[0] = "strategic_partnr"; }));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where.pointer == "/account/stakeholder/decisions/0/table/inputs/0");
  CHECK(bad.error().where.column > 1);
  // lint reports it at its line in the document as written.
  std::string text(Planner::builtin_json());
  const auto at = text.find("\"strategic_partner\",\n       \"helped_circle\"");
  REQUIRE(at != std::string::npos);
  text.replace(at + 1, 17, "strategic_partnr");
  const auto findings = RuleSet::lint(text);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].error.where.line > 1000);
  auto no_clarity = RuleSet::load(builtin_with("\"decision\": \"clear_decider\"", "\"decision\": \"clear_boss\""));
  REQUIRE_FALSE(no_clarity);
  CHECK(no_clarity.error().code == ErrorCode::unknown_name);
  CHECK(no_clarity.error().where.pointer == "/account/clarities/1/decision");
  auto plain = RuleSet::load(R"({"crmrules": 1, "name": "p", "version": "1", "inputs": {}, "decisions": []})");
  REQUIRE(plain);
  auto none = Planner::from_rule_set(*plain);
  REQUIRE_FALSE(none);
  CHECK(none.error().code == ErrorCode::invalid_rule);
}

TEST_CASE("every role of the built-in rules says how to work its holders and how to find one", "[account][rules]") {
  auto plan = Planner::builtin().plan(R"({"customer": {"name": "c"}})");
  REQUIRE(plan);
  REQUIRE(plan->buying_centre.roles.size() == 8);
  for (const auto& role : plan->buying_centre.roles) {
    INFO(role.id);
    CHECK_FALSE(role.advice.zh.empty());  // unheld: how to find one
    CHECK_FALSE(role.advice.en.empty());
    auto held = Planner::builtin().plan(R"({"customer": {"name": "c"}, "stakeholders": [{"name": "p", "roles": [")" +
                                        role.id + R"("]}]})");
    REQUIRE(held);
    for (const auto& r : held->buying_centre.roles)
      if (r.id == role.id) CHECK((!r.advice.zh.empty() && r.advice.zh != role.advice.zh));
  }
}
