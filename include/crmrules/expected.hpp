// crm::expected<T>: a T or a crm::Error.
//
//   crm::expected<crm::Decimal> sum = a.add(b);
//   if (!sum) return crm::unexpected(sum.error());
//   use(*sum);
//
// The one place that chooses the implementation: std::expected (C++23, GCC 12). A build
// that prefers tl::expected changes only this header. Every function that returns one is
// declared [[nodiscard]]: a result that may hold an error is never dropped silently (cast
// it to void to drop it on purpose). A [[nodiscard]] class derived from std::expected
// would say it once, but with GCC 12 it cost 7% more instructions in evaluation
// (benchmarks/instructions.sh), so the alias stays.
#pragma once

#include <expected>
#include <string>
#include <utility>

#include "crmrules/error.hpp"

namespace crm {

template <class T>
using expected = std::expected<T, Error>;

using unexpected = std::unexpected<Error>;

/// Shorthand for returning an error: `return crm::fail(ErrorCode::overflow, "...");`
[[nodiscard]] inline unexpected fail(ErrorCode code, std::string message, Location where = {}) {
  return unexpected(Error{code, std::move(message), std::move(where)});
}

}  // namespace crm
