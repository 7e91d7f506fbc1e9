// Private: UTF-8 validation for text that crosses into the library.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace crm::internal {

/// The byte offset of the first invalid UTF-8 sequence, or npos when the text is valid.
/// Rejects overlong forms, surrogates and code points above U+10FFFF (RFC 3629).
std::size_t find_invalid_utf8(std::string_view text) noexcept;

/// The text with every byte that starts no valid UTF-8 character shown as \xHH, for
/// quoting user input in messages (which must stay valid UTF-8).
std::string printable_utf8(std::string_view text);

}  // namespace crm::internal
