// Private: the order in which decisions run, each after those it reads.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "crmrules/expected.hpp"

namespace crm::internal {

/// The nodes 0..deps.size()-1 in an order where each comes after every node in its deps
/// (document order where free). A cycle is an invalid_rule error naming it ("a -> b -> a",
/// at most eight names of a long one) through `name`. A depth-first walk with its own
/// stack: a chain of a million links needs no more of the thread's stack than one of two.
[[nodiscard]] expected<std::vector<std::size_t>> dependency_order(
    const std::vector<std::vector<std::size_t>>& deps, const std::function<const std::string&(std::size_t)>& name);

}  // namespace crm::internal
