// Private: an account's facts, the top-level rule set's inputs (rules/account.json's
// "inputs"): counts and flags the planner derives from the document, the traits as given.
#pragma once

#include "crmrules/account.hpp"
#include "crmrules/record.hpp"
#include "src/account/section.hpp"

namespace crm::internal::account {

/// Sets the facts of `account` into `record` (a record of the section's rule set) at the
/// slots the section resolved when it loaded.
[[nodiscard]] expected<void> set_facts(Record& record, const Section& section, const crm::account::Account& account);

}  // namespace crm::internal::account
