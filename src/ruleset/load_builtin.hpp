// Private: loading a rule set that the library carries built in (src/builtin/, the
// built-in machines). The build's tests load and test the same bytes, so a failure is a
// broken build, not bad input: the one policy for every built-in is to throw
// std::logic_error naming it (the C ABI reports it as CRM_INTERNAL; no host is aborted).
#pragma once

#include <string_view>

#include "crmrules/rule_set.hpp"

namespace crm::internal {

/// The rule set in `text`; std::logic_error ("the built-in <what> does not load") if it fails.
[[nodiscard]] RuleSet load_builtin(std::string_view text, std::string_view what);

}  // namespace crm::internal
