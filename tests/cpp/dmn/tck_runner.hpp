// The DMN TCK's decision-table cases (tests/data/dmn-tck/, Apache-2.0) run through the
// importer: every case imported, every test point evaluated by DMN names and compared as
// the TCK compares (numbers by value, lists element by element, structures by component);
// every case that imports is also written as DMN 1.4 and read back, and must answer the same.
#pragma once

#include <string>
#include <vector>

namespace crm::test::tck {

struct Point {
  std::string test_case, node;  // the case's folder, "testCase id / resultNode name"
  enum class Outcome { passed, failed, refused } outcome = Outcome::refused;
  std::string detail;  // why it failed or was refused
};

/// Runs every case under `root` (a TestCases folder).
std::vector<Point> run(const std::string& root);

}  // namespace crm::test::tck
