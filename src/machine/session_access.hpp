// Private: SessionAccess, the one friend of Session and Machine, through which the saved
// forms reach a session's state: the bytes (SessionAccess::Bytes, save_binary.cpp) and
// the JSON document (SessionAccess::Json, save_json.cpp). Also what both forms and
// firing share: the needs' counts in the frame, and the error of a machine whose
// definition changed since the save.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "crmrules/session.hpp"
#include "src/machine/compiled.hpp"

namespace crm {

struct SessionAccess {
  struct Bytes;  // save_binary.cpp
  struct Json;   // save_json.cpp

  /// Sets the frame's needs.total, needs.explicit and needs.latent from the session's needs.
  static void count_needs(Session& s) {
    std::int64_t explicit_count = 0;
    for (const auto& n : s.needs_) explicit_count += n.is_explicit() ? 1 : 0;
    const auto total = static_cast<std::int64_t>(s.needs_.size());
    const std::uint32_t slot = s.m_->needs_slot;
    s.frame_[slot] = Decimal::from_int(total);
    s.frame_[slot + 1] = Decimal::from_int(explicit_count);
    s.frame_[slot + 2] = Decimal::from_int(total - explicit_count);
  }
};

namespace internal::machine {

/// version_mismatch: the session was saved under another definition of machine `m`.
[[gnu::cold]] inline unexpected definition_changed(const CompiledMachine& m, std::string_view saved_rule_set_version,
                                                   std::string_view saved_version) {
  return fail(ErrorCode::version_mismatch,
              "machine '" + m.name + "' has changed since the session was saved (saved under rule set '" + m.rule_set +
                  "' version '" + std::string(saved_rule_set_version) + "', machine version '" +
                  std::string(saved_version) + "'; loaded: version '" + m.rule_set_version + "', machine version '" +
                  m.version + "'): restore it with the definition it was saved under");
}

}  // namespace internal::machine

}  // namespace crm
