// Sections of a loaded rule set, by key (src/ruleset/section.hpp).
#include "src/ruleset/section.hpp"

#include "src/ruleset/compiled.hpp"

namespace crm::internal {

SectionValue find_section(const RuleSet& rules, std::string_view key) noexcept {
  for (const auto& [k, value] : RuleSetAccess::of(rules).sections)
    if (k == key) return value;
  return nullptr;
}

}  // namespace crm::internal
