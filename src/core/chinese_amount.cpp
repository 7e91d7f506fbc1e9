#include "src/core/chinese_amount.hpp"

#include <string>

#include "crmrules/expected.hpp"

namespace crm::internal {
namespace {

constexpr std::string_view wan = "万";  // 10^4
constexpr std::string_view yi = "亿";   // 10^8
constexpr char group_mark = '\xFF';

/// Full-width digits and signs (U+FF0D..U+FF19: － ． ／ ０-９) as their ASCII forms, the
/// full-width comma ， as the group mark '\xFF' (a byte
/// no UTF-8 text holds); every other byte kept. (An ASCII ',' stays
/// a ',', which no amount reads: "5,000" is 5000 in one locale and 5 in another.)
std::string to_ascii_forms(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    if (i + 2 < text.size() && b(i) == 0xEF && b(i + 1) == 0xBC && b(i + 2) >= 0x8C && b(i + 2) <= 0x99) {
      // －．／０..９ are '-' .. '9' in ASCII order; ， is the group mark.
      out += b(i + 2) == 0x8C ? group_mark : static_cast<char>(',' + (b(i + 2) - 0x8C));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

unexpected amount_error(std::string_view text, std::string why) {
  return fail(ErrorCode::parse, "'" + std::string(text) + "' is not an amount: " + why);
}

/// Removes the group marks (from ，) from the integer part, each group after the first of
/// three digits.
expected<std::string> ungrouped(std::string_view original, std::string_view number) {
  const auto comma = number.find(group_mark);
  if (comma == std::string_view::npos) return std::string(number);
  const auto point = number.find('.');
  std::string out;
  std::size_t group = 0;
  bool first = true;
  for (std::size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (point != std::string_view::npos && i >= point) {
      if (c == group_mark) return amount_error(original, "'，' groups only the digits before the decimal point");
      out += c;
    } else if (c == group_mark) {
      if (group == 0 || (first ? group > 3 : group != 3))
        return amount_error(original, "'，' must group the digits by three (１，０００，０００)");
      first = false;
      group = 0;
    } else {
      if (c >= '0' && c <= '9') ++group;
      out += c;
    }
  }
  if (group != 3) return amount_error(original, "'，' must group the digits by three (１，０００，０００)");
  return out;
}

expected<Decimal> plain_number(std::string_view original, std::string_view number) {
  if (number.empty()) return amount_error(original, "no number before the unit");
  if (number.find('.') != number.rfind('.')) return amount_error(original, "more than one decimal point");
  auto digits = ungrouped(original, number);
  if (!digits) return unexpected(digits.error());
  auto d = Decimal::parse(*digits);
  if (!d) return amount_error(original, d.error().message);
  return d;
}

expected<Decimal> score(std::string_view original, std::string_view ascii, std::optional<Decimal> out_of) {
  const auto slash = ascii.find('/');
  if (ascii.find('/', slash + 1) != std::string_view::npos) return amount_error(original, "more than one '/'");
  if (!out_of) return amount_error(original, "a score 'a/b' needs a field with a maximum");
  auto a = plain_number(original, ascii.substr(0, slash));
  if (!a) return a;
  auto b = plain_number(original, ascii.substr(slash + 1));
  if (!b) return b;
  if (*b != *out_of)
    return amount_error(
        original, "a score out of " + b->to_string() + ", but the field's scores are out of " + out_of->to_string());
  return a;
}

/// The unit at the end (万 or 亿) and its multiplier, or 1 when there is none.
std::pair<std::string_view, std::int64_t> split_unit(std::string_view ascii) {
  if (ascii.ends_with(wan)) return {ascii.substr(0, ascii.size() - wan.size()), 10'000};
  if (ascii.ends_with(yi)) return {ascii.substr(0, ascii.size() - yi.size()), 100'000'000};
  return {ascii, 1};
}

}  // namespace

bool is_chinese_amount_notation(std::string_view text) noexcept {
  for (const char c : text)
    if (c == '/' || static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

expected<Decimal> parse_chinese_amount(std::string_view text, std::optional<Decimal> score_out_of) {
  const std::string ascii = to_ascii_forms(text);
  if (ascii.find('/') != std::string::npos) return score(text, ascii, score_out_of);
  const auto [number, multiplier] = split_unit(ascii);
  if (number.find(wan) != std::string_view::npos || number.find(yi) != std::string_view::npos)
    return amount_error(text, "more than one unit (万, 亿); write one unit after the number (50000亿, not 5万亿)");
  auto d = plain_number(text, number);
  if (!d || multiplier == 1) return d;
  auto scaled = d->mul(Decimal::from_int(multiplier));
  if (!scaled) return amount_error(text, scaled.error().message);
  // The point moves: 1.3亿 is 130000000 (not 130000000.0), 1.23456万 is 12345.6. The
  // digits dropped are zeros, so the rounding is exact.
  const int places = multiplier == 10'000 ? 4 : 8;
  return scaled->round(d->scale() > places ? d->scale() - places : 0);
}

}  // namespace crm::internal

namespace crm {

expected<Decimal> Decimal::parse_amount(std::string_view text) {
  if (auto plain = parse(text)) return plain;  // the common case, without the notation's work
  return internal::parse_chinese_amount(text, std::nullopt);
}

}  // namespace crm
