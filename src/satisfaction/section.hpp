// Private: the "satisfaction" section of a rule set (rules/default.json), read into
// crm::satisfaction::Settings:
//
//   "satisfaction": {"scale": 4, "cap_at_ideal": false, "bands": [
//     {"label": "very_satisfied", "name": {"zh": "很满意", "en": "very satisfied"}, "points": 7, "from": "1"}, ...,
//     {"label": "very_dissatisfied", "name": {"zh": "很不满意", ...}, "points": 1}]}
#pragma once

#include <string_view>

#include "crmrules/satisfaction.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal::satisfaction {

inline constexpr std::string_view section_key = "satisfaction";

/// Errors name the place: fewer than 2 bands, a band without a label, a label used twice,
/// points outside 1..100, a `from` missing, negative or not below the band before's, one
/// on the last band, a scale outside 0..18.
[[nodiscard]] expected<SectionValue> load_section(const SectionSource& source);

}  // namespace crm::internal::satisfaction
