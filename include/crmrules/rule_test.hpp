// crm::TestReport: the result of running a rule set's own test cases.
//
//   crm::TestReport report = rules.run_tests();
//   for (const auto& c : report.cases)
//     if (!c.passed) std::cout << c.name << ":\n" << c.diff;
//   std::cout << report.coverage.percent().to_string() << "% covered\n";
//   bool ok = report.passed() && report.coverage.percent() >= min_coverage;
//   std::string json = report.to_json();
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "crmrules/decimal.hpp"

namespace crm {

struct TestCaseResult {
  std::string name;
  bool passed = false;
  std::string diff;  // for a failure: each differing output, expected vs actual
};

/// What the tests exercised: table rows, scorecard bins, outputs.
struct Coverage {
  struct Item {
    std::string what;  // "table value_grade row 3", "scorecard value factor purchases bin 2", "output value_grade"
    bool covered = false;
  };
  std::vector<Item> items;

  [[nodiscard]] std::size_t covered() const noexcept;
  /// covered / total * 100, two decimals (100 when there is nothing to cover).
  [[nodiscard]] Decimal percent() const;
};

struct TestReport {
  std::vector<TestCaseResult> cases;
  Coverage coverage;

  [[nodiscard]] bool passed() const noexcept;
  [[nodiscard]] std::size_t failures() const noexcept;
  [[nodiscard]] std::string to_json() const;
};

}  // namespace crm
