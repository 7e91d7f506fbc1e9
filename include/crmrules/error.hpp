// crm::Error: what went wrong, as a value.
//
//   crm::expected<crm::Decimal> d = crm::Decimal::parse("12,5");
//   if (!d) std::cerr << d.error().to_string() << '\n';
//   // parse error at offset 2: unexpected ',' in decimal "12,5"
//
// Every fallible function returns crm::expected<T> (see expected.hpp); no exception
// leaves a public function because of bad input. The codes are mirrored one to one by
// the C ABI's crm_status (capi/crmrules.h), so never renumber one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace crm {

enum class ErrorCode : int {
  ok = 0,
  invalid_argument = 1,   // a NULL handle or out-pointer, a bad option value
  parse = 2,              // text that does not parse (decimal, JSON, expression)
  overflow = 3,           // a result outside the representable range
  division_by_zero = 4,
  invalid_utf8 = 5,       // a string argument that is not valid UTF-8
  type_mismatch = 6,      // a value of the wrong type for its place
  unknown_name = 7,       // an unknown field, function, machine, event, ...
  out_of_range = 8,       // a value outside its declared bounds or precision
  missing = 9,            // a required value that is absent
  no_match = 10,          // no rule matched where one was required
  conflict = 11,          // rules that disagree (e.g. two hits under UNIQUE)
  illegal_transition = 12,
  corrupt = 13,           // damaged or truncated saved data
  version_mismatch = 14,  // saved data from another version of a definition
  buffer_too_small = 15,  // a caller's buffer cannot hold the result
  io = 16,                // a file that cannot be read or written
  invalid_rule = 17,      // a rule set that loads but fails its checks
  internal = 18,          // a bug in crmrules: please report it
  unauthenticated = 19,   // saved data whose seal is missing or does not match the key
};

/// The stable lower-case name of a code ("overflow", "division_by_zero", ...).
[[nodiscard]] std::string_view to_string(ErrorCode code) noexcept;

/// Where an error happened. Every part is optional: `pointer` is a JSON pointer
/// ("/tables/0/rows/3") into a document, `line` and `column` count from 1 when the
/// error came from text (0 means unknown), `offset` counts bytes from 0 within a
/// single string such as a decimal or an expression.
struct Location {
  std::string pointer;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::int64_t offset = -1;

  static Location at_offset(std::int64_t offset) { return Location{{}, 0, 0, offset}; }
  static Location at_pointer(std::string pointer) { return Location{std::move(pointer), 0, 0, -1}; }

  [[nodiscard]] bool empty() const noexcept {
    return pointer.empty() && line == 0 && offset < 0;
  }
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  Location where;

  /// "<code> at <where>: <message>", for logs and exception texts.
  [[nodiscard]] std::string to_string() const;
};

}  // namespace crm
