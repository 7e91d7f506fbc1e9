// Private: evaluating the decisions of a compiled rule set into a Record's frame.
#pragma once

#include <span>

#include "src/ruleset/compiled.hpp"
#include "src/ruleset/scratch.hpp"
#include "crmrules/trace.hpp"

namespace crm::internal {

/// Each evaluates one decision, reading and writing `frame`; `trace` may be null.
[[nodiscard]] expected<void> evaluate_table(const Decision& decision, const Table& table, std::span<Value> frame,
                              EvaluationScratch& scratch, DecisionTrace* trace);
[[nodiscard]] expected<void> evaluate_scorecard(const Decision& decision, const Scorecard& card, std::span<Value> frame,
                                  EvaluationScratch& scratch, DecisionTrace* trace);

/// An evaluation error inside a decision, naming it (and the part, when given).
unexpected decision_error(const Decision& decision, const Error& e, std::string_view part = {});

}  // namespace crm::internal
