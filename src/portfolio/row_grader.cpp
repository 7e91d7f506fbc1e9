// Grading the rows of a batch on a worker thread (src/portfolio/row_grader.hpp).
#include "src/portfolio/row_grader.hpp"

#include <utility>

#include "src/core/chinese_amount.hpp"
#include "src/core/utf8.hpp"

namespace crm::internal {

RowGrader::Worker RowGrader::new_worker() const {
  return {rules_.new_record(), Trace(), std::string(), {}, std::vector<CellCache>(columns_.inputs.size()), {}};
}

void RowGrader::grade(Batch& batch, Worker& worker) const {
  for (const Batch::In& in : batch.rows) {
    if (in.bad != Batch::none) {
      reject(batch, batch.bad[in.bad].column, batch.bad[in.bad].error);
      continue;
    }
    const Cells row{batch, in};
    Measures kept;
    std::optional<Rejection> bad = set_inputs(row, worker, kept);
    if (!bad) bad = read_measures(row, kept);
    if (!bad) bad = evaluate(row, worker);
    if (bad)
      reject(batch, bad->column, std::move(bad->error));
    else
      keep(batch, row, worker, kept);
  }
}

Error RowGrader::Cells::error_at(std::size_t column, ErrorCode code, std::string message) const {
  Location where;
  where.line = static_cast<std::uint32_t>(in.line + batch.lines_into(in, column));
  where.column = static_cast<std::uint32_t>(column + 1);
  return Error{code, std::move(message), std::move(where)};
}

expected<Decimal> RowGrader::parse_amount(const Cells& row, std::size_t column, std::string_view cell, const char* what,
                                          const Field* field) const {
  // An input reads the deck's notation (500万) as its field allows; a measure that is not
  // an input reads it always.
  auto d = field != nullptr                             ? field->parse_number(cell)
           : internal::is_chinese_amount_notation(cell) ? internal::parse_chinese_amount(cell, std::nullopt)
                                                        : Decimal::parse(cell);
  if (d) return d;
  return unexpected(row.error_at(column, ErrorCode::parse,
                                 "unparsable amount '" + printable_utf8(cell) + "' in column '" + header_.name(column) +
                                     "'" + what + ": " + d.error().message));
}

// The inputs, by their fields' types: an empty cell is "not given", an amount is parsed
// here, text is taken as it is, and a label, bool or date is read by its field (or found
// in the worker's cache). The measure is kept when it is an input.
std::optional<RowGrader::Rejection> RowGrader::set_inputs(const Cells& row, Worker& worker, Measures& kept) const {
  Record& record = worker.record;
  for (std::size_t k = 0; k < columns_.inputs.size(); ++k) {
    const InputColumn& column = columns_.inputs[k];
    const std::string_view cell = csv::trim(row[column.column]);
    expected<void> ok;
    if (cell.empty()) {
      ok = record.set(column.slot, Value());
    } else if (column.amount) {
      auto d = parse_amount(row, column.column, cell, "", column.field);
      if (!d) return Rejection{d.error(), column.column};
      if (k == columns_.measure_input) kept.measure = *d, kept.have_measure = true;
      ok = record.set(column.slot, Value(*d));
    } else if (!column.cached) {
      ok = record.set(column.slot, Value(cell));  // text: the field takes it as it is
    } else if (const Value* seen = worker.cells[k].find(cell)) {
      ok = record.set(column.slot, *seen);
    } else {  // labels, bools, dates: the field reads the text
      ok = record.set(column.slot, Value(cell));
      if (ok) worker.cells[k].add(cell, record.inputs()[column.slot]);
    }
    if (!ok) return Rejection{row.error_at(column.column, ok.error().code, ok.error().message), column.column};
  }
  return std::nullopt;
}

// The measure when it is no input (it must have a value either way), and the RFM values.
std::optional<RowGrader::Rejection> RowGrader::read_measures(const Cells& row, Measures& kept) const {
  const std::size_t measure = columns_.measure;
  if (columns_.measure_input == columns_.inputs.size()) {
    const std::string_view cell = csv::trim(row[measure]);
    if (!cell.empty()) {
      auto d = parse_amount(row, measure, cell, " (the portfolio measure)");
      if (!d) return Rejection{d.error(), measure};
      kept.measure = *d, kept.have_measure = true;
    }
  }
  if (!kept.have_measure)
    return Rejection{row.error_at(measure, ErrorCode::missing,
                                  "column '" + header_.name(measure) + "' (the portfolio measure) is empty"),
                     measure};
  for (int k = 0; columns_.rfm && k < 3; ++k) {
    const std::size_t column = columns_.rfm_columns[k];
    const std::string_view cell = csv::trim(row[column]);
    if (cell.empty()) continue;
    auto d = parse_amount(row, column, cell, " (RFM)");
    if (!d) return Rejection{d.error(), column};
    kept.rfm[k] = *d;
  }
  return std::nullopt;
}

// The rule set's error names an input by its pointer ("/cooperation"): its column, when
// the file has one; else the row's line alone.
std::optional<RowGrader::Rejection> RowGrader::evaluate(const Cells& row, Worker& worker) const {
  auto ok = rules_.evaluate(worker.record, explain_ ? &worker.trace : nullptr);
  if (ok) return std::nullopt;
  const Error& e = ok.error();
  std::size_t column = header_.size();
  if (e.where.pointer.size() > 1)
    if (auto c = header_.index_of(std::string_view(e.where.pointer).substr(1))) column = *c;
  if (column < header_.size()) return Rejection{row.error_at(column, e.code, e.message), column};
  return Rejection{Error{e.code, e.message, {e.where.pointer, static_cast<std::uint32_t>(row.in.line), 0, -1}}, column};
}

// The graded row's text, waiting for its portfolio columns, and what the population keeps.
void RowGrader::keep(Batch& batch, const Cells& row, Worker& worker, const Measures& kept) const {
  worker.kept.clear();
  for (std::size_t c : columns_.kept) worker.kept.push_back(row[c]);
  const std::span<const Value> outputs = worker.record.outputs();
  const std::size_t before = batch.text.size();
  writer_.begin_row(batch.text, row.in.line, worker.kept, outputs, worker.shown);
  batch.lengths.push_back(static_cast<std::uint32_t>(batch.text.size() - before));
  if (explain_) {
    worker.explain = worker.trace.to_json();
    batch.text += worker.explain;
    batch.explain_lengths.push_back(static_cast<std::uint32_t>(worker.explain.size()));
  }
  batch.measures.push_back(kept.measure);
  if (columns_.grade_output) {
    const Value& g = outputs[*columns_.grade_output];
    batch.grades.push_back(g.is_null() ? std::string() : g.to_string());
  }
  for (int k = 0; columns_.rfm && k < 3; ++k) batch.rfm[k].push_back(kept.rfm[k]);
}

void RowGrader::reject(Batch& batch, std::size_t column, Error error) const {
  const std::uint64_t line = error.where.line;
  batch.rejects.push_back({line, column < header_.size() ? header_.name(column) : std::string(), std::move(error)});
}

}  // namespace crm::internal
