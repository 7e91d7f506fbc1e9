// Private: UTF-8 validation for text that crosses into the library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace crm::internal {

/// The byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
/// Rejects overlong forms, surrogates and code points above U+10FFFF (RFC 3629).
std::size_t find_invalid_utf8(std::string_view text) noexcept;

/// Whether every byte is ASCII (valid UTF-8 without decoding), eight bytes at a time, the
/// last eight overlapping: inline, for short strings checked one by one (saved sessions).
inline bool is_ascii(std::string_view s) noexcept {
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t high = 0;
  if (n >= 8) {
    std::uint64_t w;
    for (; n > 8; p += 8, n -= 8) {
      std::memcpy(&w, p, 8);
      high |= w;
    }
    std::memcpy(&w, p + n - 8, 8);  // the last eight bytes (some of them again)
    high |= w;
  } else if (n >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    high = a | b;
  } else {
    for (; n > 0; ++p, --n) high |= static_cast<unsigned char>(*p);
  }
  return (high & 0x8080808080808080ull) == 0;
}

/// The text with every byte that starts no valid UTF-8 character shown as \xHH, for
/// quoting user input in messages (which must stay valid UTF-8).
std::string printable_utf8(std::string_view text);

}  // namespace crm::internal
