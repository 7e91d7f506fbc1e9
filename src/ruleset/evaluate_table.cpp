// Evaluating a decision table: the index proposes rows, the cells decide, the hit
// policy picks the outputs.
#include <algorithm>

#include "src/ruleset/evaluate.hpp"
#include "src/ruleset/row_set.hpp"

namespace crm::internal {
namespace {

/// Whether row `r` matches (skipping indexed columns when `only_unindexed`); the first
/// failing column in `failed`.
[[nodiscard]] expected<bool> row_matches(const Table& table, std::size_t r, std::span<const Value> frame, EvaluationScratch& scratch,
                           bool only_unindexed, std::optional<std::size_t>* failed) {
  const TableRow& row = table.rows[r];
  for (std::size_t c = 0; c < row.when.size(); ++c) {
    if (only_unindexed && table.index.indexed(c)) continue;
    auto hit = row.when[c].matches(scratch.column_views[c], frame, scratch.eval);
    if (!hit) return unexpected(hit.error());
    if (!*hit) {
      if (failed) *failed = c;
      return false;
    }
  }
  return true;
}

/// Evaluates output `o` of row `r` into scratch.view.
[[nodiscard]] expected<void> row_output(const Table& table, std::size_t r, std::size_t o, std::span<const Value> frame,
                          EvaluationScratch& scratch) {
  const TableRow& row = table.rows[r];
  if (const auto& constant = row.then_constant[o]) {
    scratch.view = ValueView(*constant);
    return {};
  }
  return row.then[o].evaluate(frame, scratch.eval, scratch.view);
}

std::string row_name(const Table& table, std::size_t r) {
  return "row " + std::to_string(r) + (table.rows[r].id.empty() ? "" : " (" + table.rows[r].id + ")");
}

/// The rank of scratch.view in output o's priority list.
[[nodiscard]] expected<std::size_t> priority_rank(const TableOutput& out, const EvaluationScratch& scratch) {
  if (out.priority.empty()) return 0;
  for (std::size_t k = 0; k < out.priority.size(); ++k)
    if (ValueView(out.priority[k]) == scratch.view) return k;
  return fail(ErrorCode::invalid_rule, "output '" + out.name + "' is " + scratch.view.to_string() +
                                           ", which is not among its listed values");
}

/// A list output whose row gives a list: lists do not nest. Each table collecting the
/// previous one's list would double its size (2^40 values after 40 tables of two rows),
/// and every reader of a value (copy, compare, write, free) would recurse once a level.
[[gnu::cold, gnu::noinline]] unexpected nested_list(const Decision& decision, const Table& table, std::size_t r,
                                                    std::size_t o) {
  return decision_error(decision,
                        Error{ErrorCode::type_mismatch,
                              "gives a list, and the elements of a list output are single values (lists do not nest)",
                              {}},
                        row_name(table, r) + ", output " + table.outputs[o].name);
}

/// Whether the policy gives each output as a list of the matched rows' values.
bool gives_lists(const Table& table) {
  return table.aggregation == Aggregation::none &&
         (table.policy == HitPolicy::rule_order || table.policy == HitPolicy::output_order ||
          table.policy == HitPolicy::collect);
}

}  // namespace

[[nodiscard]] expected<void> evaluate_table(const Decision& decision, const Table& table, std::span<Value> frame,
                              EvaluationScratch& scratch, DecisionTrace* trace) {
  if (trace) trace->kind = "table";
  // A column that is a field is viewed in the frame (which no cell of this table writes);
  // any other is computed into an owned value first, as its view may refer to the scratch.
  for (std::size_t c = 0; c < table.inputs.size(); ++c) {
    if (table.inputs[c].field_slot) continue;
    if (auto ok = table.inputs[c].input.evaluate(frame, scratch.eval, scratch.view); !ok)
      return decision_error(decision, ok.error(), "input " + std::to_string(c));
    scratch.view.store_in(scratch.column_values[c]);
  }
  for (std::size_t c = 0; c < table.inputs.size(); ++c) {
    const auto& slot = table.inputs[c].field_slot;
    scratch.column_views[c] = ValueView(slot ? frame[*slot] : scratch.column_values[c]);
  }

  auto& hits = scratch.hits;
  hits.clear();
  const bool first_only = table.policy == HitPolicy::first;
  if (trace != nullptr) {
    // Traced: every row, with the first cell that failed.
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      RowTrace rt;
      rt.index = r;
      rt.id = table.rows[r].id;
      auto m = row_matches(table, r, frame, scratch, false, &rt.failed_column);
      if (!m) return decision_error(decision, m.error(), row_name(table, r));
      rt.matched = *m;
      if (*m && !(first_only && !hits.empty())) hits.push_back(r);
      trace->rows.push_back(std::move(rt));
    }
  } else {
    // Where the index answered exactly, only the unindexed columns need checking.
    const bool exact = table.index.candidates(scratch.column_views, scratch.words.data());
    std::optional<Error> error;
    for_each_row(scratch.words.data(), table.index.words(), [&](std::size_t r) {
      auto m = row_matches(table, r, frame, scratch, exact, nullptr);
      if (!m) {
        error = decision_error(decision, m.error(), row_name(table, r)).error();
        return false;
      }
      if (*m) hits.push_back(r);
      return !(*m && first_only);
    });
    if (error) return unexpected(*error);
  }

  auto write_row = [&](std::size_t r) -> expected<void> {
    for (std::size_t o = 0; o < table.outputs.size(); ++o) {
      if (auto ok = row_output(table, r, o, frame, scratch); !ok)
        return decision_error(decision, ok.error(), row_name(table, r) + ", output " + table.outputs[o].name);
      scratch.view.store_in(frame[table.outputs[o].slot]);
    }
    return {};
  };

  expected<void> result;
  if (hits.empty() && table.aggregation != Aggregation::count) {
    if (table.required) {
      std::string inputs;
      for (std::size_t c = 0; c < table.inputs.size(); ++c)
        inputs += (c ? ", " : "") + std::string(table.inputs[c].input.text()) + " = " + scratch.column_views[c].to_string();
      return decision_error(decision, Error{ErrorCode::no_match, "no row matches " + inputs, {}});
    }
    for (const auto& out : table.outputs) {
      if (out.default_value) {
        if (auto ok = out.default_value->evaluate(frame, scratch.eval, scratch.view); !ok)
          return decision_error(decision, ok.error(), "the default of output " + out.name);
        if (gives_lists(table)) frame[out.slot] = Value(Value::List{scratch.view.to_value()});
        else scratch.view.store_in(frame[out.slot]);
      } else if (gives_lists(table)) {
        frame[out.slot].reset_list();
      } else {
        frame[out.slot] = Value();
      }
    }
  } else if (gives_lists(table)) {
    // RULE ORDER and COLLECT: the hits in row order; OUTPUT ORDER: sorted by their
    // outputs' priority (first output first), ties in row order.
    if (table.policy == HitPolicy::output_order && hits.size() > 1) {
      const std::size_t n = table.outputs.size();
      std::vector<std::size_t> ranks(hits.size() * n);
      for (std::size_t k = 0; k < hits.size(); ++k)
        for (std::size_t o = 0; o < n; ++o) {
          if (auto ok = row_output(table, hits[k], o, frame, scratch); !ok)
            return decision_error(decision, ok.error(), row_name(table, hits[k]) + ", output " + table.outputs[o].name);
          auto rank = priority_rank(table.outputs[o], scratch);
          if (!rank) return decision_error(decision, rank.error(), row_name(table, hits[k]));
          ranks[k * n + o] = *rank;
        }
      std::vector<std::size_t> order(hits.size());
      for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::lexicographical_compare(ranks.begin() + static_cast<std::ptrdiff_t>(a * n),
                                            ranks.begin() + static_cast<std::ptrdiff_t>((a + 1) * n),
                                            ranks.begin() + static_cast<std::ptrdiff_t>(b * n),
                                            ranks.begin() + static_cast<std::ptrdiff_t>((b + 1) * n));
      });
      std::vector<std::size_t> sorted(hits.size());
      for (std::size_t k = 0; k < order.size(); ++k) sorted[k] = hits[order[k]];
      hits.assign(sorted.begin(), sorted.end());
    }
    for (std::size_t o = 0; o < table.outputs.size(); ++o) {
      Value::List& list = frame[table.outputs[o].slot].reset_list();  // no cell reads its own table's output
      for (std::size_t r : hits) {
        if (auto ok = row_output(table, r, o, frame, scratch); !ok)
          return decision_error(decision, ok.error(), row_name(table, r) + ", output " + table.outputs[o].name);
        if (scratch.view.kind() == ValueKind::list) [[unlikely]]
          return nested_list(decision, table, r, o);
        list.push_back(scratch.view.to_value());
      }
    }
  } else if (table.aggregation != Aggregation::none) {
    const TableOutput& out = table.outputs[0];
    Decimal acc = table.aggregation == Aggregation::count ? Decimal::from_int(static_cast<std::int64_t>(hits.size())) : Decimal();
    for (std::size_t k = 0; k < hits.size() && table.aggregation != Aggregation::count; ++k) {
      if (auto ok = row_output(table, hits[k], 0, frame, scratch); !ok)
        return decision_error(decision, ok.error(), row_name(table, hits[k]));
      if (scratch.view.kind() != ValueKind::decimal)
        return decision_error(decision, Error{ErrorCode::type_mismatch, row_name(table, hits[k]) + " gives " +
                                                                             scratch.view.to_string() + ", not a number to aggregate", {}});
      const Decimal v = scratch.view.as_decimal();
      if (k == 0) {
        acc = v;
      } else if (table.aggregation == Aggregation::sum) {
        auto sum = acc.add(v);
        if (!sum) return decision_error(decision, sum.error());
        acc = *sum;
      } else {
        acc = table.aggregation == Aggregation::min ? std::min(acc, v) : std::max(acc, v);
      }
    }
    frame[out.slot].set_decimal(acc);
  } else if (table.policy == HitPolicy::unique && hits.size() > 1) {
    return decision_error(decision, Error{ErrorCode::conflict, row_name(table, hits[0]) + " and " + row_name(table, hits[1]) +
                                                                   " both match, which UNIQUE forbids", {}});
  } else if (table.policy == HitPolicy::priority) {
    // The hit whose outputs come first in their priority lists (first output first).
    auto ranks_of = [&](std::size_t r, std::vector<std::size_t>& ranks) -> expected<void> {
      for (std::size_t o = 0; o < table.outputs.size(); ++o) {
        if (auto ok = row_output(table, r, o, frame, scratch); !ok) return unexpected(ok.error());
        auto rank = priority_rank(table.outputs[o], scratch);
        if (!rank) return unexpected(rank.error());
        ranks[o] = *rank;
      }
      return {};
    };
    std::size_t best = hits[0];
    scratch.best_ranks.resize(table.outputs.size());
    scratch.ranks.resize(table.outputs.size());
    if (auto ok = ranks_of(best, scratch.best_ranks); !ok) return decision_error(decision, ok.error(), row_name(table, best));
    for (std::size_t k = 1; k < hits.size(); ++k) {
      if (auto ok = ranks_of(hits[k], scratch.ranks); !ok) return decision_error(decision, ok.error(), row_name(table, hits[k]));
      if (scratch.ranks < scratch.best_ranks) {
        best = hits[k];
        std::swap(scratch.ranks, scratch.best_ranks);
      }
    }
    result = write_row(best);
    if (trace) trace->rows[best].selected = true;
  } else {
    result = write_row(hits[0]);
    if (result && table.policy == HitPolicy::any) {
      for (std::size_t k = 1; k < hits.size(); ++k)
        for (std::size_t o = 0; o < table.outputs.size(); ++o) {
          if (auto ok = row_output(table, hits[k], o, frame, scratch); !ok)
            return decision_error(decision, ok.error(), row_name(table, hits[k]));
          if (!(scratch.view == ValueView(frame[table.outputs[o].slot])))
            return decision_error(decision, Error{ErrorCode::conflict, row_name(table, hits[0]) + " and " +
                                                                           row_name(table, hits[k]) + " give different " +
                                                                           table.outputs[o].name + ", which ANY forbids", {}});
        }
    }
  }
  if (!result) return result;
  if (trace) {
    if (table.policy != HitPolicy::priority)
      for (std::size_t r : hits) trace->rows[r].selected = true;
    for (const auto& out : table.outputs) trace->outputs.emplace_back(out.name, frame[out.slot]);
  }
  return {};
}

}  // namespace crm::internal
