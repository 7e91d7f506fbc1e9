// Boxed contexts written out as decisions: each entry a decision named by its path
// ("Decision.Entry", "Decision.Entry.Inner"), in an order where every entry comes after
// those it may read, the FEEL names each sees kept in `locals`. A context without a result
// entry is a structure: its leaves are decisions, and its name with a leaf's path
// ("Color.RGB.R") reads the leaf; a literal that is a structure's name alone makes a
// structure of the same leaves.
#include "src/dmn/contexts.hpp"

#include <algorithm>
#include <optional>

namespace crm::internal::dmn {
namespace {

using Locals = std::vector<std::pair<std::string, std::string>>;
using Leaves = std::vector<std::pair<std::string, std::string>>;  // a leaf's path -> its decision
using Structures = std::vector<std::pair<std::string, Leaves>>;    // a structure's name -> its leaves

/// `name` now stands for `value`: an entry hides an earlier one of the same name. (Not
/// called bind: for a scope of std types, argument-dependent lookup would prefer std::bind
/// wherever <functional> is included, and nothing would be bound.)
template <typename T>
void bind_name(std::vector<std::pair<std::string, T>>& scope, const std::string& name, T value) {
  std::erase_if(scope, [&](const auto& l) { return l.first == name; });
  scope.emplace_back(name, std::move(value));
}

const Leaves* find(const Structures& s, std::string_view name) {
  for (auto it = s.rbegin(); it != s.rend(); ++it)
    if (it->first == name) return &it->second;
  return nullptr;
}

class Flattener {
 public:
  Flattener(std::vector<Decision>& out, std::string_view xml) : out_(out), xml_(xml) {}

  /// d's entries written out (before it); the leaves when d is a structure (d itself is
  /// then not written), nothing when d is a value.
  expected<std::optional<Leaves>> flatten(Decision& d, const std::string& top, const std::string& path, Locals scope,
                                          Structures structures, bool sees_model) {
    d.sees_model = sees_model;
    std::vector<Decision> entries = std::move(d.context);
    d.context.clear();
    Locals own;  // this context's entries: all that a sealed entry (a model's body at a call) sees
    Structures own_structures;
    Leaves leaves;  // when d is a structure
    for (Decision& e : entries) {
      if (e.table && e.table->outputs.size() > 1)
        return unexpected(error_at(xml_, e.at, ErrorCode::invalid_rule,
                                   "context entry '" + e.name + "' is a decision table with several outputs (a structure): not supported"));
      const std::string entry_name = e.name;
      const std::string decision = path + "." + entry_name;
      const bool sealed = e.sealed;
      auto parts = flatten(e, top, decision, sealed ? own : scope, sealed ? own_structures : structures, sees_model && !sealed);
      if (!parts) return unexpected(parts.error());
      if (*parts) {  // a structure: its leaves by "entry.path"
        for (const auto& [p, leaf] : **parts) {
          bind_name(scope, entry_name + "." + p, leaf);
          bind_name(own, entry_name + "." + p, leaf);
          leaves.emplace_back(entry_name + "." + p, leaf);
        }
        bind_name(structures, entry_name, **parts);
        bind_name(own_structures, entry_name, **parts);
        continue;
      }
      e.name = decision;
      e.entry_of = top;
      e.description = "DMN context entry '" + entry_name + "' of decision '" + top + "'";
      out_.push_back(std::move(e));
      bind_name(scope, entry_name, decision);
      bind_name(own, entry_name, decision);
      leaves.emplace_back(entry_name, decision);
    }
    d.locals = std::move(scope);
    if (d.structure) return std::optional<Leaves>(std::move(leaves));
    if (!d.literal) return std::optional<Leaves>();
    const std::string name = trimmed(d.literal->feel);
    const Leaves* same = find(structures, name);
    if (same == nullptr && sees_model) same = find(globals_, name);
    if (same == nullptr) return std::optional<Leaves>();
    Leaves copy;  // the structure's leaves, each read by its name
    for (const auto& [p, leaf] : *same) {
      Decision x;
      x.name = path + "." + p;
      x.literal = Feel{name + "." + p, d.literal->at};
      x.at = d.at;
      x.locals = d.locals;
      x.sees_model = sees_model;
      x.entry_of = top;
      x.description = "DMN structure '" + path + "', component '" + p + "'";
      out_.push_back(std::move(x));
      copy.emplace_back(p, path + "." + p);
    }
    return std::optional<Leaves>(std::move(copy));
  }

  /// A model's decision: when a structure, its leaves are its outputs.
  expected<void> top(Decision& d) {
    const std::string name = d.name;
    auto parts = flatten(d, name, name, {}, {}, true);
    if (!parts) return unexpected(parts.error());
    if (!*parts) {
      out_.push_back(std::move(d));
      return {};
    }
    if ((*parts)->empty()) return unexpected(error_at(xml_, d.at, ErrorCode::invalid_rule, "decision '" + name + "' is an empty structure"));
    for (const auto& [p, leaf] : **parts)
      for (Decision& x : out_)
        if (x.name == leaf) x.output_of = name;
    globals_.emplace_back(name, std::move(**parts));
    return {};
  }

 private:
  std::vector<Decision>& out_;
  std::string_view xml_;
  Structures globals_;  // the model's structured decisions so far
};

}  // namespace

expected<void> flatten_contexts(Model& m, std::string_view xml) {
  std::vector<Decision> all;
  Flattener f(all, xml);
  for (Decision& d : m.decisions)
    if (auto ok = f.top(d); !ok) return ok;
  m.decisions = std::move(all);
  return {};
}

}  // namespace crm::internal::dmn
