// Private: where grade_csv finds what it reads in a portfolio file's columns: the rule
// set's inputs, the measure, the RFM columns, `id` and `name`, and the output counted per
// grade. Found once from the header, before any row is read.
//
//   std::vector<std::string> warnings;
//   auto columns = GradeColumns::find(rules, header, header_line, options, warnings);
//   if (!columns) return unexpected(columns.error());   // a required column is missing
//   for (const InputColumn& c : columns->inputs) record.set(c.slot, Value(row[c.column]));
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crmrules/portfolio_grading.hpp"
#include "src/csv/csv.hpp"

namespace crm::internal {

/// A column that is an input of the rule set.
struct InputColumn {
  std::size_t column;
  std::size_t slot;
  const Field* field;
  bool amount;  // a decimal or integer field: its cells are parsed by grade_csv
  bool cached;  // a field that reads its cells' text (labels, bools, dates): see CellCache
};

struct GradeColumns {
  std::vector<InputColumn> inputs;  // in the header's order
  std::size_t measure = 0;          // the measure's column
  std::size_t measure_input = 0;    // its index in inputs; inputs.size() when it is no input
  bool rfm = false;
  std::size_t rfm_columns[3] = {0, 0, 0};  // with rfm: recency, frequency, monetary
  std::vector<std::size_t> kept;           // carried through to the output (GradeOptions::keep)
  std::vector<std::string> kept_names;     // their names, in the same order
  std::optional<std::size_t> grade_output;  // the output counted per grade (its index)

  /// Matches the header with the rule set and the options. A column that is none of these
  /// is ignored with a warning, and so is a missing grade output. Errors (missing, at the
  /// header's line): no column for a required input, the measure or an RFM column.
  [[nodiscard]] static expected<GradeColumns> find(const RuleSet& rules, const csv::Header& header,
                                                   std::uint64_t header_line, const GradeOptions& options,
                                                   std::vector<std::string>& warnings);
};

}  // namespace crm::internal
