// crm::Expression: compile once, evaluate many times.
#include "crmrules/expression.hpp"

#include "crmrules/internal/expression/compiler.hpp"
#include "crmrules/internal/expression/parser.hpp"
#include "crmrules/internal/expression/vm.hpp"

namespace crm {

using internal::expression::Failure;
using internal::expression::Program;
using internal::expression::ScratchAccess;

namespace {

std::shared_ptr<const Program> null_program() {
  static const std::shared_ptr<const Program> program = [] {
    auto p = std::make_shared<Program>();
    p->text = "null";
    p->constants.emplace_back();
    p->code.push_back(internal::expression::Instr{});  // push_const 0
    return p;
  }();
  return program;
}

}  // namespace

Expression::Expression() : program_(null_program()) {}

Expression::Expression(std::shared_ptr<const Program> program) noexcept : program_(std::move(program)) {}

expected<Expression> Expression::compile(std::string_view text, const Scope& scope) {
  auto ast = internal::expression::parse_expression(text);
  if (!ast) return unexpected(std::move(ast.error()));
  auto program = std::make_shared<Program>();
  program->text = std::string(text);
  auto compiled = internal::expression::compile_expression(*ast, scope, *program);
  if (!compiled) return unexpected(std::move(compiled.error()));
  return Expression(std::move(program));
}

Type Expression::result_type() const noexcept { return program_->result_type; }
std::string_view Expression::text() const noexcept { return program_->text; }
bool Expression::is_constant() const noexcept { return program_->slots_used.empty(); }
std::span<const std::uint32_t> Expression::slots_used() const noexcept { return program_->slots_used; }

expected<Value> Expression::evaluate(std::span<const Value> slots) const {
  EvalScratch scratch;
  ValueView out;
  if (auto ok = evaluate(slots, scratch, out); !ok) return unexpected(std::move(ok.error()));
  return out.to_value();
}

namespace {

[[gnu::cold, gnu::noinline]] unexpected too_few_slots(std::size_t needed, std::size_t given) {
  return fail(ErrorCode::invalid_argument, "the expression reads slot " + std::to_string(needed - 1) + " but only " +
                                               std::to_string(given) + " values were given");
}

[[gnu::cold, gnu::noinline]] unexpected failed(const Failure& failure) {
  return unexpected(internal::expression::to_error(failure));
}

constexpr ValueView no_input;

}  // namespace

expected<void> Expression::evaluate(std::span<const Value> slots, EvalScratch& scratch, ValueView& out) const {
  // The hot path of every decision, guard and effect: the errors are built out of line.
  const Program& p = *program_;
  if (slots.size() < p.slot_count) [[unlikely]]
    return too_few_slots(p.slot_count, slots.size());
  ScratchAccess::reset_strings(scratch);
  Failure failure;
  if (!internal::expression::run(p.code.data(), p.code.size(), p.constants.data(), slots, no_input, scratch,
                                 p.max_stack, out, failure)) [[unlikely]]
    return failed(failure);
  return {};
}

}  // namespace crm
