// Private to the C ABI: error objects, argument checks and the catch-all guard that
// every entry point runs its body in. Conversion and error mapping only; no logic.
#pragma once

#include <new>
#include <string>
#include <string_view>
#include <type_traits>

#include "crmrules.h"
#include "crmrules/decimal.hpp"
#include "crmrules/error.hpp"
#include "crmrules/expected.hpp"

struct crm_error {
  crm::Error error;
};

namespace crm::capi {

static_assert(static_cast<int>(ErrorCode::internal) == CRM_E_INTERNAL, "crm_status mirrors crm::ErrorCode");
static_assert(static_cast<int>(ErrorCode::invalid_rule) == CRM_E_INVALID_RULE, "crm_status mirrors crm::ErrorCode");

inline crm_status status_of(ErrorCode code) noexcept { return static_cast<crm_status>(code); }

/// Hands `e` to the caller when it asked for details; returns its status.
crm_status report(crm_error** out, Error e) noexcept;

/// Reports a NULL pointer argument named `name` (kept out of line: the error path).
[[gnu::cold]] crm_status null_argument(const char* name, crm_error** out) noexcept;

/// A NULL pointer argument named `name` (an invalid_argument error), or CRM_OK.
inline crm_status require(const void* pointer, const char* name, crm_error** out) noexcept {
  if (pointer != nullptr) [[likely]] return CRM_OK;
  return null_argument(name, out);
}

/// A string argument: NULL only when len is 0, and valid UTF-8.
expected<std::string_view> text_arg(const char* text, std::size_t len, const char* name);

/// Runs body() and turns any exception into CRM_E_INTERNAL; body returns crm_status.
template <class Body>
crm_status guard(crm_error** out, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return report(out, Error{ErrorCode::internal, "out of memory", {}});
  } catch (const std::exception& e) {
    return report(out, Error{ErrorCode::internal, std::string("unexpected exception: ") + e.what(), {}});
  } catch (...) {
    return report(out, Error{ErrorCode::internal, "unexpected exception", {}});
  }
}

crm_decimal to_c(Decimal d) noexcept;

/// Stores an expected's value through out (a Decimal as a crm_decimal), or reports its error.
template <class T, class Out>
crm_status deliver(Out* out, expected<T>&& result, crm_error** err) noexcept {
  if (!result) return report(err, std::move(result).error());
  if constexpr (std::is_same_v<T, Decimal>) *out = to_c(*result);
  else *out = std::move(*result);
  return CRM_OK;
}

/// A malloc'd NUL-terminated copy for a char** out (freed by crm_string_free).
char* copy_string(std::string_view s);

/// The Decimal in a caller's crm_decimal; an invalid_argument error for bytes that no
/// crmrules function produced.
expected<Decimal> from_c(const crm_decimal& d, const char* name);

}  // namespace crm::capi
