// Private: the reusable working memory of one Record's evaluations.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crmrules/eval_scratch.hpp"
#include "crmrules/value.hpp"
#include "crmrules/value_view.hpp"

namespace crm::internal {

struct CompiledRuleSet;

struct EvaluationScratch {
  EvalScratch eval;
  ValueView view;
  std::vector<Value> column_values;   // a table's input values, owned
  std::vector<ValueView> column_views;
  std::vector<std::uint64_t> words;   // candidate rows of a table
  std::vector<std::size_t> hits;      // matched rows
  std::vector<Decimal> points;        // a scorecard's weighted points per factor
  std::vector<std::size_t> ranking;   // reason-code order
  std::vector<Decimal> distances;     // per factor: how far its points are from the baseline
  std::vector<std::size_t> ranks, best_ranks;  // PRIORITY: output ranks of two rows
  std::string text;                   // a scorecard's reason codes
  std::size_t first_output = 0;       // the frame's first output (its inputs come before)

  /// Sized for the largest table and scorecard, so evaluations allocate nothing.
  explicit EvaluationScratch(const CompiledRuleSet& rules);
};

}  // namespace crm::internal
