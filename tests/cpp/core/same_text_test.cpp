// same_text: equality of two texts, by its word loads for every length up to past 16
// and a difference at every place.
#include <catch2/catch.hpp>

#include <string>

#include "src/core/same_text.hpp"

using crm::internal::same_text;

TEST_CASE("same_text is == for every length and every place of a difference", "[same_text]") {
  std::size_t checked = 0;
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a;
    for (std::size_t i = 0; i < n; ++i) a += static_cast<char>('a' + i % 26);
    const std::string copy = a;  // other storage, the same text
    INFO("length " << n);
    CHECK(same_text(a, copy));
    CHECK_FALSE(same_text(a, a + "x"));
    CHECK_FALSE(same_text(a + "x", a));
    for (std::size_t at = 0; at < n; ++at) {
      for (const char c : {'#', '\xE5'}) {
        std::string b = a;
        b[at] = c;
        INFO("difference at " << at);
        CHECK_FALSE(same_text(a, b));
        CHECK_FALSE(same_text(b, a));
        ++checked;
      }
    }
  }
  CHECK(checked == 2 * 40 * 41 / 2);
}
