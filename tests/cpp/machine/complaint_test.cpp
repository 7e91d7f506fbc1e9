// The built-in complaint machine (rules/machines.json, "complaint"): the churn path, the
// 1-2-3 law, the recovery sequence and satisfaction at three stages; and the complaint
// audit, the same rule set's decisions.
#include <catch2/catch.hpp>

#include "crmrules/rule_set.hpp"
#include "crmrules/session.hpp"
#include "session_helpers.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::Machine;
using crm::Session;
using crm::Value;

namespace {

Session start_complaint() {
  auto m = Machine::builtin("complaint");
  REQUIRE(m);
  return m->start();
}

bool says(const Session& s, std::string_view kind, std::string_view text_part) {
  for (const auto& r : recs(s))
    if (r.kind == kind && r.text.find(text_part) != std::string::npos) return true;
  return false;
}

std::string text(const Session& s, std::string_view field) {
  const Value* v = s.get(field);
  REQUIRE(v != nullptr);
  return v->is_null() ? "null" : v->to_string();
}

Decimal dec(std::string_view t) { return *Decimal::parse(t); }

// in_use -> dissatisfied -> complained -> analysed, as the deck's path begins.
Session analysed(bool feasible, std::string_view cost) {
  Session s = start_complaint();
  REQUIRE(s.fire("rate", 1, {{"stage", "after_sale"}, {"satisfaction", "dissatisfied"}}));
  REQUIRE(s.fire("complain", 2, {{"channel", "on_site"}, {"text", "the pump leaks again"}}));
  REQUIRE(s.fire("analyse", 3, {{"feasible", feasible}, {"cost", dec(cost)}}));
  REQUIRE(s.state_name() == "analysed");
  return s;
}

}  // namespace

TEST_CASE("complaint: the deck's path from dissatisfaction to a loyal customer", "[machine][builtin][complaint]") {
  Session s = start_complaint();
  CHECK(s.state_name() == "in_use");
  CHECK(says(s, "advice", "预测——预案"));

  // A good rating leaves the product in use; a rating of 3 or lower is dissatisfaction.
  REQUIRE(s.fire("rate", 1, {{"stage", "pre_sale"}, {"satisfaction", "very_satisfied"}}));
  CHECK(s.state_name() == "in_use");
  REQUIRE(s.fire("rate", 2, {{"stage", "after_sale"}, {"satisfaction", "not_very_satisfied"}}));
  CHECK(s.state_name() == "dissatisfied");
  CHECK(text(s, "satisfaction_pre_sale") == "very_satisfied");
  CHECK(text(s, "satisfaction_in_sale") == "null");
  CHECK(text(s, "satisfaction_after_sale") == "not_very_satisfied");
  CHECK(says(s, "warning", "流失或愤怒"));

  REQUIRE(s.fire("complain", 3, {{"channel", "dealer"}, {"text", "delivered three weeks late"}}));
  CHECK(s.state_name() == "complained");
  CHECK(says(s, "step", "分析处理可行性"));
  CHECK(says(s, "step", "评估衡量成本"));
  CHECK(says(s, "recovery", "细节"));
  CHECK(says(s, "advice", "中间商处理"));
  CHECK_FALSE(says(s, "advice", "现场处理"));

  REQUIRE(s.fire("analyse", 4, {{"feasible", true}, {"cost", dec("8000.00")}, {"plan", "replace the pump"}}));
  CHECK(s.state_name() == "analysed");
  CHECK(says(s, "step", "快速纠错"));
  CHECK(says(s, "step", "合理补偿"));
  CHECK(says(s, "recovery", "预案"));
  CHECK(says(s, "recovery", "真诚"));

  REQUIRE(s.fire("correct", 5, {{"action", "pump replaced"}}));
  REQUIRE(s.fire("compensate", 6, {{"amount", dec("2000.00")}}));
  CHECK(s.state_name() == "handled");
  CHECK(says(s, "step", "跟踪观察"));
  CHECK(says(s, "recovery", "康复"));
  CHECK_FALSE(says(s, "warning", "补偿超过"));  // 2,000 of a weighed 8,000 is fair

  REQUIRE(s.fire("follow_up", 7, {{"satisfaction", "satisfied"}}));
  CHECK(s.state_name() == "recovered");
  CHECK(text(s, "satisfaction_after_sale") == "satisfied");
  CHECK(says(s, "recovery", "提升"));
  CHECK(says(s, "opportunity", "发现新机会"));
  CHECK(says(s, "opportunity", "开发新产品"));
  CHECK(says(s, "opportunity", "变不满者为忠诚者"));

  // The three opportunities: each one taken is recorded and no longer recommended.
  REQUIRE(s.fire("opportunity", 8, {{"kind", "new_business"}, {"note", "a second site needs a machine"}}));
  CHECK_FALSE(says(s, "opportunity", "发现新机会"));
  REQUIRE(s.fire("opportunity", 9, {{"kind", "loyal"}}));
  CHECK(s.get("opportunity_new_business")->as_bool());
  CHECK_FALSE(s.get("opportunity_new_product")->as_bool());
  CHECK(s.get("opportunity_loyal")->as_bool());

  REQUIRE(s.fire("close", 10));
  CHECK(s.state_name() == "loyal");
  CHECK(s.is_final());
  CHECK(s.get("compensation")->as_decimal() == dec("2000"));
  CHECK(s.get("rounds")->as_decimal() == Decimal::from_int(1));
  CHECK(s.audit_size() == 10);
}

TEST_CASE("complaint: closed without the loyalty opportunity the customer is retained",
          "[machine][builtin][complaint]") {
  Session s = analysed(true, "100");
  REQUIRE(s.fire("correct", 4));
  REQUIRE(s.fire("follow_up", 5, {{"satisfaction", "generally_satisfied"}}));  // 4 of 7: satisfied side
  REQUIRE(s.state_name() == "recovered");
  REQUIRE(s.fire("close", 6));
  CHECK(s.state_name() == "retained");
}

TEST_CASE("complaint: events out of order are refused and change nothing", "[machine][builtin][complaint]") {
  Session s = start_complaint();
  REQUIRE(s.fire("rate", 1, {{"stage", "in_sale"}, {"satisfaction", "dissatisfied"}}));
  REQUIRE(s.fire("complain", 2, {{"channel", "maker"}}));
  const std::string before = s.save_json();

  // Compensating before step one.
  auto early = s.fire("compensate", 3, {{"amount", dec("500")}});
  REQUIRE_FALSE(early);
  CHECK(early.error().code == ErrorCode::illegal_transition);
  CHECK(early.error().message.find("allowed: rate, analyse, churn, anger") != std::string::npos);
  // Following up what was never handled; closing an open complaint.
  CHECK(s.fire("follow_up", 3, {{"satisfaction", "satisfied"}}).error().code == ErrorCode::illegal_transition);
  CHECK(s.fire("close", 3).error().code == ErrorCode::illegal_transition);
  // A second complaint before this one is handled; a channel the deck does not have.
  CHECK(s.fire("complain", 3, {{"channel", "maker"}}).error().code == ErrorCode::illegal_transition);
  CHECK(s.save_json() == before);

  Session fresh = start_complaint();
  auto bad_channel = fresh.fire("complain", 1, {{"channel", "twitter"}});
  REQUIRE_FALSE(bad_channel);
  CHECK(bad_channel.error().message.find("twitter") != std::string::npos);
  CHECK(fresh.state_name() == "in_use");
}

TEST_CASE("complaint: what step one found infeasible is compensated, not corrected", "[machine][builtin][complaint]") {
  Session s = analysed(false, "3000");
  CHECK(says(s, "warning", "无法纠错"));
  CHECK_FALSE(says(s, "step", "快速纠错"));
  auto correct = s.fire("correct", 4);
  REQUIRE_FALSE(correct);
  CHECK(correct.error().code == ErrorCode::illegal_transition);
  CHECK(correct.error().message.find("feasible") != std::string::npos);
  REQUIRE(s.fire("compensate", 5, {{"amount", dec("5000")}}));
  CHECK(s.state_name() == "handled");
  CHECK(says(s, "warning", "补偿超过评估的成本"));  // 5,000 against a weighed 3,000
  CHECK(s.get("compensated")->as_bool());
  CHECK_FALSE(s.get("corrected")->as_bool());
}

TEST_CASE("complaint: still dissatisfied after handling, another round or churn and anger",
          "[machine][builtin][complaint]") {
  Session s = analysed(true, "100");
  REQUIRE(s.fire("correct", 4));
  REQUIRE(s.fire("follow_up", 5, {{"satisfaction", "very_dissatisfied"}}));
  CHECK(s.state_name() == "unrecovered");
  CHECK(says(s, "warning", "处理后仍不满意"));

  Session angry = s;
  REQUIRE(angry.fire("anger", 6, {{"reason", "posted about it"}}));
  CHECK(angry.state_name() == "angry");
  CHECK(angry.is_final());
  CHECK(angry.fire("rate", 7, {{"stage", "after_sale"}, {"satisfaction", "satisfied"}}).error().code ==
        ErrorCode::illegal_transition);

  // A second round: analysed again, and now the head of the complaint centre is told.
  REQUIRE(s.fire("analyse", 6, {{"feasible", true}}));
  CHECK(s.get("rounds")->as_decimal() == Decimal::from_int(2));
  CHECK(s.get("cost")->as_decimal() == dec("100"));  // kept when the new analysis gives none
  CHECK(says(s, "warning", "客户投诉中心主任"));
  REQUIRE(s.fire("churn", 7, {{"reason", "moved to a competitor"}}));
  CHECK(s.state_name() == "churned");
  CHECK(text(s, "lost_reason") == "moved to a competitor");
  CHECK(says(s, "warning", "流失客户访谈"));
}

TEST_CASE("complaint: a customer in use with no complaint cannot churn through this machine",
          "[machine][builtin][complaint]") {
  Session s = start_complaint();
  CHECK(s.fire("churn", 1).error().code == ErrorCode::illegal_transition);
  CHECK(s.fire("analyse", 1, {{"feasible", true}}).error().code == ErrorCode::illegal_transition);
}

TEST_CASE("complaint: the deck's Chinese words are accepted for labels", "[machine][builtin][complaint]") {
  Session s = start_complaint();
  REQUIRE(s.fire_json("rate", R"({"stage": "售后", "satisfaction": "不满意"})", 1));
  CHECK(s.state_name() == "dissatisfied");
  CHECK(text(s, "satisfaction_after_sale") == "dissatisfied");
  REQUIRE(s.fire_json("complain", R"({"channel": "现场处理", "text": "液压泵漏油"})", 2));
  CHECK(text(s, "channel") == "on_site");
  REQUIRE(s.fire_json("analyse", R"({"feasible": true, "cost": "8000.00"})", 3));
  REQUIRE(s.fire_json("correct", "", 4));
  REQUIRE(s.fire_json("follow_up", R"({"satisfaction": "很满意"})", 5));
  REQUIRE(s.fire_json("opportunity", R"({"kind": "开发新产品"})", 6));
  CHECK(s.get("opportunity_new_product")->as_bool());
}

TEST_CASE("complaint: a session mid-complaint saves and restores, bytes and JSON", "[machine][builtin][complaint]") {
  Session s = analysed(true, "8000.00");
  REQUIRE(s.fire("compensate", 4, {{"amount", dec("2000.00")}}));
  const crm::RuleSet& rules = Machine::builtin_rules();

  auto from_bytes = Session::restore(rules, s.save());
  REQUIRE(from_bytes);
  CHECK(from_bytes->state_name() == "handled");
  CHECK(from_bytes->get("compensation")->to_string() == "2000.00");
  auto from_json = Session::restore_json(rules, s.save_json());  // strict: the trail replayed
  REQUIRE(from_json);
  CHECK(from_json->save_json() == s.save_json());
  REQUIRE(from_json->fire("follow_up", 5, {{"satisfaction", "satisfied"}}));
  CHECK(from_json->state_name() == "recovered");
}

TEST_CASE("complaint audit: the deck's seven questions scored, with the gaps and their advice",
          "[machine][builtin][complaint]") {
  const crm::RuleSet& rules = Machine::builtin_rules();
  crm::Record record = rules.new_record();
  for (const char* q :
       {"encourages_complaints", "encourages_voicing", "chance_to_voice", "leadership_attention", "root_cause_plan"})
    REQUIRE(record.set(q, Value(true)));
  REQUIRE(record.set("dedicated_unit", Value(false)));
  REQUIRE(record.set("knows_outcomes", Value(false)));
  REQUIRE(rules.evaluate(record));
  CHECK(record.get("complaint_audit_score")->as_decimal() == Decimal::from_int(5));
  CHECK(record.get("complaint_audit_index")->to_string() == "71.43");
  CHECK(record.get("complaint_audit_level")->to_string() == "gaps");
  CHECK(record.get("complaint_audit_score_reasons")->to_string() == "dedicated_unit,knows_outcomes");
  const auto advice = record.get("complaint_audit_advice")->to_string();
  CHECK(advice.find("独立职能部门建立") != std::string::npos);
  CHECK(advice.find("督导检查修正结果") != std::string::npos);
  CHECK(advice.find("公开投诉专线") == std::string::npos);  // that question was answered yes

  // The rule set's own tests (the audit's cases) pass as shipped.
  const crm::TestReport report = rules.run_tests();
  CHECK(report.passed());
  CHECK(report.cases.size() >= 4);
}
