// Kano settings: the "kano" key of a rule set, or a settings object on its own.
#include <boost/json/value.hpp>

#include "crmrules/rule_set.hpp"
#include "src/core/suggest.hpp"
#include "src/json/parse.hpp"
#include "src/kano/settings.hpp"

namespace crm::internal {
namespace {

/// A share: a decimal in [0, 1).
[[nodiscard]] expected<Decimal> share(const JsonReader& at) {
  auto d = at.decimal();
  if (!d) return unexpected(d.error());
  if (d->sign() < 0 || *d >= Decimal::from_int(1))
    return at.error(ErrorCode::out_of_range, "expected a share from 0 up to (not including) 1, got " + d->to_string());
  return d;
}

/// "lang" (the advice's language) and "advice" (category name -> {"zh", "en"}).
[[nodiscard]] expected<void> read_language(const JsonReader& at, kano::Settings& s) {
  if (at["lang"].exists()) {
    auto code = at["lang"].string();
    if (!code) return unexpected(code.error());
    auto lang = parse_lang(*code);
    if (!lang) return at["lang"].error(ErrorCode::invalid_argument, lang.error().message);
    s.lang = *lang;
  }
  if (!at["advice"].exists()) return {};
  auto obj = at["advice"].object();
  if (!obj) return unexpected(obj.error());
  for (const auto& member : **obj) {
    const std::string_view key(member.key().data(), member.key().size());
    std::optional<std::size_t> index;
    std::vector<std::string_view> names;
    for (std::size_t c = 0; c < kano::category_count; ++c) {
      names.push_back(kano::name(static_cast<kano::Category>(c)));
      if (names.back() == key) index = c;
    }
    if (!index)
      return at["advice"][key].error(ErrorCode::unknown_name,
                                     "unknown Kano category '" + std::string(key) + "'" + did_you_mean(key, names));
    auto text = read_text(at["advice"][key]);
    if (!text) return unexpected(text.error());
    s.advice[*index] = std::move(*text);
  }
  return {};
}

}  // namespace

[[nodiscard]] expected<kano::Settings> load_kano_settings(const JsonReader& at) {
  if (auto keys = at.only_keys(
          {"table", "weak_threshold", "scale", "rounding", "drop_questionable_above", "lang", "advice"});
      !keys)
    return unexpected(keys.error());
  kano::Settings s;
  if (const JsonReader table = at["table"]; table.exists()) {
    auto rows = table.array();
    if (!rows) return unexpected(rows.error());
    if ((*rows)->size() != 5)
      return table.error(ErrorCode::invalid_rule, "the evaluation table needs 5 rows (functional Like, Must-be, "
                                                  "Neutral, Live-with, Dislike), got " + std::to_string((*rows)->size()));
    for (std::size_t f = 0; f < 5; ++f) {
      const JsonReader row = table.at(f);
      auto cells = row.array();
      if (!cells) return unexpected(cells.error());
      if ((*cells)->size() != 5)
        return row.error(ErrorCode::invalid_rule, "a row of the evaluation table needs 5 cells (dysfunctional Like, "
                                                  "Must-be, Neutral, Live-with, Dislike), got " +
                                                      std::to_string((*cells)->size()));
      for (std::size_t d = 0; d < 5; ++d) {
        auto text = row.at(d).string();
        if (!text) return unexpected(text.error());
        auto c = kano::category_from_letter(*text);
        if (!c) return row.at(d).error(ErrorCode::out_of_range, "'" + std::string(*text) + "' is not a Kano category (A, O, M, I, R or Q)");
        s.table[f * 5 + d] = *c;
      }
    }
  }
  if (at["weak_threshold"].exists()) {
    auto t = share(at["weak_threshold"]);
    if (!t) return unexpected(t.error());
    s.weak_threshold = *t;
  }
  if (at["scale"].exists()) {
    auto scale = at["scale"].integer();
    if (!scale) return unexpected(scale.error());
    if (*scale < 0 || *scale > Decimal::max_scale)
      return at["scale"].error(ErrorCode::out_of_range, "scale must be 0..18, got " + std::to_string(*scale));
    s.scale = static_cast<int>(*scale);
  }
  if (at["rounding"].exists()) {
    auto r = at["rounding"].string();
    if (!r) return unexpected(r.error());
    auto mode = rounding_from_string(*r);
    if (!mode)
      return at["rounding"].error(ErrorCode::unknown_name, "unknown rounding '" + std::string(*r) +
                                                               "' (half_even, half_up, half_down, down, up, floor, ceiling)");
    s.rounding = *mode;
  }
  if (at["drop_questionable_above"].exists() && !at["drop_questionable_above"].raw()->is_null()) {
    auto t = share(at["drop_questionable_above"]);
    if (!t) return unexpected(t.error());
    s.drop_questionable_above = *t;
  }
  if (auto ok = read_language(at, s); !ok) return unexpected(ok.error());
  return s;
}

[[nodiscard]] expected<SectionValue> load_kano_section(const SectionSource& source) {
  auto settings = load_kano_settings(source.json);
  if (!settings) return unexpected(settings.error());
  return std::make_shared<const kano::Settings>(std::move(*settings));
}

}  // namespace crm::internal

namespace crm::kano {

expected<Settings> Settings::from_json(std::string_view json) {
  auto doc = internal::parse_json(json);
  if (!doc) return unexpected(doc.error());
  if (doc->is_object() && doc->as_object().contains("crmrules")) {
    auto rules = RuleSet::load(json);
    if (!rules) return unexpected(rules.error());
    return from_rule_set(*rules);
  }
  auto settings = internal::load_kano_settings(internal::JsonReader(&*doc, ""));
  if (!settings) {
    Error e = std::move(settings).error();
    const Location at = internal::locate(json, e.where.pointer);
    e.where.line = at.line;
    e.where.column = at.column;
    return unexpected(std::move(e));
  }
  return settings;
}

Settings Settings::from_rule_set(const RuleSet& rules) {
  const auto s = internal::section<Settings>(rules, internal::kano_section);
  return s != nullptr ? *s : Settings{};
}

}  // namespace crm::kano
