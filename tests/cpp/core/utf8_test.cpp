// find_invalid_utf8: the first byte that starts no valid UTF-8 sequence, wherever it
// falls against the eight-byte ASCII steps.
#include <catch2/catch.hpp>

#include <string>

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
