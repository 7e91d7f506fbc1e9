// Private: + and - on dates, times, dates and times and durations (FEEL's temporal
// arithmetic), for the VM and the compiler's types.
#pragma once

#include <optional>
#include <string>

#include "crmrules/value_view.hpp"

namespace crm::internal::expression {

/// The kind of `a + b` (or `a - b` when `subtract`) for two temporal kinds, or nothing
/// when FEEL does not define it: date - date, date-time - date-time and time - time give
/// a days and time duration; a date, date-time or time plus or minus a duration of a kind
/// it takes gives its own kind (a duration may come first for +); two durations of one
/// kind give that kind.
std::optional<ValueKind> temporal_result(bool subtract, ValueKind a, ValueKind b) noexcept;

/// a + b or a - b into `out`; false with `error` set (its code in `code`) when the kinds
/// do not combine, a time or date-time with an offset meets one without, or the result
/// is out of range (years 1..9999, ±2^63 seconds).
bool temporal_arithmetic(bool subtract, const ValueView& a, const ValueView& b, ValueView& out, ErrorCode& code,
                         std::string& error);

}  // namespace crm::internal::expression
