// Structured inputs flattened to their leaves: nested components and components whose
// type is a structured item definition, joined with '.'.
#include "src/dmn/structures.hpp"

namespace crm::internal::dmn {
namespace {

constexpr int max_component_depth = 8;

std::string_view unprefixed(std::string_view type_ref) {
  const auto colon = type_ref.find(':');
  return colon == std::string_view::npos ? type_ref : type_ref.substr(colon + 1);
}

expected<void> collect(const Model& m, const std::vector<Component>& components, const std::string& prefix, int depth,
                       std::vector<Leaf>& out, std::string_view xml) {
  for (const Component& c : components) {
    const std::string path = prefix.empty() ? c.name : prefix + "." + c.name;
    if (depth >= max_component_depth)
      return unexpected(error_at(xml, c.at, ErrorCode::invalid_rule,
                                 "component '" + path + "' is nested " + std::to_string(max_component_depth) +
                                     " deep (a type containing itself?)"));
    const ItemDefinition* item = find_item(m, c.type_ref);
    if (c.collection || (item != nullptr && item->collection))
      return unexpected(error_at(xml, c.at, ErrorCode::invalid_rule, "component '" + path + "' is a list: lists are not supported"));
    if (!c.components.empty()) {
      if (auto ok = collect(m, c.components, path, depth + 1, out, xml); !ok) return ok;
    } else if (item != nullptr && !item->components.empty()) {
      if (auto ok = collect(m, item->components, path, depth + 1, out, xml); !ok) return ok;
    } else {
      out.push_back(Leaf{path, c.type_ref, c.at});
    }
  }
  return {};
}

}  // namespace

const ItemDefinition* find_item(const Model& m, std::string_view type_ref) {
  for (const auto& i : m.items)
    if (i.name == unprefixed(type_ref)) return &i;
  return nullptr;
}

expected<std::vector<Leaf>> leaves(const Model& m, const std::vector<Component>& components, std::string_view xml) {
  std::vector<Leaf> out;
  if (auto ok = collect(m, components, "", 0, out, xml); !ok) return unexpected(ok.error());
  return out;
}

}  // namespace crm::internal::dmn
