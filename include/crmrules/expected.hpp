// crm::expected<T>: a T or a crm::Error.
//
//   crm::expected<crm::Decimal> sum = a.add(b);
//   if (!sum) return crm::unexpected(sum.error());
//   use(*sum);
//
// The one place that chooses the implementation: std::expected (C++23, GCC 12). A build
// that prefers tl::expected changes only this header. It is [[nodiscard]]: a result
// that may hold an error cannot be dropped silently (cast to void to drop it on purpose).
#pragma once

#include <expected>
#include <string>
#include <type_traits>
#include <utility>

#include "crmrules/error.hpp"

namespace crm {

template <class T>
class [[nodiscard]] expected : public std::expected<T, Error> {
 public:
  using std::expected<T, Error>::expected;
  // From a std::expected (what and_then, transform and the like return).
  expected(std::expected<T, Error> other) : std::expected<T, Error>(std::move(other)) {}  // NOLINT: implicit on purpose

  /// Holds a value equal to `v` (std::expected's own operator, stated here so that
  /// C++20's reversed candidates do not make it ambiguous for this derived class).
  template <class U>
    requires(!std::is_void_v<T> && !std::is_base_of_v<std::expected<T, Error>, U> &&
             !std::is_same_v<U, std::unexpected<Error>>)
  friend bool operator==(const expected& e, const U& v) {
    return e.has_value() && *e == v;
  }
};

using unexpected = std::unexpected<Error>;

/// Shorthand for returning an error: `return crm::fail(ErrorCode::overflow, "...");`
[[nodiscard]] inline unexpected fail(ErrorCode code, std::string message, Location where = {}) {
  return unexpected(Error{code, std::move(message), std::move(where)});
}

}  // namespace crm
