// Private to capi/: what a crm_ruleset handle holds, for the areas that take one
// (rule sets, sessions, account planners). One definition for the whole library.
#pragma once

#include "crmrules/rule_set.hpp"

struct crm_ruleset {
  crm::RuleSet rules;
};
