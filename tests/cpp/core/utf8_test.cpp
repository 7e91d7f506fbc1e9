// find_invalid_utf8: the first byte that starts no valid UTF-8 sequence, wherever it
// falls against the eight-byte ASCII steps.
#include <catch2/catch.hpp>

#include <string>

#include "crmrules/utf8.hpp"
#include "src/core/utf8.hpp"

using crm::internal::find_invalid_utf8;

TEST_CASE("an invalid byte is found after ASCII runs of every length", "[utf8]") {
  for (std::size_t run = 0; run < 40; ++run) {
    const std::string ascii(run, 'a');
    INFO("run " << run);
    CHECK(find_invalid_utf8(ascii) == std::string_view::npos);
    CHECK(find_invalid_utf8(ascii + "\xFF" + ascii) == run);
    CHECK(find_invalid_utf8(ascii + "上海" + ascii + "\x80") == run + 6 + run);
    CHECK(find_invalid_utf8(ascii + "上海" + ascii) == std::string_view::npos);
    CHECK(find_invalid_utf8(ascii + "\xE4\xB8") == run);                 // a sequence cut short at the end
    CHECK(find_invalid_utf8(ascii + "\xED\xA0\x80" + ascii) == run);     // a surrogate
    CHECK(find_invalid_utf8(ascii + "\xC0\xAF") == run);                 // an overlong form
  }
}

TEST_CASE("the one UTF-8 encoder and decoder round-trip every length", "[utf8]") {
  for (std::uint32_t cp : {0x41u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0x534Eu, 0xFFFFu, 0x10000u, 0x10FFFFu}) {
    std::string text;
    crm::internal::append_utf8(text, cp);
    CHECK(crm::internal::find_invalid_utf8(text) == std::string_view::npos);
    std::size_t length = 0;
    bool valid = false;
    CHECK(crm::internal::decode_utf8(text, 0, length, valid) == cp);
    CHECK(valid);
    CHECK(length == text.size());
    CHECK(crm::internal::count_code_points(text + "a") == 2);
  }
  std::size_t length = 0;
  bool valid = true;
  CHECK(crm::internal::decode_utf8("\xC0\xAF", 0, length, valid) == 0xC0);  // overlong
  CHECK_FALSE(valid);
  CHECK(length == 1);
  CHECK(crm::internal::decode_utf8("\xE5\x8D", 0, length, valid) == 0xE5);  // truncated
  CHECK_FALSE(valid);
}

TEST_CASE("the public UTF-8 check finds what the library refuses", "[utf8]") {
  CHECK(crm::first_invalid_utf8("华为 Huawei") == std::string_view::npos);
  CHECK(crm::first_invalid_utf8("ok \xED\xA0\x80") == 3);  // a surrogate
}
