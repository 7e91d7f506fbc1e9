// docs/expressions.md's C++ fragment (`part of` it: tests/docs/snippets_test.py): an
// expression and a decision-table cell compiled against a scope and evaluated, checked.
// The fragment's #includes are done at the top: #pragma once makes them no-ops there.
#include "crmrules/expression.hpp"
#include "crmrules/unary_test.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace {
crm::Decimal used;
void use(crm::Decimal d) { used = d; }  // what the caller does with a result
}  // namespace

int main() {
  #include "crmrules/expression.hpp"
  #include "crmrules/unary_test.hpp"

  crm::Scope scope;
  scope.add("annual_purchases", crm::Type::decimal);        // slot 0
  scope.add("cooperation", crm::Type::decimal);             // slot 1
  scope.add("customer.grade", crm::Type::string);           // slot 2

  auto factor = crm::Expression::compile("annual_purchases * 0.15 + clamp(cooperation, 0, 10)", scope);
  if (!factor) std::cerr << factor.error().to_string() << '\n';   // code, offset, message

  std::vector<crm::Value> slots = {crm::Decimal::from_int(1000), crm::Decimal::from_int(12), crm::Value("A2")};
  crm::expected<crm::Value> points = factor->evaluate(slots);     // 160.00

  // the hot path: no heap allocation once the scratch is warm
  crm::EvalScratch scratch;                                       // one per thread
  crm::ValueView out;
  if (auto ok = factor->evaluate(slots, scratch, out); ok) use(out.as_decimal());

  auto cell = crm::UnaryTest::compile("[75..85)", scope, crm::Type::decimal);
  bool hit = *cell->matches(crm::Decimal::from_int(80));          // true
  std::string band = cell->intervals()->to_string();              // "[75..85)"

  bool ok = points && points->as_decimal().to_string() == "160.00" && used.to_string() == "160.00" && hit &&
            !*cell->matches(crm::Decimal::from_int(85)) && band == "[75..85)";
  std::cout << (ok ? "docs/expressions.md: 160.00, [75..85) holds 80 and not 85\n" : "docs/expressions.md: not as documented\n");
  return ok ? 0 : 1;
}
