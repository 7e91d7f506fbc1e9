// libFuzzer target: restoring saved sessions (Session::restore). The first byte picks a
// built-in machine; the rest is the saved body after the names (state, context, needs,
// audit trail). The harness puts that machine's own header before it, then sets the
// total length and the checksum, so that the fuzzer explores the body instead of failing
// the checksum. A body must restore or fail cleanly; a restored session must save and
// restore to the same bytes.
//
// Seeds (session_seeds/): the selector byte, then a real session's body, without its
// checksum. spin_conversation is examples/sales_conversation/spin.json run by
// `crmrules session spin ... --save`; lscpa_price_objection is the first four events of
// the price objection; fabe_fresh a new FABE session. A seed gone stale (a machine
// changed) still starts the fuzzer, only further from a valid body.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "src/core/little_endian.hpp"
#include "src/core/xxh64.hpp"
#include "crmrules/machine.hpp"
#include "crmrules/session.hpp"

namespace {

constexpr std::array<std::string_view, 3> machines = {"spin", "fabe", "lscpa"};

/// A fresh session's saved bytes up to the end of the four names.
std::vector<std::uint8_t> header_of(std::string_view machine) {
  const std::vector<std::uint8_t> saved = crm::Machine::builtin(machine)->start().save();
  std::size_t at = 20;
  for (int name = 0; name < 4; ++name) at += 4 + crm::internal::read_le<std::uint32_t>(saved.data() + at);
  return {saved.begin(), saved.begin() + static_cast<std::ptrdiff_t>(at)};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::array<std::vector<std::uint8_t>, 3> headers = {header_of(machines[0]), header_of(machines[1]),
                                                                   header_of(machines[2])};
  if (size == 0) return 0;
  std::vector<std::uint8_t> bytes = headers[data[0] % machines.size()];
  bytes.insert(bytes.end(), data + 1, data + size);
  bytes.resize(bytes.size() + 8);
  const auto total = static_cast<std::uint32_t>(bytes.size());
  for (std::size_t i = 0; i < 4; ++i) bytes[8 + i] = static_cast<std::uint8_t>(total >> (8 * i));
  const std::uint64_t sum = crm::internal::xxh64(bytes.data(), bytes.size() - 8);
  for (std::size_t i = 0; i < 8; ++i) bytes[bytes.size() - 8 + i] = static_cast<std::uint8_t>(sum >> (8 * i));

  const crm::RuleSet& rules = crm::Machine::builtin_rules();
  auto session = crm::Session::restore(rules, bytes);
  if (!session) return 0;
  (void)session->status_json();
  (void)session->audit_json();
  const std::vector<std::uint8_t> again = session->save();
  auto back = crm::Session::restore(rules, again);
  if (!back || back->save() != again) __builtin_trap();
  return 0;
}
