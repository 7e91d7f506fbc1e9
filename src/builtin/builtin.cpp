// crm::RuleSet::builtin(): the default rule set (rules/default.json), embedded at build time.
#include <cstdio>
#include <cstdlib>

#include "crmrules/rule_set.hpp"

namespace crm {
namespace internal {
std::string_view default_rules_text() noexcept;  // generated: default_rules.cpp
}  // namespace internal

std::string_view RuleSet::builtin_json() noexcept { return internal::default_rules_text(); }

const RuleSet& RuleSet::builtin() {
  // Loaded once, on first use (thread-safe), then shared. The build's tests load and test
  // the same bytes, so a failure here is a broken build, not bad input: say so and stop.
  static const RuleSet rules = [] {
    auto loaded = RuleSet::load(builtin_json());
    if (!loaded) {
      std::fprintf(stderr, "crmrules: the built-in rule set does not load (a broken build): %s\n",
                   loaded.error().to_string().c_str());
      std::abort();
    }
    return std::move(*loaded);
  }();
  return rules;
}

}  // namespace crm
