// The hot path allocates nothing: counted with a replaced global operator new. (log10,
// pow with a fractional or huge exponent, and errors do allocate.) This
// file is its own test program (crmrules_expression_alloc_tests) so that the
// replacement cannot disturb any other test.
#include <atomic>
#include <cstdlib>
#include <new>

#include "expression_test_util.hpp"

namespace {
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace expr_test;

namespace {

/// Allocations made by `f`, run 100 times after one warm-up run.
template <class F>
long allocations_of(F&& f) {
  f();
  const long before = allocations.load();
  for (int i = 0; i < 100; ++i) f();
  return allocations.load() - before;
}

}  // namespace

TEST_CASE("evaluating decimals, comparisons and functions allocates nothing", "[expression][allocation]") {
  const auto values = slots();
  crm::EvalScratch scratch;
  crm::ValueView out;
  for (const char* text : {
           "annual_purchases * 0.15",
           "clamp(cooperation, 0, 10)",
           "annual_purchases * 0.3 + cooperation * 0.7",
           "annual_purchases / 7",
           "round(annual_purchases / 7, 2) + abs(-count) - floor(ratio) + ceil(ratio)",
           "min([count, cooperation, 10]) + max([count, 1])",
           "count > 5 and cooperation <= 12 or not flag",
           "count in [1..10) ? 1 : 0",
           "grade in ['A1', 'A2', 'A3']",
           "missing ?? 0",
           "since < date('2025-01-01')",
           "len(name) + 1",
           "contains(name, 'Huawei')",
           "sqrt(count) + pow(ratio, 2) + ratio ^ -3 + count % 3",
           "grade",
           "name + ' ' + grade",  // joins into the scratch: allocates only while warming up
           "upper(name)",
       }) {
    INFO(text);
    auto e = crm::Expression::compile(text, scope());
    REQUIRE(e);
    CHECK(allocations_of([&] { REQUIRE(e->evaluate(values, scratch, out)); }) == 0);
  }
}

TEST_CASE("matching cells allocates nothing, null inputs included", "[unary][allocation]") {
  const auto values = slots();
  crm::EvalScratch scratch;
  const crm::Value null, five = dec("5"), a2("A2");
  struct Case {
    const char* cell;
    const crm::Value* input;
  };
  for (const Case& c : std::initializer_list<Case>{
           {">= 85", &five}, {">= 85", &null}, {"[75..85)", &five}, {"[75..85)", &null}, {"> 5 and < 10", &five},
           {"1, [5..7]", &five}, {"1, [5..7]", &null}, {"not(1, 2)", &five}, {"\"A1\", \"A2\"", &a2},
           {"\"A1\", \"A2\"", &null}, {"not(\"C2\")", &a2}, {"-", &null}, {"$ > count", &five},
           {"$ > count", &null}, {"upper($) == 'A2'", &a2}}) {
    INFO(c.cell << " with " << c.input->to_string());
    auto t = crm::UnaryTest::compile(c.cell, scope());
    REQUIRE(t);
    CHECK(allocations_of([&] { REQUIRE(t->matches(*c.input, values, scratch)); }) == 0);
  }
}
