// libFuzzer target: restoring saved sessions (Session::restore). The first byte picks a
// built-in machine (its value modulo 3) and whether the session is sealed (the value
// divided by 3, odd: format 3 under a fixed key); the rest is the saved body after the
// names (state, context, needs, audit trail). The harness puts that machine's own header
// before it, then sets the format, the total length and the checksum or the MAC, so that
// the fuzzer explores the body instead of failing the checksum or the seal. A body must
// restore or fail cleanly. A restored session must save and restore to the same bytes,
// sealed or not; saved as sealed JSON it must restore to the same document; saved as
// plain JSON it either restores to the same document or is refused as corrupt (the
// bytes' audit trail is checked for its chain of states, not replayed as JSON's is).
//
// Seeds (session_seeds/): the selector byte, then a real session's body, without its
// checksum. spin_conversation is examples/sales_conversation/spin.json run by
// `crmrules session spin ... --save`; lscpa_price_objection is the first four events of
// the price objection (lscpa_price_objection_sealed: the same body, sealed); fabe_fresh a
// new FABE session. A seed gone stale (a machine changed) still starts the fuzzer, only
// further from a valid body.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "src/core/little_endian.hpp"
#include "src/core/xxh64.hpp"
#include "src/machine/seal.hpp"
#include "crmrules/machine.hpp"
#include "crmrules/session.hpp"

namespace {

constexpr std::array<std::string_view, 3> machines = {"spin", "fabe", "lscpa"};
constexpr std::array<std::uint8_t, 32> key_bytes = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
                                                    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

/// A fresh session's saved bytes up to the end of the four names.
std::vector<std::uint8_t> header_of(std::string_view machine) {
  const std::vector<std::uint8_t> saved = crm::Machine::builtin(machine)->start().save();
  std::size_t at = 20;
  for (int name = 0; name < 4; ++name) at += 4 + crm::internal::read_le<std::uint32_t>(saved.data() + at);
  return {saved.begin(), saved.begin() + static_cast<std::ptrdiff_t>(at)};
}

/// The header, the body and the trailer: an XXH64 checksum (format 2) or, sealed, the
/// HMAC-SHA-256 under the key (format 3).
std::vector<std::uint8_t> saved_bytes(const std::vector<std::uint8_t>& header, const std::uint8_t* body,
                                      std::size_t size, bool sealed) {
  std::vector<std::uint8_t> bytes = header;
  bytes.insert(bytes.end(), body, body + size);
  const std::size_t trailer = sealed ? crm::internal::machine::mac_size : 8;
  bytes.resize(bytes.size() + trailer);
  bytes[4] = sealed ? 3 : 2;
  const auto total = static_cast<std::uint32_t>(bytes.size());
  for (std::size_t i = 0; i < 4; ++i) bytes[8 + i] = static_cast<std::uint8_t>(total >> (8 * i));
  const std::size_t before = bytes.size() - trailer;
  if (sealed) {
    const auto mac = crm::internal::machine::hmac_sha256(key_bytes, std::span<const std::uint8_t>(bytes.data(), before));
    if (!mac) __builtin_trap();
    std::memcpy(bytes.data() + before, mac->data(), mac->size());
  } else {
    const std::uint64_t sum = crm::internal::xxh64(bytes.data(), before);
    for (std::size_t i = 0; i < 8; ++i) bytes[before + i] = static_cast<std::uint8_t>(sum >> (8 * i));
  }
  return bytes;
}

/// What a restored session must do again: save and restore to the same bytes; sealed
/// JSON to the same document; plain JSON the same, or refused as corrupt.
void check_round_trips(const crm::Session& session, bool sealed) {
  const crm::RuleSet& rules = crm::Machine::builtin_rules();
  const crm::SessionKey key(key_bytes);
  const std::vector<std::uint8_t> again = sealed ? *session.save(key) : session.save();
  auto back = sealed ? crm::Session::restore(rules, again, key) : crm::Session::restore(rules, again);
  if (!back || (sealed ? *back->save(key) : back->save()) != again) __builtin_trap();
  const std::string json = session.save_json();
  auto from_sealed = crm::Session::restore_json(rules, *session.save_json(key), key);
  if (!from_sealed || from_sealed->save_json() != json) __builtin_trap();
  auto from_plain = crm::Session::restore_json(rules, json);
  if (from_plain ? from_plain->save_json() != json : from_plain.error().code != crm::ErrorCode::corrupt)
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::array<std::vector<std::uint8_t>, 3> headers = {header_of(machines[0]), header_of(machines[1]),
                                                                   header_of(machines[2])};
  if (size == 0) return 0;
  const bool sealed = (data[0] / machines.size()) % 2 == 1;
  const std::vector<std::uint8_t> bytes = saved_bytes(headers[data[0] % machines.size()], data + 1, size - 1, sealed);

  const crm::RuleSet& rules = crm::Machine::builtin_rules();
  const crm::SessionKey key(key_bytes);
  auto session = sealed ? crm::Session::restore(rules, bytes, key) : crm::Session::restore(rules, bytes);
  if (!session) return 0;
  (void)session->status_json();
  (void)session->audit_json();
  check_round_trips(*session, sealed);
  return 0;
}
