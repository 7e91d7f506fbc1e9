// Private: the hashes that tie a saved session to its machine's definition.
//
//   m.hash = behaviour_hash(json);          // what saves name: states, events, transitions
//   m.text_hash = fnv1a(serialize(json));   // what sessions saved by 0.5 and earlier name
//
// The behaviour hash leaves out what only says things (descriptions, recommendations,
// lists, offers, classifiers, lang, version) and the order of keys: rewording a text or
// translating a machine keeps its saved sessions restorable; a changed state, event,
// field, guard or effect does not.
#pragma once

#include <cstdint>

#include <boost/json/value.hpp>

namespace crm::internal::machine {

/// The hash of what a machine does: its definition without its texts, keys sorted.
[[nodiscard]] std::uint64_t behaviour_hash(const boost::json::value& machine);

}  // namespace crm::internal::machine
