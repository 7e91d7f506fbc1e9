// libFuzzer target for the expression language: compiles the input as an expression
// and as a decision-table cell against a small scope, evaluates both, and checks the
// invariants that must hold for any text (errors carry an offset inside the text;
// evaluation is deterministic; a cell's introspection agrees with matches()).
//
//   clang++-19 -std=c++23 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Icapi \
//     tests/fuzz/expression_fuzz.cpp src/decimal.cpp src/error.cpp src/utf8.cpp \
//     src/suggest.cpp src/expression/*.cpp -o /tmp/exprfuzz
//   /tmp/exprfuzz -max_total_time=60 [corpus_dir]
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "crmrules/expression.hpp"
#include "crmrules/unary_test.hpp"

namespace {

const crm::Scope& fuzz_scope() {
  static const crm::Scope scope = [] {
    crm::Scope s;
    (void)s.add("a", crm::Type::decimal);
    (void)s.add("b", crm::Type::decimal);
    (void)s.add("s", crm::Type::string);
    (void)s.add("f", crm::Type::boolean);
    (void)s.add("d", crm::Type::date);
    (void)s.add("n", crm::Type::any);
    (void)s.add("x.y", crm::Type::any);
    return s;
  }();
  return scope;
}

const std::vector<crm::Value>& fuzz_slots() {
  static const std::vector<crm::Value> slots = {
      *crm::Decimal::parse("12.5"), *crm::Decimal::parse("-0.000000000000000001"), crm::Value("华为 Ab"),
      crm::Value(true), crm::Value(*crm::Date::parse("2024-02-29")), crm::Value(), crm::Value("7")};
  return slots;
}

void check(bool ok) {
  if (!ok) std::abort();
}

void check_error(const crm::Error& e, std::size_t size) {
  check(e.code != crm::ErrorCode::ok && e.code != crm::ErrorCode::internal);
  check(e.where.offset >= 0 && static_cast<std::size_t>(e.where.offset) <= size);
  check(!e.message.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& scope = fuzz_scope();
  const auto& slots = fuzz_slots();

  if (auto e = crm::Expression::compile(text, scope)) {
    crm::EvalScratch scratch;
    crm::ValueView out;
    auto first = e->evaluate(slots, scratch, out);
    const crm::Value kept = first ? out.to_value() : crm::Value();
    auto second = e->evaluate(slots);  // the convenient path gives the same answer
    check(first.has_value() == second.has_value());
    if (first) {
      check(*second == kept);
      if (e->result_type() != crm::Type::any && !kept.is_null()) check(crm::type_of(kept.kind()) == e->result_type());
    } else {
      check_error(first.error(), size);
      check(second.error().code == first.error().code && second.error().where.offset == first.error().where.offset);
    }
  } else {
    check_error(e.error(), size);
  }

  for (crm::Type type : {crm::Type::any, crm::Type::decimal, crm::Type::string}) {
    auto t = crm::UnaryTest::compile(text, scope, type);
    if (!t) {
      check_error(t.error(), size);
      continue;
    }
    crm::EvalScratch scratch;
    const crm::Value inputs[] = {crm::Value(), crm::Value(*crm::Decimal::parse("5")),
                                 crm::Value(*crm::Decimal::parse("7.5")), crm::Value("A1"), crm::Value(true)};
    for (const crm::Value& input : inputs) {
      auto m = t->matches(input, slots, scratch);
      if (!m) {
        check_error(m.error(), size);
        continue;
      }
      if (input.is_null() && t->null_matches()) check(*m == *t->null_matches());
      if (input.kind() == crm::ValueKind::decimal && t->intervals())
        check(*m == t->intervals()->contains(input.as_decimal()));
      if (const crm::ConstantSet* c = t->constants(); c && !input.is_null()) {
        bool in = false;
        for (const crm::Value& v : c->values) in = in || v == input;
        check(*m == (in != c->negated));
      }
    }
    if (t->is_any()) check(*t->matches(crm::Value("anything"), slots));
  }
  return 0;
}
