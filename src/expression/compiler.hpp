// Private: syntax tree to bytecode, with names resolved, types checked and constants folded.
#pragma once

#include <optional>
#include <vector>

#include "crmrules/error.hpp"
#include "src/expression/ast.hpp"
#include "src/expression/program.hpp"
#include "crmrules/scope.hpp"

namespace crm::internal::expression {

/// Static types during compilation: Type plus the type of the literal `null`.
enum class SType : std::uint8_t { any, boolean, decimal, string, date, null, list, time, date_time, days_duration, months_duration };

struct CompileResult {
  /// The value of each node that is a constant (literals and folded parts), by node index.
  std::vector<std::optional<Value>> constants;
};

/// Compiles the expression ast.roots[0] into `program`.
[[nodiscard]] expected<CompileResult> compile_expression(const Ast& ast, const Scope& scope, Program& program);

/// Compiles a cell's tests (ast.roots, or-ed, negated when ast.negated) into `program`,
/// leaving a bool; $ has type `input_type`.
[[nodiscard]] expected<CompileResult> compile_tests(const Ast& ast, const Scope& scope, Type input_type, Program& program);

/// Whether a cell's test node is used as a boolean as it is (comparison, in, and, or, a
/// boolean function); otherwise the cell compares it with $.
bool is_boolean_test(const Ast& ast, std::int32_t node);

}  // namespace crm::internal::expression
