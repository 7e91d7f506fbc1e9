// crm::UnaryTest: a decision-table cell, tested against the column's input value `$`.
//
//   crm::Scope scope;
//   auto cell = crm::UnaryTest::compile("[75..85)", scope, crm::Type::decimal);
//   bool hit = *cell->matches(crm::Decimal::from_int(80));          // true
//   cell->intervals()->to_string();                                 // "[75..85)"
//
//   auto grades = crm::UnaryTest::compile("not(\"C1\", \"C2\")", scope, crm::Type::string);
//   grades->constants()->values;                                    // {"C1", "C2"}, negated
//   crm::UnaryTest::compile("-", scope)->is_any();                  // true
//
// Cell forms (DMN / ZEN style; docs/expressions.md has the details):
//   -  or empty                    any input
//   >= 85   < -2   == 5   != 5     a comparison with $ on the left
//   [75..85)  (1..5]  [a..b]       $ within the range
//   "A1"   5   x + 1               $ equals the value
//   "A1", "A2"     1, [5..7]       any of the tests (a comma means or)
//   > 5 and < 10                   tests joined with and / or
//   in [1, 2]   not in [1..3]      membership
//   not("C2")   not(>= 5, 1)       none of the tests (only around the whole cell)
//   $ > 5 and len($) < 3           a boolean expression using $
// A test whose outermost operator is a comparison, `in`, `and`, `or` or a call of a
// boolean function is used as is; any other expression is compared with $ (as in ZEN).
//
// Null: a cell that needs a value where it finds null (`>= 5` or `[1..3]` against a
// null input, or `> limit` when the field limit is null) does not match: matches()
// returns false, not an error. Equality tests see null as a value: "A1" does not match
// null and not("A1") does.
//
// Introspection for the table compiler: is_any(); intervals() for a cell made only of
// comparisons, ranges and equalities with constant decimals (as a normalized union of
// intervals); constants() for a cell that is a list of constant equalities (strings,
// booleans, decimals, dates, null), with a flag for not(...); null_matches() whether a
// null input matches, for cells that read no field.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "crmrules/eval_scratch.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/interval.hpp"
#include "crmrules/scope.hpp"
#include "crmrules/type.hpp"
#include "crmrules/value.hpp"
#include "crmrules/value_view.hpp"

namespace crm {

namespace internal::expression {
struct TestProgram;
}

/// The constants of a cell such as `"A1", "A2"` (negated for `not("A1", "A2")`).
struct ConstantSet {
  std::vector<Value> values;  // in the cell's order, each once
  bool negated = false;       // true: the cell matches every value NOT in `values`
};

class UnaryTest {
 public:
  /// The cell `-`: matches anything.
  UnaryTest();

  /// Compiles a cell for an input column of type `input_type`. Errors as for
  /// Expression::compile, with offsets into `cell`.
  [[nodiscard]] static expected<UnaryTest> compile(std::string_view cell, const Scope& scope, Type input_type = Type::any);

  /// Whether `input` passes the test; `slots` are the fields the cell may read.
  [[nodiscard]] expected<bool> matches(const Value& input, std::span<const Value> slots = {}) const;
  /// The hot path: allocates nothing once `scratch` is warm (see EvalScratch).
  [[nodiscard]] expected<bool> matches(ValueView input, std::span<const Value> slots, EvalScratch& scratch) const;

  /// `-` or an empty cell.
  [[nodiscard]] bool is_any() const noexcept;
  /// The decimals the cell matches, when it is made only of comparisons, ranges and
  /// equalities with constant decimals (joined by `,`, and, or, not(...)); else nullptr.
  [[nodiscard]] const IntervalSet* intervals() const noexcept;
  /// The constants of a cell that is a list of equalities with constants; else nullptr.
  [[nodiscard]] const ConstantSet* constants() const noexcept;
  /// Whether a null input matches, when the cell reads no field; else nullopt.
  [[nodiscard]] std::optional<bool> null_matches() const noexcept;

  [[nodiscard]] Type input_type() const noexcept;
  [[nodiscard]] std::string_view text() const noexcept;
  /// The slots the cell reads besides $, ascending, each once.
  [[nodiscard]] std::span<const std::uint32_t> slots_used() const noexcept;

 private:
  explicit UnaryTest(std::shared_ptr<const internal::expression::TestProgram> program) noexcept;
  std::shared_ptr<const internal::expression::TestProgram> program_;
};

}  // namespace crm
