// Private: the "portfolio" section of a rule set (rules/default.json): the classes by
// cumulative share, "four_class" (crm::ShareClasses, include/crmrules/portfolio_classes.hpp).
//
//   "portfolio": {"four_class": [
//     {"label": "A", "name": {"zh": "主要客户", "en": "main customers"}, "up_to": "0.80"}, ...,
//     {"label": "D", "name": {"zh": "杂类客户", "en": "miscellaneous customers"}}]}
#pragma once

#include <string_view>

#include "crmrules/portfolio_classes.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal::portfolio {

inline constexpr std::string_view section_key = "portfolio";

struct Section {
  ShareClasses four_class;
};

/// Errors name the place: a class without a label or a name, a label used twice, a
/// cut-off missing, not above the one before, outside (0, 1], or given on the last class.
[[nodiscard]] expected<SectionValue> load_section(const SectionSource& source);

}  // namespace crm::internal::portfolio
