// Private: the expression language written as FEEL, for exporting a rule set as DMN: the
// reverse of feel.hpp for what the importer writes (and what a rule author writes alike).
//
//   to_feel_expression("(x >= 18) ? ('adult') : ('minor')", names)  // if (x >= 18) then ("adult") else ("minor")
//   to_feel_unary_tests("in [1..5)", names)                          // [1..5)
//
// What FEEL cannot say the same way (??, round, log10, pow, clamp, and-joined cells) is an
// error naming it.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"

namespace crm::internal::dmn {

using DmnNames = std::map<std::string, std::string, std::less<>>;  // identifier -> DMN name

[[nodiscard]] expected<std::string> to_feel_expression(std::string_view crm, const DmnNames& names);
[[nodiscard]] expected<std::string> to_feel_unary_tests(std::string_view crm, const DmnNames& names);

}  // namespace crm::internal::dmn
