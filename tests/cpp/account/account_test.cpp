// The built-in account rules on the deck's examples: what a plan knows, misses and advises.
#include <catch2/catch.hpp>

#include <algorithm>
#include <boost/json/parse.hpp>

#include "crmrules/account.hpp"

using crm::Lang;
using crm::account::Plan;
using crm::account::Planner;

namespace {

Plan plan_of(const std::string& json) {
  auto plan = Planner::builtin().plan(json);
  if (!plan) FAIL(plan.error().to_string());
  return *plan;
}

const crm::account::Action* action_from(const Plan& p, std::string_view source) {
  for (const auto& a : p.next_actions)
    if (a.source == source) return &a;
  return nullptr;
}

const std::string camera = R"({
  "customer": {"name": "上市通信公司", "grade": "A1"}, "deal_size": "large",
  "stakeholders": [
    {"name": "23个办事处主任", "roles": ["decision_maker"], "attitude": "neutral", "needs": ["高档礼品"],
     "focus": ["档次"], "behaviours": ["listened"]},
    {"name": "公司高层领导", "roles": ["influencer"]},
    {"name": "李主任", "title": "礼品采购", "roles": ["purchaser"], "attitude": "supporter", "needs": ["样机"],
     "behaviours": ["listened", "shared_interest", "helped_customer"]}],
  "purchase": {"steps": ["选礼品", "采购"], "stage": "evaluation"},
  "traits": {"requirements": "standard", "replaceable": "easy", "order": ["cyclical_buying"]},
  "criteria": [{"name": "礼品档次", "importance": "high", "position": "meets", "from_explicit_need": true},
               {"name": "品牌", "importance": "high", "position": "cannot_meet"},
               {"name": "交货", "importance": "low", "position": "strong"},
               {"name": "包装", "importance": "medium", "position": "meets"}],
  "competitors": [{"name": "佳能", "cards": ["品牌"]}]})";

}  // namespace

TEST_CASE("a customer's name alone plans to find out everything", "[account]") {
  const Plan p = plan_of(R"({"customer": {"name": "新客户"}})");
  REQUIRE(p.clarities.size() == 9);
  CHECK(p.clarities_known == 0);
  CHECK(p.clarities[1].id == "who_decides");
  CHECK(p.clarities[1].name.zh == "明决策拍板是谁");
  CHECK(std::none_of(p.clarities.begin(), p.clarities.end(), [](const auto& c) { return c.known; }));
  CHECK(p.type.id.empty());
  CHECK(p.stage.id.empty());
  CHECK(p.phase.id.empty());
  CHECK(p.buying_centre.unheld.size() == 8);
  // Every open clarity is asked, the decider first (the rules' priorities), and the type
  // and the stage are to be found out.
  CHECK(std::count_if(p.next_actions.begin(), p.next_actions.end(), [](const auto& a) { return a.id == "clarify"; }) == 9);
  REQUIRE_FALSE(p.next_actions.empty());
  CHECK(p.next_actions[0].source == "clarities/who_decides");
  CHECK(p.next_actions[1].source == "buying_centre/roles/decision_maker");
  CHECK(p.next_actions[1].text.zh.find("不要把采购人当成决策人") != std::string::npos);
  CHECK(action_from(p, "clarities/who_decides")->text.en == "Who makes the final decision?");
  CHECK(action_from(p, "type")->reason.zh == "未定");
  CHECK(action_from(p, "stage")->text.zh == "弄清客户处在哪个采购阶段");
  CHECK(std::is_sorted(p.next_actions.begin(), p.next_actions.end(),
                       [](const auto& a, const auto& b) { return a.priority < b.priority; }));
}

TEST_CASE("the camera case: sell to the 23 office heads, inform top management, Director Li only buys", "[account]") {
  const Plan p = plan_of(camera);
  CHECK(p.customer == "上市通信公司");
  CHECK(p.grade == "A1");
  const auto& roles = p.buying_centre.roles;
  auto role = [&](std::string_view id) { return *std::find_if(roles.begin(), roles.end(), [&](const auto& r) { return r.id == id; }); };
  CHECK(role("decision_maker").holders == std::vector<std::string>{"23个办事处主任"});
  CHECK(role("influencer").holders == std::vector<std::string>{"公司高层领导"});
  CHECK(role("purchaser").advice.zh.find("不要把他当成决策人") != std::string::npos);
  CHECK(p.buying_centre.supporters == 1);
  CHECK(p.buying_centre.neutrals == 1);
  CHECK(p.buying_centre.unknown_attitudes == 1);
  CHECK(p.buying_centre.needs_unknown == std::vector<std::string>{"公司高层领导"});
  // Known: relationships (all placed), who decides, steps, focus, competitors' cards.
  CHECK(p.clarities_known == 5);
  CHECK(p.type.id == "transactional");
  CHECK(p.type.focus.zh == "价格、取得的方便性、反应速度的快慢");
  REQUIRE(p.tactics.size() == 1);
  CHECK(p.tactics[0].tactic.zh == "截住预算期");
  CHECK(p.stage.advice.zh == "摸透决策准则");
  // The first action sells to the deciders and says why and where from.
  const auto& first = p.next_actions[0];
  CHECK(first.id == "work_role");
  CHECK(first.reason.zh == "决策人: 23个办事处主任");
  CHECK(first.source == "buying_centre/roles/decision_maker");
}

TEST_CASE("relationship stars: the highest rung reached, and what raises them by one", "[account]") {
  const Plan p = plan_of(camera);
  REQUIRE(p.stakeholders.size() == 3);
  CHECK(p.stakeholders[0].stars == 1);
  CHECK(p.stakeholders[0].stars_name.zh == "一星:做个好听众");
  CHECK(p.stakeholders[0].raise.zh == "找到相似爱好");
  CHECK(p.stakeholders[1].stars == 0);
  CHECK(p.stakeholders[2].stars == 3);
  CHECK(p.stakeholders[2].raise.en == "Help the people around them");
  // Key stakeholders (decision makers, influencers) get the next star as an action; the
  // purchaser does not.
  CHECK(action_from(p, "stakeholders/0")->id == "raise_stars");
  CHECK(action_from(p, "stakeholders/2") == nullptr);
  const Plan partner = plan_of(R"({"customer": {"name": "c"}, "stakeholders": [{"name": "x", "roles": ["decision_maker"],
      "behaviours": ["strategic_partner"]}]})");
  CHECK(partner.stakeholders[0].stars == 5);
  CHECK(partner.stakeholders[0].raise.empty());
}

TEST_CASE("decision criteria: the deck's four strategies, lightest first", "[account]") {
  const Plan p = plan_of(camera);
  REQUIRE(p.criteria.size() == 4);
  CHECK(p.criteria[0].strategy == "build");
  CHECK(p.criteria[0].rank == 1);
  CHECK(p.criteria[1].strategy == "lower_weight");
  CHECK(p.criteria[1].rank == 4);
  CHECK(p.criteria[2].strategy == "raise_weight");
  CHECK(p.criteria[3].strategy.empty());
  CHECK(p.criteria[3].rank == 0);
  std::vector<std::string> order;
  for (const auto& a : p.next_actions)
    if (a.id == "criterion") order.push_back(a.source);
  CHECK(order == std::vector<std::string>{"criteria/0", "criteria/2", "criteria/1"});
}

TEST_CASE("the deck's three customers: transactional, value-added, partnership", "[account]") {
  CHECK(plan_of(R"({"customer": {"name": "旅行社"}, "traits": {"requirements": "standard", "replaceable": "easy",
      "cooperation": "none", "shared_ownership": false}})").type.id == "transactional");
  CHECK(plan_of(R"({"customer": {"name": "公交公司"}, "traits": {"requirements": "tailored", "replaceable": "hard",
      "cooperation": "differentiated"}})").type.id == "value_added");
  const Plan dongfeng = plan_of(R"({"customer": {"name": "东风集团"}, "traits": {"cooperation": "strategic",
      "shared_ownership": true, "order": ["long_cycle", "big_decision_impact"]}})");
  CHECK(dongfeng.type.id == "partnership");
  CHECK(dongfeng.type.selling.zh.find("高层互访") != std::string::npos);
  REQUIRE(dongfeng.tactics.size() == 2);
  CHECK(dongfeng.tactics[0].tactic.zh == "周期性跟进");
  CHECK(dongfeng.tactics[1].tactic.zh == "抓头或控头");
  // The deck's own words read too.
  CHECK(plan_of(R"({"customer": {"name": "c"}, "traits": {"requirements": "标准项目"}})").type.id == "transactional");
}

TEST_CASE("after the sale: the learning phase is the critical period and comes first", "[account]") {
  const Plan p = plan_of(R"({"customer": {"name": "c"}, "implementation": {"effort": "hard", "return": "little"}})");
  CHECK(p.phase.id == "learning");
  CHECK(p.phase.critical);
  CHECK(p.next_actions[0].source == "phase");
  CHECK(p.next_actions[0].text.zh.find("关键期") == 0);
  const Plan novelty = plan_of(R"({"customer": {"name": "c"}, "implementation": {"effort": "little", "return": "quick"}})");
  CHECK(novelty.phase.id == "novelty");
  CHECK_FALSE(novelty.phase.critical);
}

TEST_CASE("a plan as JSON and as text", "[account]") {
  const Plan p = plan_of(camera);
  const auto doc = boost::json::parse(p.to_json()).as_object();
  CHECK(doc.at("clarities_known").as_int64() == 5);
  CHECK(doc.at("type").at("id").as_string() == "transactional");
  CHECK(doc.at("clarities").as_array().size() == 9);
  CHECK(doc.at("clarities").at(1).at("name").at("zh").as_string() == "明决策拍板是谁");
  CHECK(doc.at("buying_centre").at("roles").at(3).at("holders").at(0).as_string() == "23个办事处主任");
  CHECK(doc.at("next_actions").as_array().size() == p.next_actions.size());
  CHECK(doc.at("phase").at("id").as_string() == "");
  const std::string zh = p.to_text(Lang::zh), en = p.to_text(Lang::en);
  CHECK(zh.find("九大明确: 5/9") != std::string::npos);
  CHECK(zh.find("决策人: 23个办事处主任") != std::string::npos);
  CHECK(en.find("The nine clarities: 5/9") != std::string::npos);
  CHECK(en.find("decision maker: 23个办事处主任") != std::string::npos);
}

TEST_CASE("plan(Account) gives what plan(json) gives", "[account]") {
  auto account = Planner::builtin().read(camera);
  REQUIRE(account);
  auto from_struct = Planner::builtin().plan(*account);
  REQUIRE(from_struct);
  CHECK(from_struct->to_json() == plan_of(camera).to_json());
}

TEST_CASE("a large account reads as a small one (its tree outgrows the reader's buffers)", "[account]") {
  // 400 stakeholders: a document of about 60 KB whose tree does not fit read()'s stack
  // buffers, so the arena goes on to the heap; deep in it, an error keeps its place.
  std::string doc = R"({"customer": {"name": "东风集团"}, "stakeholders": [)";
  for (int i = 0; i < 400; ++i)
    doc += (i ? ",\n" : "") + std::string(R"({"name": "人员)") + std::to_string(i) +
           R"(", "title": "主任", "roles": ["influencer"], "attitude": "supporter", "needs": ["资源整合"],
              "focus": ["价格"], "behaviours": ["listened", "shared_interest"]})";
  const Plan p = plan_of(doc + "]}");
  REQUIRE(p.stakeholders.size() == 400);
  CHECK(p.stakeholders[399].name == "人员399");
  CHECK(p.stakeholders[399].stars == 2);
  CHECK(p.buying_centre.supporters == 400);
  auto bad = Planner::builtin().plan(doc + R"(, {"name": "x", "roles": ["influencr"]}]})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where.pointer == "/stakeholders/400/roles/0");
  CHECK(bad.error().where.line == 800);  // two lines per stakeholder, the bad one after the last
  CHECK(bad.error().message.find("did you mean 'influencer'") != std::string::npos);
}
