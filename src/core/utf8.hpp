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

/// Appends code point `cp` (at most U+10FFFF) as UTF-8: the library's one encoder.
void append_utf8(std::string& out, std::uint32_t cp);

/// The code point that starts at text[i], and its length in bytes. A byte that starts no
/// valid sequence (RFC 3629) decodes as itself with length 1 and `valid` false.
std::uint32_t decode_utf8(std::string_view text, std::size_t i, std::size_t& length, bool& valid) noexcept;

/// The number of code points (continuation bytes are not counted).
[[nodiscard]] inline std::size_t count_code_points(std::string_view text) noexcept {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace crm::internal
