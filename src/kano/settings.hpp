// Private: reading the "kano" key of a rule set (docs/rule-sets.md, "Kano analysis").
#pragma once

#include "crmrules/expected.hpp"
#include "src/json/reader.hpp"
#include "crmrules/kano.hpp"

namespace crm::internal {

/// The settings object at `at`; errors name the JSON pointer of the offending value.
expected<kano::Settings> load_kano_settings(const JsonReader& at);

}  // namespace crm::internal
