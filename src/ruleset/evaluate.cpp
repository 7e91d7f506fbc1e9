// RuleSet::evaluate: inputs checked and defaulted, then every decision in order.
#include <algorithm>

#include "src/ruleset/evaluate.hpp"
#include "crmrules/rule_set.hpp"

namespace crm {
namespace internal {

EvaluationScratch::EvaluationScratch(const CompiledRuleSet& rules) {
  std::size_t columns = 0, rows = 0, factors = 0, outputs = 0;
  for (const auto& d : rules.decisions) {
    if (const auto* t = std::get_if<Table>(&d.body)) {
      columns = std::max(columns, t->inputs.size());
      rows = std::max(rows, t->rows.size());
      outputs = std::max(outputs, t->outputs.size());
    } else if (const auto* s = std::get_if<Scorecard>(&d.body)) {
      factors = std::max(factors, s->factors.size());
    }
  }
  column_values.resize(columns);
  column_views.resize(columns);
  words.resize((rows + 63) / 64);
  hits.reserve(rows);
  points.reserve(factors);
  ranking.reserve(factors);
  distances.resize(factors);
  ranks.reserve(outputs);
  best_ranks.reserve(outputs);
  first_output = rules.schema.size();
}

unexpected decision_error(const Decision& decision, const Error& e, std::string_view part) {
  std::string message = "decision '" + decision.name + "'";
  if (!part.empty()) message += ", " + std::string(part);
  message += ": " + e.message;
  return unexpected(Error{e.code, std::move(message), e.where});
}

}  // namespace internal

namespace {

/// The error of an evaluation, after making every output null: evaluation is all or
/// nothing, never this evaluation's first outputs beside the previous one's others. Out
/// of line, so that only the error paths pay for it.
[[gnu::cold, gnu::noinline]] unexpected failed(std::span<Value> frame, const internal::EvaluationScratch& scratch,
                                                Error&& e) noexcept {
  for (Value& v : frame.subspan(scratch.first_output)) v = Value();
  return unexpected(std::move(e));
}

/// Stores an input's default; false when it is required (it has none). Out of line: a
/// record stores each default once (it keeps it until the input is set), and the loop
/// over the inputs stays tight.
[[gnu::noinline]] bool store_default(const Field& field, Value& slot) {
  if (field.required) return false;
  ValueView(field.default_value).store_in(slot);
  return true;
}

}  // namespace

expected<void> RuleSet::evaluate(Record& record, Trace* trace) const {
  std::span<Value> frame(record.frame_);
  if (record.rules_ != impl_)
    return failed(frame, *record.scratch_,
                  Error{ErrorCode::invalid_argument, "the record was made by another rule set (use new_record())", {}});
  const internal::CompiledRuleSet& rules = *impl_;
  const auto& fields = rules.schema.fields();
  for (const std::uint32_t i : rules.checked_inputs) {
    if (record.given_[i] != Record::not_given) [[likely]]
      continue;  // given, or still holding its default
    if (!store_default(fields[i], frame[i]))
      return failed(frame, *record.scratch_,
                    Error{ErrorCode::missing, "required field '" + fields[i].name + "' is missing",
                          Location::at_pointer("/" + fields[i].name)});
    record.given_[i] = Record::defaulted;
  }
  if (trace != nullptr) trace->clear();
  auto& scratch = *record.scratch_;
  for (const auto& decision : rules.decisions) {
    DecisionTrace* dt = nullptr;
    if (trace != nullptr) {
      dt = &trace->decisions.emplace_back();
      dt->name = decision.name;
    }
    expected<void> ok;
    if (const auto* e = std::get_if<internal::ExpressionDecision>(&decision.body)) {
      if (dt) dt->kind = "expression";
      if (auto r = e->expression.evaluate(frame, scratch.eval, scratch.view); !r)
        return failed(frame, scratch, internal::decision_error(decision, r.error()).error());
      scratch.view.store_in(frame[e->out]);
      if (dt) dt->outputs.emplace_back(decision.name, frame[e->out]);
    } else if (const auto* t = std::get_if<internal::Table>(&decision.body)) {
      ok = internal::evaluate_table(decision, *t, frame, scratch, dt);
    } else {
      ok = internal::evaluate_scorecard(decision, std::get<internal::Scorecard>(decision.body), frame, scratch, dt);
    }
    if (!ok) return failed(frame, scratch, std::move(ok).error());
  }
  return {};
}

}  // namespace crm
