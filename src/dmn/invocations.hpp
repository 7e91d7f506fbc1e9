// Private: business knowledge models invoked from decisions, expanded at each call into
// a boxed context that flatten_contexts (contexts.hpp) then writes out as decisions.
//
//   bkm "Fee"(amount, rate): amount * rate
//   decision "Total": Price + Fee(Price, 0.02)
//   -> "Total": context { "Fee (call 1)": context { amount: Price, rate: 0.02,
//                                                     Fee: amount * rate (sealed) },
//                         result: Price + Fee (call 1) }
//
// A boxed invocation binds parameters by name (a parameter left out is null); a call in
// a literal expression passes them in order. The body sees only its parameters (sealed),
// never the model's inputs or decisions. Every call of a literal is evaluated, also one
// in an if's branch that is not taken.
#pragma once

#include <string_view>

#include "src/dmn/model.hpp"

namespace crm::internal::dmn {

/// Every invocation and every call of a business knowledge model in a literal expression
/// (of a decision, a context entry, a binding or another model's body) expanded. Refused
/// at the element: an unknown model or parameter, a wrong number of arguments, named
/// arguments, a model that invokes itself.
[[nodiscard]] expected<void> expand_invocations(Model& m, std::string_view xml);

}  // namespace crm::internal::dmn
