// Saving sessions to bytes and JSON and restoring them: round trips, and every way a
// saved session can be wrong.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "src/core/xxh64.hpp"
#include "crmrules/session.hpp"
#include "machine_fixture.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::Session;

namespace {

const std::string big = "100000000";  // a limit the busy session stays under

void same(const Session& a, const Session& b) {
  CHECK(a.state() == b.state());
  CHECK(a.save_json() == b.save_json());
  CHECK(a.audit_json() == b.audit_json());
  CHECK(a.needs_json() == b.needs_json());
  CHECK(*a.recommendations_json() == *b.recommendations_json());
}

}  // namespace

TEST_CASE("a session survives bytes and JSON exactly", "[machine][save]") {
  const auto rules = loaded_rules(order_rules("1.0", big));
  const Session s = busy_session(rules);
  const auto bytes = s.save();
  auto back = Session::restore(rules, bytes);
  REQUIRE(back);
  same(s, *back);
  CHECK(back->get("total")->as_decimal().to_string() == "12345678.223456789");
  CHECK(back->save() == bytes);
  auto from_json = Session::restore_json(rules, s.save_json());
  REQUIRE(from_json);
  same(s, *from_json);
  // The restored session goes on where the saved one stopped.
  REQUIRE(back->fire("ship", 40));
  CHECK(back->is_final());
  CHECK(back->audit_size() == 4);
}

TEST_CASE("the saved forms name the rule set, the machine and the definition", "[machine][save]") {
  const auto rules = loaded_rules(order_rules("1.0", big));
  const Session s = busy_session(rules);
  const std::string json = s.save_json();
  CHECK(json.find(R"("rule_set": "orders", "rule_set_version": "1.0", "machine": "order", "machine_version": "1.0")") !=
        std::string::npos);
  CHECK(json.find(R"("definition": ")") != std::string::npos);
  const auto bytes = s.save();
  CHECK(std::string(bytes.begin(), bytes.begin() + 4) == "CRMS");
  CHECK(bytes[4] == 2);
  std::vector<std::uint8_t> reused;
  reused.reserve(4096);
  s.save(reused);
  CHECK(reused == bytes);
}

TEST_CASE("truncated bytes are a corrupt error, every length of them", "[machine][save]") {
  const auto rules = loaded_rules(order_rules("1.0", big));
  const auto bytes = busy_session(rules).save();
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto r = Session::restore(rules, std::span(bytes.data(), n));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::corrupt);
    if (n >= 28) CHECK(r.error().message.find("truncated saved session: " + std::to_string(n) + " of its") == 0);
  }
}

TEST_CASE("any damaged byte is caught", "[machine][save]") {
  const auto rules = loaded_rules(order_rules("1.0", big));
  const auto bytes = busy_session(rules).save();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto damaged = bytes;
    damaged[i] ^= 0x20;
    auto r = Session::restore(rules, damaged);
    REQUIRE_FALSE(r);
    // The format byte says "another version"; every other byte is corruption.
    CHECK(r.error().code == (i == 4 ? ErrorCode::version_mismatch : ErrorCode::corrupt));
  }
  auto longer = bytes;
  longer.push_back(0);
  CHECK(Session::restore(rules, longer).error().code == ErrorCode::corrupt);
  const std::vector<std::uint8_t> junk(64, 0x41);
  CHECK(Session::restore(rules, junk).error().message == "not a saved crmrules session (no CRMS magic)");
}

TEST_CASE("a changed definition refuses the saved session, naming both versions", "[machine][save]") {
  const auto rules = loaded_rules(order_rules("1.0", big));
  const Session s = busy_session(rules);
  const auto changed = loaded_rules(order_rules("1.1", "2000"));
  auto r = Session::restore(changed, s.save());
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::version_mismatch);
  CHECK(r.error().message.find("machine 'order' has changed since the session was saved (saved under rule set 'orders' "
                               "version '1.0', machine version '1.0'; loaded: version '1.1'") == 0);
  auto j = Session::restore_json(changed, s.save_json());
  REQUIRE_FALSE(j);
  CHECK(j.error().code == ErrorCode::version_mismatch);
  CHECK(j.error().where.pointer == "/definition");
  // A new version of the rule set whose machine is the same restores fine.
  CHECK(Session::restore(loaded_rules(order_rules("1.2", big)), s.save()));
}

TEST_CASE("another rule set or a missing machine is refused", "[machine][save]") {
  const auto rules = loaded_rules(order_rules("1.0", big));
  const auto bytes = busy_session(rules).save();
  std::string other = order_rules("1.0", big);
  other.replace(other.find("\"orders\""), 8, "\"others\"");
  auto r = Session::restore(loaded_rules(other), bytes);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::version_mismatch);
  CHECK(r.error().message == "the session was saved under rule set 'orders', not 'others'");
  std::string renamed = order_rules("1.0", big);
  renamed.replace(renamed.find("\"order\":"), 8, "\"orderx\":");
  auto m = Session::restore(loaded_rules(renamed), bytes);
  REQUIRE_FALSE(m);
  CHECK(m.error().code == ErrorCode::unknown_name);
}

TEST_CASE("another format version is version_mismatch", "[machine][save]") {
  const auto rules = loaded_rules(order_rules("1.0", big));
  auto bytes = busy_session(rules).save();
  CHECK(bytes[4] == 2);
  for (const std::uint8_t format : {std::uint8_t{0}, std::uint8_t{4}}) {
    bytes[4] = format;
    auto r = Session::restore(rules, bytes);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::version_mismatch);
    CHECK(r.error().message == "saved session format " + std::to_string(format) +
                                   " is not supported (this library reads formats 1, 2 and 3)");
  }
  std::string json = busy_session(rules).save_json();
  json.replace(json.find("\"crmrules_session\": 1"), 21, "\"crmrules_session\": 7");
  CHECK(Session::restore_json(rules, json).error().code == ErrorCode::version_mismatch);
}

TEST_CASE("a session saved in format 1 still restores", "[machine][save]") {
  // busy_session() saved by the library before format 2 (which changed only the checksum).
  const std::string hex =
      "43524d53010000005f010000f6590a9bec07a403060000006f72646572730300"
      "0000312e30050000006f7264657203000000312e300100000001000000040000"
      "000209153a053554dc2b000000000000000000020000e1f50500000000000000"
      "0000000000020002000000000000000000000000000000030a0000006120e995"
      "bf206e6f7465010000000a0000006120e995bf206e6f74650b00000066726f6d"
      "2061206e6f74650000000000000000010000010000000a0000006120e995bf20"
      "6e6f7465000000000000000000000000030000000a0000000000000000000000"
      "000000000000000000000000020915590f2f54dc2b000000000000000000030a"
      "0000006120e995bf206e6f746514000000000000000000000000000000000000"
      "000000000002020a000000000000000000000000000000001e00000000000000"
      "0100000000000000010000000100000003020000004c69ff87925adfb96e63";
  std::vector<std::uint8_t> format1;
  for (std::size_t i = 0; i < hex.size(); i += 2) format1.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  const auto rules = loaded_rules(order_rules("1.0", big));
  auto back = Session::restore(rules, format1);
  REQUIRE(back);
  same(busy_session(rules), *back);
  CHECK(back->save() == busy_session(rules).save());  // saved again: format 2
  // Its checksum is format 1's: a changed byte is caught, and so is the format-2 byte.
  auto damaged = format1;
  damaged[damaged.size() / 2] ^= 1;
  CHECK(Session::restore(rules, damaged).error().code == ErrorCode::corrupt);
  auto relabelled = format1;
  relabelled[4] = 2;
  CHECK(Session::restore(rules, relabelled).error().message ==
        "damaged saved session: the checksum does not match its content");
}

TEST_CASE("a damaged JSON session is refused at its place", "[machine][save]") {
  const auto rules = loaded_rules(order_rules("1.0", big));
  const std::string json = busy_session(rules).save_json();
  auto bad_state = json;
  bad_state.replace(bad_state.find("\"state\": \"approved\""), 19, "\"state\": \"aproved\"");
  auto r = Session::restore_json(rules, bad_state);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == ErrorCode::unknown_name);
  CHECK(r.error().where.pointer == "/state");
  CHECK(r.error().where.line == 1);
  auto bad_value = json;
  bad_value.replace(bad_value.find("\"lines\": 2"), 10, "\"lines\": 9");
  auto v = Session::restore_json(rules, bad_value);
  REQUIRE_FALSE(v);
  CHECK(v.error().code == ErrorCode::out_of_range);
  CHECK(v.error().where.pointer == "/context/lines");
  CHECK(Session::restore_json(rules, json.substr(0, json.size() / 2)).error().code == ErrorCode::parse);
  auto bad_audit = json;
  bad_audit.replace(bad_audit.find("\"transition\": 1"), 15, "\"transition\": 3");
  auto a = Session::restore_json(rules, bad_audit);
  REQUIRE_FALSE(a);
  CHECK(a.error().code == ErrorCode::corrupt);
}

TEST_CASE("an event without data as the last audit entry round-trips", "[machine][save]") {
  const auto rules = loaded_rules(order_rules("1.0", big));
  Session s = busy_session(rules);
  REQUIRE(s.fire("ship", 50));
  auto back = Session::restore(rules, s.save());
  REQUIRE(back);
  same(s, *back);
}

namespace {

void seal(std::vector<std::uint8_t>& bytes) {
  const std::uint64_t sum = crm::internal::xxh64(bytes.data(), bytes.size() - 8);  // format 2's checksum
  for (std::size_t i = 0; i < 8; ++i) bytes[bytes.size() - 8 + i] = static_cast<std::uint8_t>(sum >> (8 * i));
}

}  // namespace

// Restore checks strings eight bytes at a time for non-ASCII bytes before it decodes
// UTF-8: every length and every place of a non-ASCII byte must give the general answer.
TEST_CASE("strings of every length: non-ASCII at any place is decoded, invalid UTF-8 refused", "[machine][save]") {
  const auto rules = loaded_rules(order_rules());
  for (std::size_t length = 2; length <= 24; ++length) {
    auto s = *Session::start(rules, "order");
    const std::string note(length, '~');
    REQUIRE(s.fire("add", 10, {{"amount", Decimal::from_int(1)}, {"note", note}}));
    const std::vector<std::uint8_t> saved = s.save();
    REQUIRE(Session::restore(rules, saved));
    const auto at = std::search(saved.begin(), saved.end(), note.begin(), note.end()) - saved.begin();
    REQUIRE(static_cast<std::size_t>(at) + length < saved.size());
    for (std::size_t k = 0; k + 1 < length; ++k) {
      INFO("length " << length << ", byte " << k);
      std::vector<std::uint8_t> valid = saved;  // "é" in place of two bytes
      valid[static_cast<std::size_t>(at) + k] = 0xC3;
      valid[static_cast<std::size_t>(at) + k + 1] = 0xA9;
      seal(valid);
      auto back = Session::restore(rules, valid);
      REQUIRE(back);
      std::string expected = note;
      expected.replace(k, 2, "\xC3\xA9");
      CHECK(back->get("note")->as_string() == expected);

      std::vector<std::uint8_t> invalid = saved;  // a byte that starts no UTF-8 character
      invalid[static_cast<std::size_t>(at) + k] = 0xFF;
      seal(invalid);
      auto refused = Session::restore(rules, invalid);
      REQUIRE_FALSE(refused);
      CHECK(refused.error().code == ErrorCode::corrupt);
      CHECK_THAT(refused.error().message, Catch::Contains("not UTF-8"));
    }
  }
}

namespace {

/// `bytes` with `old_size` bytes at `at` replaced by `with`, the total length at byte 8
/// fixed and the checksum sealed: damage that only the value checks can find.
std::vector<std::uint8_t> spliced(std::vector<std::uint8_t> bytes, std::size_t at, std::size_t old_size,
                                  const std::vector<std::uint8_t>& with) {
  bytes.erase(bytes.begin() + static_cast<std::ptrdiff_t>(at), bytes.begin() + static_cast<std::ptrdiff_t>(at + old_size));
  bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), with.begin(), with.end());
  const auto total = static_cast<std::uint32_t>(bytes.size());
  for (std::size_t i = 0; i < 4; ++i) bytes[8 + i] = static_cast<std::uint8_t>(total >> (8 * i));
  seal(bytes);
  return bytes;
}

}  // namespace

TEST_CASE("a damaged value is refused at its byte, saying what is wrong, one a field accepts is converted", "[machine][save]") {
  const auto rules = loaded_rules(order_rules("1.0", big));
  const auto saved = Session::start(rules, "order")->save();  // context: total 0, limit, lines 0, note null
  // The context follows the header (20 bytes), the four names ("orders", "1.0", "order",
  // "1.0", each after a u32 length), the state, the last transition and the count.
  const std::size_t total_at = 20 + (4 + 6) + (4 + 3) + (4 + 5) + (4 + 3) + 3 * 4;
  const std::size_t lines_at = total_at + 2 * 18;  // after two decimals
  const std::size_t note_at = lines_at + 18;
  REQUIRE(saved[total_at] == 2);
  REQUIRE(saved[lines_at] == 2);
  REQUIRE(saved[note_at] == 0);
  const auto message = [&](const std::vector<std::uint8_t>& bytes) {
    auto r = Session::restore(rules, bytes);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::corrupt);
    return r.error().message;
  };
  const std::string at_note = " at byte " + std::to_string(note_at);
  CHECK(message(spliced(saved, note_at, 1, {200})) == "damaged saved session: unknown value kind 200" + at_note);
  CHECK(message(spliced(saved, note_at, 1, {1, 2})) == "damaged saved session: a bool is 2" + at_note);
  CHECK(message(spliced(saved, note_at, 1, {3, 0xFF, 0xFF, 0, 0})) == "damaged saved session: a value runs past the end" + at_note);
  auto bad_scale = saved;
  bad_scale[total_at + 1] = 200;
  seal(bad_scale);
  CHECK_THAT(message(bad_scale), Catch::Contains("scale") && Catch::EndsWith(" at byte " + std::to_string(total_at)));
  // "lines" is an integer from 0 to 3: a bool is refused, 9 is out of range, the text "2"
  // is what the field makes of it, as when an event gives it.
  CHECK_THAT(message(spliced(saved, lines_at, 18, {1, 1})), Catch::Contains("field 'lines'"));
  std::vector<std::uint8_t> nine(18, 0), two_text = {3, 1, 0, 0, 0, '2'};
  nine[0] = 2;
  nine[2] = 9;
  CHECK_THAT(message(spliced(saved, lines_at, 18, nine)), Catch::Contains("field 'lines'"));
  auto converted = Session::restore(rules, spliced(saved, lines_at, 18, two_text));
  REQUIRE(converted);
  CHECK(converted->get("lines")->as_decimal() == Decimal::from_int(2));
}
