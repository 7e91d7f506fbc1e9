// crm::dmn and RuleSet::load_dmn: a DMN model read, written as a rule set and loaded; the
// "dmn" section that keeps the names; evaluating by DMN names.
#include "crmrules/dmn.hpp"

#include "src/dmn/model.hpp"
#include "src/dmn/section.hpp"
#include "src/dmn/write_rule_set.hpp"
#include "src/json/parse.hpp"
#include "src/json/reader.hpp"
#include "src/json/writer.hpp"
#include "src/ruleset/section.hpp"

namespace crm {
namespace {

/// The element that a load error's JSON pointer came from: the longest pointer written
/// that starts it.
const internal::dmn::Where* origin(const internal::dmn::Written& w, std::string_view pointer) {
  const internal::dmn::Where* best = nullptr;
  std::size_t best_size = 0;
  for (const auto& [p, at] : w.origins)
    if (pointer.starts_with(p) && (pointer.size() == p.size() || pointer[p.size()] == '/') && p.size() >= best_size) {
      best = &at;
      best_size = p.size();
    }
  return best;
}

}  // namespace

namespace dmn {

expected<std::string> to_rule_set_json(std::string_view xml) {
  auto model = internal::dmn::read_model(xml);
  if (!model) return unexpected(model.error());
  auto written = internal::dmn::write_rule_set(*model, xml);
  if (!written) return unexpected(written.error());
  return std::move(written->json);
}

std::vector<Name> names(const RuleSet& rules) {
  auto s = internal::section<internal::dmn::Section>(rules, internal::dmn::section_key);
  return s ? s->names : std::vector<Name>{};
}

std::string names_json(const RuleSet& rules) {
  std::string json;
  internal::JsonArray list(json);
  for (const auto& n : names(rules)) {
    internal::JsonObject o(list.item());
    o.string("dmn", n.dmn).string("crm", n.crm).string("kind", n.kind).string("parent", n.parent);
  }
  list.close();
  return json;
}

}  // namespace dmn

expected<RuleSet> RuleSet::load_dmn(std::string_view xml, const Limits& limits) {
  auto model = internal::dmn::read_model(xml);
  if (!model) return unexpected(model.error());
  auto written = internal::dmn::write_rule_set(*model, xml);
  if (!written) return unexpected(written.error());
  auto rules = load(written->json, limits);
  if (rules) return rules;
  // An error of the rule set written: placed at the element it came from.
  Error e = rules.error();
  if (const auto* at = origin(*written, e.where.pointer)) {
    const std::string pointer = e.where.pointer;
    e = internal::dmn::error_at(xml, *at, e.code, e.message + " (the rule set's " + pointer + ")");
  }
  return unexpected(std::move(e));
}

}  // namespace crm
