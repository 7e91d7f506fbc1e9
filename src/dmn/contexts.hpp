// Private: a DMN boxed context (a decision's or a context entry's logic: named entries,
// then a result entry) as decisions of their own, before the model is written.
//
//   decision "Payment": context { Rate: 0.0375, Monthly: table(Rate, Term), result: Monthly + 1 }
//   -> decisions "Payment.Rate" (0.0375), "Payment.Monthly" (the table, its FEEL seeing
//      Rate as "Payment.Rate"), "Payment" (Monthly + 1, seeing both entries)
//
// Each entry becomes a decision named by its path, marked as belonging to the model's
// decision (entry_of); the FEEL of an entry sees the entries before it in its context and
// in the contexts around it (locals), the inner name hiding an outer one.
#pragma once

#include <string_view>

#include "src/dmn/model.hpp"

namespace crm::internal::dmn {

/// Every decision's context written out as decisions placed before it. A context entry
/// whose table has several outputs (a structure) is refused.
[[nodiscard]] expected<void> flatten_contexts(Model& m, std::string_view xml);

}  // namespace crm::internal::dmn
