// Private: equality of short texts (labels, bin strings) that rejects most mismatches
// without calling memcmp: sizes, then the first and last bytes, then the rest, which for
// texts of up to 16 bytes is two overlapping loads on each side rather than a call.
//
//   for (const std::string& label : labels)
//     if (internal::same_text(label, text)) ...
//
// Grades such as A1..C2 share their length, so std::string's == (size, then memcmp)
// calls memcmp for nearly every label it tries, and a hit always calls it.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace crm::internal {

template <class Word>
[[gnu::always_inline]] inline Word load_word(const char* p) noexcept {
  Word w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

/// Equal words at the start and at the end of two texts of size `n`, sizeof(Word) <= n.
template <class Word>
[[gnu::always_inline]] inline bool same_ends(const char* a, const char* b, std::size_t n) noexcept {
  return load_word<Word>(a) == load_word<Word>(b) && load_word<Word>(a + n - sizeof(Word)) == load_word<Word>(b + n - sizeof(Word));
}

[[gnu::always_inline]] inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  if (n == 0) return true;
  if (a.front() != b.front() || a.back() != b.back()) return false;
  if (n <= 2) return true;
  if (n < 4) return a[1] == b[1];
  if (n < 8) return same_ends<std::uint32_t>(a.data(), b.data(), n);
  if (n <= 16) return same_ends<std::uint64_t>(a.data(), b.data(), n);
  return std::memcmp(a.data(), b.data(), n) == 0;
}

}  // namespace crm::internal
