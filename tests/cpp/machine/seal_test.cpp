// The seal of saved sessions: HMAC-SHA-256 from OpenSSL's libcrypto, checked against
// RFC 4231's test vectors, its key rules and its comparison.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "src/machine/seal.hpp"

using namespace crm::internal::machine;

TEST_CASE("HMAC-SHA-256 gives RFC 4231's values, a message in one part or several", "[machine][seal]") {
  const std::vector<std::uint8_t> key1(20, 0x0b);  // test case 1
  CHECK(mac_hex(*hmac_sha256(key1, {"Hi There"})) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  CHECK(mac_hex(*hmac_sha256(key1, {"Hi ", "", "There"})) ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  const std::vector<std::uint8_t> key2(20, 0xaa);  // test case 3: 50 bytes of 0xdd
  const std::vector<std::uint8_t> data(50, 0xdd);
  CHECK(mac_hex(*hmac_sha256(key2, data)) == "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
  const std::vector<std::uint8_t> key6(131, 0xaa);  // test case 6: a key longer than a block
  CHECK(mac_hex(*hmac_sha256(key6, {"Test Using Larger Than Block-Size Key - Hash Key First"})) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_CASE("a key has at least 16 bytes", "[machine][seal]") {
  for (std::size_t n : {0, 1, 15}) {
    const std::vector<std::uint8_t> key(n, 7);
    auto ok = check_key(key);
    REQUIRE_FALSE(ok);
    CHECK(ok.error().code == crm::ErrorCode::invalid_argument);
    CHECK(ok.error().message ==
          "a session key has at least 16 bytes (32 random bytes are recommended), not " + std::to_string(n));
  }
  CHECK(check_key(std::vector<std::uint8_t>(16, 7)));
  CHECK(check_key(std::vector<std::uint8_t>(1000, 7)));
}

TEST_CASE("MACs compare whole, and read back from their hex digits only", "[machine][seal]") {
  const std::vector<std::uint8_t> key(32, 1);
  const Mac a = *hmac_sha256(key, {"a"});
  Mac b = a;
  CHECK(same_mac(a.data(), b.data()));
  for (std::size_t i = 0; i < b.size(); ++i) {
    b = a;
    b[i] ^= 0x80;
    CHECK_FALSE(same_mac(a.data(), b.data()));
  }
  Mac back{};
  REQUIRE(mac_from_hex(mac_hex(a), back));
  CHECK(back == a);
  std::string hex = mac_hex(a);
  CHECK_FALSE(mac_from_hex(hex.substr(1), back));
  hex[5] = 'A';  // upper case is not what a seal writes
  CHECK_FALSE(mac_from_hex(hex, back));
  hex[5] = 'g';
  CHECK_FALSE(mac_from_hex(hex, back));
}
