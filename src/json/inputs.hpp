// Private: reading evaluation inputs from JSON without building a document.
//
//   struct Into : internal::JsonInputSink { ... };   // begin_row / member / end_row
//   auto ok = internal::read_json_inputs(R"({"amount": 71.00})", false, sink);
//   // sink.member("amount", Value(Decimal 71.00)): the number's own text, scale kept
//
// A number is read from its source text by Decimal::parse, never through a double, so
// `71.00` keeps its two places and a 19-digit amount stays exact. An object of inputs
// gives one row; with `batch`, an array of such objects gives one row each. Errors carry
// the member's JSON pointer (in a batch prefixed with the row: "/3/amount") with its
// line and column.
#pragma once

#include <string_view>

#include "crmrules/expected.hpp"
#include "crmrules/value.hpp"

namespace crm::internal {

class JsonInputSink {
 public:
  virtual ~JsonInputSink() = default;
  /// A new row of inputs starts.
  virtual void begin_row() = 0;
  /// One input of the current row; an error stops the row (its pointer is replaced
  /// with the member's).
  [[nodiscard]] virtual expected<void> member(std::string_view key, Value&& value) = 0;
  /// The row is complete; `error` is its first error, located (batch only: without
  /// `batch` the first error ends the reading instead).
  virtual void end_row(const Error* error) = 0;
};

/// Reads `text` (an object, or with `batch` an array of objects) into `sink`. Fails on
/// malformed JSON (line and column), on a root of the wrong shape, and (without
/// `batch`) on the first member the sink refuses.
[[nodiscard]] expected<void> read_json_inputs(std::string_view text, bool batch, JsonInputSink& sink);

}  // namespace crm::internal
