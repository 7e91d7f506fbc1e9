// Private: JSON numbers kept exact through Boost.JSON, which reads every number with a
// fraction as a double (2878.693549432766768212 would come back as 2878.6935494327668).
//
//   auto tree = boost::json::parse(numbers_as_strings(R"({"a": 1.50})"));  // {"a": "\u0001#1.50"}
//   ... rename keys, move values ...
//   std::string out = numbers_back(boost::json::serialize(tree));         // {"a":1.50}
#pragma once

#include <string>
#include <string_view>

namespace crm::internal::dmn {

/// Each number outside strings as a string holding a marker and the number's text.
[[nodiscard]] std::string numbers_as_strings(std::string_view json);
/// The strings numbers_as_strings made, as the numbers again (Boost.JSON writes the marker
/// as \u0001).
[[nodiscard]] std::string numbers_back(std::string_view json);

}  // namespace crm::internal::dmn
