// Bad account documents: each error names what is wrong and where (pointer, line, column),
// with "did you mean" for a misspelt word of the vocabulary.
#include <catch2/catch.hpp>

#include "crmrules/account.hpp"

using crm::ErrorCode;
using crm::account::Planner;

namespace {

crm::Error error_of(const std::string& json) {
  auto plan = Planner::builtin().plan(json);
  REQUIRE_FALSE(plan);
  return plan.error();
}

}  // namespace

TEST_CASE("an unknown role, attitude, stage, trait or key: did you mean, with its place", "[account][errors]") {
  auto e = error_of(
      "{\"customer\": {\"name\": \"c\"},\n \"stakeholders\": [{\"name\": \"a\", \"roles\": [\"decision_makr\"]}]}");
  CHECK(e.code == ErrorCode::unknown_name);
  CHECK(e.where.pointer == "/stakeholders/0/roles/0");
  CHECK(e.where.line == 2);
  CHECK(e.where.column == 43);
  CHECK(e.message == "unknown role 'decision_makr' (did you mean 'decision_maker'?)");
  e = error_of(R"({"customer": {"name": "c"}, "stakeholders": [{"name": "a", "attitude": "oponent"}]})");
  CHECK(e.where.pointer == "/stakeholders/0/attitude");
  CHECK(e.message.find("did you mean 'opponent'") != std::string::npos);
  e = error_of(R"({"customer": {"name": "c"}, "purchase": {"stage": "evaluaton"}})");
  CHECK(e.where.pointer == "/purchase/stage");
  CHECK(e.message.find("did you mean 'evaluation'") != std::string::npos);
  e = error_of(R"({"customer": {"name": "c"}, "traits": {"order": ["long_cycle", "cyclic_buying"]}})");
  CHECK(e.where.pointer == "/traits/order/1");
  CHECK(e.message.find("did you mean 'cyclical_buying'") != std::string::npos);
  e = error_of(R"({"customer": {"name": "c"}, "stakeholder": []})");
  CHECK(e.where.pointer == "/stakeholder");
  CHECK(e.message.find("did you mean 'stakeholders'") != std::string::npos);
  e = error_of(R"({"customer": {"name": "c"}, "stakeholders": [{"name": "a", "behaviours": ["listen"]}]})");
  CHECK(e.where.pointer == "/stakeholders/0/behaviours/0");
  e = error_of(R"({"customer": {"name": "c"}, "deal_size": "big"})");
  CHECK(e.where.pointer == "/deal_size");
}

TEST_CASE("a value outside the rules' enum inputs names the field and its place", "[account][errors]") {
  auto e = error_of(R"({"customer": {"name": "c"}, "traits": {"requirements": "vague"}})");
  CHECK(e.where.pointer == "/traits/requirements");
  CHECK(e.message.find("requirements") != std::string::npos);
  e = error_of(R"({"customer": {"name": "c"}, "criteria": [{"name": "x", "position": "great"}]})");
  CHECK(e.where.pointer == "/criteria/0/position");
  e = error_of(R"({"customer": {"name": "c"}, "implementation": {"effort": "some"}})");
  CHECK(e.where.pointer == "/implementation/effort");
}

TEST_CASE("names: required, and unique among stakeholders", "[account][errors]") {
  auto e = error_of(R"({"customer": {"name": "c"}, "stakeholders": [{"title": "CEO"}]})");
  CHECK(e.code == ErrorCode::missing);
  CHECK(e.where.pointer == "/stakeholders/0");
  e = error_of(R"({"customer": {"name": "c"}, "stakeholders": [{"name": "李主任"}, {"name": "李主任"}]})");
  CHECK(e.code == ErrorCode::conflict);
  CHECK(e.where.pointer == "/stakeholders/1/name");
  CHECK(e.message == "stakeholder '李主任' is listed twice");
  e = error_of(R"({"stakeholders": []})");
  CHECK(e.code == ErrorCode::missing);
  e = error_of(R"({"customer": {"grade": "A1"}})");
  CHECK(e.code == ErrorCode::missing);
  CHECK(e.where.pointer == "/customer");
}

TEST_CASE("wrong types and malformed JSON", "[account][errors]") {
  auto e = error_of(R"({"customer": {"name": "c"}, "stakeholders": {"name": "a"}})");
  CHECK(e.code == ErrorCode::type_mismatch);
  CHECK(e.where.pointer == "/stakeholders");
  e = error_of(R"({"customer": {"name": "c"}, "traits": {"shared_ownership": "yes"}})");
  CHECK(e.code == ErrorCode::type_mismatch);
  CHECK(e.where.pointer == "/traits/shared_ownership");
  e = error_of(R"({"customer": {"name": "c"}, "stakeholders": [{"name": "a", "roles": "decision_maker"}]})");
  CHECK(e.code == ErrorCode::type_mismatch);
  e = error_of("{\"customer\": {\"name\": \"c\"},\n \"stakeholders\": [}");
  CHECK(e.code == ErrorCode::parse);
  CHECK(e.where.line == 2);
  e = error_of(R"({"customer": {"name": "c", "name": "d"}})");
  CHECK(e.code == ErrorCode::conflict);
}

TEST_CASE("plan(Account) checks the words as read() does, at the same pointers", "[account][errors]") {
  crm::account::Account a;
  a.customer = "c";
  a.stakeholders.push_back({"a", "", {"purchaser", "boss"}, "unknown", {}, {}, {}});
  auto plan = Planner::builtin().plan(a);
  REQUIRE_FALSE(plan);
  CHECK(plan.error().code == ErrorCode::unknown_name);
  CHECK(plan.error().where.pointer == "/stakeholders/0/roles/1");
  a.stakeholders[0].roles = {"purchaser"};
  a.stakeholders.push_back(a.stakeholders[0]);
  plan = Planner::builtin().plan(a);
  REQUIRE_FALSE(plan);
  CHECK(plan.error().code == ErrorCode::conflict);
  a.stakeholders.pop_back();
  a.customer.clear();
  CHECK(Planner::builtin().plan(a).error().where.pointer == "/customer");
}

TEST_CASE("shape errors deep in the document keep their pointer, line and column", "[account][errors]") {
  auto e =
      error_of("{\"customer\": {\"name\": \"c\"},\n \"competitors\": [{\"name\": \"k\", \"cards\": [\"品牌\", 7]}]}");
  CHECK(e.code == ErrorCode::type_mismatch);
  CHECK(e.where.pointer == "/competitors/0/cards/1");
  CHECK(e.where.line == 2);
  CHECK(e.where.column == 48);  // code points, not bytes
  e = error_of(R"({"customer": {"name": "c"}, "criteria": [{"name": "p", "from_explicit_need": "yes"}]})");
  CHECK(e.code == ErrorCode::type_mismatch);
  CHECK(e.where.pointer == "/criteria/0/from_explicit_need");
  e = error_of(R"({"customer": {"name": "c"}, "purchase": {"steps": ["a"], "a/b~c": 1}})");
  CHECK(e.code == ErrorCode::unknown_name);
  CHECK(e.where.pointer == "/purchase/a~1b~0c");  // RFC 6901 escapes
  e = error_of(R"({"customer": {"name": "c"}, "competitors": [{"cards": []}]})");
  CHECK(e.code == ErrorCode::missing);
  CHECK(e.where.pointer == "/competitors/0");
  e = error_of(R"({"customer": {"name": 5}})");
  CHECK(e.code == ErrorCode::type_mismatch);
  CHECK(e.where.pointer == "/customer/name");
}

TEST_CASE("strings are held to the rules' crm::Limits::string_bytes, from a document or an Account",
          "[account][errors]") {
  crm::Limits limits;
  limits.string_bytes = 400;  // the built-in rules' longest string is under 400 bytes
  auto rules = crm::RuleSet::load(Planner::builtin_json(), limits);
  REQUIRE(rules);
  auto planner = Planner::from_rule_set(*rules);
  REQUIRE(planner);
  const std::string long_title(401, 'x');
  auto from_doc =
      planner->plan(R"({"customer": {"name": "c"}, "stakeholders": [{"name": "a", "title": ")" + long_title + "\"}]}");
  REQUIRE_FALSE(from_doc);
  CHECK(from_doc.error().code == ErrorCode::out_of_range);
  CHECK(from_doc.error().where.pointer == "/stakeholders/0/title");
  crm::account::Account a;
  a.customer = "c";
  a.stakeholders.push_back({"a", "", {}, "unknown", {"ok", long_title}, {}, {}});
  auto from_account = planner->plan(a);
  REQUIRE_FALSE(from_account);
  CHECK(from_account.error().code == ErrorCode::out_of_range);
  CHECK(from_account.error().where.pointer == "/stakeholders/0/needs/1");
  CHECK(from_account.error().message.find("crm::Limits::string_bytes") != std::string::npos);
  a.stakeholders[0].needs = {"ok"};
  a.competitors.push_back({"k", {"a", "b", long_title}});
  CHECK(planner->plan(a).error().where.pointer == "/competitors/0/cards/2");
  a.competitors.clear();
  CHECK(planner->plan(a));
}
