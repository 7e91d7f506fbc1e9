// Private: the graded rows waiting between grade_csv's two passes. Each row's text as the
// row writer began it, then (with explain) its trace, back to back in a temporary file
// (src/platform/spill_file.hpp); in memory only their lengths. Pass 1 appends the
// batches in order; pass 2 reads the rows back in ranges, on any thread.
//
//   auto spill = SpilledRows::create(/*traces=*/false);
//   if (!spill->append(batch.text, batch.lengths, {})) ...           // pass 1
//   if (!spill->finish_writing()) ...
//   for (auto r = spill->next({}, 2048); r.count; r = spill->next(r, 2048)) {
//     std::string bytes;
//     if (!spill->read(r, bytes)) ...
//     SpilledRows::Cursor rows(*spill, bytes);
//     for (std::size_t i = r.first; i < r.first + r.count; ++i) use(rows.row(i), rows.trace(i));
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/platform/spill_file.hpp"

namespace crm::internal {

class SpilledRows {
 public:
  /// An empty spill; `traces`: every row is followed by its trace.
  [[nodiscard]] static expected<SpilledRows> create(bool traces);

  /// Pass 1: the next rows' text, and the length of each row's text (and trace).
  [[nodiscard]] bool append(std::string_view text, std::span<const std::uint32_t> row_lengths,
                            std::span<const std::uint32_t> trace_lengths);
  /// Ends pass 1: the rows can be read back.
  [[nodiscard]] bool finish_writing() { return file_.flush(); }

  /// The rows appended.
  [[nodiscard]] std::size_t size() const noexcept { return rows_.size(); }

  /// Rows first .. first + count - 1, and where their bytes are in the file.
  struct Range {
    std::size_t first = 0, count = 0;
    std::uint64_t offset = 0, bytes = 0;
  };
  /// The next `rows` rows (fewer at the end, none after it) after `previous`; the first
  /// after an empty Range{}.
  [[nodiscard]] Range next(const Range& previous, std::size_t rows) const noexcept;
  /// Reads a range's bytes into `bytes`; any thread.
  [[nodiscard]] bool read(const Range& range, std::string& bytes) const {
    return file_.read_at(bytes, range.bytes, range.offset);
  }

  /// Walks the bytes of a range read back, row after row: row(i) and then trace(i).
  class Cursor {
   public:
    Cursor(const SpilledRows& rows, std::string_view bytes) noexcept : rows_(rows), bytes_(bytes) {}
    [[nodiscard]] std::string_view row(std::size_t i) noexcept { return take(rows_.rows_[i]); }
    /// The row's trace ("" without traces).
    [[nodiscard]] std::string_view trace(std::size_t i) noexcept {
      return rows_.with_traces_ ? take(rows_.traces_[i]) : std::string_view();
    }

   private:
    std::string_view take(std::uint32_t length) noexcept {
      const std::string_view piece = bytes_.substr(0, length);
      bytes_.remove_prefix(length);
      return piece;
    }
    const SpilledRows& rows_;
    std::string_view bytes_;
  };

 private:
  explicit SpilledRows(SpillFile file, bool traces) : file_(std::move(file)), with_traces_(traces) {}

  SpillFile file_;
  bool with_traces_;
  std::vector<std::uint32_t> rows_;    // per row: the length of its text
  std::vector<std::uint32_t> traces_;  // per row: its trace's (with traces)
};

}  // namespace crm::internal
