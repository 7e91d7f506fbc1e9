// crm::UnaryTest: decision-table cells, compiled to bytecode, with the introspection
// the table compiler uses for indexing and static checks.
#include "crmrules/unary_test.hpp"

#include <algorithm>

#include "src/expression/compiler.hpp"
#include "src/expression/parser.hpp"
#include "src/expression/vm.hpp"

namespace crm {

using internal::expression::Ast;
using internal::expression::CompileResult;
using internal::expression::Failure;
using internal::expression::Node;
using internal::expression::NodeKind;
using internal::expression::ScratchAccess;
using internal::expression::TestProgram;
using internal::expression::Tok;

namespace {

class Introspect {
 public:
  Introspect(const Ast& ast, const CompileResult& compiled) : ast_(ast), compiled_(compiled) {}

  /// The decimals the whole cell matches, when it is made of constant decimal tests.
  std::optional<IntervalSet> intervals() const {
    IntervalSet all;
    for (std::int32_t root : ast_.roots) {
      auto set = root_set(root);
      if (!set) return std::nullopt;
      all = all.unite(*set);
    }
    return ast_.negated ? all.complement() : all;
  }

  /// The constants of a cell that is a list of equalities.
  std::optional<ConstantSet> constants() const {
    ConstantSet set;
    set.negated = ast_.negated;
    for (std::int32_t root : ast_.roots) {
      const Node& n = node(root);
      bool negated_root = false;
      std::vector<Value> values;
      if (n.kind == NodeKind::list) {
        if (!constants_of_items(n, values)) return std::nullopt;
      } else if (n.kind == NodeKind::binary && (n.op == Tok::eq || n.op == Tok::ne) && input(n.a) && constant(n.b)) {
        values.push_back(*constant(n.b));
        negated_root = n.op == Tok::ne;
      } else if (n.kind == NodeKind::in && input(n.a) && node(n.b).kind == NodeKind::list) {
        if (!constants_of_items(node(n.b), values)) return std::nullopt;
        negated_root = n.negated;
      } else if (!internal::expression::is_boolean_test(ast_, root) && n.kind != NodeKind::range && constant(root) &&
                 constant(root)->kind() != ValueKind::list) {  // a list value: membership, not equality
        values.push_back(*constant(root));
      } else {
        return std::nullopt;
      }
      if (negated_root) {  // "!= x" or "not in [..]": only alone and not inside not(...)
        if (ast_.roots.size() != 1 || ast_.negated) return std::nullopt;
        set.negated = true;
      }
      for (Value& v : values)
        if (std::find(set.values.begin(), set.values.end(), v) == set.values.end()) set.values.push_back(std::move(v));
    }
    ValueKind kind = ValueKind::null;
    for (const Value& v : set.values) {
      if (v.is_null()) continue;
      if (kind != ValueKind::null && v.kind() != kind) return std::nullopt;  // mixed kinds
      kind = v.kind();
    }
    return set;
  }

 private:
  const Node& node(std::int32_t i) const { return ast_.nodes[static_cast<std::size_t>(i)]; }
  bool input(std::int32_t i) const { return node(i).kind == NodeKind::input; }
  const std::optional<Value>& constant(std::int32_t i) const {
    return compiled_.constants[static_cast<std::size_t>(i)];
  }
  std::optional<Decimal> decimal(std::int32_t i) const {
    const auto& c = constant(i);
    if (!c || c->kind() != ValueKind::decimal) return std::nullopt;
    return c->as_decimal();
  }

  bool constants_of_items(const Node& list, std::vector<Value>& out) const {
    for (std::int32_t item : list.items) {
      if (!constant(item)) return false;
      out.push_back(*constant(item));
    }
    return true;
  }

  std::optional<IntervalSet> root_set(std::int32_t root) const {
    const Node& n = node(root);
    if (n.kind == NodeKind::list || n.kind == NodeKind::range) return container_set(root);
    if (internal::expression::is_boolean_test(ast_, root)) return test_set(root);
    const auto d = decimal(root);  // $ == d
    if (!d) return std::nullopt;
    return IntervalSet(Interval::point(*d));
  }

  /// The set of a list of constant decimals or a range with constant decimal bounds.
  std::optional<IntervalSet> container_set(std::int32_t i) const {
    const Node& n = node(i);
    if (n.kind == NodeKind::range) {
      const auto lo = decimal(n.a), hi = decimal(n.b);
      if (!lo || !hi) return std::nullopt;
      return IntervalSet(Interval::between(*lo, n.low_closed, *hi, n.high_closed));
    }
    if (n.kind != NodeKind::list) return std::nullopt;
    IntervalSet set;
    for (std::int32_t item : n.items) {
      const auto d = decimal(item);
      if (!d) return std::nullopt;
      set = set.unite(IntervalSet(Interval::point(*d)));
    }
    return set;
  }

  std::optional<IntervalSet> test_set(std::int32_t i) const {
    const Node& n = node(i);
    switch (n.kind) {
      case NodeKind::logical: {
        const auto a = test_set(n.a), b = test_set(n.b);
        if (!a || !b) return std::nullopt;
        return n.op == Tok::kw_and ? a->intersect(*b) : a->unite(*b);
      }
      case NodeKind::in: {
        if (!input(n.a)) return std::nullopt;
        auto set = container_set(n.b);
        if (!set) return std::nullopt;
        return n.negated ? set->complement() : *set;
      }
      case NodeKind::binary: {
        Tok op = n.op;
        std::optional<Decimal> c;
        if (input(n.a)) {
          c = decimal(n.b);
        } else if (input(n.b)) {  // 5 < $  is  $ > 5
          c = decimal(n.a);
          op = op == Tok::lt   ? Tok::gt
               : op == Tok::le ? Tok::ge
               : op == Tok::gt ? Tok::lt
               : op == Tok::ge ? Tok::le
                               : op;
        }
        if (!c) return std::nullopt;
        switch (op) {
          case Tok::lt: return IntervalSet(Interval::below(*c, false));
          case Tok::le: return IntervalSet(Interval::below(*c, true));
          case Tok::gt: return IntervalSet(Interval::above(*c, false));
          case Tok::ge: return IntervalSet(Interval::above(*c, true));
          case Tok::eq: return IntervalSet(Interval::point(*c));
          case Tok::ne: return IntervalSet(Interval::point(*c)).complement();
          default: return std::nullopt;
        }
      }
      default: return std::nullopt;
    }
  }

  const Ast& ast_;
  const CompileResult& compiled_;
};

std::shared_ptr<const TestProgram> any_program(std::string_view text, Type input_type) {
  auto p = std::make_shared<TestProgram>();
  p->program.text = std::string(text);
  p->program.result_type = Type::boolean;
  p->input_type = input_type;
  p->any = true;
  p->intervals = IntervalSet::everything();
  p->null_matches = true;
  return p;
}

/// Runs the cell; a null where a value is needed is "no match", not an error.
[[nodiscard]] expected<bool> run_test(const TestProgram& t, ValueView input, std::span<const Value> slots, EvalScratch& scratch) {
  if (t.any) return true;
  const auto& p = t.program;
  if (slots.size() < p.slot_count) [[unlikely]]
    return fail(ErrorCode::invalid_argument, "the cell reads slot " + std::to_string(p.slot_count - 1) + " but only " +
                                                 std::to_string(slots.size()) + " values were given");
  ScratchAccess::reset_strings(scratch);
  Failure failure;
  ValueView out;
  if (!internal::expression::run(p.code.data(), p.code.size(), p.constants.data(), slots, input, scratch, p.max_stack,
                                 out, failure)) [[unlikely]] {
    if (failure.code == ErrorCode::missing) return false;
    return unexpected(internal::expression::to_error(failure));
  }
  if (out.kind() != ValueKind::boolean) [[unlikely]]
    return fail(ErrorCode::internal, "a cell's test left " + std::string(to_string(out.kind())) + ", not a bool");
  return out.as_bool();
}

}  // namespace

UnaryTest::UnaryTest() : program_(any_program("-", Type::any)) {}

UnaryTest::UnaryTest(std::shared_ptr<const TestProgram> program) noexcept : program_(std::move(program)) {}

expected<UnaryTest> UnaryTest::compile(std::string_view cell, const Scope& scope, Type input_type) {
  auto ast = internal::expression::parse_unary_tests(cell);
  if (!ast) return unexpected(std::move(ast.error()));
  if (ast->roots.empty()) return UnaryTest(any_program(cell, input_type));
  auto t = std::make_shared<TestProgram>();
  t->program.text = std::string(cell);
  t->input_type = input_type;
  auto compiled = internal::expression::compile_tests(*ast, scope, input_type, t->program);
  if (!compiled) return unexpected(std::move(compiled.error()));
  const Introspect look(*ast, *compiled);
  t->intervals = look.intervals();
  t->constants = look.constants();
  if (t->program.slots_used.empty()) {
    EvalScratch scratch;
    auto m = run_test(*t, ValueView(), {}, scratch);
    if (m) t->null_matches = *m;
  }
  return UnaryTest(std::move(t));
}

expected<bool> UnaryTest::matches(const Value& input, std::span<const Value> slots) const {
  EvalScratch scratch;
  return run_test(*program_, ValueView(input), slots, scratch);
}

expected<bool> UnaryTest::matches(ValueView input, std::span<const Value> slots, EvalScratch& scratch) const {
  return run_test(*program_, input, slots, scratch);
}

bool UnaryTest::is_any() const noexcept { return program_->any; }
const IntervalSet* UnaryTest::intervals() const noexcept {
  return program_->intervals ? &*program_->intervals : nullptr;
}
const ConstantSet* UnaryTest::constants() const noexcept {
  return program_->constants ? &*program_->constants : nullptr;
}
std::optional<bool> UnaryTest::null_matches() const noexcept { return program_->null_matches; }
Type UnaryTest::input_type() const noexcept { return program_->input_type; }
std::string_view UnaryTest::text() const noexcept { return program_->program.text; }
std::span<const std::uint32_t> UnaryTest::slots_used() const noexcept { return program_->program.slots_used; }

}  // namespace crm
