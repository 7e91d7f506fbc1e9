// The "dmn" section: the names an imported rule set's inputs, decisions and outputs had in
// DMN, each checked against the rule set.
#include "src/dmn/section.hpp"

#include <algorithm>

#include "src/dmn/write_rule_set.hpp"

namespace crm::internal::dmn {
namespace {

[[nodiscard]] expected<std::string> member(const JsonReader& at, std::string_view key, bool required) {
  if (!at[key].exists()) {
    if (required) return at.error(ErrorCode::missing, "a name needs '" + std::string(key) + "'");
    return std::string();
  }
  auto s = at[key].string();
  if (!s) return unexpected(s.error());
  return std::string(*s);
}

[[nodiscard]] bool known(const SectionSource& source, const crm::dmn::Name& n) {
  if (n.kind == "input" || n.kind == "input_component") return source.inputs.find(n.crm) != nullptr;
  return std::any_of(source.outputs.begin(), source.outputs.end(), [&](const OutputInfo& o) { return o.name == n.crm; }) ||
         n.kind == "decision";
}

}  // namespace

expected<SectionValue> load_section(const SectionSource& source) {
  const JsonReader& at = source.json;
  if (auto keys = at.only_keys({"version", "namespace", "names"}); !keys) return unexpected(keys.error());
  auto s = std::make_shared<Section>();
  auto version = member(at, "version", false);
  if (!version) return unexpected(version.error());
  s->version = std::move(*version);
  auto ns = member(at, "namespace", false);
  if (!ns) return unexpected(ns.error());
  s->ns = std::move(*ns);
  auto names = at["names"].array();
  if (!names) return unexpected(names.error());
  for (std::size_t i = 0; i < (*names)->size(); ++i) {
    const JsonReader n = at["names"].at(i);
    if (auto keys = n.only_keys({"dmn", "crm", "kind", "parent"}); !keys) return unexpected(keys.error());
    crm::dmn::Name name;
    for (auto [key, into, required] : {std::tuple{"dmn", &name.dmn, true}, std::tuple{"crm", &name.crm, true},
                                       std::tuple{"kind", &name.kind, true}, std::tuple{"parent", &name.parent, false}}) {
      auto v = member(n, key, required);
      if (!v) return unexpected(v.error());
      *into = std::move(*v);
    }
    if (name.kind != "input" && name.kind != "input_component" && name.kind != "decision" && name.kind != "output" &&
        name.kind != "context_entry")
      return n["kind"].error(ErrorCode::out_of_range,
                             "kind '" + name.kind + "' is not input, input_component, decision, output or context_entry");
    if (!known(source, name))
      return n["crm"].error(ErrorCode::unknown_name, "the rule set has no " + name.kind + " '" + name.crm + "'");
    s->names.push_back(std::move(name));
  }
  return SectionValue(std::shared_ptr<const Section>(std::move(s)));
}

}  // namespace crm::internal::dmn
