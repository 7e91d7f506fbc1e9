// Private: pieces of the rule-set loader shared by its source files.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "crmrules/expected.hpp"
#include "crmrules/schema.hpp"
#include "crmrules/value.hpp"
#include "src/json/reader.hpp"

namespace crm::internal {

/// A name usable in expressions: [A-Za-z_][A-Za-z0-9_]*, not a keyword.
[[nodiscard]] expected<void> check_name(std::string_view name, const JsonReader& at);

/// A JSON scalar as a Value: null, bool, string, or an exact decimal from a number.
[[nodiscard]] expected<Value> value_from_json(const boost::json::value& v, const JsonReader& at);

/// The "inputs" object.
[[nodiscard]] expected<Schema> load_schema(const JsonReader& inputs);

}  // namespace crm::internal

#include <string>
#include <unordered_map>

#include "crmrules/expression.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/scope.hpp"
#include "crmrules/unary_test.hpp"

namespace crm::internal {

struct Decision;
struct TestCase;
struct CompiledRuleSet;

/// The scope type of a field type (enum and grade labels are strings).
Type scope_type(FieldType type) noexcept;

/// What compiling one document needs: its text (for positions) and the scope.
struct LoadContext {
  std::string_view text;
  const Schema* schema = nullptr;
  Scope scope;
  std::vector<Diagnostic>* diagnostics = nullptr;
  const Limits* limits = nullptr;  // the rule set's (none: no limits, as for a machine's own scopes)

  /// An expression or cell error turned into a document error at `at` (the string's
  /// pointer), its offset within the string added to the column.
  [[nodiscard]] unexpected at_string(const JsonReader& at, const Error& e, std::string_view what) const;
  [[nodiscard]] expected<Expression> expression(const JsonReader& at, std::string_view what) const;
  [[nodiscard]] expected<UnaryTest> cell(const JsonReader& at, Type input_type, std::string_view what) const;

  /// Compiled expressions and cells by source text (and a cell's input type): real
  /// tables repeat their cells heavily, and a copy shares the compiled program.
  mutable std::unordered_map<std::string, Expression> expression_cache{};
  mutable std::unordered_map<std::string, UnaryTest> cell_cache{};
};

/// The outputs a decision declares, before anything is compiled.
[[nodiscard]] expected<std::vector<std::string>> declared_outputs(const JsonReader& decision);
/// Compiles one decision against the context (every output already has its slot).
[[nodiscard]] expected<Decision> load_decision(const JsonReader& decision, const LoadContext& context);
/// The tests (a test that does not load is reported and left out), their given and expect
/// keys checked against the rule set's inputs and outputs.
[[nodiscard]] expected<std::vector<TestCase>> load_tests(const JsonReader& tests, const CompiledRuleSet& rules,
                                                         std::vector<Diagnostic>& diagnostics);

/// Fills each OutputInfo's kind from the compiled decisions (null where it varies).
void infer_output_kinds(CompiledRuleSet& rules);

}  // namespace crm::internal
