// Private: an imported DMN model written as a rule-set document, with the names it was
// given and, for each JSON pointer written, the XML element it came from.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "crmrules/dmn.hpp"
#include "src/dmn/model.hpp"

namespace crm::internal::dmn {

struct Written {
  std::string json;
  std::vector<crm::dmn::Name> names;
  std::vector<std::pair<std::string, Where>> origins;  // JSON pointer -> element
};

[[nodiscard]] expected<Written> write_rule_set(const Model& m, std::string_view xml);

/// The section key under which an imported rule set keeps its DMN names.
inline constexpr std::string_view section_key = "dmn";

}  // namespace crm::internal::dmn
