// Private: text to syntax tree, for expressions and for decision-table cells.
#pragma once

#include <string_view>

#include "crmrules/expected.hpp"
#include "src/expression/ast.hpp"

namespace crm::internal::expression {

/// An expression: one root.
[[nodiscard]] expected<Ast> parse_expression(std::string_view text);

/// A decision-table cell (unary tests): roots are the comma-separated tests; a leading
/// comparison operator or `in` means "$ <op>"; not(...) around the whole cell sets
/// Ast::negated. An empty cell or `-` has no roots.
[[nodiscard]] expected<Ast> parse_unary_tests(std::string_view text);

}  // namespace crm::internal::expression
