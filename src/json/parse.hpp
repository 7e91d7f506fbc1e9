// Private: JSON documents with source positions for error messages.
//
//   auto doc = internal::parse_json(text);            // syntax errors carry line:column
//   ...                                               // walk doc->root
//   Location at = internal::locate(text, "/decisions/2/table/rows/5");  // line:column of a value
//
// Boost.JSON keeps no positions in its DOM, so a semantic error found while walking the
// tree names its JSON pointer, and locate() rescans the text (on the error path only) to
// add the line and column.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "crmrules/expected.hpp"

namespace crm::internal {

/// What parse_json accepts (a rule set's come from crm::Limits; none by default).
struct JsonLimits {
  std::size_t document_bytes = static_cast<std::size_t>(-1);
  std::size_t string_bytes = static_cast<std::size_t>(-1);  // one key or string, its bytes as written
};

/// The parsed document. Errors, each at its line and column: malformed JSON (parse), a
/// number with more digits than it keeps exactly or a document or string past the limits
/// (out_of_range), a key twice in one object (conflict; with its JSON pointer).
///
/// The tree's nodes come from `storage` when given (e.g. a monotonic_resource over a
/// caller's buffer, for a document read and dropped in one call: it must outlive the
/// tree), else from an arena the tree owns. `scratch`, when given, holds the parser's
/// temporary stack first.
[[nodiscard]] expected<boost::json::value> parse_json(std::string_view text, const JsonLimits& limits = {},
                                                      boost::json::memory_resource* storage = nullptr,
                                                      std::span<unsigned char> scratch = {});

/// Line and column (from 1; columns count code points) of byte `offset` in `text`.
Location position_of(std::string_view text, std::size_t offset);

/// The location of the value at JSON pointer `pointer` in `text`: the pointer with the
/// line and column of the value's first character, or of the nearest enclosing value
/// that exists.
Location locate(std::string_view text, std::string_view pointer);

/// A JSON pointer's reference token for `key` ("a/b" -> "a~1b").
std::string pointer_token(std::string_view key);

}  // namespace crm::internal
