// A saved session names its machine's behaviour, not its wording: texts, descriptions,
// versions and the order of keys may change under it; states, fields, guards and effects
// may not. Sessions saved by 0.5 (which named the hash of the definition's text) still
// restore under the definition they were saved with.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crmrules/session.hpp"
#include "session_helpers.hpp"

using crm::ErrorCode;
using crm::Session;

namespace {

const crm::SessionKey test_key(std::string_view("0123456789abcdef0123456789abcdef"));

std::string data_file(const std::string& name) {
  std::ifstream in(std::string(CRMRULES_SOURCE_DIR) + "/tests/data/sessions/" + name, std::ios::binary);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

/// The order machine of tests/data/sessions/orders.json with two lines added.
Session two_lines(const crm::RuleSet& rules) {
  auto s = *Session::start(rules, "order");
  REQUIRE(s.fire("add", 10, {{"amount", *crm::Decimal::parse("12345678.123456789")}, {"note", "a 长 note"}}));
  REQUIRE(s.fire("add", 20, {{"amount", *crm::Decimal::parse("0.10")}}));
  return s;
}

/// Restores the four forms of `s` (bytes, JSON, each sealed and not) under `rules`.
std::vector<crm::expected<Session>> restored(const Session& s, const crm::RuleSet& rules) {
  return {Session::restore(rules, s.save()), Session::restore(rules, *s.save(test_key), test_key),
          Session::restore_json(rules, s.save_json()), Session::restore_json(rules, *s.save_json(test_key), test_key)};
}

/// orders.json reworded: its texts, descriptions and version changed, a list added, its
/// keys in another order; what it does is the same.
std::string reworded(std::string rules) {
  rules =
      replaced(rules, R"("text": "ready for approval")", R"("text": {"zh": "可以审批了", "en": "ready to approve"})");
  rules = replaced(rules, R"("text": "line added")", R"("text": "added a line")");
  rules = replaced(rules, R"("approved": {})", R"("approved": {"description": "approved, not yet shipped"})");
  rules = replaced(rules, R"("ship": {})", R"("ship": {"description": "goods leave"})");
  rules =
      replaced(rules, R"("lines": {"type": "integer")", R"("lines": {"description": "order lines", "type": "integer")");
  rules = replaced(rules, R"("context": {)", R"("version": "1.1", "description": "orders", "lang": "en",
      "lists": {"checks": ["stock", "credit"]}, "context": {)");
  rules = replaced(rules, R"({"from": "approved", "on": "ship", "to": "shipped"})",
                   R"({"to": "shipped", "on": "ship", "from": "approved", "description": "ship it"})");
  return rules;
}

}  // namespace

TEST_CASE("a machine reworded keeps its saved sessions: texts, descriptions, versions and key order aside",
          "[machine][save]") {
  const std::string text = data_file("orders.json");
  const auto rules = loaded_rules(text);
  const auto reworded_rules = loaded_rules(reworded(text));
  const auto order = *crm::Machine::find(rules, "order");
  CHECK(crm::Machine::find(reworded_rules, "order")->definition_hash() == order.definition_hash());

  const Session s = two_lines(rules);
  for (auto& back : restored(s, reworded_rules)) {
    REQUIRE(back);
    CHECK(back->state_name() == "draft");
    CHECK(back->context()[2] == crm::Value(crm::Decimal::from_int(2)));
    // The recommendations are the new rule set's words.
    const auto now = recs(*back);
    REQUIRE(now.size() == 2);
    CHECK(now[0].text == "ready to approve");
    CHECK(now[1].text == "added a line");
  }
}

TEST_CASE("a machine that does something else refuses the sessions saved under it", "[machine][save]") {
  const std::string text = data_file("orders.json");
  const Session s = two_lines(loaded_rules(text));
  const std::vector<std::pair<std::string, std::string>> changes = {
      {R"("when": "total <= limit and lines > 0")", R"("when": "total < limit and lines > 0")"},  // a guard
      {R"("default": 1000)", R"("default": 2000)"},                                               // a field's default
      {R"("max": 3)", R"("max": 4)"},                                                             // a field's bound
      {R"({"from": ["draft", "approved"], "on": "cancel")", R"({"from": ["draft"], "on": "cancel")"},  // a source
      {R"("lines": "lines + 1")", R"("lines": "lines + 2")"},                                          // an effect
      {R"("ship": {})", R"("ship": {"data": {"carrier": {"type": "string"}}})"}};  // an event's data
  for (const auto& [from, to] : changes) {
    INFO(to);
    const auto other = loaded_rules(replaced(text, from, to));
    for (auto& back : restored(s, other)) {
      REQUIRE_FALSE(back);
      CHECK(back.error().code == ErrorCode::version_mismatch);
    }
  }
}

TEST_CASE("sessions saved by 0.5 restore under the definition they were saved with", "[machine][save]") {
  const std::string text = data_file("orders.json");
  const auto rules = loaded_rules(text);
  const std::string saved_json = data_file("saved_by_0.5.json");
  std::vector<crm::expected<Session>> legacy = {
      Session::restore(rules, bytes_of(data_file("saved_by_0.5.crms"))),
      Session::restore(rules, bytes_of(data_file("sealed_by_0.5.crms")), test_key),
      Session::restore_json(rules, saved_json),
      Session::restore_json(rules, data_file("sealed_by_0.5.json"), test_key)};
  for (auto& back : legacy) {
    REQUIRE(back);
    CHECK(back->context()[2] == crm::Value(crm::Decimal::from_int(2)));
    CHECK(back->context()[0] == crm::Value(*crm::Decimal::parse("12345678.223456789")));
  }
  // Saved again, a session names the behaviour hash.
  const std::string again = legacy[2]->save_json();
  CHECK(saved_json.find(R"("definition": "597c68ec974d630c")") != std::string::npos);
  CHECK(again.find("597c68ec974d630c") == std::string::npos);
  REQUIRE(Session::restore_json(loaded_rules(reworded(text)), again));
  // The hash of a text matches that text only: reworded, a 0.5 session is refused.
  auto refused = Session::restore_json(loaded_rules(reworded(text)), saved_json);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::version_mismatch);
  // A tampered 0.5 seal is still refused.
  auto tampered = Session::restore_json(
      rules, replaced(data_file("sealed_by_0.5.json"), R"("lines": 2)", R"("lines": 3)"), test_key);
  REQUIRE_FALSE(tampered);
  CHECK(tampered.error().code == ErrorCode::unauthenticated);
}
