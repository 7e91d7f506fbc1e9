// crm::Trace: why a rule set answered what it answered.
//
//   crm::Trace trace;
//   rules.evaluate(record, &trace);               // pass nullptr (the default) for speed
//   for (const auto& d : trace.decisions)
//     for (const auto& row : d.rows)
//       if (row.matched) std::cout << d.name << " matched row " << row.index << '\n';
//   std::string json = trace.to_json();
//
// Tracing off costs nothing: the evaluator only writes a trace it is given.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/value.hpp"

namespace crm {

/// A table row that was tried: matched, or the first input cell that failed.
struct RowTrace {
  std::size_t index = 0;               // 0-based row index
  std::string id;                      // the row's id, when it has one
  bool matched = false;                // every input cell matched
  bool selected = false;               // the hit policy used this row's outputs
  std::optional<std::size_t> failed_column;  // first input cell that did not match
};

/// One scorecard factor's contribution.
struct FactorTrace {
  std::string name;
  Value input;                 // the factor expression's value
  Decimal points;              // after transform and weight
  std::optional<std::size_t> bin;  // the bin that matched, for binned factors
  std::optional<Decimal> baseline_difference;  // baseline - points, when a baseline is set
  std::string reason_code;
};

struct DecisionTrace {
  std::string name;
  std::string kind;                     // "expression", "table", "scorecard"
  std::vector<RowTrace> rows;           // tables: every row tried, in order
  std::vector<FactorTrace> factors;     // scorecards
  std::vector<std::string> reason_codes;  // scorecards: ranked
  std::vector<std::pair<std::string, Value>> outputs;
};

struct Trace {
  std::vector<DecisionTrace> decisions;  // in evaluation order

  void clear() noexcept { decisions.clear(); }
  [[nodiscard]] std::string to_json() const;
};

}  // namespace crm
