// Private to the table checks (table_checks.cpp): the Checker that runs them, its
// columns' units and the helpers its parts share. Its methods live in
// table_check_prepare.cpp (columns, units, ranges), table_check_walk.cpp (the walk over
// the product of the columns' units), table_check_rows.cpp (the per-row methods, for
// tables whose product is too large to walk) and table_check_findings.cpp (what the
// checks found, said).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "src/ruleset/row_set.hpp"
#include "src/ruleset/table_checks.hpp"

namespace crm::internal::table_check {

inline constexpr std::size_t max_combinations = 1'000'000;      // the whole product is walked up to this
inline constexpr std::size_t max_row_combinations = 1'000'000;  // one row's region, per-row shadowing
inline constexpr std::size_t max_overlaps_listed = 10;
inline constexpr std::size_t max_gaps_listed = 5;
inline constexpr std::size_t max_shadowed_listed = 10;
inline constexpr std::size_t max_values_named = 5;
inline constexpr std::size_t none = ~std::size_t{0};
inline constexpr std::uint32_t no_group = ~std::uint32_t{0};

using Kind = TableIndex::ColumnKind;
using Reason = Unindexed::Reason;

/// A run of consecutive segments that every row matches entirely or not at all.
struct Unit {
  std::uint32_t first = 0, last = 0;  // segments
  SparseRows rows;                    // the rows matching it but the column's base rows
  bool possible = true;               // the input can take a value of it (integers, listed values)
  bool in_domain = true;              // possible and within the column's domain (never the null unit)
};

struct UnitRange {
  std::uint32_t first = 0, last = 0;  // units
};

struct ColumnInfo {
  std::size_t column = 0;
  std::string name;
  const TableIndex* index = nullptr;  // the index of the column's segments
  std::size_t at = 0;                 // the column's number in it
  Kind kind = Kind::unindexed;
  bool integer = false;
  std::vector<Value> values;  // the listed values, when known
  std::optional<IntervalSet> domain;
  std::vector<Unit> units;             // value units in order, the null unit last
  SparseRows base;                     // rows matching every unit (`-`), in no unit's rows
  std::vector<std::uint32_t> unit_of;  // segment -> unit
  bool has_domain = false;             // some unit is in the domain
  // Per row, the possible units its cell matches (rows' ranges in `ranges`).
  std::vector<std::uint32_t> range_start;
  std::vector<UnitRange> ranges;
  // Cells the analysis cannot read are analysed as `-` (which over-states what they
  // match): per row the group of such a cell (one per text), or no_group; empty when
  // the column has none. `why` says why, for the first of them, `example`.
  std::vector<std::uint32_t> group;
  Unindexed why;
  std::size_t example = 0;
  std::vector<Reason> reasons;         // per group
  std::vector<std::size_t> group_row;  // per group, its first row
};

/// Per column, the rows by the first unit of each of their ranges, and how many rows
/// cover each unit: the per-row methods find a row's neighbours from them.
struct Starts {
  std::vector<std::uint32_t> at, rows, count;
};

class Checker {
 public:
  Checker(std::string_view name, std::string_view pointer, const Table& table, std::span<const ColumnFacts> facts,
          const Scope* scope, const TableCheckOptions& options);

  void run(bool overlaps, bool gaps, bool shadowed, std::vector<Diagnostic>& out);

 private:
  // Preparation.
  void prepare_sources();
  void prepare_dependence();
  std::vector<const UnaryTest*> analysable_cells(ColumnInfo& col, bool capped);
  void prepare_column(std::size_t c, std::span<const ColumnFacts> facts);
  void prepare_units(ColumnInfo& col);
  [[nodiscard]] IntervalSet units_set(const ColumnInfo& col, std::size_t lo, std::size_t hi) const;
  void prepare_ranges(ColumnInfo& col);
  void prepare_run(bool overlaps, bool gaps, bool shadowed);
  void prepare_starts();
  /// Walks every combination of the columns' units, when there are few enough; false if not.
  bool walk_combinations();
  void report_overlaps(std::vector<Diagnostic>& out) const;
  void report_gaps(std::vector<Diagnostic>& out);
  void report_unreached(bool exact, std::vector<Diagnostic>& out);
  void report_unanalysed(std::vector<Diagnostic>& out) const;

  // The walk over the product of every column's units.
  void walk(std::size_t level, bool in_domain);
  std::uint64_t unit_rows(const SparseRowsBuffer& parent, const SparseRowsBuffer* parent_base, const ColumnInfo& col,
                          const Unit& unit, SparseRowsBuffer& out);
  void leaf(const SparseRowsBuffer& rows, bool in_domain);
  void add_gap(std::size_t depth);
  void flush_gap();
  void reset_findings();

  // The per-row methods.
  void overlaps_per_row();
  void gaps_per_column();
  std::size_t best_column(std::size_t r) const;
  std::uint64_t rows_meeting(std::size_t c, std::size_t r, std::size_t lo, std::size_t hi,
                             std::vector<std::uint32_t>& out) const;
  enum class Reach { reached, shadowed, unknown };
  Reach shadow_row(std::size_t r);
  Reach shadow_walk(std::size_t r);
  [[nodiscard]] bool may_cover(std::size_t q, std::size_t r) const;

  // Findings.
  void mark_overlap(std::size_t row, std::size_t partner);
  void mark_maybe(std::size_t row, std::size_t partner);
  [[nodiscard]] bool plain(std::size_t row) const { return has_row(plain_.data(), row); }
  std::string row_name(std::size_t r) const;
  std::string overlap_text(std::size_t a, std::size_t b) const;
  std::string unanalysed_text(std::size_t a, std::size_t b) const;
  std::string cell_text(const ColumnInfo& col, std::size_t row, Reason reason) const;
  std::optional<std::string> describe(const ColumnInfo& col, std::span<const SegmentRange> segments,
                                      bool in_domain) const;
  void report(Diagnostic::Severity severity, std::string message, std::string where,
              std::vector<Diagnostic>& out) const;

  std::string_view name_, pointer_;
  const Table& table_;
  const Scope* scope_ = nullptr;
  TableCheckOptions options_;
  // Columns that read a common field do not vary independently: per column its group
  // (columns of one group share fields), and the first such pair, said.
  std::vector<std::size_t> field_group_;
  std::optional<std::string> dependent_;
  std::deque<TableIndex> local_;  // indexes of the columns table.index leaves out
  std::size_t rows_ = 0, words_ = 0;
  std::vector<std::uint64_t> all_;    // every row
  std::vector<std::uint64_t> plain_;  // rows without a cell analysed as `-`
  bool substituted_ = false;          // some cell is
  std::vector<ColumnInfo> cols_;
  std::vector<std::size_t> order_;  // columns by number of units, fewest first
  std::vector<Starts> starts_;      // per column, for the per-row methods

  // Sparse row sets per level of a walk, and each level's rows among the base rows.
  std::vector<SparseRowsBuffer> levels_, based_;
  SparseRowsBuffer matched_, base_matched_;
  std::vector<std::uint32_t> prefix_;  // the unit chosen at each level
  std::vector<bool> rest_has_domain_;  // whether levels l.. all have a unit in the domain
  std::uint64_t walk_work_ = 0;

  bool want_overlaps_ = false, want_gaps_ = false, want_first_ = false;
  // Overlaps: the earlier row each row is proven to overlap first (partner_), or else
  // may overlap (maybe_); rows without a proven partner, and without either.
  std::vector<std::size_t> partner_, maybe_;
  std::vector<std::uint64_t> unproven_, unmarked_;
  std::size_t overlaps_stopped_at_ = none;  // the row where the per-row search ran out of budget
  // Gaps: the run being extended, then the listed ones.
  struct Gap {
    std::size_t depth = 0;
    std::vector<std::uint32_t> units;  // per level; the deepest level spans units[depth-1]..hi
    std::uint32_t hi = 0;
  };
  std::optional<Gap> pending_;
  struct GapText {
    std::string text;
    bool proven = true;  // false: it combines columns that read a common field
  };
  std::vector<GapText> gaps_;
  std::size_t gap_count_ = 0;
  // FIRST: rows that are the first match of some input.
  std::vector<std::uint64_t> reached_;
  // Per-row work.
  std::vector<std::uint32_t> candidates_, coverers_;
  struct Position {
    std::size_t range = 0, unit = 0;
  };
  std::vector<Position> positions_;
  std::uint64_t shadow_work_ = 0, row_work_ = 0;
};

/// A value as a finding names it: strings quoted with '.
std::string value_text(const Value& v);
/// "(a, b, ... n more)".
std::string value_list(std::span<const Value> values);
/// The integers of a set, as closed intervals; nullopt when a bound cannot be computed.
std::optional<IntervalSet> integers_of(const IntervalSet& set);
/// Text of a set of decimals: "= 5" or "in (-inf..0), [7..9]".
std::string set_text(const IntervalSet& set);
/// Whether two rows' cells of a column meet (their sorted unit ranges intersect).
bool meet(const ColumnInfo& col, std::size_t a, std::size_t b);
/// "64 MiB", or the bytes when not whole mebibytes.
std::string mib(std::size_t bytes);

}  // namespace crm::internal::table_check
