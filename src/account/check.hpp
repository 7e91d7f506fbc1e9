// Private: an Account's words checked against the planner's vocabulary (the section's
// roles, attitudes, behaviours, stages and order traits, the rule sets' enum inputs for
// traits, criteria and implementation, and the deal sizes), with the JSON pointer each
// would have in a document: one check for read() and for plan(const Account&).
#pragma once

#include "crmrules/account.hpp"
#include "src/account/section.hpp"

namespace crm::internal::account {

[[nodiscard]] expected<void> check_account(const crm::account::Account& account, const Section& section,
                                           const RuleSet& rules);

}  // namespace crm::internal::account
