// Private: the "lifetime" section of a rule set (rules/lifetime.json), read into
// crm::lifetime::Settings.
#pragma once

#include <string_view>

#include "crmrules/lifetime.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal::lifetime {

inline constexpr std::string_view section_key = "lifetime";

[[nodiscard]] expected<SectionValue> load_section(const SectionSource& source);

}  // namespace crm::internal::lifetime
