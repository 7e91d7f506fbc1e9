// Private to the C ABI: error objects, argument checks and the catch-all guard that
// every entry point runs its body in. Conversion and error mapping only; no logic.
#pragma once

#include <cstddef>
#include <cstring>
#include <iterator>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>

#include "crmrules.h"
#include "crmrules/decimal.hpp"
#include "crmrules/error.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/text.hpp"

struct crm_error {
  crm::Error error;
};

namespace crm::capi {

static_assert(static_cast<int>(ErrorCode::internal) == CRM_E_INTERNAL, "crm_status mirrors crm::ErrorCode");
static_assert(static_cast<int>(ErrorCode::invalid_rule) == CRM_E_INVALID_RULE, "crm_status mirrors crm::ErrorCode");
static_assert(static_cast<int>(ErrorCode::unauthenticated) == CRM_E_UNAUTHENTICATED,
              "crm_status mirrors crm::ErrorCode");

inline crm_status status_of(ErrorCode code) noexcept { return static_cast<crm_status>(code); }

/// Hands `e` to the caller when it asked for details; returns its status.
crm_status report(crm_error** out, Error e) noexcept;

/// Reports a NULL pointer argument named `name` (kept out of line: the error path).
[[gnu::cold]] crm_status null_argument(const char* name, crm_error** out) noexcept;

/// Reports an invalid_argument error saying `message`.
inline crm_status invalid(crm_error** out, std::string message) {
  return report(out, Error{ErrorCode::invalid_argument, std::move(message), {}});
}

/// Reports an out_of_range error: "<what> <index> does not exist (there are <count>)".
inline crm_status no_such(crm_error** out, const char* what, std::size_t index, std::size_t count) {
  return report(out, Error{ErrorCode::out_of_range,
                           std::string(what) + " " + std::to_string(index) + " does not exist (there are " +
                               std::to_string(count) + ")",
                           {}});
}

/// A NULL pointer argument named `name` (an invalid_argument error), or CRM_OK.
inline crm_status require(const void* pointer, const char* name, crm_error** out) noexcept {
  if (pointer != nullptr) [[likely]] return CRM_OK;
  return null_argument(name, out);
}

/// A string argument: NULL only when len is 0, and valid UTF-8.
[[nodiscard]] expected<std::string_view> text_arg(const char* text, std::size_t len, const char* name);

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

// ---- Structs that grow (docs/c-api.md) ---------------------------------------------------
// A public struct that may gain members begins with `size_t size`: the bytes the caller's
// struct has (sizeof in the header it was compiled with; its CRM_..._INIT macro sets it).
// Each such struct has a Growth<T> in the .cpp that uses it:
//
//   template <> struct Growth<crm_kano_result> {
//     static constexpr const char* name = "crm_kano_result";
//     static constexpr const char* init = "CRM_KANO_RESULT_INIT";
//     static constexpr std::size_t ends[] = {CRM_MEMBER_END(crm_kano_result, category_strength)};
//   };
//
// ends: where the first version's members end (the least size a caller may pass), then the
// end of each member added since, in order. A member is only ever added at the end.

/// Where `member` of the C struct `type` ends: the size that holds it and those before it.
#define CRM_MEMBER_END(type, member) (offsetof(type, member) + sizeof(type::member))

template <class T>
struct Growth;

/// Sizes above this are refused as not a size at all (an uninitialised struct).
inline constexpr std::size_t max_struct_size = 4096;

/// The caller's size member, read as bytes: the caller's struct may be an older, shorter
/// one than this library's.
inline std::size_t caller_size(const void* p) noexcept {
  std::size_t size = 0;
  std::memcpy(&size, p, sizeof size);
  return size;
}

/// The bytes of a caller's struct of `size` bytes that hold whole members this library
/// knows: the largest of `ends` not above size (size is at least ends[0]).
std::size_t fitting(std::size_t size, const std::size_t* ends, std::size_t count) noexcept;

/// An invalid_argument error for argument `name` (a `type`) whose size member is 0, below
/// `minimum` or above max_struct_size; it names the INIT macro to use.
[[gnu::cold]] crm_status bad_size(const char* name, const char* type, const char* init, std::size_t size,
                                  std::size_t minimum, crm_error** out) noexcept;

/// An invalid_argument error for options `name` (a `type`, `known` bytes in this library)
/// that set a member this library does not know: byte `at` of their `size` is not 0.
[[gnu::cold]] crm_status unknown_members(const char* name, const char* type, std::size_t known, std::size_t at,
                                         std::size_t size, crm_error** out) noexcept;

/// CRM_OK when the size member of the caller's struct `p` (argument `name`) holds at least
/// the first version's members and is plausible; the error otherwise.
template <class T>
crm_status check_size(const T* p, const char* name, crm_error** err) noexcept {
  static_assert(offsetof(T, size) == 0 && std::is_same_v<decltype(T::size), std::size_t>, "size comes first");
  const std::size_t size = caller_size(p);
  if (size >= Growth<T>::ends[0] && size <= max_struct_size) [[likely]] return CRM_OK;
  return bad_size(name, Growth<T>::name, Growth<T>::init, size, Growth<T>::ends[0], err);
}

/// Copies into the caller's struct (its size checked by check_size) the members of `value`
/// that fit in its size; its size member and any bytes past those members are left alone.
template <class T>
void fill(T* out, const T& value) noexcept {
  constexpr std::size_t head = sizeof(std::size_t);
  const std::size_t n = fitting(caller_size(out), Growth<T>::ends, std::size(Growth<T>::ends));
  std::memcpy(reinterpret_cast<unsigned char*>(out) + head, reinterpret_cast<const unsigned char*>(&value) + head,
              n - head);
}

/// The caller's options (argument `name`; NULL: every default) as this library's struct: the
/// members that fit in their size, the others zero (their default). An error for a bad
/// size, or for options that set a member past this library's struct (bytes past its
/// sizeof must be 0: an option this library cannot honour is never silently dropped).
template <class T>
crm_status read_options(T& out, const T* options, const char* name, crm_error** err) noexcept {
  constexpr std::size_t head = sizeof(std::size_t);
  std::memset(static_cast<void*>(&out), 0, sizeof out);
  out.size = sizeof out;
  if (options == nullptr) return CRM_OK;
  if (auto s = check_size(options, name, err); s != CRM_OK) return s;
  const std::size_t size = caller_size(options);
  const auto* bytes = reinterpret_cast<const unsigned char*>(options);
  for (std::size_t i = sizeof(T); i < size; ++i)
    if (bytes[i] != 0) return unknown_members(name, Growth<T>::name, sizeof(T), i, size, err);
  const std::size_t n = fitting(size, Growth<T>::ends, std::size(Growth<T>::ends));
  std::memcpy(reinterpret_cast<unsigned char*>(&out) + head, bytes + head, n - head);
  return CRM_OK;
}

/// A malloc'd NUL-terminated copy for a char** out (freed by crm_string_free).
char* copy_string(std::string_view s);

/// A string result: *out a copy (copy_string), *out_len its length when out_len is not NULL.
inline crm_status out_string(char** out, size_t* out_len, std::string_view s) {
  *out = copy_string(s);
  if (out_len != nullptr) *out_len = s.size();
  return CRM_OK;
}

/// The language a caller passed (CRM_LANG_ZH, CRM_LANG_EN), or an invalid_argument error
/// naming the two it may be.
crm_status lang_arg(Lang& out, int lang, crm_error** err);

/// The Decimal in a caller's crm_decimal; an invalid_argument error for bytes that no
/// crmrules function produced.
[[nodiscard]] expected<Decimal> from_c(const crm_decimal& d, const char* name);

}  // namespace crm::capi
