// crm::Expression: compile once, evaluate many times.
#include "crmrules/expression.hpp"

#include "src/expression/compiler.hpp"
#include "src/expression/parser.hpp"
#include "src/expression/vm.hpp"

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

// evaluate(slots, scratch, out), the hot path, is in vm.cpp: the VM runs in line in it.

}  // namespace crm
