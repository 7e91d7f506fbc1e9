// crm::Text: a built-in text in the deck's Chinese with English beside it.
//
//   crm::Text t{"抓头或控头", "reach the head"};
//   std::cout << t.in(crm::Lang::zh);          // 抓头或控头
//   std::cout << t.in(crm::Lang::en);          // reach the head ("" falls back to zh)
//
// Rule sets write such a text as {"zh": "...", "en": "..."}; either may be missing, and
// in() falls back to the other one.
#pragma once

#include <cstdint>
#include <string>

namespace crm {

/// The language a text is shown in. The numbers are stable (the C ABI uses them).
enum class Lang : std::uint8_t { zh = 0, en = 1 };

struct Text {
  std::string zh;
  std::string en;

  /// The text in `lang`, or in the other language when it has none there.
  [[nodiscard]] const std::string& in(Lang lang) const noexcept {
    const std::string& first = lang == Lang::zh ? zh : en;
    return first.empty() ? (lang == Lang::zh ? en : zh) : first;
  }
  [[nodiscard]] bool empty() const noexcept { return zh.empty() && en.empty(); }
  friend bool operator==(const Text&, const Text&) = default;
};

}  // namespace crm
