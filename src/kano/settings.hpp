// Private: reading the "kano" key of a rule set (docs/rule-sets.md, "Kano analysis").
#pragma once

#include "crmrules/expected.hpp"
#include "crmrules/kano.hpp"
#include "src/json/reader.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal {

/// The settings object at `at`; errors name the JSON pointer of the offending value.
[[nodiscard]] expected<kano::Settings> load_kano_settings(const JsonReader& at);

/// The rule set's "kano" section: a kano::Settings (src/sections.cpp registers it).
inline constexpr std::string_view kano_section = "kano";
[[nodiscard]] expected<SectionValue> load_kano_section(const SectionSource& source);

}  // namespace crm::internal
