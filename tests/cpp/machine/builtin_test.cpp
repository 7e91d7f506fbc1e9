// The built-in machines (rules/machines.json): SPIN, FABE and LSCPA walked through the
// deck's examples.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "crmrules/session.hpp"
#include "session_helpers.hpp"

using crm::ErrorCode;
using crm::Machine;
using crm::Session;

namespace {

/// A built-in machine's session, shown in `lang` (most tests read the English texts).
Session start(std::string_view name, crm::Lang lang = crm::Lang::en) {
  auto m = Machine::builtin(name);
  REQUIRE(m);
  Session s = m->start();
  s.set_lang(lang);
  return s;
}

bool has_topic(const std::vector<crm::Recommendation>& recs, std::string_view topic) {
  for (const auto& r : recs)
    if (r.kind == "next_question" && r.topic == topic) return true;
  return false;
}

bool has(const std::vector<crm::Recommendation>& recs, std::string_view kind, std::string_view text_part) {
  for (const auto& r : recs)
    if (r.kind == kind && r.text.find(text_part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the built-in machines load cleanly from the embedded JSON", "[machine][builtin]") {
  const crm::RuleSet& rules = Machine::builtin_rules();
  CHECK(rules.warnings().empty());
  CHECK(Machine::names(rules) == std::vector<std::string>{"spin", "fabe", "lscpa", "complaint"});
  std::ifstream in(std::string(CRMRULES_SOURCE_DIR) + "/rules/machines.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  CHECK(Machine::builtin_json() == text.str());  // embedded as written, to copy and change
  CHECK(Machine::builtin("swot").error().code == ErrorCode::unknown_name);
}

TEST_CASE("SPIN: the deck's example turns a latent need into an explicit one", "[machine][builtin][spin]") {
  Session s = start("spin");
  CHECK(s.state_name() == "preparing");
  CHECK(has_topic(recs(s), "situation"));
  REQUIRE(s.fire("situation_question", 1, {{"question", "How long have you used your current equipment?"},
                                           {"finding", "eight years"}}));
  CHECK(s.state_name() == "situation");
  auto r = recs(s);
  CHECK(has_topic(r, "problem"));
  for (const auto& x : r)
    if (x.kind == "next_question") CHECK(x.items.front() == "Are you satisfied with your current equipment?");

  REQUIRE(s.fire("problem_question", 2, {{"question", "Are you satisfied with your current equipment?"},
                                         {"finding", "it breaks down often"},
                                         {"need", "reliability"},
                                         {"category", "reliability"},
                                         {"level", "value"},
                                         {"stakeholder", "plant manager"}}));
  CHECK(s.state_name() == "problem");
  const crm::Need* need = s.need("reliability");
  REQUIRE(need != nullptr);
  CHECK_FALSE(need->is_explicit());
  CHECK(need->level == crm::NeedLevel::value);
  CHECK(need->problems == std::vector<std::string>{"it breaks down often"});
  CHECK(has_topic(recs(s), "implication"));
  CHECK(has(recs(s), "warning", "A problem not turned into a need is wasted"));

  // Premature presentation: a benefit before any explicit need.
  REQUIRE(s.fire("present_benefit", 3, {{"benefit", "our press never jams"}}));
  CHECK(s.state_name() == "problem");
  CHECK(s.get("premature_presentations")->as_decimal() == crm::Decimal::from_int(1));
  CHECK(has(recs(s), "warning", "Premature presentation"));

  REQUIRE(s.fire("implication_question", 4, {{"question", "What does that do to output?"},
                                             {"need", "reliability"},
                                             {"implication", "each breakdown stops the line for half a shift"}}));
  CHECK(s.state_name() == "implication");
  CHECK_FALSE(s.need("reliability")->is_explicit());
  CHECK(has_topic(recs(s), "need_payoff"));
  REQUIRE(s.fire("need_payoff_question", 5, {{"question", "How would solving this help you?"},
                                             {"need", "reliability"},
                                             {"payoff", "we would meet every delivery date"}}));
  CHECK(s.state_name() == "need_payoff");
  CHECK(s.need("reliability")->is_explicit());
  CHECK(s.needs_json().find(R"("explicit": true, "buying_signal": true)") != std::string::npos);
  CHECK(has(recs(s), "next_step", "present the benefits that answer them"));

  REQUIRE(s.fire("present_benefit", 6, {{"need", "reliability"}, {"benefit", "a press that does not jam"}}));
  CHECK(s.state_name() == "presenting");
  CHECK(s.need("reliability")->benefits == std::vector<std::string>{"a press that does not jam"});
  REQUIRE(s.fire("commitment", 7));
  CHECK(s.state_name() == "advanced");
  CHECK(s.is_final());
  CHECK(s.audit_size() == 7);
}

TEST_CASE("SPIN: too many situation questions are warned about", "[machine][builtin][spin]") {
  Session s = start("spin");
  for (int i = 0; i < 4; ++i) REQUIRE(s.fire("situation_question", i));
  CHECK_FALSE(has(recs(s), "warning", "Too many situation questions"));
  REQUIRE(s.fire("situation_question", 5));
  CHECK(has(recs(s), "warning", "Too many situation questions"));
}

TEST_CASE("SPIN: in a small deal a latent need is already a buying signal", "[machine][builtin][spin]") {
  Session s = start("spin");
  REQUIRE(s.fire("problem_question", 1, {{"need", "speed"}, {"finding", "orders take a week"}}));
  CHECK(*s.deal_size() == crm::DealSize::large);
  CHECK(s.needs_json().find(R"("explicit": false, "buying_signal": false)") != std::string::npos);
  REQUIRE(s.fire("set_deal", 2, {{"size", "small"}}));
  CHECK(*s.deal_size() == crm::DealSize::small);
  CHECK(s.needs_json().find(R"("explicit": false, "buying_signal": true)") != std::string::npos);
  CHECK(s.state_name() == "problem");
}

TEST_CASE("SPIN: a small deal presents a benefit against a latent need without a warning, then commits",
          "[machine][builtin][spin]") {
  Session s = start("spin");
  REQUIRE(s.fire("set_deal", 1, {{"size", "small"}}));
  REQUIRE(s.fire("problem_question", 2, {{"need", "speed"}, {"finding", "orders take a week"}}));
  CHECK_FALSE(has(recs(s), "warning", "A problem not turned into a need is wasted"));
  CHECK(has(recs(s), "next_step", "Small deal: a latent need is already a buying signal"));
  REQUIRE(s.fire("present_benefit", 3, {{"need", "speed"}, {"benefit", "orders in a day"}}));
  CHECK(s.state_name() == "presenting");
  CHECK(s.get("premature_presentations")->as_decimal() == crm::Decimal::from_int(0));
  CHECK_FALSE(has(recs(s), "warning", "Premature presentation"));
  CHECK(s.need("speed")->benefits == std::vector<std::string>{"orders in a day"});
  REQUIRE(s.fire("commitment", 4));
  CHECK(s.state_name() == "advanced");
}

TEST_CASE("SPIN: a small deal may commit straight after the problem is found", "[machine][builtin][spin]") {
  Session s = start("spin");
  REQUIRE(s.fire("set_deal", 1, {{"size", "small"}}));
  auto early = s.fire("commitment", 2);  // no need found yet: nothing to commit to
  REQUIRE_FALSE(early);
  CHECK(early.error().code == ErrorCode::illegal_transition);
  REQUIRE(s.fire("problem_question", 2, {{"need", "speed"}}));
  REQUIRE(s.fire("commitment", 3));
  CHECK(s.state_name() == "advanced");
}

TEST_CASE("SPIN: a large deal keeps warning of premature presentation and refuses an early commitment",
          "[machine][builtin][spin]") {
  Session s = start("spin");
  REQUIRE(s.fire("problem_question", 1, {{"need", "speed"}, {"finding", "orders take a week"}}));
  CHECK_FALSE(has(recs(s), "next_step", "Small deal"));
  REQUIRE(s.fire("present_benefit", 2, {{"need", "speed"}, {"benefit", "orders in a day"}}));
  CHECK(s.state_name() == "problem");
  CHECK(s.get("premature_presentations")->as_decimal() == crm::Decimal::from_int(1));
  CHECK(has(recs(s), "warning", "Premature presentation"));
  auto early = s.fire("commitment", 3);
  REQUIRE_FALSE(early);
  CHECK(early.error().code == ErrorCode::illegal_transition);
  CHECK(s.state_name() == "problem");
}

TEST_CASE("SPIN: a personal need's level must be one of Maslow's", "[machine][builtin][spin]") {
  Session s = start("spin");
  auto r = s.fire("stated_need", 1, {{"need", "recognition"}, {"owner", "personal"}, {"level", "strategy"}});
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::type_mismatch);
  CHECK(s.needs().empty());
  REQUIRE(s.fire("stated_need", 1, {{"need", "recognition"}, {"owner", "personal"}, {"level", "esteem"}}));
  CHECK(s.need("recognition")->is_explicit());
  CHECK(s.needs_json().find(R"("level": "esteem", "maslow_group": "middle")") != std::string::npos);
}

TEST_CASE("FABE: benefit statements with evidence for the explicit needs", "[machine][builtin][fabe]") {
  Session s = start("fabe", crm::Lang::zh);
  REQUIRE(s.fire("need", 1, {{"need", "watching together"}, {"category", "comfort"}}));
  REQUIRE(s.fire("present", 2));  // no explicit need yet: premature
  CHECK(s.state_name() == "discovering");
  CHECK(has(recs(s), "warning", "过早介绍"));
  CHECK(s.benefit_statements().empty());
  REQUIRE(s.fire("need", 3, {{"need", "bills"}, {"category", "economy"}, {"explicit", true}}));
  REQUIRE(s.fire("present", 4));
  CHECK(s.state_name() == "presenting");
  auto statements = s.benefit_statements();
  REQUIRE(statements.size() == 1);
  CHECK(statements[0].need == "bills");
  CHECK(statements[0].feature == "自动计时");
  CHECK(statements[0].advantage == "可设定时间自动关或开机");
  CHECK(statements[0].benefit == "无需担心睡着;不会浪费电;也不会错过好节目");
  CHECK_FALSE(statements[0].fallback);
  auto english = s.benefit_statements(crm::Lang::en);
  CHECK(english[0].feature == "timer");
  CHECK(english[0].lang == crm::Lang::en);
  CHECK(statements[0].evidence.empty());  // the deck's TV table gives no evidence lines
  auto r = recs(s);
  REQUIRE(r.size() == 2);
  CHECK(r[0].kind == "benefit");
  CHECK(r[0].text == "无需担心睡着;不会浪费电;也不会错过好节目 (自动计时:可设定时间自动关或开机)");
  CHECK(r[1].text == "切记:“人们所购买的不是特点;而是利益。”");
  CHECK(r[0].items == statements[0].evidence);
  // The comfort need turns explicit once an implication is acknowledged and a payoff stated.
  REQUIRE(s.fire("need", 5, {{"need", "watching together"}, {"category", "comfort"},
                             {"implication", "the children sit too close to the small set"},
                             {"payoff", "everyone could see from the sofa"}}));
  CHECK(s.benefit_statements().size() == 2);
  REQUIRE(s.fire("statement_made", 6, {{"need", "bills"}, {"benefit", "no power wasted"}}));
  CHECK(s.need("bills")->benefits == std::vector<std::string>{"no power wasted"});
}

TEST_CASE("LSCPA: the deck's price objection, resolved", "[machine][builtin][lscpa]") {
  Session s = start("lscpa");
  CHECK(s.state_name() == "listen");
  REQUIRE(s.fire("objection", 1, {{"kind", "price_value"}, {"text", "looks good but too expensive"}}));
  CHECK(s.state_name() == "share");
  CHECK(has(recs(s), "latent_requirement", "prove it is value for money"));
  REQUIRE(s.fire("shared", 2, {{"words", "I understand: it is a big investment"}}));
  CHECK(s.state_name() == "clarify");
  auto r = recs(s);
  CHECK(has(r, "question", "Clarify the price objection"));
  CHECK(has(r, "warning", "Judge first"));
  // Clarify before judging the objection: not enabled.
  auto early = s.fire("clarified", 3);
  REQUIRE_FALSE(early);
  CHECK(early.error().code == ErrorCode::illegal_transition);
  REQUIRE(s.fire("judged", 3, {{"true_objection", true}, {"note", "compared with the same model elsewhere"}}));
  REQUIRE(s.fire("step_done", 4, {{"step", "satisfaction_checked"}}));
  CHECK(s.get("satisfaction_checked")->as_bool());
  CHECK_FALSE(s.get("locked")->as_bool());
  REQUIRE(s.fire("clarified", 5));
  CHECK(s.state_name() == "present");
  CHECK(has(recs(s), "response", "looking at the total cost, I believe our product is still the best value"));
  REQUIRE(s.fire("presented", 6, {{"proposal", "total cost over five years, with the service contract"}}));
  CHECK(s.state_name() == "ask");
  REQUIRE(s.fire("accepted", 7));
  CHECK(s.state_name() == "resolved");
  CHECK(s.is_final());
  for (const char* step : {"located", "brought_out", "answered", "satisfaction_checked", "locked", "next_action_agreed"})
    CHECK(s.get(step)->as_bool());
  CHECK(s.get("true_objection")->as_bool());
  auto illegal = s.fire("objection", 8, {{"kind", "fit"}});
  REQUIRE_FALSE(illegal);
  CHECK(illegal.error().code == ErrorCode::illegal_transition);
}

TEST_CASE("LSCPA: accepted without a satisfaction check does not tick the last two steps",
          "[machine][builtin][lscpa]") {
  Session s = start("lscpa");
  REQUIRE(s.fire("objection", 1, {{"kind", "price_value"}, {"text", "too expensive"}}));
  REQUIRE(s.fire("shared", 2));
  REQUIRE(s.fire("judged", 3, {{"true_objection", true}}));
  REQUIRE(s.fire("clarified", 4));
  REQUIRE(s.fire("presented", 5));
  REQUIRE(s.fire("accepted", 6));
  CHECK(s.state_name() == "resolved");
  CHECK(s.get("answered")->as_bool());
  CHECK_FALSE(s.get("satisfaction_checked")->as_bool());
  CHECK_FALSE(s.get("locked")->as_bool());
  CHECK_FALSE(s.get("next_action_agreed")->as_bool());
  CHECK(has(recs(s), "warning", "Agreed without checking satisfaction"));
}

TEST_CASE("LSCPA: the deck's dialogue with 张总, a busy objection given in the deck's word", "[machine][builtin][lscpa]") {
  Session s = start("lscpa", crm::Lang::zh);
  REQUIRE(s.fire("objection", 1, {{"kind", "没时间"}, {"text", "我很忙,没有时间去听课。"}}));
  CHECK(s.get("objection_kind")->as_string() == "busy");
  CHECK(has(recs(s), "response", "忙是很自然的"));
  REQUIRE(s.fire("shared", 2));
  CHECK(has(recs(s), "question", "除了时间外,还有没有其它原因是张总不能来的?"));
  REQUIRE(s.fire("judged", 3, {{"true_objection", true}}));
  REQUIRE(s.fire("clarified", 4));
  CHECK(has(recs(s), "response", "其实张总,以前我有很多客户都是因为当时太忙"));
  REQUIRE(s.fire("presented", 5));
  CHECK(has(recs(s), "response", "那么您的手机号是"));
  REQUIRE(s.fire("further_objection", 6));  // back to listen: a second objection
  auto unknown = s.fire("objection", 7, {{"kind", "很闲"}});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message.find("很闲") != std::string::npos);
}

TEST_CASE("LSCPA: clarify uncovers a further objection, escalation ends it", "[machine][builtin][lscpa]") {
  Session s = start("lscpa");
  REQUIRE(s.fire("objection", 1, {{"kind", "just_looking"}, {"text", "just looking around"}}));
  REQUIRE(s.fire("shared", 2));
  REQUIRE(s.fire("further_objection", 3));
  CHECK(s.state_name() == "listen");
  REQUIRE(s.fire("objection", 4, {{"kind", "credibility"}, {"text", "never heard of your company"}}));
  CHECK(s.get("objections")->as_decimal() == crm::Decimal::from_int(2));
  CHECK(s.get("objection_kind")->as_string() == "credibility");
  CHECK(has(recs(s), "latent_requirement", "reputable and reliable"));
  auto bad = s.fire("objection", 5, {{"kind", "colour"}});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("allowed: shared, step_done, escalate") != std::string::npos);
  REQUIRE(s.fire("escalate", 6, {{"to", "regional manager"}}));
  CHECK(s.state_name() == "escalated");
  CHECK(s.get("escalated_to")->as_string() == "regional manager");
}

TEST_CASE("LSCPA: declined ends unresolved", "[machine][builtin][lscpa]") {
  Session s = start("lscpa");
  for (const char* e : {"objection", "shared", "judged", "clarified", "presented", "declined"}) {
    crm::expected<crm::StateId> r;
    if (std::string_view(e) == "objection") r = s.fire(e, 1, {{"kind", "need_budget"}});
    else if (std::string_view(e) == "judged") r = s.fire(e, 1, {{"true_objection", false}});
    else r = s.fire(e, 1);
    REQUIRE(r);
  }
  CHECK(s.state_name() == "unresolved");
}
