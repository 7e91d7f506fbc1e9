// UTF-8: every text the library takes in must be valid UTF-8 (RFC 3629), and every text it
// gives out is.
//
//   std::size_t bad = crm::first_invalid_utf8(text);
//   if (bad != std::string_view::npos) std::cerr << "not UTF-8 at byte " << bad;
#pragma once

#include <cstddef>
#include <string_view>

namespace crm {

/// The byte offset of the first invalid UTF-8 sequence (an overlong form, a surrogate, a
/// code point above U+10FFFF, a truncated or stray byte), or npos when the text is valid.
[[nodiscard]] std::size_t first_invalid_utf8(std::string_view text) noexcept;

}  // namespace crm
