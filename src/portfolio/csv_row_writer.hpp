// Private: graded rows as CSV (the RowWriter of GradeOptions::Format::csv): a header
// line, then per row `line[,id][,name],outputs...,abc_class,abc_rank,cumulative_share`
// [`,r_score,f_score,m_score,rfm`][`,explain`], cells quoted where they must be.
//
//   CsvRowWriter w(layout);
//   w.begin_row(text, 2, "HQ", "华强工贸", outputs, scratch);   // "2,HQ,华强工贸,9.75,C2,false"
//   w.finish_row(out, 0, text, "", classes);                    // ... ",C,3,1.000000\n"
#pragma once

#include "src/portfolio/row_writer.hpp"

namespace crm::internal {

/// A list output as one CSV cell: its items' texts joined by ';', a ';' or '\\' inside an
/// item escaped with a backslash ("a;b" is ["a", "b"]; "a\\;b" is ["a;b"]; an empty list
/// is the empty cell, as null is).
[[nodiscard]] std::string list_cell(const Value& list);

class CsvRowWriter final : public RowWriter {
 public:
  using RowWriter::RowWriter;

  [[nodiscard]] std::string begin_file() const override;
  /// Null is an empty cell, a decimal its exact text, a string quoted when it must be, a
  /// date its Value::to_string, a list its items joined by ';' (list_cell; held in
  /// `scratch` meanwhile).
  void begin_row(std::string& out, std::uint64_t line, std::span<const std::string_view> kept,
                 std::span<const Value> outputs, std::vector<std::string>& scratch) const override;
  void finish_row(std::string& out, std::size_t i, std::string_view begun, std::string_view trace,
                  const PopulationClasses& classes) const override;
  [[nodiscard]] std::string end_file(std::size_t rows) const override;
};

}  // namespace crm::internal
