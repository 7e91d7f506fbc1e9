// Private: the "profile" section of a rule set (rules/profile.json), read into
// crm::profile::Schema:
//
//   "profile": {"id_field": "id", "owner_field": "owner", "scale": 2,
//               "no_owner": {"zh": "...", "en": "..."},
//               "groups": [{"id": "basic", "name": {...}, "weight": 1,
//                           "fields": [{"id": "name", "name": {"zh": "名称", "en": "name"}, "weight": 1}]}]}
#pragma once

#include <string_view>

#include "crmrules/profile.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal::profile {

inline constexpr std::string_view section_key = "profile";

/// Errors name the place: no group, a group without fields, an id or a Chinese name used
/// twice (fields by id and by Chinese name are one namespace), a weight not above 0, an
/// owner field that is no field, a scale outside 0..18, an unknown member.
[[nodiscard]] expected<SectionValue> load_section(const SectionSource& source);

}  // namespace crm::internal::profile
