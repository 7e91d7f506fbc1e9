// crm::expected<T>: a T or a crm::Error.
//
//   crm::expected<crm::Decimal> sum = a.add(b);
//   if (!sum) return crm::unexpected(sum.error());
//   use(*sum);
//
// The one place that chooses the implementation: std::expected (C++23, GCC 12). A build
// that prefers tl::expected changes only this header.
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
