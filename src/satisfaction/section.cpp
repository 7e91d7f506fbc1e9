// The "satisfaction" section (src/satisfaction/section.hpp) and Settings.
#include "src/satisfaction/section.hpp"

#include <algorithm>
#include <memory>

#include "src/json/reader.hpp"

namespace crm::internal::satisfaction {
namespace {

using crm::satisfaction::Band;
using crm::satisfaction::Settings;

[[nodiscard]] expected<int> read_points(const JsonReader& at) {
  auto points = at.integer();
  if (!points) return unexpected(points.error());
  if (*points < 1 || *points > 100)
    return at.error(ErrorCode::out_of_range, "points are 1..100, not " + std::to_string(*points));
  return static_cast<int>(*points);
}

[[nodiscard]] expected<Band> read_band(const JsonReader& at, bool last) {
  if (auto keys = at.only_keys({"label", "name", "points", "from", "description"}); !keys)
    return unexpected(keys.error());
  Band b;
  auto label = at["label"].string();
  if (!label) return unexpected(label.error());
  if (label->empty()) return at["label"].error(ErrorCode::invalid_rule, "a band's label cannot be empty");
  b.label = std::string(*label);
  auto name = read_text(at["name"]);
  if (!name) return unexpected(name.error());
  b.name = std::move(*name);
  auto points = read_points(at["points"]);
  if (!points) return unexpected(points.error());
  b.points = *points;
  const JsonReader from = at["from"];
  if (last) {
    if (from.exists()) return from.error(ErrorCode::invalid_rule, "the last band takes every ratio left: no \"from\"");
    return b;
  }
  if (!from.exists())
    return at.error(ErrorCode::invalid_rule, "band '" + b.label + "' needs \"from\": the ratio it starts from");
  auto ratio = from.decimal();
  if (!ratio) return unexpected(ratio.error());
  if (ratio->sign() < 0) return from.error(ErrorCode::out_of_range, "\"from\" is a ratio of 0 or more");
  b.from = *ratio;
  return b;
}

[[nodiscard]] expected<std::vector<Band>> read_bands(const JsonReader& at) {
  auto arr = at.array();
  if (!arr) return unexpected(arr.error());
  const std::size_t n = (*arr)->size();
  if (n < 2 || n > 255) return at.error(ErrorCode::invalid_rule, "2 to 255 bands, not " + std::to_string(n));
  std::vector<Band> bands;
  for (std::size_t i = 0; i < n; ++i) {
    auto b = read_band(at.at(i), i + 1 == n);
    if (!b) return unexpected(b.error());
    if (std::any_of(bands.begin(), bands.end(), [&](const Band& o) { return o.label == b->label; }))
      return at.at(i)["label"].error(ErrorCode::invalid_rule, "the label '" + b->label + "' is used twice");
    if (!bands.empty() && b->from && *b->from >= *bands.back().from)
      return at.at(i)["from"].error(ErrorCode::invalid_rule, "\"from\" " + b->from->to_string() +
                                                                 " must be below the band before's (" +
                                                                 bands.back().from->to_string() + ")");
    bands.push_back(std::move(*b));
  }
  return bands;
}

[[nodiscard]] expected<Settings> read_settings(const JsonReader& r) {
  if (auto obj = r.object(); !obj) return unexpected(obj.error());
  if (auto keys = r.only_keys({"bands", "scale", "cap_at_ideal", "description"}); !keys)
    return unexpected(keys.error());
  Settings s;
  if (!r["bands"].exists()) return r.error(ErrorCode::invalid_rule, "the satisfaction section needs \"bands\"");
  auto bands = read_bands(r["bands"]);
  if (!bands) return unexpected(bands.error());
  s.bands = std::move(*bands);
  if (r["scale"].exists()) {
    auto scale = r["scale"].integer();
    if (!scale) return unexpected(scale.error());
    if (*scale < 0 || *scale > Decimal::max_scale)
      return r["scale"].error(ErrorCode::out_of_range, "scale is 0..18, not " + std::to_string(*scale));
    s.scale = static_cast<int>(*scale);
  }
  if (r["cap_at_ideal"].exists()) {
    auto cap = r["cap_at_ideal"].boolean();
    if (!cap) return unexpected(cap.error());
    s.cap_at_ideal = *cap;
  }
  return s;
}

}  // namespace

expected<SectionValue> load_section(const SectionSource& source) {
  auto settings = read_settings(source.json);
  if (!settings) return unexpected(settings.error());
  return std::make_shared<const Settings>(std::move(*settings));
}

}  // namespace crm::internal::satisfaction

namespace crm::satisfaction {

const Settings& Settings::builtin() {
  static const Settings settings = from_rule_set(RuleSet::builtin()).value();
  return settings;
}

expected<Settings> Settings::from_rule_set(const RuleSet& rules) {
  auto s = internal::section<Settings>(rules, internal::satisfaction::section_key);
  if (!s)
    return unexpected(
        Error{ErrorCode::invalid_rule, "rule set '" + rules.name() + "' has no \"satisfaction\" section", {}});
  return *s;
}

}  // namespace crm::satisfaction
