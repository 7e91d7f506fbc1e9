// Private: the index of a decision table, which proposes the rows that can match a
// record without scanning every row.
//
//   std::vector<std::vector<const UnaryTest*>> columns = ...;  // columns[c][r]: row r's cell
//   TableIndex index = TableIndex::build(columns);
//   std::vector<std::uint64_t> words(index.words());         // the candidates as a bitset
//   const bool exact = index.candidates(inputs, words.data());  // inputs[c]: column c's value
//   for_each_row(words.data(), index.words(), [&](std::size_t r) {
//     // check r's cells of every column that is not indexed (of every column when !exact)
//   });
//
// A column is indexed when every cell is `-`, a set of decimals (UnaryTest::intervals(),
// or constants() of decimals and null) or a list of constants of one kind (constants(),
// maybe negated). Its index splits the input's values into segments that every cell of
// the column matches entirely or not at all, and keeps for each segment the set of rows
// (row_set.hpp) whose cell matches it:
//   numeric   sorted distinct endpoints p0 < ... < pk-1 give the segments
//             (-inf..p0) [p0] (p0..p1) [p1] ... [pk-1] (pk-1..+inf); segment 2i is the
//             open one before pi, 2i+1 the point pi, 2k the one after the last.
//   constants sorted distinct constants c0 < ... < cm-1 (one kind) give the segments
//             [c0] ... [cm-1] and m, "any other value" (of any kind).
//   any       every cell is `-`: one segment.
// The last segment of an indexed column is the null input. Consecutive segments with
// the same rows share one stored set.
//
// The sets are sparse (SparseRows: only the words that hold a row), so that their size
// follows the rows they hold, not the table's: a table of disjoint bands stores a word
// or two per band, and 100,000 rows take a few MB where bitsets of every row per
// segment took rows x segments bits (the quadratic size that once left such a column
// unindexed past about 23,000 rows). Building walks the segments once, each set made
// from the previous one and the rows that come or go. What can still grow faster than
// the table, sets of many rows in many segments (nested thresholds, ranges that all
// overlap, many `-` cells beside many constants), is bounded by
// TableIndexOptions::max_column_bytes: a column past it stays unindexed, and
// unindexed() says so (size_cap), as it says why any other column is unindexed.
//
// candidates() intersects, for each indexed column, the set of its input's segment:
// it walks the smallest set and looks the others' words up by galloping search. Each
// set is exactly the rows whose cell matches, so the caller checks only the cells of
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
#include "src/ruleset/row_set.hpp"

namespace crm::internal {

struct TableIndexOptions {
  /// The most a column's row sets may take; a larger column stays unindexed.
  std::size_t max_column_bytes = std::size_t{64} << 20;
  /// The most every column's row sets may take together; a column that would pass what
  /// the columns before it left stays unindexed.
  std::size_t max_table_bytes = std::size_t{128} << 20;
};

/// Why a column is not indexed, and the first row that made it so.
struct Unindexed {
  enum class Reason : std::uint8_t {
    none,         // the column is indexed
    reads_field,  // a cell reads a field besides the input (`> limit`)
    cell_kind,    // a cell is neither `-`, constant decimal tests, nor constants (`len($) < 3`, date ranges)
    mixed_kinds,  // constants of different kinds (`"a"` in one row, `5` in another)
    size_cap,     // the row sets would pass TableIndexOptions::max_column_bytes
  };
  Reason reason = Reason::none;
  std::size_t row = 0;       // the cell that decided it (reads_field, cell_kind, mixed_kinds)
  std::size_t bytes = 0;     // size_cap: the cap
  bool whole_table = false;  // size_cap: the cap of every column's sets together
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
  /// Why the column is not indexed (Reason::none when it is).
  [[nodiscard]] Unindexed unindexed(std::size_t column) const noexcept { return columns_[column].why; }
  /// The bytes the column's row sets take (0 unindexed).
  [[nodiscard]] std::size_t set_bytes(std::size_t column) const noexcept;

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
  /// The rows whose cell matches every value of the segment, but for base_rows().
  [[nodiscard]] SparseRows segment_rows(std::size_t column, std::size_t segment) const noexcept {
    return set_rows(columns_[column], columns_[column].segment_set[segment]);
  }
  /// An indexed column's base rows: those whose cell matches every value and null (`-`),
  /// kept once rather than in every segment's set (with 64 rows or fewer, they are in
  /// every segment's set, and this is empty). The rows matching segment s are
  /// base_rows() and segment_rows(s).
  [[nodiscard]] SparseRows base_rows(std::size_t column) const noexcept {
    return set_rows(columns_[column], columns_[column].base_set);
  }
  /// An id of segment_rows(): consecutive segments with the same rows share it (other
  /// segments may have the same rows under another id).
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
    std::vector<std::uint32_t> segment_set;  // segment -> set
    std::uint32_t base_set = 0;              // the base rows' set
    // Set s is words set_start[s]..set_start[s + 1] of set_index and set_bits, ascending
    // word numbers. With one word per table (up to 64 rows), set s is exactly word s.
    std::vector<std::uint32_t> set_start{0};
    std::vector<std::uint32_t> set_index;
    std::vector<std::uint64_t> set_bits;
    Unindexed why;
  };
  class SetWriter;

  struct CellFacts;
  struct Buckets;
  enum class Built : std::uint8_t { yes, not_constants, too_large };
  [[nodiscard]] static SparseRows set_rows(const Column& col, std::uint32_t set) noexcept {
    const std::uint32_t first = col.set_start[set];
    return {col.set_index.data() + first, col.set_bits.data() + first, col.set_start[set + 1] - first};
  }
  void build_column(Column& col, std::span<const CellFacts> cells, const TableIndexOptions& options) const;
  void build_any(Column& col, std::span<const CellFacts> cells) const;
  bool build_numeric(Column& col, std::span<const CellFacts> cells, const TableIndexOptions& options) const;
  bool sweep_segments(Column& col, const Buckets& add, const Buckets& remove, const TableIndexOptions& options) const;
  bool collect_keys(std::span<const CellFacts> cells, ValueKind& kind, std::vector<Value>& keys,
                    std::vector<std::pair<std::uint32_t, std::uint32_t>>& key_rows) const;
  Built build_constants(Column& col, std::span<const CellFacts> cells, const TableIndexOptions& options) const;
  static void add_row_ranges(Column& col, std::size_t r, const ConstantSet* set, std::span<const std::uint32_t> keys,
                             std::uint32_t other);
  bool key_sets(Column& col, const Buckets& by_key, std::vector<std::uint64_t>& base,
                const TableIndexOptions& options) const;
  /// A column's rows for a lookup: a segment's rows and the base rows.
  struct Term {
    SparseRows rows, base;
    [[nodiscard]] std::size_t size() const noexcept { return rows.size + base.size; }
  };
  static constexpr std::size_t max_group = 32;  // columns a lookup holds at once
  [[nodiscard]] bool separate_base() const noexcept { return words_ > 1; }
  void intersect_terms(std::span<const Term> terms, std::size_t lead, std::uint64_t* out_words) const noexcept;
  void narrow(std::span<const Term> terms, std::uint64_t* out_words) const noexcept;
  [[nodiscard]] static std::size_t numeric_segment(const Column& col, Decimal d) noexcept;
  [[nodiscard]] std::optional<std::size_t> constant_segment(const Column& col, ValueView v) const noexcept;

  std::size_t rows_ = 0;
  std::size_t words_ = 0;
  std::vector<Column> columns_;
  std::vector<std::uint64_t> all_;
};

}  // namespace crm::internal
