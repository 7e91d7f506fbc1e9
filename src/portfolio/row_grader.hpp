// Private: the work of grade_csv's pass 1 on a worker thread: each row of a batch is read
// into the worker's record (amounts parsed exactly, labels and bools through the worker's
// CellCache), graded by the rule set and begun as output text by the row writer; its
// measure, grade and RFM values are kept for the population. A row that cannot be graded
// is rejected with its line, column and reason, and the others go on.
//
//   RowGrader grader(rules, header, columns, writer, options.explain);
//   std::vector<RowGrader::Worker> workers;  ... grader.new_worker() per thread
//   grader.grade(batch, workers[t]);   // batch.text, lengths, measures, grades, rfm, rejects
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/record.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/trace.hpp"
#include "src/csv/csv.hpp"
#include "src/portfolio/batch.hpp"
#include "src/ruleset/cell_cache.hpp"
#include "src/portfolio/grade_columns.hpp"
#include "src/portfolio/row_writer.hpp"

namespace crm::internal {

class RowGrader {
 public:
  /// What a worker keeps from batch to batch.
  struct Worker {
    Record record;
    Trace trace;
    std::string explain;             // one row's trace
    std::vector<std::string> shown;  // the row writer's scratch
    std::vector<CellCache> cells;    // per input column (InputColumn::cached)
    std::vector<std::string_view> kept;  // the row's kept cells
  };

  RowGrader(const RuleSet& rules, const csv::Header& header, const GradeColumns& columns, const RowWriter& writer,
            bool explain) noexcept
      : rules_(rules), header_(header), columns_(columns), writer_(writer), explain_(explain) {}

  [[nodiscard]] Worker new_worker() const;
  /// Grades every row of the batch, or rejects it (in batch.rejects).
  void grade(Batch& batch, Worker& worker) const;

 private:
  /// One record of the batch.
  struct Cells {
    const Batch& batch;
    const Batch::In& in;
    [[nodiscard]] std::string_view operator[](std::size_t column) const noexcept { return batch.field(in, column); }
    /// An error at the column's cell: its line (a field may start after a quoted line
    /// break) and its column.
    [[nodiscard]] Error error_at(std::size_t column, ErrorCode code, std::string message) const;
  };
  /// A row not graded, and the column to blame (the header's size: none).
  struct Rejection {
    Error error;
    std::size_t column;
  };
  /// What the population keeps of a graded row.
  struct Measures {
    Decimal measure;
    bool have_measure = false;
    std::optional<Decimal> rfm[3];
  };

  [[nodiscard]] std::optional<Rejection> set_inputs(const Cells& row, Worker& worker, Measures& kept) const;
  [[nodiscard]] std::optional<Rejection> read_measures(const Cells& row, Measures& kept) const;
  [[nodiscard]] std::optional<Rejection> evaluate(const Cells& row, Worker& worker) const;
  [[nodiscard]] expected<Decimal> parse_amount(const Cells& row, std::size_t column, std::string_view cell,
                                               const char* what, const Field* field = nullptr) const;
  void keep(Batch& batch, const Cells& row, Worker& worker, const Measures& kept) const;
  void reject(Batch& batch, std::size_t column, Error error) const;

  const RuleSet& rules_;
  const csv::Header& header_;
  const GradeColumns& columns_;
  const RowWriter& writer_;
  bool explain_;
};

}  // namespace crm::internal
