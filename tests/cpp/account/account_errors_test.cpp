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
  auto e = error_of("{\"customer\": {\"name\": \"c\"},\n \"stakeholders\": [{\"name\": \"a\", \"roles\": [\"decision_makr\"]}]}");
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
