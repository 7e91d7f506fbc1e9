// Private: equality of short texts (labels, bin strings) that rejects most mismatches
// without calling memcmp: sizes, then the first and last bytes, then the rest.
//
//   for (const std::string& label : labels)
//     if (internal::same_text(label, text)) ...
//
// Grades such as A1..C2 share their length, so std::string's == (size, then memcmp)
// calls memcmp for nearly every label it tries.
#pragma once

#include <cstring>
#include <string_view>

namespace crm::internal {

[[gnu::always_inline]] inline bool same_text(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return a.front() == b.front() && a.back() == b.back() && std::memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace crm::internal
