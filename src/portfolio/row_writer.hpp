// Private: how grade_csv writes a graded row, in two passes. Pass 1 (a worker, as soon as
// the row is graded) begins the row: its line, id, name and the rule set's outputs; the
// text waits in the spill file. Pass 2 (once the population is classified) finishes it
// with the portfolio columns: ABC class, rank, cumulative share, RFM scores, explain.
// One writer per output format: CsvRowWriter (csv_row_writer.hpp), JsonRowWriter
// (json_row_writer.hpp).
//
//   const RowWriter& w = ...;
//   out = w.begin_file();                                      // the header line, or "["
//   w.begin_row(text, 2, "HQ", "华强工贸", record.outputs(), scratch);   // pass 1
//   w.finish_row(out, 0, text, trace, classes);                // pass 2, row 0
//   out += w.end_file(rows);
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/portfolio.hpp"
#include "crmrules/value.hpp"

namespace crm::internal {

/// The columns every graded row of a file has.
struct RowLayout {
  std::vector<std::string> kept;     // the input columns carried through, by name
  std::vector<std::string> outputs;  // the rule set's outputs' names
  bool rfm = false;                  // r_score, f_score, m_score, rfm
  std::vector<std::string> four_class;  // the rule set's 主/次/辅/杂 labels: a four_class column (none when empty)
  bool explain = false;              // the trace and the share above
};

/// The graded population's classes: what pass 2 adds to each row.
struct PopulationClasses {
  Portfolio portfolio;
  std::vector<std::uint8_t> scores[3];  // with RFM: R, F, M per customer (0: no value)
  std::optional<Portfolio::Tiers> four_class;  // with the layout's four_class: each customer's class
};

class RowWriter {
 public:
  explicit RowWriter(RowLayout layout) : layout_(std::move(layout)) {}
  virtual ~RowWriter() = default;
  RowWriter(const RowWriter&) = delete;
  RowWriter& operator=(const RowWriter&) = delete;

  [[nodiscard]] const RowLayout& layout() const noexcept { return layout_; }

  /// What comes before the first row.
  [[nodiscard]] virtual std::string begin_file() const = 0;
  /// Pass 1: appends a graded row without its portfolio columns. `scratch` is the
  /// calling thread's own, kept from row to row.
  virtual void begin_row(std::string& out, std::uint64_t line, std::span<const std::string_view> kept,
                         std::span<const Value> outputs, std::vector<std::string>& scratch) const = 0;
  /// Pass 2: appends row `i` (in output order) whole: `begun` as begin_row wrote it, its
  /// portfolio columns, and (with explain) `trace`, the rule set's trace as JSON.
  virtual void finish_row(std::string& out, std::size_t i, std::string_view begun, std::string_view trace,
                          const PopulationClasses& classes) const = 0;
  /// What comes after the last of `rows` rows.
  [[nodiscard]] virtual std::string end_file(std::size_t rows) const = 0;

 protected:
  /// Appends the explain value of row i: {"share_above": ..., "trace": ...}.
  static void write_explain(std::string& out, std::size_t i, std::string_view trace, const PopulationClasses& classes);

 private:
  RowLayout layout_;
};

/// Appends a whole number's digits.
inline void append_integer(std::string& out, std::uint64_t n) {
  char buf[20];
  out.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, n).ptr - buf));
}

/// Appends a decimal's exact text.
inline void append_decimal(std::string& out, Decimal d) {
  char buf[Decimal::max_chars];
  out.append(buf, d.to_chars(buf));
}

}  // namespace crm::internal
