// crm::Text: a built-in text in the deck's Chinese with English beside it.
//
//   crm::Text t{"抓头或控头", "reach the head"};
//   std::cout << t.in(crm::Lang::zh);          // 抓头或控头
//   std::cout << t.in(crm::Lang::en);          // reach the head ("" falls back to zh)
//
// Rule sets write such a text as {"zh": "...", "en": "..."}; either may be missing, and
// in() falls back to the other one.
//
//   crm::parse_lang("zh-CN");   // Lang::zh ("en", "en-GB", "EN_us": Lang::en)
//   crm::parse_lang("fr");      // invalid_argument: unknown language 'fr' (zh or en)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"

namespace crm {

/// The language a text is shown in. The numbers are stable (the C ABI uses them).
enum class Lang : std::uint8_t { zh = 0, en = 1 };

/// A language by its code: "zh" or "en", case-insensitive, with or without a region or
/// script ("zh-CN", "zh_Hant", "en-GB"), as an Accept-Language tag or a locale names it.
/// Anything else is invalid_argument naming it.
[[nodiscard]] expected<Lang> parse_lang(std::string_view code);
/// "zh" or "en".
[[nodiscard]] constexpr std::string_view to_string(Lang lang) noexcept { return lang == Lang::zh ? "zh" : "en"; }

struct Text {
  std::string zh;
  std::string en;

  /// The text in `lang`, or in the other language when it has none there.
  [[nodiscard]] const std::string& in(Lang lang) const noexcept {
    const std::string& first = lang == Lang::zh ? zh : en;
    return first.empty() ? (lang == Lang::zh ? en : zh) : first;
  }
  [[nodiscard]] bool empty() const noexcept { return zh.empty() && en.empty(); }
  /// Whether the text has nothing in `lang` (in() then shows the other language).
  [[nodiscard]] bool lacks(Lang lang) const noexcept { return (lang == Lang::zh ? zh : en).empty(); }
  friend bool operator==(const Text&, const Text&) = default;
};

}  // namespace crm
