// The "portfolio" section (src/portfolio/section.hpp) and crm::ShareClasses.
#include "src/portfolio/section.hpp"

#include <algorithm>
#include <memory>

#include "src/json/reader.hpp"

namespace crm::internal::portfolio {
namespace {

constexpr std::size_t max_classes = 255;

[[nodiscard]] expected<ShareClass> read_class(const JsonReader& at, bool last) {
  if (auto keys = at.only_keys({"label", "name", "up_to", "description"}); !keys) return unexpected(keys.error());
  ShareClass c;
  auto label = at["label"].string();
  if (!label) return unexpected(label.error());
  if (label->empty()) return at["label"].error(ErrorCode::invalid_rule, "a class's label cannot be empty");
  c.label = std::string(*label);
  auto name = read_text(at["name"]);
  if (!name) return unexpected(name.error());
  c.name = std::move(*name);
  const JsonReader up_to = at["up_to"];
  if (last) {
    if (up_to.exists())
      return up_to.error(ErrorCode::invalid_rule, "the last class takes every customer left: it has no \"up_to\"");
    return c;
  }
  if (!up_to.exists())
    return at.error(ErrorCode::invalid_rule,
                    "class '" + c.label + "' needs \"up_to\": the cumulative share its customers reach up to");
  auto share = up_to.decimal();
  if (!share) return unexpected(share.error());
  if (share->sign() <= 0 || *share > Decimal::from_int(1))
    return up_to.error(ErrorCode::out_of_range,
                       "\"up_to\" is a share above 0 and at most 1, not " + share->to_string());
  c.up_to = *share;
  return c;
}

[[nodiscard]] expected<ShareClasses> read_classes(const JsonReader& at) {
  auto arr = at.array();
  if (!arr) return unexpected(arr.error());
  const std::size_t n = (*arr)->size();
  if (n < 2 || n > max_classes) return at.error(ErrorCode::invalid_rule, "2 to 255 classes, not " + std::to_string(n));
  ShareClasses out;
  for (std::size_t i = 0; i < n; ++i) {
    auto c = read_class(at.at(i), i + 1 == n);
    if (!c) return unexpected(c.error());
    const auto same = [&](const ShareClass& o) { return o.label == c->label; };
    if (std::any_of(out.classes.begin(), out.classes.end(), same))
      return at.at(i)["label"].error(ErrorCode::invalid_rule, "the label '" + c->label + "' is used twice");
    if (!out.classes.empty() && c->up_to && *c->up_to <= *out.classes.back().up_to)
      return at.at(i)["up_to"].error(ErrorCode::invalid_rule, "\"up_to\" " + c->up_to->to_string() +
                                                                  " must be above the class before's (" +
                                                                  out.classes.back().up_to->to_string() + ")");
    out.classes.push_back(std::move(*c));
  }
  return out;
}

}  // namespace

expected<SectionValue> load_section(const SectionSource& source) {
  const JsonReader& r = source.json;
  if (auto obj = r.object(); !obj) return unexpected(obj.error());
  if (auto keys = r.only_keys({"four_class", "description"}); !keys) return unexpected(keys.error());
  if (!r["four_class"].exists()) return r.error(ErrorCode::invalid_rule, "the portfolio section needs \"four_class\"");
  auto classes = read_classes(r["four_class"]);
  if (!classes) return unexpected(classes.error());
  return std::make_shared<const Section>(Section{std::move(*classes)});
}

}  // namespace crm::internal::portfolio

namespace crm {

expected<ShareClasses> ShareClasses::four_class(const RuleSet& rules) {
  auto s = internal::section<internal::portfolio::Section>(rules, internal::portfolio::section_key);
  if (!s)
    return unexpected(Error{ErrorCode::invalid_rule,
                            "rule set '" + rules.name() + "' has no \"portfolio\" section with \"four_class\"",
                            {}});
  return s->four_class;
}

bool ShareClasses::defined(const RuleSet& rules) noexcept {
  return internal::find_section(rules, internal::portfolio::section_key) != nullptr;
}

std::vector<Decimal> ShareClasses::cut_offs() const {
  std::vector<Decimal> out;
  for (const ShareClass& c : classes)
    if (c.up_to) out.push_back(*c.up_to);
  return out;
}

expected<Portfolio::Tiers> ShareClasses::classify(const Portfolio& portfolio) const {
  if (classes.size() < 2 || classes.size() > 255)
    return fail(ErrorCode::invalid_argument, "2 to 255 classes, not " + std::to_string(classes.size()));
  for (std::size_t i = 0; i < classes.size(); ++i)
    if (classes[i].up_to.has_value() != (i + 1 < classes.size()))
      return fail(ErrorCode::invalid_argument,
                  "every class but the last has an up_to share; class " + std::to_string(i + 1) + " does not fit");
  return portfolio.tiers(cut_offs());
}

}  // namespace crm
