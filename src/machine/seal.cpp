// HMAC-SHA-256 through OpenSSL 3's EVP_MAC, for sealed sessions.
//
// The HMAC implementation and its digest are fetched once (a process-wide template
// context); each seal duplicates the template, sets the key and hashes, so that no call
// pays for OpenSSL's name lookups (HMAC(), the one-shot, fetches both on every call and
// costs about 1.7 times as much). The duplicate holds the key's pads and is freed
// (cleansed by OpenSSL) before returning.
#include "src/machine/seal.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>

namespace crm::internal::machine {

namespace {

struct MacFree {
  void operator()(EVP_MAC* m) const noexcept { EVP_MAC_free(m); }
};
struct CtxFree {
  void operator()(EVP_MAC_CTX* c) const noexcept { EVP_MAC_CTX_free(c); }
};
using CtxPtr = std::unique_ptr<EVP_MAC_CTX, CtxFree>;

/// HMAC with SHA-256 as its digest and no key yet; null when libcrypto cannot provide it.
struct Template {
  std::unique_ptr<EVP_MAC, MacFree> mac;
  CtxPtr ctx;

  Template() : mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr)) {
    if (mac) ctx.reset(EVP_MAC_CTX_new(mac.get()));
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    if (ctx && EVP_MAC_CTX_set_params(ctx.get(), params) != 1) ctx.reset();
    ERR_clear_error();  // nothing left behind for the host's own use of OpenSSL
  }
};

const EVP_MAC_CTX* hmac_template() {
  static const Template t;  // thread-safe initialisation; read-only afterwards (dup only)
  return t.ctx.get();
}

[[gnu::cold]] unexpected libcrypto_failed(const char* step) {
  ERR_clear_error();
  return fail(ErrorCode::internal, std::string("OpenSSL's libcrypto failed to ") + step + " an HMAC-SHA-256");
}

}  // namespace

expected<void> check_key(std::span<const std::uint8_t> key) {
  if (key.size() >= min_key_size) [[likely]]
    return {};
  return fail(ErrorCode::invalid_argument, "a session key has at least " + std::to_string(min_key_size) +
                                               " bytes (32 random bytes are recommended), not " +
                                               std::to_string(key.size()));
}

expected<Mac> hmac_sha256(std::span<const std::uint8_t> key, std::initializer_list<std::string_view> parts) {
  const EVP_MAC_CTX* t = hmac_template();
  if (t == nullptr) return libcrypto_failed("provide");
  const CtxPtr ctx(EVP_MAC_CTX_dup(t));
  if (!ctx) return libcrypto_failed("start");
  if (EVP_MAC_init(ctx.get(), key.data(), key.size(), nullptr) != 1) return libcrypto_failed("key");
  for (const std::string_view part : parts)
    if (EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(part.data()), part.size()) != 1)
      return libcrypto_failed("compute");
  Mac mac{};
  std::size_t written = 0;
  if (EVP_MAC_final(ctx.get(), mac.data(), &written, mac.size()) != 1 || written != mac.size())
    return libcrypto_failed("finish");
  return mac;
}

bool same_mac(const std::uint8_t* a, const std::uint8_t* b) noexcept { return CRYPTO_memcmp(a, b, mac_size) == 0; }

std::string mac_hex(const Mac& mac) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(2 * mac.size(), '0');
  for (std::size_t i = 0; i < mac.size(); ++i) {
    out[2 * i] = digits[mac[i] >> 4];
    out[2 * i + 1] = digits[mac[i] & 15];
  }
  return out;
}

bool mac_from_hex(std::string_view hex, Mac& out) noexcept {
  if (hex.size() != 2 * out.size()) return false;
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return true;
}

}  // namespace crm::internal::machine
