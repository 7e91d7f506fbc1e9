// Private: writing JSON text. Decimals are written as JSON numbers with their exact
// text ("750000.00"), never through a double.
#pragma once

#include <string>
#include <string_view>

#include "crmrules/value.hpp"

namespace crm::internal {

/// Appends `s` as a JSON string literal (quoted and escaped).
void write_json_string(std::string& out, std::string_view s);
/// Appends a Value: null, true/false, an exact number, a string, or a date as "YYYY-MM-DD".
void write_json_value(std::string& out, const Value& v);

}  // namespace crm::internal
