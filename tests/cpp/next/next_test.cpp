// Next best actions (rules/next.json): a customer document gathered (grading, satisfaction,
// a service group, saved complaint and selling sessions, an account), the actions ranked
// with their reasons, channels and owners, the levers per grade, and bad documents refused
// at their place.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "crmrules/next.hpp"
#include "crmrules/session.hpp"

using crm::ErrorCode;
using crm::Lang;
using crm::next::Advisor;
using crm::next::Customer;

namespace {

std::string next_example(const std::string& name) {
  std::ifstream in(std::string(CRMRULES_SOURCE_DIR) + "/examples/next/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> ids(const crm::next::Advice& a) {
  std::vector<std::string> out;
  for (const auto& x : a.actions) out.push_back(x.id);
  return out;
}

/// A saved session of a built-in machine after `events` (name, data as JSON).
std::string saved(std::string_view machine, std::initializer_list<std::pair<const char*, const char*>> events) {
  auto s = crm::Machine::builtin(machine)->start();
  std::int64_t t = 1;
  for (auto [event, data] : events) REQUIRE(s.fire_json(event, data, t++));
  return s.save_json();
}

}  // namespace

TEST_CASE("the deck's customer: complaint first, then commitments, objection, needs, the account", "[next]") {
  auto a = Advisor::builtin().advise(next_example("dongfeng.json"));
  REQUIRE(a);
  CHECK(a->customer_id == "C001");
  CHECK(a->facts.value_grade == "A1");
  CHECK(a->facts.satisfaction == 2);  // the lowest stage: after-sale 不满意
  CHECK(a->facts.open_complaints == 1);
  CHECK(a->facts.complaint_state == "analysed");
  CHECK(a->facts.commitments_below_target == 2);
  CHECK(a->facts.service_breaches == 1);  // first_time_fix's 3 misses are judged on its rate
  CHECK(a->facts.worst_commitment == "first_time_fix");
  CHECK(a->facts.open_objections == 1);
  CHECK(a->facts.objection_kind == "price_value");
  CHECK(a->facts.latent_needs == 1);
  REQUIRE(a->facts.open_clarities.has_value());
  CHECK(ids(*a) == std::vector<std::string>{"handle_complaint", "keep_commitments", "resolve_objection",
                                            "develop_needs", "clarify_account", "maintenance_communication"});
  const auto& first = a->actions[0];
  CHECK(first.priority == crm::Decimal::from_int(99));  // 90 + an A1's weight
  CHECK(first.reason.in(Lang::zh) == "1 个投诉未结,第一个在“analysed”");
  CHECK(first.source == "complaints");
  CHECK(first.channel == "visit");  // the customer's first channel that fits a complaint
  CHECK(first.owner == "complaint_centre");
  CHECK(a->actions[1].channel == "email");  // a summary after a call: e-mail fits, the customer has it
  CHECK(a->actions[1].owner == "after_sales");
  CHECK(a->actions[2].owner == "key_account_manager");  // the customer's own (service_owner)
  REQUIRE(a->levers.size() == 3);
  CHECK(a->levers[0].name.zh == "塑造服务特质");
  CHECK(a->to_text(Lang::en).find("1. Handle the complaint") != std::string::npos);
  CHECK(a->to_json().find(R"("channel": "visit", "channel_name": {"zh": "参观", "en": "visit"})") != std::string::npos);
}

TEST_CASE("low-value customers get price and promotion, by SMS, from the service team", "[next]") {
  auto a = Advisor::builtin().advise(next_example("small_shop.json"));
  REQUIRE(a);
  CHECK(ids(*a) == std::vector<std::string>{"promotion", "maintenance_communication"});
  CHECK(a->actions[0].channel == "sms");
  CHECK(a->actions[0].owner == "service_team");
  CHECK(a->actions[0].reason.in(Lang::en) == "a C1 customer");
  REQUIRE(a->levers.size() == 2);
  CHECK(a->levers[0].id == "price");
}

TEST_CASE("complaints: lost ones come first, recovered ones bring the three opportunities", "[next]") {
  const std::string lost = saved("complaint", {{"complain", R"({"channel": "dealer"})"}, {"churn", "{}"}});
  const std::string recovered = saved("complaint", {{"complain", R"({"channel": "maker"})"},
                                                    {"analyse", R"({"feasible": true})"},
                                                    {"correct", "{}"},
                                                    {"follow_up", R"({"satisfaction": "satisfied"})"}});
  auto a = Advisor::builtin().advise(R"({"grading": {"value_grade": "B1"}, "complaints": [)" + lost + "," + recovered +
                                     "]}");
  REQUIRE(a);
  CHECK(a->facts.lost_complaints == 1);
  CHECK(a->facts.recovered_complaints == 1);
  CHECK(a->facts.open_complaints == 0);
  CHECK(ids(*a) == std::vector<std::string>{"win_back", "take_opportunities", "maintenance_communication"});
  CHECK(a->actions[0].owner == "executive");
}

TEST_CASE("the facts given directly: the hot path, no JSON", "[next]") {
  Customer c;
  c.id = "X";
  c.facts.value_grade = "A2";
  c.facts.satisfaction = 6;
  c.facts.loyalty_level = "satisfied";
  auto a = Advisor::builtin().advise(c);
  REQUIRE(a);
  CHECK(ids(*a) == std::vector<std::string>{"retention_communication", "maintenance_communication"});
  CHECK(a->actions[0].channel == "email");  // a seminar invitation: the first of an A customer's channels that fits
  CHECK(a->actions[0].owner == "key_account_manager");
  c.facts.loyalty_level = "partner";
  CHECK(ids(*Advisor::builtin().advise(c))[0] == "relationship_upkeep");
  CHECK(Advisor::builtin().advise(c)->actions[0].channel == "personal");
}

TEST_CASE("bad customer documents are refused at their place", "[next]") {
  auto refused = [](const std::string& doc, ErrorCode code, std::string_view part, std::string_view pointer) {
    auto a = Advisor::builtin().advise(doc);
    REQUIRE_FALSE(a);
    CHECK(a.error().code == code);
    CHECK(a.error().message.find(part) != std::string::npos);
    CHECK(a.error().where.pointer == pointer);
    CHECK(a.error().where.line > 0);
  };
  refused(R"({"grading": {}, "complaint": []})", ErrorCode::unknown_name, "did you mean 'complaints'", "/complaint");
  refused(R"({"satisfaction": {"after_sale": "meh"}})", ErrorCode::out_of_range, "not a label of the 7-point scale",
          "/satisfaction/after_sale");
  refused(R"({"satisfaction": {"after_sale": 9}})", ErrorCode::out_of_range, "expected 1..7",
          "/satisfaction/after_sale");
  refused(R"({"grading": {"value_grade": 3}})", ErrorCode::type_mismatch, "", "/grading/value_grade");
  refused(R"({"grading": {"value_grade": "Z9"}})", ErrorCode::out_of_range, "Z9", "/grading/value_grade");
  refused(R"({"complaints": [{"crmrules_session": 1}]})", ErrorCode::missing, "at /complaints/0",
          "/complaints/0/rule_set");
  const std::string lscpa = saved("lscpa", {{"objection", R"({"kind": "fit"})"}});
  refused(R"({"complaints": [)" + lscpa + "]}", ErrorCode::invalid_argument, "not 'lscpa'", "/complaints/0");
  refused(R"({"account": {"customer": {"name": "X"}, "stakeholder": []}})", ErrorCode::unknown_name,
          "did you mean 'stakeholders'", "/account/stakeholder");
  refused("[1, 2]", ErrorCode::type_mismatch, "a customer document is a JSON object", "/");
}

TEST_CASE("a vendor's own ranking, and rules that do not fit the advisor", "[next]") {
  std::string text(Advisor::builtin_json());
  text.replace(text.find("\"10 + grade_weight\""), 19, "\"99 + grade_weight\"");  // the daily follow-up first
  auto rules = crm::RuleSet::load(text);
  REQUIRE(rules);
  REQUIRE_FALSE(rules->run_tests().passed());  // the shipped tests notice the change
  auto mine = Advisor::from_rule_set(*rules);
  REQUIRE(mine);
  Customer c;
  c.facts.value_grade = "C1";
  c.facts.open_complaints = 1;
  CHECK(ids(*mine->advise(c)) == std::vector<std::string>{"maintenance_communication", "handle_complaint"});

  std::string unknown(Advisor::builtin_json());
  unknown.replace(unknown.find("\"account_type\": {\"type\": \"string\"}"), 34,
                  "\"acount_type\": {\"type\": \"string\"}");
  auto bad = crm::RuleSet::load(unknown);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find(
            "input 'acount_type' is not a fact the advisor gathers (did you mean 'account_type'?)") !=
        std::string::npos);
  std::string no_action(Advisor::builtin_json());
  no_action.replace(no_action.find("\"purpose\": \"complaint\""), 22, "\"purpose\": \"complain\"");
  auto bad2 = crm::RuleSet::load(no_action);
  REQUIRE_FALSE(bad2);
  CHECK(bad2.error().message.find("unknown purpose 'complain' (did you mean 'complaint'?)") != std::string::npos);
  CHECK(Advisor::from_rule_set(crm::RuleSet::builtin()).error().code == ErrorCode::invalid_rule);
}
