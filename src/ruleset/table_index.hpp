// Private: the index of a decision table, which proposes the rows that can match a
// record without scanning every row.
//
//   std::vector<std::vector<const UnaryTest*>> columns = ...;  // columns[c][r]: row r's cell
//   TableIndex index = TableIndex::build(columns);
//   std::vector<std::uint64_t> words(index.words());
//   const bool exact = index.candidates(inputs, words.data());  // inputs[c]: column c's value
//   for_each_row(words.data(), index.words(), [&](std::size_t r) {
//     // check r's cells of every column that is not indexed (of every column when !exact)
//   });
//
// A column is indexed when every cell is `-`, a set of decimals (UnaryTest::intervals(),
// or constants() of decimals and null) or a list of constants of one kind (constants(),
// maybe negated). Its index splits the input's values into segments that every cell of
// the column matches entirely or not at all, and keeps for each segment the bitset of
// rows (row_set.hpp) whose cell matches it:
//   numeric   sorted distinct endpoints p0 < ... < pk-1 give the segments
//             (-inf..p0) [p0] (p0..p1) [p1] ... [pk-1] (pk-1..+inf); segment 2i is the
//             open one before pi, 2i+1 the point pi, 2k the one after the last.
//   constants sorted distinct constants c0 < ... < cm-1 (one kind) give the segments
//             [c0] ... [cm-1] and m, "any other value" (of any kind).
//   any       every cell is `-`: one segment.
// The last segment of an indexed column is the null input. Consecutive segments with
// the same rows share one stored bitset. A column whose bitsets would pass
// TableIndexOptions::max_column_bytes stays unindexed. Each bitset has a summary, a bit
// per non-zero word, so that a lookup reads only the words non-zero in every set it ANDs.
//
// candidates() ANDs, for each indexed column, the bitset of its input's segment; each
// is exactly the set of rows whose cell matches, so the caller checks only the cells of
// unindexed columns, and candidates() returns true. An input an indexed column cannot
// answer for exactly (a string, bool or date in a numeric column, where comparisons
// fail; null when a cell's null behaviour is unknown) makes it return false with every
// row as candidate: the caller then checks every cell of every row in order, exactly as
// without an index, so a cell's error is reported the same way. (A constant column
// answers every kind: equality of different kinds is false, not an error.)
//
// The segment accessors serve the table checks (table_checks.hpp). Building reads each
// cell once (cells live in separate heap blocks, and reading 30,000 of them again costs
// a cache miss each).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/internal/int128.hpp"
#include "crmrules/interval.hpp"
#include "crmrules/unary_test.hpp"
#include "crmrules/value.hpp"
#include "crmrules/value_view.hpp"

namespace crm::internal {

struct TableIndexOptions {
  /// The most a column's bitsets may take; a larger column stays unindexed.
  std::size_t max_column_bytes = std::size_t{64} << 20;
};

/// An inclusive range of a column's segments.
struct SegmentRange {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};

class TableIndex {
 public:
  enum class ColumnKind : std::uint8_t { unindexed, any, numeric, constants };

  /// An index of nothing: no rows, no columns.
  TableIndex() = default;

  /// Indexes a table: columns[c][r] is row r's cell in input column c (every column has
  /// `rows` cells). `rows` defaults to the first column's size; give it for a table
  /// without input columns.
  static TableIndex build(std::span<const std::vector<const UnaryTest*>> columns,
                          std::optional<std::size_t> rows = std::nullopt, const TableIndexOptions& options = {});

  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
  [[nodiscard]] std::size_t columns() const noexcept { return columns_.size(); }
  /// The length of a row bitset: (rows() + 63) / 64 words.
  [[nodiscard]] std::size_t words() const noexcept { return words_; }
  [[nodiscard]] bool indexed(std::size_t column) const noexcept { return kind(column) != ColumnKind::unindexed; }
  [[nodiscard]] ColumnKind kind(std::size_t column) const noexcept { return columns_[column].kind; }

  /// Writes into out_words (words() long) the rows that may match these inputs (one per
  /// column). True: check only the unindexed columns' cells of these rows; false: every
  /// row is a candidate and every cell must be checked. Allocates nothing.
  bool candidates(std::span<const ValueView> inputs, std::uint64_t* out_words) const noexcept;
  /// Whether the column's bitset for `input` is exactly the rows whose cell matches it.
  [[nodiscard]] bool exact(std::size_t column, ValueView input) const noexcept;

  // ---- Segments, for the table checks ---------------------------------------------
  /// The column's segments, the null segment last; 0 for an unindexed column.
  [[nodiscard]] std::size_t segments(std::size_t column) const noexcept { return columns_[column].segment_set.size(); }
  [[nodiscard]] std::size_t null_segment(std::size_t column) const noexcept { return segments(column) - 1; }
  /// The rows whose cell matches every value of the segment (words() long).
  [[nodiscard]] const std::uint64_t* segment_rows(std::size_t column, std::size_t segment) const noexcept {
    const Column& col = columns_[column];
    return col.sets.data() + std::size_t{col.segment_set[segment]} * words_;
  }
  /// An id of segment_rows(): consecutive segments with the same rows share it.
  [[nodiscard]] std::uint32_t segment_set(std::size_t column, std::size_t segment) const noexcept {
    return columns_[column].segment_set[segment];
  }
  /// Every row (words() long; the bits past rows() are zero).
  [[nodiscard]] const std::uint64_t* all_rows() const noexcept { return all_.data(); }

  /// Numeric columns: the sorted endpoints, and the values of a value segment.
  [[nodiscard]] std::span<const Decimal> endpoints(std::size_t column) const noexcept {
    return columns_[column].endpoints;
  }
  [[nodiscard]] Interval segment_interval(std::size_t column, std::size_t segment) const;
  /// Constant columns: the sorted distinct constants (value segment i is constants[i];
  /// segment constants.size() is every other value).
  [[nodiscard]] std::span<const Value> constants(std::size_t column) const noexcept { return columns_[column].keys; }
  /// The segment holding a value (null: the null segment; a constant column puts a value
  /// it does not list, of any kind, in "other"); nullopt when the column cannot answer
  /// for it (unindexed, or a numeric column given something else than a decimal).
  [[nodiscard]] std::optional<std::size_t> segment_of(std::size_t column, ValueView value) const noexcept;
  /// The segments row's cell matches, as sorted disjoint ranges (the null segment
  /// included when the cell matches null); empty for an unindexed column. Recorded at
  /// build time so that the checks need not read the cells again.
  [[nodiscard]] std::span<const SegmentRange> row_segments(std::size_t column, std::size_t row) const noexcept {
    const Column& col = columns_[column];
    if (col.range_start.empty()) return {};
    const std::uint32_t first = col.range_start[row];
    return std::span<const SegmentRange>(col.ranges).subspan(first, col.range_start[row + 1] - first);
  }

 private:
  struct Column {
    ColumnKind kind = ColumnKind::unindexed;
    ValueKind key_kind = ValueKind::null;    // constants: the kind of the constants
    bool null_exact = false;                 // every cell knows whether null matches
    std::vector<Decimal> endpoints;          // numeric
    std::vector<int128> endpoint_keys;       // the endpoints in units of 10^-18, for fast search
    std::vector<Value> keys;                 // constants
    std::vector<std::uint32_t> range_start;  // row r: ranges[range_start[r]..range_start[r + 1])
    std::vector<SegmentRange> ranges;
    std::vector<std::uint32_t> segment_set;  // segment -> index into sets
    std::vector<std::uint64_t> sets;         // bitsets of words_ words each
    std::vector<std::uint64_t> summaries;    // per set, a bit per non-zero word (summary_words_ words)
  };

  struct CellFacts;
  bool build_numeric(Column& col, std::span<const CellFacts> cells, const TableIndexOptions& options) const;
  bool build_constants(Column& col, std::span<const CellFacts> cells, const TableIndexOptions& options) const;
  void build_any(Column& col, std::span<const CellFacts> cells) const;
  [[nodiscard]] static std::size_t numeric_segment(const Column& col, Decimal d) noexcept;
  [[nodiscard]] std::optional<std::size_t> constant_segment(const Column& col, ValueView v) const noexcept;

  std::size_t rows_ = 0;
  std::size_t words_ = 0;
  std::size_t summary_words_ = 0;
  std::vector<Column> columns_;
  std::vector<std::uint64_t> all_;
};

}  // namespace crm::internal
