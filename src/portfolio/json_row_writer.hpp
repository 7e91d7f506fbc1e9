// Private: graded rows as JSON (the RowWriter of GradeOptions::Format::json): an array of
// one object per row, one row a line. Numbers are exact; the members are those of the CSV
// columns, with the RFM scores null where a customer has no value.
//
//   JsonRowWriter w(layout);
//   w.begin_row(text, 2, "HQ", "华强工贸", outputs, scratch);   // {"line": 2, "id": "HQ", ...
//   w.finish_row(out, 0, text, "", classes);   // \n{"line": 2, ..., "abc_class": "C", "abc_rank": 3, ...}
//
// Every key, string and value is written by the library's JSON writer (src/json/
// writer.hpp), in its member form (`, "key": value`). The keys are the same for every
// row, so each is escaped once, here, rather than by a JsonObject per row: escaping the
// thirty keys of the built-in rules' rows cost about 13,000 instructions a row, a
// quarter of the time grading takes with JSON output.
#pragma once

#include "src/portfolio/row_writer.hpp"

namespace crm::internal {

class JsonRowWriter final : public RowWriter {
 public:
  explicit JsonRowWriter(RowLayout layout);

  [[nodiscard]] std::string begin_file() const override;
  /// The row's object without its closing brace: line, id, name and the outputs.
  void begin_row(std::string& out, std::uint64_t line, std::span<const std::string_view> kept,
                 std::span<const Value> outputs, std::vector<std::string>& scratch) const override;
  /// The object of begin_row, its portfolio members, then its closing brace.
  void finish_row(std::string& out, std::size_t i, std::string_view begun, std::string_view trace,
                  const PopulationClasses& classes) const override;
  [[nodiscard]] std::string end_file(std::size_t rows) const override;

 private:
  std::string line_;                  // `{"line": `
  std::vector<std::string> kept_;     // per kept column: `, "id": `
  std::vector<std::string> outputs_;  // per output: `, "name": `
  std::string abc_class_, abc_rank_, cumulative_share_, four_class_, rfm_[3], explain_;
};

}  // namespace crm::internal
