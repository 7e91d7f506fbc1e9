// Decimals written as text in the C++ tests: dec("1.25"), decs({"1", "2.5"}). One
// definition for every test file (the tests build in batches, as one unit).
#pragma once

#include <catch2/catch.hpp>

#include <initializer_list>
#include <string_view>
#include <vector>

#include "crmrules/decimal.hpp"

/// The decimal `text` reads as; the test fails when it does not read.
inline crm::Decimal dec(std::string_view text) {
  auto d = crm::Decimal::parse(text);
  REQUIRE(d.has_value());
  return *d;
}

/// The decimals the texts read as.
inline std::vector<crm::Decimal> decs(std::initializer_list<const char*> texts) {
  std::vector<crm::Decimal> out;
  for (const char* t : texts) out.push_back(dec(t));
  return out;
}
