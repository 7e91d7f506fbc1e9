// Private: sealing saved sessions. A seal is HMAC-SHA-256 under the server's key,
// computed by OpenSSL's libcrypto (Debian's libssl-dev), never by code of ours, and
// compared in constant time (CRYPTO_memcmp). This file and seal.cpp are the one place
// that includes OpenSSL.
//
//   if (auto ok = check_key(key); !ok) return unexpected(ok.error());   // at least 16 bytes
//   auto mac = hmac_sha256(key, bytes);                                  // 32 bytes
//   if (!same_mac(mac->data(), saved_mac)) ...                           // unauthenticated
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"

namespace crm::internal::machine {

/// The shortest key a seal takes: 128 bits. Servers should use 32 random bytes.
inline constexpr std::size_t min_key_size = 16;
inline constexpr std::size_t mac_size = 32;
using Mac = std::array<std::uint8_t, mac_size>;

/// invalid_argument when `key` is shorter than min_key_size (an empty key included).
[[nodiscard]] expected<void> check_key(std::span<const std::uint8_t> key);

/// HMAC-SHA-256 under `key` (checked by check_key) of the message made of `parts` in
/// turn. internal when libcrypto fails (leaving nothing in the thread's OpenSSL error queue).
[[nodiscard]] expected<Mac> hmac_sha256(std::span<const std::uint8_t> key,
                                        std::initializer_list<std::string_view> parts);
[[nodiscard]] inline expected<Mac> hmac_sha256(std::span<const std::uint8_t> key,
                                               std::span<const std::uint8_t> message) {
  return hmac_sha256(key, {std::string_view(reinterpret_cast<const char*>(message.data()), message.size())});
}

/// Whether two MACs are the same, in time that does not depend on where they differ.
[[nodiscard]] bool same_mac(const std::uint8_t* a, const std::uint8_t* b) noexcept;

/// A MAC as 64 lowercase hex digits, and back (false: not 64 lowercase hex digits).
[[nodiscard]] std::string mac_hex(const Mac& mac);
[[nodiscard]] bool mac_from_hex(std::string_view hex, Mac& out) noexcept;

}  // namespace crm::internal::machine
