// Restoring without a key is strict: a JSON session has every member (nothing takes a
// default) and is what its audit trail gives when replayed; the bytes' audit trail must
// lead from the initial state to the saved state. Each forgery of the issue (an emptied
// context that reset the counters, an emptied audit trail, a forged state) is refused at
// its JSON pointer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "crmrules/session.hpp"
#include "machine_fixture.hpp"
#include "src/core/xxh64.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::Session;

namespace {

/// `json` with `from` (which must be there) replaced by `to`.
struct Refusal {
  ErrorCode code;
  std::string pointer;
  std::string message;
};

Refusal refused(const crm::RuleSet& rules, const std::string& json) {
  auto r = Session::restore_json(rules, json);
  REQUIRE_FALSE(r);
  CHECK(r.error().where.line > 0);  // located in the text too
  return {r.error().code, r.error().where.pointer, r.error().message};
}

// busy_session(rules).save_json(), as this library writes it; 0.5 wrote it naming the hash
// of the definition's text (03a407ec9b0a59f6) instead of its behaviour's.
const std::string saved =
    R"({"crmrules_session": 1, "rule_set": "orders", "rule_set_version": "1.0", "machine": "order", )"
    R"("machine_version": "1.0", "definition": "b2ca63768aa53f8c", "state": "approved", "last_transition": 1, )"
    R"("context": {"total": "12345678.223456789", "limit": 100000000, "lines": 2, "note": "a 长 note"}, )"
    R"("needs": [{"id": "a 长 note", "description": "from a note", "category": "", "stakeholder": "", )"
    R"("owner": "organisational", "level": "unknown", "stated": false, "explicit": false, "buying_signal": false, )"
    R"("problems": ["a 长 note"], "implications": [], "payoffs": [], "benefits": []}], )"
    R"("audit": [{"time": 10, "event": "add", "from": "draft", "to": "draft", "transition": 0, )"
    R"("data": {"amount": "12345678.123456789", "note": "a 长 note"}}, )"
    R"({"time": 20, "event": "add", "from": "draft", "to": "draft", "transition": 0, )"
    R"("data": {"amount": "0.10", "note": null}}, )"
    R"({"time": 30, "event": "approve", "from": "draft", "to": "approved", "transition": 1, "data": {"by": "Li"}}]})";

}  // namespace

TEST_CASE("a JSON session as saved restores, strictly checked", "[machine][save][strict]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  REQUIRE(busy_session(rules).save_json() == saved);
  auto back = Session::restore_json(rules, saved);
  REQUIRE(back);
  CHECK(back->save_json() == saved);
  CHECK(Session::restore_json(rules, Session::start(rules, "order")->save_json()));
  auto by_0_5 = Session::restore_json(rules, replaced(saved, "b2ca63768aa53f8c", "03a407ec9b0a59f6"));
  REQUIRE(by_0_5);
  CHECK(by_0_5->save_json() == saved);
}

TEST_CASE("the issue's forgeries of a JSON session are refused at their place", "[machine][save][strict]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  SECTION("an emptied context no longer resets the counters") {
    const std::string context = R"("context": {"total": "12345678.223456789", "limit": 100000000, "lines": 2, )"
                                R"("note": "a 长 note"})";
    auto r = refused(rules, replaced(saved, context, R"("context": {})"));
    CHECK(r.code == ErrorCode::missing);
    CHECK(r.pointer == "/context/total");
    CHECK(r.message == "context field 'total' is missing: a saved session has every field (null when it has no value)");
  }
  SECTION("a counter set back") {
    auto r = refused(rules, replaced(saved, R"("lines": 2)", R"("lines": 0)"));
    CHECK(r.code == ErrorCode::corrupt);
    CHECK(r.pointer == "/context/lines");
    CHECK(r.message == "context field 'lines' is 0, but replaying the audit trail gives 2");
  }
  SECTION("an emptied audit trail") {
    const std::string trail = saved.substr(saved.find("\"audit\": ["));
    auto r = refused(rules, replaced(saved, trail, R"("audit": []})"));
    CHECK(r.code == ErrorCode::corrupt);
    CHECK(r.pointer == "/state");
    CHECK(r.message == "the session is in state 'approved', but its audit trail ends in 'draft' (the initial state)");
  }
  SECTION("an emptied audit trail, the state and last transition set back too") {
    const std::string trail = saved.substr(saved.find("\"audit\": ["));
    std::string forged = replaced(saved, trail, R"("audit": []})");
    forged = replaced(forged, R"("state": "approved", "last_transition": 1)",
                      R"("state": "draft", "last_transition": null)");
    auto r = refused(rules, forged);
    CHECK(r.code == ErrorCode::corrupt);
    CHECK(r.pointer == "/context/total");
    CHECK(r.message == "context field 'total' is 12345678.223456789, but replaying the audit trail gives 0");
  }
  SECTION("a forged state") {
    auto r = refused(rules, replaced(saved, R"("state": "approved")", R"("state": "shipped")"));
    CHECK(r.code == ErrorCode::corrupt);
    CHECK(r.pointer == "/state");
    CHECK(r.message == "the session is in state 'shipped', but its audit trail ends in 'approved'");
  }
  SECTION("a forged state with a forged last entry") {
    // approve (draft -> approved) turned into cancel (transition 4: draft -> cancelled).
    std::string forged = replaced(saved, R"("state": "approved", "last_transition": 1)",
                                  R"("state": "cancelled", "last_transition": 4)");
    forged = replaced(forged,
                      R"("event": "approve", "from": "draft", "to": "approved", "transition": 1, "data": {"by": "Li"})",
                      R"("event": "cancel", "from": "draft", "to": "cancelled", "transition": 4, "data": {})");
    CHECK(Session::restore_json(rules, forged));  // a trail the machine allows: consistent, if not authentic
  }
}

TEST_CASE("every member of a JSON session must be there and agree", "[machine][save][strict]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  struct Case {
    std::string from, to;
    ErrorCode code;
    std::string pointer;
  };
  const std::vector<Case> cases = {
      {R"("last_transition": 1, )", "", ErrorCode::missing, "/last_transition"},
      {R"("last_transition": 1)", R"("last_transition": 0)", ErrorCode::corrupt, "/last_transition"},
      {R"("last_transition": 1)", R"("last_transition": null)", ErrorCode::corrupt, "/last_transition"},
      {R"("lines": 2, )", "", ErrorCode::missing, "/context/lines"},
      {R"("lines": 2)", R"("lines": 2, "colour": 1)", ErrorCode::unknown_name, "/context/colour"},
      {R"("note": "a 长 note"}, "needs")", R"("note": null}, "needs")", ErrorCode::corrupt, "/context/note"},
      {R"("total": "12345678.223456789")", R"("total": "12345678.2234567890")", ErrorCode::corrupt, "/context/total"},
      {R"("description": "from a note")", R"("description": "forged")", ErrorCode::corrupt, "/needs/0/description"},
      {R"("description": "from a note", )", "", ErrorCode::missing, "/needs/0/description"},
      {R"("explicit": false)", R"("explicit": true)", ErrorCode::corrupt, "/needs/0/explicit"},
      {R"("buying_signal": false, )", "", ErrorCode::missing, "/needs/0/buying_signal"},
      {R"("benefits": []}], )", R"("benefits": [], "extra": 1}], )", ErrorCode::unknown_name, "/needs/0/extra"},
      {R"("benefits": []}], )",
       R"("benefits": []}, {"id": "x", "description": "", "category": "", "stakeholder": "", "owner": "personal", "level": "unknown", "stated": true, "explicit": true, "buying_signal": true, "problems": [], "implications": [], "payoffs": [], "benefits": []}], )",
       ErrorCode::corrupt, "/needs"},
      {R"("benefits": []}], )", R"("benefits": [], "maslow_group": "low"}], )", ErrorCode::corrupt,
       "/needs/0/maslow_group"},
      {R"({"time": 20, "event": "add", "from": "draft", "to": "draft", "transition": 0, "data": {"amount": "0.10", "note": null}}, )",
       "", ErrorCode::corrupt, "/context/total"},
      {R"("amount": "0.10", "note": null)", R"("amount": "0.10")", ErrorCode::missing, "/audit/1/data/note"},
      {R"("note": null)", R"("note": null, "colour": 1)", ErrorCode::unknown_name, "/audit/1/data/colour"},
      {R"("amount": "0.10")", R"("amount": "0.20")", ErrorCode::corrupt, "/context/total"},
      {R"("by": "Li"}})", R"("by": "Li"}, "note": "x"})", ErrorCode::unknown_name, "/audit/2/note"},
      {R"("time": 20)", R"("time": 5)", ErrorCode::corrupt, "/audit/1/time"},
      {R"("time": 10, )", "", ErrorCode::missing, "/audit/0/time"},
  };
  for (const auto& c : cases) {
    INFO(c.from << " -> " << c.to);
    auto r = refused(rules, replaced(saved, c.from, c.to));
    CHECK(r.code == c.code);
    CHECK(r.pointer == c.pointer);
  }
}

TEST_CASE("an audit trail the machine does not allow is refused", "[machine][save][strict]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  SECTION("an entry that starts where the trail is not") {
    // ship (approved -> shipped) in place of the second add.
    const std::string forged = replaced(
        saved,
        R"({"time": 20, "event": "add", "from": "draft", "to": "draft", "transition": 0, "data": {"amount": "0.10", "note": null}})",
        R"({"time": 20, "event": "ship", "from": "approved", "to": "shipped", "transition": 3, "data": {}})");
    auto r = refused(rules, forged);
    CHECK(r.code == ErrorCode::corrupt);
    CHECK(r.pointer == "/audit/1/from");
    CHECK(r.message == "the entry starts in state 'approved', but the audit trail is in 'draft'");
  }
  SECTION("an entry whose guard does not hold, replayed") {
    // Approval above the limit: the guard `total <= limit` refuses it.
    std::string forged = replaced(saved, R"("amount": "12345678.123456789")", R"("amount": "99999999.123456789")");
    forged = replaced(forged, R"("total": "12345678.223456789")", R"("total": "99999999.223456789")");
    CHECK(Session::restore_json(rules, forged));  // within the limit: consistent
    forged = replaced(forged, R"("amount": "0.10")", R"("amount": "1.10")");
    forged = replaced(forged, R"("total": "99999999.223456789")", R"("total": "100000000.223456789")");
    auto r = refused(rules, forged);
    CHECK(r.code == ErrorCode::corrupt);
    CHECK(r.pointer == "/audit/2");
    CHECK_THAT(r.message,
               Catch::StartsWith("replaying the audit trail from the initial state, this entry fails: "
                                 "event 'approve' is allowed in state 'draft' but no transition is enabled"));
  }
}

namespace {

void reseal(std::vector<std::uint8_t>& bytes) {
  const std::uint64_t sum = crm::internal::xxh64(bytes.data(), bytes.size() - 8);
  for (std::size_t i = 0; i < 8; ++i) bytes[bytes.size() - 8 + i] = static_cast<std::uint8_t>(sum >> (8 * i));
}

std::string refused_bytes(const crm::RuleSet& rules, const std::vector<std::uint8_t>& bytes) {
  auto r = Session::restore(rules, bytes);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::corrupt);
  return r.error().message;
}

}  // namespace

TEST_CASE("saved bytes: the audit trail must lead from the initial state to the saved one", "[machine][save][strict]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  Session s = busy_session(rules);
  REQUIRE(s.fire("ship", 40));
  const auto bytes = s.save();
  // The state and the last transition follow the header (20 bytes) and the four names.
  const std::size_t state_at = 20 + (4 + 6) + (4 + 3) + (4 + 5) + (4 + 3);
  REQUIRE(bytes[state_at] == 2);      // shipped
  REQUIRE(bytes[state_at + 4] == 3);  // ship
  auto forged_state = bytes;
  forged_state[state_at] = 3;  // cancelled
  reseal(forged_state);
  CHECK_THAT(
      refused_bytes(rules, forged_state),
      Catch::StartsWith("damaged saved session: the state is 'cancelled', but the audit trail ends in 'shipped'"));
  auto forged_last = bytes;
  forged_last[state_at + 4] = 4;
  reseal(forged_last);
  CHECK_THAT(refused_bytes(rules, forged_last),
             Catch::StartsWith("damaged saved session: the last transition is not the audit trail's last entry's"));

  // The approval taken out of the trail: ship then starts where the trail is not.
  const std::vector<std::uint8_t> approve = {30, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};  // time 30, event approve
  const auto at = std::search(bytes.begin(), bytes.end(), approve.begin(), approve.end());
  REQUIRE(at != bytes.end());
  const std::size_t entry = static_cast<std::size_t>(at - bytes.begin());
  const std::size_t entry_size = 8 + 4 * 4 + (1 + 4 + 2);  // time, ids, the string "Li"
  std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(entry));
  cut.insert(cut.end(), bytes.begin() + static_cast<std::ptrdiff_t>(entry + entry_size), bytes.end());
  // The entry count (3 -> 2) is the u32 just before the first entry (time 10, event add).
  const std::vector<std::uint8_t> first = {10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  const auto first_at = std::search(cut.begin(), cut.end(), first.begin(), first.end()) - cut.begin();
  REQUIRE(cut[static_cast<std::size_t>(first_at) - 4] == 4);
  cut[static_cast<std::size_t>(first_at) - 4] = 3;
  const auto total = static_cast<std::uint32_t>(cut.size());
  for (std::size_t i = 0; i < 4; ++i) cut[8 + i] = static_cast<std::uint8_t>(total >> (8 * i));
  reseal(cut);
  CHECK_THAT(refused_bytes(rules, cut), Catch::StartsWith("damaged saved session: audit entry 2 starts in state "
                                                          "'approved', but the audit trail is in 'draft'"));
}

TEST_CASE("saved bytes: a need's level must fit its owner, as in JSON", "[machine][save][strict]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  const auto bytes = busy_session(rules).save();
  // The need: its id, "from a note", two empty strings, then owner, level and stated.
  const std::string description = "from a note";
  const auto at = std::search(bytes.begin(), bytes.end(), description.begin(), description.end()) - bytes.begin();
  const auto owner_at = static_cast<std::size_t>(at) + description.size() + 4 + 4;
  REQUIRE(bytes[owner_at] == 1);      // organisational
  REQUIRE(bytes[owner_at + 1] == 0);  // unknown
  for (const std::uint8_t level : {std::uint8_t{6}, std::uint8_t{8}}) {  // price, strategy
    auto fits = bytes;
    fits[owner_at + 1] = level;
    reseal(fits);
    CHECK(Session::restore(rules, fits));
  }
  auto personal = bytes;
  personal[owner_at + 1] = 1;  // physiological: a personal need's level
  reseal(personal);
  CHECK_THAT(refused_bytes(rules, personal), Catch::StartsWith("damaged saved session: need 'a 长 note'"));
  personal[owner_at] = 0;  // ... and a personal owner
  reseal(personal);
  CHECK(Session::restore(rules, personal));
}
