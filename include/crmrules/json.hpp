// JSON text in and out of the core types, exact: a number is read from its own digits
// and a decimal written with them ("750000.00"), never through a double.
//
//   std::string v = crm::to_json(crm::Value(*crm::Decimal::parse("750000.00")));   // 750000.00
//   std::string e = crm::to_json(error);   // {"code": "parse", "message": "...", "line": 3, "column": 7}
//   auto fields = crm::values_from_json(R"({"amount": 19.90, "tier": "gold"})");
//   if (!fields) std::cerr << fields.error().to_string();      // its pointer, line and column
//   for (const auto& [name, value] : *fields) ...               // "amount" 19.90, "tier" "gold"
//   crm::Location at = crm::locate_json(text, "/steps/2/data");  // a value's line and column
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crmrules/error.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/value.hpp"

namespace crm {

/// null, true/false, an exact number, a string, a date as "YYYY-MM-DD", or a list of these.
[[nodiscard]] std::string to_json(const Value& value);
/// {"code", "message"} and the parts of the error's place that are known: "pointer",
/// "line" and "column", "offset". The one form in which every face writes errors.
[[nodiscard]] std::string to_json(const Error& error);

/// The members of a JSON object of scalars, in document order, as Values: numbers exact
/// with their scale (`71.00`), strings, booleans, null. Errors (with pointer, line and
/// column): the text is not JSON or not an object, a member is an object or an array, a
/// key comes twice (conflict).
[[nodiscard]] expected<std::vector<std::pair<std::string, Value>>> values_from_json(std::string_view object);

/// The line and column (from 1; columns count code points) of the value at JSON pointer
/// `pointer` in `text`, or of the nearest enclosing value that exists.
[[nodiscard]] Location locate_json(std::string_view text, std::string_view pointer);

}  // namespace crm
