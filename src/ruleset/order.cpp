// The order in which decisions run (src/ruleset/order.hpp).
#include "src/ruleset/order.hpp"

#include <algorithm>
#include <cstdint>

namespace crm::internal {
namespace {

/// "a -> b -> c -> a" for the cycle that is the tail of `path` from `closing` on.
std::string describe_cycle(const std::vector<std::size_t>& path, std::size_t closing,
                           const std::function<const std::string&(std::size_t)>& name) {
  constexpr std::size_t shown = 8;
  const auto from = std::find(path.begin(), path.end(), closing);
  const auto length = static_cast<std::size_t>(path.end() - from);
  std::string text;
  for (auto it = from; it != path.end() && it - from < static_cast<std::ptrdiff_t>(shown); ++it)
    text += name(*it) + " -> ";
  if (length > shown) text += "... (" + std::to_string(length) + " decisions) -> ";
  return text + name(closing);
}

}  // namespace

expected<std::vector<std::size_t>> dependency_order(const std::vector<std::vector<std::size_t>>& deps,
                                                    const std::function<const std::string&(std::size_t)>& name) {
  const std::size_t n = deps.size();
  enum class Mark : std::uint8_t { fresh, on_path, done };
  std::vector<Mark> mark(n, Mark::fresh);
  std::vector<std::size_t> order, path;  // path: the nodes being visited, outermost first
  std::vector<std::size_t> next_dep;     // per entry of path: the next of its deps to visit
  order.reserve(n);
  for (std::size_t root = 0; root < n; ++root) {
    if (mark[root] != Mark::fresh) continue;
    mark[root] = Mark::on_path;
    path.push_back(root);
    next_dep.push_back(0);
    while (!path.empty()) {
      const std::size_t d = path.back();
      if (next_dep.back() == deps[d].size()) {  // every dependency placed: place d
        mark[d] = Mark::done;
        order.push_back(d);
        path.pop_back();
        next_dep.pop_back();
        continue;
      }
      const std::size_t dep = deps[d][next_dep.back()++];
      if (mark[dep] == Mark::done) continue;
      if (mark[dep] == Mark::on_path)
        return fail(ErrorCode::invalid_rule, "decisions depend on each other in a cycle: " + describe_cycle(path, dep, name));
      mark[dep] = Mark::on_path;
      path.push_back(dep);
      next_dep.push_back(0);
    }
  }
  return order;
}

}  // namespace crm::internal
