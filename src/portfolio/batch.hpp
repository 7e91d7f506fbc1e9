// Private: a batch of grade_csv's pass 1: up to `capacity` records the reading thread
// copied from the CSV (or the errors that made it refuse them), and what the worker that
// grades them leaves for the reading thread: each graded row's text, measure, grade and
// RFM values, and the rows it rejected.
//
//   batch.add(row);                           // the reading thread: a record, copied
//   batch.add_bad(reader.error(), column);    // ... or a record refused
//   for (const Batch::In& in : batch.rows) use(batch.field(in, column));   // a worker
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/error.hpp"
#include "crmrules/portfolio_grading.hpp"

namespace crm::internal {

namespace csv {
class Row;
}

struct Batch {
  static constexpr std::size_t capacity = 512;                        // rows
  static constexpr std::size_t byte_capacity = std::size_t{1} << 20;  // or fewer when records are long
  static constexpr std::uint32_t none = UINT32_MAX;
  struct In {
    std::uint64_t line = 0;
    std::uint32_t first = 0;     // its first field in spans
    std::uint32_t lines = none;  // a record with quoted line breaks: its fields' lines in field_lines
    std::uint32_t bad = none;    // a record the reader or the header check refused: in `bad`
  };
  struct Span {
    std::uint32_t start, end;  // in bytes
  };
  struct Bad {
    Error error;
    std::size_t column;
  };
  std::vector<In> rows;
  std::string bytes;                       // the records' text, back to back (and unescaped fields)
  std::vector<Span> spans;                 // per field
  std::vector<std::uint32_t> field_lines;  // per field of a multi-line record: lines after its first
  std::vector<Bad> bad;
  // Filled by the worker:
  std::string text;  // each graded row's text (then its trace, with explain)
  std::vector<std::uint32_t> lengths, explain_lengths;
  std::vector<Decimal> measures;
  std::vector<std::string> grades;
  std::vector<std::optional<Decimal>> rfm[3];
  std::vector<RejectedRow> rejects;
  std::string failure;

  /// Empties the batch for reuse, keeping its buffers (no allocation for the next one).
  void clear();
  [[nodiscard]] std::string_view field(const In& in, std::size_t c) const noexcept {
    const Span& s = spans[in.first + c];
    return std::string_view(bytes.data() + s.start, s.end - s.start);
  }
  /// The lines field c starts after its record's first.
  [[nodiscard]] std::uint32_t lines_into(const In& in, std::size_t c) const noexcept {
    return in.lines == none ? 0 : field_lines[in.lines + c];
  }
  /// Copies a record: its bytes at once, its fields as spans of them (a field whose
  /// doubled quotes the reader undid is copied after them).
  void add(const csv::Row& row);
  /// A record refused, with its error and the column to blame (the header's size: none).
  void add_bad(const Error& e, std::size_t column);
};

}  // namespace crm::internal
