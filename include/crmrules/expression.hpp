// crm::Expression: a compiled expression of the rules language, evaluated many times.
//
//   crm::Scope scope;
//   scope.add("annual_purchases", crm::Type::decimal);        // slot 0
//   scope.add("cooperation", crm::Type::decimal);             // slot 1
//   auto e = crm::Expression::compile("clamp(cooperation, 0, 10) + annual_purchases * 0.15", scope);
//   if (!e) std::cerr << e.error().to_string() << '\n';  // e.g. "unknown_name at offset 6: unknown
//                                                       // field 'cooperaton' (did you mean ...)"
//   std::vector<crm::Value> slots = {crm::Decimal::from_int(1000), crm::Decimal::from_int(12)};
//   crm::expected<crm::Value> v = e->evaluate(slots);       // 160.00
//
//   // The hot path: caller-owned scratch and result, no heap allocation.
//   crm::EvalScratch scratch;
//   crm::ValueView out;
//   if (auto ok = e->evaluate(slots, scratch, out); ok) use(out.as_decimal());
//
// The language (docs/expressions.md): exact decimals with + - * / % ^ and unary minus;
// comparisons < <= > >= == !=; and, or, not; `in` with lists [1, 2] and ranges [a..b],
// (a..b), [a..b), (a..b]; `c ? a : b`; `x ?? default` for null; strings in '...' or
// "..." (+ joins them); field paths a.b; functions min max abs round floor ceil clamp
// log10 sqrt pow len contains upper lower date. Where it overlaps the ZEN expression
// language (GoRules), the same text gives the same answer.
//
// Compile once: names are resolved to slots through the Scope, types are checked where
// known, constant parts are computed, and the text becomes flat bytecode. Every compile
// error carries the byte offset of its cause (Error::where.offset) and every run-time
// error (division by zero, overflow, a null or wrongly typed value) the offset of the
// operator or function that failed. An Expression is immutable: evaluate it from any
// number of threads at once, each with its own EvalScratch. Copies share the bytecode.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "crmrules/eval_scratch.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/scope.hpp"
#include "crmrules/type.hpp"
#include "crmrules/value.hpp"
#include "crmrules/value_view.hpp"

namespace crm {

namespace internal::expression {
struct Program;
}

class Expression {
 public:
  /// The expression `null`.
  Expression();

  /// Parses, checks and compiles `text` against `scope`. Errors: ErrorCode::parse
  /// (syntax, bad literal), unknown_name (field or function), type_mismatch (operand
  /// types known to be wrong, wrong number of arguments), invalid_utf8, and the error a
  /// constant part always fails with (`1 / 0` is division_by_zero).
  [[nodiscard]] static expected<Expression> compile(std::string_view text, const Scope& scope);

  /// The type of every non-null result (any when it depends on `any` fields).
  [[nodiscard]] Type result_type() const noexcept;
  /// The source text.
  [[nodiscard]] std::string_view text() const noexcept;
  /// Whether the value is known without any slot (the expression reads no field).
  [[nodiscard]] bool is_constant() const noexcept;
  /// The slots the expression reads, ascending, each once.
  [[nodiscard]] std::span<const std::uint32_t> slots_used() const noexcept;

  /// The value for these slots (indexed as in the Scope). Convenient; allocates.
  [[nodiscard]] expected<Value> evaluate(std::span<const Value> slots) const;

  /// The hot path: writes the value into `out` using `scratch`, and allocates nothing
  /// once `scratch` has seen an evaluation of this size. A string in `out` refers to a
  /// slot's string, a constant of this expression, or `scratch` (for strings the
  /// expression built): it is valid until the slots change, this expression is
  /// destroyed, or `scratch` is used again.
  [[nodiscard]] expected<void> evaluate(std::span<const Value> slots, EvalScratch& scratch, ValueView& out) const;

 private:
  explicit Expression(std::shared_ptr<const internal::expression::Program> program) noexcept;
  std::shared_ptr<const internal::expression::Program> program_;
};

}  // namespace crm
