// Sealed sessions: saved under a key, bytes (format 3) and JSON (a "seal" member) restore
// only under that key and only unchanged; without a key, a sealed session is refused.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "crmrules/session.hpp"
#include "machine_fixture.hpp"
#include "src/core/xxh64.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::Session;
using crm::SessionKey;

namespace {

const std::vector<std::uint8_t> server_key = {0x3a, 0x91, 0x07, 0xc2, 0x55, 0xe8, 0x1f, 0x6d, 0xa0, 0x4b, 0x99,
                                              0x12, 0xfe, 0x70, 0x28, 0xd3, 0x64, 0x0c, 0xb7, 0x81, 0x5e, 0x2a,
                                              0xc9, 0x36, 0x4f, 0xe1, 0x08, 0x9d, 0x73, 0xba, 0x15, 0x60};
const SessionKey key{server_key};

ErrorCode code_of(const crm::expected<Session>& r) {
  REQUIRE_FALSE(r);
  return r.error().code;
}

/// `json` with `from` (which must be there) replaced by `to`.
}  // namespace

TEST_CASE("a sealed session round-trips, as bytes (format 3) and as JSON", "[machine][save][seal]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  const Session s = busy_session(rules);
  const auto sealed = s.save(key);
  REQUIRE(sealed);
  CHECK((*sealed)[4] == 3);
  const auto plain = s.save();
  // The same body; 32 bytes of MAC in place of the 8 of the checksum.
  CHECK(sealed->size() == plain.size() + 24);
  CHECK(std::equal(plain.begin() + 12, plain.end() - 8, sealed->begin() + 12));
  auto back = Session::restore(rules, *sealed, key);
  REQUIRE(back);
  CHECK(back->save_json() == s.save_json());
  CHECK(*back->save(key) == *sealed);
  std::vector<std::uint8_t> reused;
  REQUIRE(s.save(key, reused));
  CHECK(reused == *sealed);

  const auto json = s.save_json(key);
  REQUIRE(json);
  CHECK(json->starts_with(s.save_json().substr(0, s.save_json().size() - 1) + ", \"seal\": \"hmac-sha256:"));
  auto from_json = Session::restore_json(rules, *json, key);
  REQUIRE(from_json);
  CHECK(from_json->save_json() == s.save_json());
  // The key may be given as text too: the same bytes, the same seal.
  const std::string text_key(server_key.begin(), server_key.end());
  CHECK(*s.save(SessionKey(std::string_view(text_key))) == *sealed);
}

TEST_CASE("every changed byte of a sealed session is refused", "[machine][save][seal]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  const auto sealed = *busy_session(rules).save(key);
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    for (const std::uint8_t flip : {std::uint8_t{0x01}, std::uint8_t{0x80}}) {
      INFO("byte " << i << " ^ " << int{flip});
      auto changed = sealed;
      changed[i] ^= flip;
      const ErrorCode code = code_of(Session::restore(rules, changed, key));
      // The magic and the length say so before the MAC; the format byte may name another
      // format (1 and 2: not sealed); every other byte fails the seal.
      if (i < 4 || (i >= 8 && i < 12))
        CHECK(code == ErrorCode::corrupt);
      else if (i == 4)
        CHECK((code == ErrorCode::version_mismatch || code == ErrorCode::unauthenticated));
      else
        CHECK(code == ErrorCode::unauthenticated);
    }
  }
  for (std::size_t n = 0; n < sealed.size(); ++n)
    CHECK(Session::restore(rules, std::span(sealed.data(), n), key).error().code == ErrorCode::corrupt);
}

TEST_CASE("every changed byte of a sealed JSON session is refused", "[machine][save][seal]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  const std::string sealed = *busy_session(rules).save_json(key);
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    for (const char flip : {'\x01', '\x20'}) {
      INFO("byte " << i << " ^ " << int{flip} << " of " << sealed);
      std::string changed = sealed;
      changed[i] = static_cast<char>(changed[i] ^ flip);
      CHECK_FALSE(Session::restore_json(rules, changed, key));
    }
  }
}

TEST_CASE("a sealed JSON session may be reordered and respaced, not changed", "[machine][save][seal]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  const Session s = busy_session(rules);
  const std::string sealed = *s.save_json(key);
  // The seal first, every member on a line of its own, the format last.
  const auto seal_at = sealed.find(", \"seal\"");
  std::string moved =
      "{" + sealed.substr(seal_at + 2, sealed.size() - seal_at - 3) + ", " + sealed.substr(1, seal_at - 1) + "}";
  moved = replaced(moved, "\"crmrules_session\": 1, ", "");
  moved = replaced(moved, "\"audit\": [", "\"crmrules_session\": 1,\n \"audit\": [");
  std::string spaced;
  for (const char c : moved) spaced += c == ',' ? std::string(",\n   ") : std::string(1, c);
  REQUIRE(spaced != sealed);
  auto back = Session::restore_json(rules, spaced, key);
  REQUIRE(back);
  CHECK(back->save_json() == s.save_json());
  // A number given as the text of the same decimal is the same session.
  CHECK(Session::restore_json(rules, replaced(sealed, "\"lines\": 2", "\"lines\": \"2\""), key));
  // Changed meaning is refused: a value, the scale of a decimal, a state.
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"\"lines\": 2", "\"lines\": 1"},
                                 {"\"amount\": \"0.10\"", "\"amount\": \"0.1\""},
                                 {"\"total\": \"12345678.223456789\"", "\"total\": \"12345678.223456780\""},
                                 {"\"by\": \"Li\"", "\"by\": \"Lu\""}}) {
    INFO(from << " -> " << to);
    auto r = Session::restore_json(rules, replaced(sealed, from, to), key);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == ErrorCode::unauthenticated);
    CHECK(r.error().where.pointer == "/seal");
    CHECK(r.error().message ==
          "the seal does not match: the session was changed after it was sealed, or sealed under another key");
  }
}

TEST_CASE("under a key, an unsealed session is refused, without one, a sealed one", "[machine][save][seal]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  const Session s = busy_session(rules);
  auto bytes = Session::restore(rules, s.save(), key);
  CHECK(code_of(bytes) == ErrorCode::unauthenticated);
  CHECK(bytes.error().message ==
        "the session is not sealed (format 2): a restore under a key takes only sessions sealed under that key");
  auto json = Session::restore_json(rules, s.save_json(), key);
  CHECK(code_of(json) == ErrorCode::unauthenticated);
  CHECK(json.error().message ==
        "the session is not sealed: a restore under a key takes only sessions sealed under that key");

  auto sealed_bytes = Session::restore(rules, *s.save(key));
  CHECK(code_of(sealed_bytes) == ErrorCode::unauthenticated);
  CHECK(sealed_bytes.error().message ==
        "the session is sealed (format 3): restore it with the key it was sealed under");
  auto sealed_json = Session::restore_json(rules, *s.save_json(key));
  CHECK(code_of(sealed_json) == ErrorCode::unauthenticated);
  CHECK(sealed_json.error().where.pointer == "/seal");
  CHECK(sealed_json.error().where.line == 1);

  // A sealed session relabelled as format 2 with a checksum in place of its MAC is an
  // unsealed one: refused under the key (and without one, just an unsealed session).
  const auto sealed_body = *s.save(key);
  std::vector<std::uint8_t> relabelled(sealed_body.begin(), sealed_body.end() - 32);
  relabelled[4] = 2;
  relabelled.resize(relabelled.size() + 8);
  const auto total = static_cast<std::uint32_t>(relabelled.size());
  for (std::size_t i = 0; i < 4; ++i) relabelled[8 + i] = static_cast<std::uint8_t>(total >> (8 * i));
  const std::uint64_t sum = crm::internal::xxh64(relabelled.data(), relabelled.size() - 8);
  for (std::size_t i = 0; i < 8; ++i) relabelled[relabelled.size() - 8 + i] = static_cast<std::uint8_t>(sum >> (8 * i));
  CHECK(code_of(Session::restore(rules, relabelled, key)) == ErrorCode::unauthenticated);
  CHECK(Session::restore(rules, relabelled));
  // A seal that is not one.
  const std::string sealed = *s.save_json(key);
  for (const std::string& bad : {std::string("\"seal\": 1"), std::string("\"seal\": \"hmac-sha256:00\""),
                                 std::string("\"seal\": \"sha1:") + std::string(64, '0') + "\""}) {
    const std::string doc = sealed.substr(0, sealed.find("\"seal\"")) + bad + "}";
    auto r = Session::restore_json(rules, doc, key);
    CHECK(code_of(r) == ErrorCode::unauthenticated);
    CHECK(r.error().where.pointer == "/seal");
  }
}

TEST_CASE("another key is refused, a key has at least 16 bytes", "[machine][save][seal]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  const Session s = busy_session(rules);
  auto other = server_key;
  other.back() ^= 1;
  CHECK(code_of(Session::restore(rules, *s.save(key), SessionKey(other))) == ErrorCode::unauthenticated);
  CHECK(code_of(Session::restore_json(rules, *s.save_json(key), SessionKey(other))) == ErrorCode::unauthenticated);
  // A longer key with the same start is another key (unless it adds only zero bytes:
  // HMAC pads a key shorter than its 64-byte block with zeros).
  auto longer = server_key;
  longer.push_back(0x5a);
  CHECK(code_of(Session::restore(rules, *s.save(key), SessionKey(longer))) == ErrorCode::unauthenticated);

  const std::vector<std::uint8_t> short_key(15, 1), min_key(16, 1);
  const std::string message = "a session key has at least 16 bytes (32 random bytes are recommended), not 15";
  CHECK(s.save(SessionKey(short_key)).error().message == message);
  CHECK(s.save_json(SessionKey(short_key)).error().code == ErrorCode::invalid_argument);
  std::vector<std::uint8_t> out = {1, 2, 3};
  CHECK(s.save(SessionKey(short_key), out).error().code == ErrorCode::invalid_argument);
  CHECK(out == std::vector<std::uint8_t>{1, 2, 3});  // left as it was
  CHECK(Session::restore(rules, s.save(), SessionKey(short_key)).error().message == message);
  CHECK(Session::restore_json(rules, s.save_json(), SessionKey(short_key)).error().code == ErrorCode::invalid_argument);
  CHECK(Session::restore(rules, *s.save(SessionKey(min_key)), SessionKey(min_key)));
  CHECK(Session::restore_json(rules, *s.save_json(SessionKey(min_key)), SessionKey(min_key)));
}

TEST_CASE("a sealed session is still checked against the rule set", "[machine][save][seal]") {
  const auto rules = loaded_rules(order_rules("1.0", "100000000"));
  const Session s = busy_session(rules);
  const auto changed = loaded_rules(order_rules("1.1", "2000"));
  CHECK(code_of(Session::restore(changed, *s.save(key), key)) == ErrorCode::version_mismatch);
  CHECK(code_of(Session::restore_json(changed, *s.save_json(key), key)) == ErrorCode::version_mismatch);
  // A new version of the rule set whose machine is unchanged restores fine.
  const auto same = loaded_rules(order_rules("1.2", "100000000"));
  CHECK(Session::restore(same, *s.save(key), key));
  CHECK(Session::restore_json(same, *s.save_json(key), key));
}
