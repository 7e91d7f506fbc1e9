// Boxed contexts written out as decisions: each entry a decision named by its path
// ("Decision.Entry", "Decision.Entry.Inner"), in an order where every entry comes after
// those it may read, the FEEL names each sees kept in `locals`.
#include "src/dmn/contexts.hpp"

#include <algorithm>

namespace crm::internal::dmn {
namespace {

using Locals = std::vector<std::pair<std::string, std::string>>;

/// `name` now stands for `decision`: an entry hides an earlier one of the same name.
void bind(Locals& scope, const std::string& name, const std::string& decision) {
  std::erase_if(scope, [&](const auto& l) { return l.first == name; });
  scope.emplace_back(name, decision);
}

expected<void> flatten(Decision& d, const std::string& top, const std::string& path, Locals scope, bool sees_model,
                       std::vector<Decision>& out, std::string_view xml) {
  d.sees_model = sees_model;
  std::vector<Decision> entries = std::move(d.context);
  d.context.clear();
  Locals own;  // this context's entries: all that a sealed entry (a model's body at a call) sees
  for (Decision& e : entries) {
    if (e.table && e.table->outputs.size() > 1)
      return unexpected(error_at(xml, e.at, ErrorCode::invalid_rule,
                                 "context entry '" + e.name + "' is a decision table with several outputs (a structure): not supported"));
    const std::string entry_name = e.name;
    const std::string decision = path + "." + entry_name;
    const bool sealed = e.sealed;
    if (auto ok = flatten(e, top, decision, sealed ? own : scope, sees_model && !sealed, out, xml); !ok) return ok;
    e.name = decision;
    e.entry_of = top;
    e.description = "DMN context entry '" + entry_name + "' of decision '" + top + "'";
    out.push_back(std::move(e));
    bind(scope, entry_name, decision);
    bind(own, entry_name, decision);
  }
  d.locals = std::move(scope);
  return {};
}

}  // namespace

expected<void> flatten_contexts(Model& m, std::string_view xml) {
  std::vector<Decision> all;
  for (Decision& d : m.decisions) {
    if (!d.context.empty()) {
      const std::string name = d.name;
      if (auto ok = flatten(d, name, name, {}, true, all, xml); !ok) return ok;
    }
    all.push_back(std::move(d));
  }
  m.decisions = std::move(all);
  return {};
}

}  // namespace crm::internal::dmn
