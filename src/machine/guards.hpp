// Private: whether two transitions' guards can hold at once (src/machine/guards.cpp).
#pragma once

#include <optional>

#include "crmrules/expression.hpp"

namespace crm::internal::machine {

enum class Overlap {
  exclusive,  // proved: never both true
  possible,   // not proved either way
  certain,    // both unguarded, one unguarded, or the same guard
};

/// No guard (nullopt) means "always".
[[nodiscard]] Overlap overlap(const std::optional<Expression>& a, const std::optional<Expression>& b);

}  // namespace crm::internal::machine
