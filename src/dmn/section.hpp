// Private: the "dmn" section of an imported rule set: the DMN version, namespace and the
// names DMN gave its inputs, decisions and outputs (src/sections.cpp registers it).
#pragma once

#include <string>
#include <vector>

#include "crmrules/dmn.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal::dmn {

struct Section {
  std::string version, ns;
  std::vector<crm::dmn::Name> names;
};

[[nodiscard]] expected<SectionValue> load_section(const SectionSource& source);

}  // namespace crm::internal::dmn
