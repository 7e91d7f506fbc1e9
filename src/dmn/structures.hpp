// Private: a structured DMN input (an item definition with components, maybe nested, or
// of other structured item definitions) as the leaves the rule set has one input for.
//
//   tApplicant { Age: number, Monthly { Income: number, Expenses: number } }
//   -> {"Age", number}, {"Monthly.Income", number}, {"Monthly.Expenses", number}
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "src/dmn/model.hpp"

namespace crm::internal::dmn {

struct Leaf {
  std::string path, type_ref;  // "Monthly.Income" (components joined with '.'), a simple type
  Where at;
};

/// The item definition named type_ref, or nullptr.
[[nodiscard]] const ItemDefinition* find_item(const Model& m, std::string_view type_ref);

/// The leaves of a structure's components, in order. A component that is a list, or a
/// structure nested deeper than 8 (an item definition containing itself), is refused.
[[nodiscard]] expected<std::vector<Leaf>> leaves(const Model& m, const std::vector<Component>& components, std::string_view xml);

}  // namespace crm::internal::dmn
