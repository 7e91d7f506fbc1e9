// The load-time checks of decision tables: overlaps (UNIQUE), gaps, shadowed rows
// (FIRST), computed on the index's segments (table_index.hpp). An error only where the
// finding is proven; what the analysis cannot see is a warning that says so.
#include "src/ruleset/table_checks.hpp"

#include <algorithm>
#include <bit>
#include <deque>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>

#include "src/ruleset/row_set.hpp"

namespace crm::internal {
namespace {

constexpr std::size_t max_combinations = 1'000'000;      // the whole product is walked up to this
constexpr std::size_t max_row_combinations = 1'000'000;  // one row's region, per-row shadowing
constexpr std::size_t max_overlaps_listed = 10;
constexpr std::size_t max_gaps_listed = 5;
constexpr std::size_t max_shadowed_listed = 10;
constexpr std::size_t max_values_named = 5;
constexpr std::size_t none = ~std::size_t{0};
constexpr std::uint32_t no_group = ~std::uint32_t{0};

using Kind = TableIndex::ColumnKind;
using Reason = Unindexed::Reason;

std::string value_text(const Value& v) {
  return v.kind() == ValueKind::string ? "'" + v.as_string() + "'" : v.to_string();
}

std::string value_list(std::span<const Value> values) {
  std::string s = "(";
  for (std::size_t i = 0; i < values.size() && i < max_values_named; ++i) s += (i ? ", " : "") + value_text(values[i]);
  if (values.size() > max_values_named) s += ", ... " + std::to_string(values.size() - max_values_named) + " more";
  return s + ")";
}

/// The integers of a set, as closed intervals; nullopt when a bound cannot be computed.
std::optional<IntervalSet> integers_of(const IntervalSet& set) {
  IntervalSet out;
  for (const Interval& i : set.intervals()) {
    Interval n;
    if (i.low) {
      auto lo = i.low->round(0, Rounding::floor);
      if (!lo) return std::nullopt;
      if (*lo < *i.low || (*lo == *i.low && !i.low_closed)) lo = lo->add(Decimal::from_int(1));
      if (!lo) return std::nullopt;
      n.low = *lo;
      n.low_closed = true;
    }
    if (i.high) {
      auto hi = i.high->round(0, Rounding::ceiling);
      if (!hi) return std::nullopt;
      if (*hi > *i.high || (*hi == *i.high && !i.high_closed)) hi = hi->sub(Decimal::from_int(1));
      if (!hi) return std::nullopt;
      n.high = *hi;
      n.high_closed = true;
    }
    out = out.unite(IntervalSet(n));
  }
  return out;
}

/// Text of a set of decimals: "= 5" or "in (-inf..0), [7..9]".
std::string set_text(const IntervalSet& set) {
  const auto parts = set.intervals();
  if (parts.size() == 1 && parts[0].low && parts[0].high && *parts[0].low == *parts[0].high)
    return "= " + parts[0].low->to_string();
  return "in " + set.to_string();
}

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

/// Whether the cell is a set of decimals the index reads (intervals, or decimal constants).
bool fits_numeric(const UnaryTest& cell) {
  if (cell.intervals() != nullptr) return true;
  const ConstantSet* constants = cell.constants();
  return constants != nullptr && std::all_of(constants->values.begin(), constants->values.end(), [](const Value& v) {
           return v.is_null() || v.kind() == ValueKind::decimal;
         });
}

/// Whether the cell is a list of constants of this kind (and null).
bool fits_constants(const UnaryTest& cell, ValueKind kind) {
  const ConstantSet* constants = cell.constants();
  return constants != nullptr && std::all_of(constants->values.begin(), constants->values.end(),
                                             [&](const Value& v) { return v.is_null() || v.kind() == kind; });
}

/// The kind of a constant cell's values (null for a cell of null alone), or nullopt.
std::optional<ValueKind> constants_kind(const UnaryTest& cell) {
  const ConstantSet* constants = cell.constants();
  if (constants == nullptr) return std::nullopt;
  ValueKind kind = ValueKind::null;
  for (const Value& v : constants->values) {
    if (v.is_null()) continue;
    if (kind != ValueKind::null && v.kind() != kind) return std::nullopt;
    kind = v.kind();
  }
  return kind;
}

/// Whether two rows' cells of a column meet (their sorted unit ranges intersect).
bool meet(const ColumnInfo& col, std::size_t a, std::size_t b) {
  std::size_t i = col.range_start[a], j = col.range_start[b];
  const std::size_t i_end = col.range_start[a + 1], j_end = col.range_start[b + 1];
  while (i < i_end && j < j_end) {
    const UnitRange x = col.ranges[i], y = col.ranges[j];
    if (x.last < y.first)
      ++i;
    else if (y.last < x.first)
      ++j;
    else
      return true;
  }
  return false;
}

std::string mib(std::size_t bytes) {
  return bytes % (std::size_t{1} << 20) == 0 ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

Checker::Checker(std::string_view name, std::string_view pointer, const Table& table,
                 std::span<const ColumnFacts> facts, const Scope* scope, const TableCheckOptions& options)
    : name_(name), pointer_(pointer), table_(table), scope_(scope), options_(options) {
  rows_ = table.rows.size();
  words_ = row_words(rows_);
  all_.assign(words_, ~std::uint64_t{0});
  if (rows_ % 64 != 0) all_.back() = (std::uint64_t{1} << (rows_ % 64)) - 1;
  plain_ = all_;
  cols_.resize(table.inputs.size());
  prepare_sources();
  prepare_dependence();
  for (std::size_t c = 0; c < cols_.size(); ++c) prepare_column(c, facts);
  order_.resize(cols_.size());
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  std::stable_sort(order_.begin(), order_.end(),
                   [&](std::size_t a, std::size_t b) { return cols_[a].units.size() < cols_[b].units.size(); });
}

void Checker::prepare_sources() {
  // The table's index serves the columns it indexes; the others get an index of their
  // own, with the cells it cannot read analysed as `-`.
  const TableIndex& index = table_.index;
  const bool built = index.rows() == rows_ && index.columns() == table_.inputs.size();
  for (std::size_t c = 0; c < cols_.size(); ++c) {
    ColumnInfo& col = cols_[c];
    col.column = c;
    col.name = std::string(table_.inputs[c].input.text());
    if (built && index.indexed(c)) {
      col.index = &index;
      col.at = c;
      continue;
    }
    const bool capped = built && index.unindexed(c).reason == Reason::size_cap;
    std::vector<std::vector<const UnaryTest*>> cells(1);
    cells[0] = analysable_cells(col, capped);
    local_.push_back(TableIndex::build(cells, rows_));
    if (!local_.back().indexed(0)) {  // past the cap: every cell but `-` as `-`
      cells[0] = analysable_cells(col, true);
      local_.back() = TableIndex::build(cells, rows_);
    }
    if (col.why.reason == Reason::size_cap && capped) col.why.bytes = index.unindexed(c).bytes;
    col.index = &local_.back();
    col.at = 0;
  }
}

void Checker::prepare_dependence() {
  // Columns reading a common field join one group (a union-find over the columns).
  field_group_.resize(cols_.size());
  std::iota(field_group_.begin(), field_group_.end(), std::size_t{0});
  const auto root = [&](std::size_t c) {
    while (field_group_[c] != c) c = field_group_[c] = field_group_[field_group_[c]];
    return c;
  };
  std::unordered_map<std::uint32_t, std::size_t> reader;  // slot -> the first column reading it
  for (std::size_t c = 0; c < cols_.size(); ++c)
    for (const std::uint32_t slot : table_.inputs[c].input.slots_used()) {
      const auto [it, added] = reader.emplace(slot, c);
      if (added) continue;
      field_group_[root(c)] = root(it->second);
      if (dependent_) continue;
      std::string field = "a common field";
      if (scope_ != nullptr)
        for (const Scope::Field& f : scope_->fields())
          if (f.slot == slot) {
            field = "field '" + f.name + "'";
            break;
          }
      dependent_ = "columns '" + cols_[it->second].name + "' and '" + cols_[c].name + "' both read " + field +
                   ", and the load-time check takes columns to vary independently";
    }
  for (std::size_t c = 0; c < cols_.size(); ++c) field_group_[c] = root(c);
  if (dependent_) std::fill(plain_.begin(), plain_.end(), 0);  // no overlap is proven
}

std::vector<const UnaryTest*> Checker::analysable_cells(ColumnInfo& col, bool capped) {
  static const UnaryTest any_cell;
  const std::size_t c = col.column;
  col.group.clear();
  col.reasons.clear();
  col.group_row.clear();
  col.why = Unindexed{};
  // The form most cells share: decimals, or constants of one kind.
  std::size_t numeric = 0;
  std::map<ValueKind, std::size_t> kinds;
  for (const TableRow& row : table_.rows) {
    const UnaryTest& cell = row.when[c];
    if (cell.is_any()) continue;
    numeric += fits_numeric(cell) ? 1 : 0;
    if (auto kind = constants_kind(cell); kind && *kind != ValueKind::null) ++kinds[*kind];
  }
  std::optional<ValueKind> form;  // nullopt: decimals
  std::size_t most = numeric;
  for (const auto& [kind, count] : kinds)
    if (count > most) form = kind, most = count;

  std::vector<const UnaryTest*> cells(rows_);
  std::unordered_map<std::string_view, std::uint32_t> groups;
  for (std::size_t r = 0; r < rows_; ++r) {
    const UnaryTest& cell = table_.rows[r].when[c];
    const bool fits = cell.is_any() || (!capped && (form ? fits_constants(cell, *form) : fits_numeric(cell)));
    cells[r] = fits ? &cell : &any_cell;
    if (fits) continue;
    if (col.group.empty()) col.group.assign(rows_, no_group);
    const auto [it, added] = groups.emplace(cell.text(), static_cast<std::uint32_t>(col.reasons.size()));
    if (added) {
      Reason why = Reason::size_cap;
      if (!capped)
        why = !cell.slots_used().empty()                               ? Reason::reads_field
              : fits_numeric(cell) || constants_kind(cell).has_value() ? Reason::mixed_kinds
                                                                       : Reason::cell_kind;
      col.reasons.push_back(why);
      col.group_row.push_back(r);
    }
    col.group[r] = it->second;
    clear_row(plain_.data(), r);
    substituted_ = true;
  }
  if (!col.group.empty()) {
    col.example = col.group_row[0];
    col.why = Unindexed{col.reasons[0], col.example, capped ? TableIndexOptions{}.max_column_bytes : 0};
  }
  return cells;
}

IntervalSet Checker::units_set(const ColumnInfo& col, std::size_t lo, std::size_t hi) const {
  const Interval a = col.index->segment_interval(col.at, col.units[lo].first);
  const Interval b = col.index->segment_interval(col.at, col.units[hi].last);
  return IntervalSet(Interval{a.low, b.high, a.low_closed, b.high_closed});
}

void Checker::prepare_column(std::size_t c, std::span<const ColumnFacts> facts) {
  ColumnInfo& col = cols_[c];
  col.kind = col.index->kind(col.at);
  col.domain = table_.inputs[c].domain;
  if (c < facts.size()) {
    col.integer = facts[c].integer;
    col.values = facts[c].values;
  }
  if (col.values.empty() && rows_ > 0 && table_.rows[0].when[c].input_type() == Type::boolean)
    col.values = {Value(false), Value(true)};
  prepare_units(col);
  prepare_ranges(col);
}

void Checker::prepare_units(ColumnInfo& col) {
  const TableIndex& index = *col.index;
  const std::size_t segments = index.segments(col.at);
  const std::size_t null_seg = segments - 1;
  col.unit_of.resize(segments);
  for (std::size_t s = 0; s < segments; ++s) {
    if (s == 0 || s == null_seg || index.segment_set(col.at, s) != index.segment_set(col.at, s - 1) ||
        (col.kind == Kind::constants && s == index.constants(col.at).size())) {  // "other" stays alone
      col.units.push_back(
          Unit{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(s), index.segment_rows(col.at, s)});
    }
    col.units.back().last = static_cast<std::uint32_t>(s);
    col.unit_of[s] = static_cast<std::uint32_t>(col.units.size() - 1);
  }
  col.base = index.base_rows(col.at);
  const std::span<const Value> keys = index.constants(col.at);
  for (std::size_t u = 0; u + 1 < col.units.size(); ++u) {
    Unit& unit = col.units[u];
    switch (col.kind) {
      case Kind::numeric: {
        IntervalSet set = units_set(col, u, u);
        if (col.integer) {
          auto ints = integers_of(set);
          unit.possible = !ints || !ints->empty();
          if (ints) set = *ints;
        }
        unit.in_domain = unit.possible && (!col.domain || !set.intersect(*col.domain).empty());
        break;
      }
      case Kind::constants:
        if (!col.values.empty()) {
          if (unit.first < keys.size()) {
            unit.possible = std::any_of(col.values.begin(), col.values.end(),
                                        [&](const Value& v) { return v == keys[unit.first]; });
          } else {  // other: a listed value that no cell names
            unit.possible = std::any_of(col.values.begin(), col.values.end(), [&](const Value& v) {
              return std::none_of(keys.begin(), keys.end(), [&](const Value& k) { return k == v; });
            });
          }
        }
        unit.in_domain = unit.possible;
        break;
      case Kind::any:
      case Kind::unindexed: break;
    }
  }
  col.units.back().in_domain = false;  // null
  col.has_domain = std::any_of(col.units.begin(), col.units.end(), [](const Unit& u) { return u.in_domain; });
}

/// Each row's possible units, as ranges of consecutive possible units.
void Checker::prepare_ranges(ColumnInfo& col) {
  const std::size_t n = col.units.size();
  // next_possible[u]: the first possible unit >= u; run_end[u]: the last of u's run.
  std::vector<std::uint32_t> next_possible(n + 1, static_cast<std::uint32_t>(n)), run_end(next_possible.size() - 1, 0);
  for (std::size_t u = n; u-- > 0;) {
    next_possible[u] = col.units[u].possible ? static_cast<std::uint32_t>(u) : next_possible[u + 1];
    run_end[u] = static_cast<std::uint32_t>(u + 1 < n && col.units[u + 1].possible ? run_end[u + 1] : u);
  }
  col.range_start.assign(rows_ + 1, 0);
  for (std::size_t r = 0; r < rows_; ++r) {
    const std::span<const SegmentRange> segs = col.index->row_segments(col.at, r);
    for (const SegmentRange& s : segs) {
      const std::uint32_t last = col.unit_of[s.last];
      for (std::uint32_t u = next_possible[col.unit_of[s.first]]; u <= last; u = next_possible[u]) {
        const std::uint32_t end = std::min(run_end[u], last);
        if (col.ranges.size() > col.range_start[r] && col.ranges.back().last + 1 == u)
          col.ranges.back().last = end;
        else
          col.ranges.push_back({u, end});
        if (end + 1 >= n) break;
        u = end + 1;
      }
    }
    col.range_start[r + 1] = static_cast<std::uint32_t>(col.ranges.size());
  }
}

// ---- The walk ----------------------------------------------------------------------

void Checker::prepare_run(bool overlaps, bool gaps, bool shadowed) {
  want_overlaps_ = overlaps && rows_ > 1;
  want_gaps_ = gaps && std::all_of(cols_.begin(), cols_.end(), [](const ColumnInfo& c) { return c.has_domain; });
  want_first_ = shadowed && rows_ > 1;
  reset_findings();
  levels_.assign(cols_.size() + 1, SparseRowsBuffer{});
  based_.assign(cols_.size() + 1, SparseRowsBuffer{});
  prefix_.assign(std::max<std::size_t>(cols_.size(), 1), 0);
  rest_has_domain_.assign(cols_.size() + 1, true);
  for (std::size_t l = cols_.size(); l-- > 0;)
    rest_has_domain_[l] = rest_has_domain_[l + 1] && cols_[order_[l]].has_domain;
}

void Checker::reset_findings() {
  partner_.assign(rows_, none);
  maybe_.assign(rows_, none);
  unproven_ = all_;
  unmarked_ = all_;
  reached_.assign(words_, 0);
  pending_.reset();
  gaps_.clear();
  gap_count_ = 0;
}

bool Checker::walk_combinations() {
  std::size_t product = 1;
  for (const ColumnInfo& col : cols_)
    product = col.units.size() > max_combinations / product ? max_combinations + 1 : product * col.units.size();
  if (product > max_combinations || !(want_overlaps_ || want_gaps_ || want_first_)) return false;
  SparseRowsBuffer& root = levels_[0];
  root.clear();
  for (std::size_t w = 0; w < words_; ++w) root.push(static_cast<std::uint32_t>(w), all_[w]);
  walk_work_ = 0;
  if (rows_ == 0) {
    if (want_gaps_) {
      gap_count_ = 1;
      gaps_.push_back({"no row matches any input"});
    }
  } else if (cols_.empty()) {  // every row matches every input
    leaf(root, true);
  } else {
    walk(0, true);  // as deep as there are columns: at most 20, as each has two units or more
  }
  if (walk_work_ > options_.walk_budget) {  // too much: the per-row methods instead
    reset_findings();
    return false;
  }
  flush_gap();
  return true;
}

/// Writes into `out` the rows of `parent` that match the unit: its rows, and the base
/// rows (parent_base: those of the parent among them, when known). Returns the work.
std::uint64_t Checker::unit_rows(const SparseRowsBuffer& parent, const SparseRowsBuffer* parent_base,
                                 const ColumnInfo& col, const Unit& unit, SparseRowsBuffer& out) {
  out.clear();
  if (col.base.size == 0) return intersect(parent.view(), unit.rows, out);
  std::uint64_t work = 0;
  if (parent_base == nullptr) {
    base_matched_.clear();
    work += intersect(parent.view(), col.base, base_matched_);
    parent_base = &base_matched_;
  }
  matched_.clear();
  work += intersect(parent.view(), unit.rows, matched_);
  return work + unite(parent_base->view(), matched_.view(), out);
}

void Checker::walk(std::size_t level, bool in_domain) {
  const ColumnInfo& col = cols_[order_[level]];
  const bool last = level + 1 == order_.size();
  const SparseRowsBuffer& parent = levels_[level];
  SparseRowsBuffer& child = levels_[level + 1];
  SparseRowsBuffer& parent_base = based_[level];  // the same for every unit
  parent_base.clear();
  walk_work_ += intersect(parent.view(), col.base, parent_base);
  for (std::size_t u = 0; u < col.units.size() && walk_work_ <= options_.walk_budget; ++u) {
    const Unit& unit = col.units[u];
    if (!unit.possible) continue;
    prefix_[level] = static_cast<std::uint32_t>(u);
    const bool dom = in_domain && unit.in_domain;
    if (!dom && !want_overlaps_ && !want_first_) continue;
    walk_work_ += unit_rows(parent, &parent_base, col, unit, child);
    if (last) {
      leaf(child, dom);
    } else if (child.index.empty()) {
      if (dom && want_gaps_ && rest_has_domain_[level + 1]) add_gap(level + 1);
    } else {
      walk(level + 1, dom);
    }
  }
}

void Checker::leaf(const SparseRowsBuffer& rows, bool in_domain) {
  if (rows.index.empty()) {
    if (in_domain && want_gaps_) add_gap(order_.size());
    return;
  }
  const std::size_t first = rows.view().first();
  if (want_first_) set_row(reached_.data(), first);
  if (!want_overlaps_) return;
  // Each later row overlaps the first: provably when both are plain (the first plain
  // row then), else it may.
  std::size_t first_plain = none;
  for (std::size_t i = 0; i < rows.index.size(); ++i) {
    const std::size_t w = rows.index[i];
    std::uint64_t p = rows.bits[i] & plain_[w];
    if (first_plain == none && p != 0) {
      first_plain = w * 64 + static_cast<std::size_t>(std::countr_zero(p));
      p &= p - 1;
    }
    for (std::uint64_t x = p & unproven_[w]; x != 0; x &= x - 1)
      mark_overlap(w * 64 + static_cast<std::size_t>(std::countr_zero(x)), first_plain);
    std::uint64_t m = rows.bits[i] & unmarked_[w];
    if (w == first / 64) m &= ~(std::uint64_t{1} << (first % 64));
    for (; m != 0; m &= m - 1) mark_maybe(w * 64 + static_cast<std::size_t>(std::countr_zero(m)), first);
  }
}

void Checker::add_gap(std::size_t depth) {
  const std::uint32_t u = prefix_[depth - 1];
  if (pending_ && pending_->depth == depth &&
      std::equal(prefix_.begin(), prefix_.begin() + static_cast<std::ptrdiff_t>(depth - 1), pending_->units.begin())) {
    const ColumnInfo& col = cols_[order_[depth - 1]];
    bool adjacent = col.kind == Kind::numeric && u > pending_->hi;
    for (std::uint32_t v = pending_->hi + 1; adjacent && v < u; ++v) adjacent = !col.units[v].possible;
    if (adjacent) {
      pending_->hi = u;
      return;
    }
  }
  flush_gap();
  pending_ =
      Gap{depth, std::vector<std::uint32_t>(prefix_.begin(), prefix_.begin() + static_cast<std::ptrdiff_t>(depth)), u};
}

void Checker::flush_gap() {
  if (!pending_) return;
  const Gap gap = std::move(*pending_);
  pending_.reset();
  if (gap_count_++ >= max_gaps_listed) return;
  std::vector<std::pair<std::size_t, std::string>> parts;  // (column, text)
  for (std::size_t l = 0; l < gap.depth; ++l) {
    const std::size_t c = order_[l];
    const ColumnInfo& col = cols_[c];
    const std::uint32_t lo = gap.units[l], hi = l + 1 == gap.depth ? gap.hi : lo;
    const SegmentRange segs{col.units[lo].first, col.units[hi].last};
    if (auto text = describe(col, std::span<const SegmentRange>(&segs, 1), true))
      parts.emplace_back(c, std::move(*text));
  }
  std::sort(parts.begin(), parts.end());
  std::string text = "no row matches ";
  bool proven = true;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    text += (i ? " and " : "") + parts[i].second;
    for (std::size_t j = 0; j < i; ++j) proven = proven && field_group_[parts[i].first] != field_group_[parts[j].first];
  }
  if (parts.empty()) text += "any input";
  if (!proven) text += " (if such an input exists: " + *dependent_ + ")";
  gaps_.push_back({std::move(text), proven});
}

// ---- The per-row methods -----------------------------------------------------------

void Checker::prepare_starts() {
  if (!starts_.empty() || cols_.empty()) return;
  starts_.resize(cols_.size());
  for (std::size_t c = 0; c < cols_.size(); ++c) {
    const ColumnInfo& col = cols_[c];
    Starts& s = starts_[c];
    s.at.assign(col.units.size() + 1, 0);
    for (const UnitRange& range : col.ranges) ++s.at[range.first + 1];
    for (std::size_t u = 0; u < col.units.size(); ++u) s.at[u + 1] += s.at[u];
    std::vector<std::uint32_t> fill(s.at.begin(), s.at.end() - 1);
    s.rows.resize(col.ranges.size());
    for (std::size_t r = 0; r < rows_; ++r)  // each unit's rows ascend
      for (std::size_t i = col.range_start[r]; i < col.range_start[r + 1]; ++i)
        s.rows[fill[col.ranges[i].first]++] = static_cast<std::uint32_t>(r);
    // Rows covering each unit: +1 where a range starts, -1 after it ends.
    s.count.assign(col.units.size() + 1, 0);
    for (const UnitRange& range : col.ranges) {
      ++s.count[range.first];
      --s.count[range.last + 1];
    }
    for (std::size_t u = 1; u < col.units.size(); ++u) s.count[u] += s.count[u - 1];
  }
}

/// The column where fewest rows meet row r.
std::size_t Checker::best_column(std::size_t r) const {
  std::size_t best = none;
  std::uint64_t best_cost = ~std::uint64_t{0};
  for (std::size_t c = 0; c < cols_.size(); ++c) {
    const ColumnInfo& col = cols_[c];
    std::uint64_t cost = 0;
    for (std::size_t i = col.range_start[r]; i < col.range_start[r + 1]; ++i)
      cost += starts_[c].count[col.ranges[i].first] + starts_[c].at[col.ranges[i].last + 1] -
              starts_[c].at[col.ranges[i].first + 1];
    if (cost < best_cost) best = c, best_cost = cost;
  }
  return best;
}

/// Appends the rows lo..hi whose cell of column c meets row r's: those covering the
/// first unit of one of r's ranges, and those starting inside one (maybe twice).
/// Returns the work done.
std::uint64_t Checker::rows_meeting(std::size_t c, std::size_t r, std::size_t lo, std::size_t hi,
                                    std::vector<std::uint32_t>& out) const {
  const ColumnInfo& col = cols_[c];
  const Starts& s = starts_[c];
  std::uint64_t work = 0;
  for (std::size_t i = col.range_start[r]; i < col.range_start[r + 1]; ++i) {
    const UnitRange range = col.ranges[i];
    for (const SparseRows covering : {col.base, col.units[range.first].rows})
      for (std::size_t k = covering.seek(0, static_cast<std::uint32_t>(lo / 64));
           k < covering.size && covering.index[k] <= hi / 64; ++k, ++work)
        for (std::uint64_t b = covering.bits[k]; b != 0; b &= b - 1) {
          const std::size_t q = std::size_t{covering.index[k]} * 64 + static_cast<std::size_t>(std::countr_zero(b));
          if (q >= lo && q <= hi) out.push_back(static_cast<std::uint32_t>(q));
        }
    const auto begin = s.rows.begin() + s.at[range.first + 1], end = s.rows.begin() + s.at[range.last + 1];
    for (auto it = std::lower_bound(begin, end, static_cast<std::uint32_t>(lo)); it != end && *it <= hi; ++it) {
      out.push_back(*it);
      ++work;
    }
  }
  return work;
}

void Checker::overlaps_per_row() {
  // For each row: the rows after it that meet it in its most selective column, then the
  // other columns checked pair by pair.
  for (std::size_t r = 0; r + 1 < rows_; ++r) {
    if (row_work_ > options_.work_budget) {
      overlaps_stopped_at_ = r;
      return;
    }
    const bool r_plain = plain(r);
    const std::size_t best = best_column(r);
    row_work_ += cols_.size();
    candidates_.clear();
    row_work_ += rows_meeting(best, r, r + 1, rows_ - 1, candidates_);
    std::sort(candidates_.begin(), candidates_.end());
    candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
    for (std::uint32_t q : candidates_) {
      const bool provable = r_plain && plain(q);
      if (!has_row(provable ? unproven_.data() : unmarked_.data(), q)) continue;
      bool all = true;
      for (std::size_t c = 0; c < cols_.size() && all; ++c)
        if (c != best) all = meet(cols_[c], r, q);
      row_work_ += cols_.size();
      if (!all) continue;
      if (provable)
        mark_overlap(q, r);
      else
        mark_maybe(q, r);
    }
  }
}

void Checker::gaps_per_column() {
  for (std::size_t l = 0; l < order_.size(); ++l) {
    std::swap(order_[0], order_[l]);  // one-column gaps: this column at depth 1
    const ColumnInfo& col = cols_[order_[0]];
    for (std::size_t u = 0; u < col.units.size(); ++u) {
      const Unit& unit = col.units[u];
      if (!unit.in_domain || !unit.rows.empty() || !col.base.empty()) continue;
      prefix_[0] = static_cast<std::uint32_t>(u);
      add_gap(1);
    }
    flush_gap();
    std::swap(order_[0], order_[l]);
  }
}

/// Whether row q's cells can cover row r's where the check reads neither: a cell it
/// cannot analyse covers only the same text.
bool Checker::may_cover(std::size_t q, std::size_t r) const {
  for (const ColumnInfo& col : cols_)
    if (!col.group.empty() && col.group[q] != no_group && col.group[q] != col.group[r]) return false;
  return true;
}

Checker::Reach Checker::shadow_row(std::size_t r) {
  coverers_.clear();
  if (cols_.empty()) {  // every row matches every input: the first covers the others
    if (r == 0) return Reach::reached;
    coverers_.push_back(0);
    return Reach::shadowed;
  }
  std::size_t product = 1;
  for (const ColumnInfo& col : cols_) {
    std::size_t count = 0;
    for (std::size_t i = col.range_start[r]; i < col.range_start[r + 1]; ++i)
      count += col.ranges[i].last - col.ranges[i].first + 1;
    if (count == 0) return Reach::shadowed;  // the row matches no input
    product = count > max_row_combinations / product ? max_row_combinations + 1 : product * count;
  }
  if (product > max_row_combinations) return Reach::unknown;
  // The rows up to r that may cover it: those meeting it in its most selective column.
  candidates_.clear();
  shadow_work_ += cols_.size() + rows_meeting(best_column(r), r, 0, r, candidates_);
  std::sort(candidates_.begin(), candidates_.end());
  candidates_.erase(std::unique(candidates_.begin(), candidates_.end()), candidates_.end());
  SparseRowsBuffer& root = levels_[0];
  root.clear();
  for (std::uint32_t q : candidates_) {
    if (!may_cover(q, r)) continue;
    if (root.index.empty() || root.index.back() != q / 64) root.push(q / 64, 0);
    root.bits.back() |= std::uint64_t{1} << (q % 64);
  }
  const Reach reach = shadow_walk(r);
  std::sort(coverers_.begin(), coverers_.end());
  coverers_.erase(std::unique(coverers_.begin(), coverers_.end()), coverers_.end());
  return reach;
}

/// Walks the combinations of row r's units (levels_[0] holds the rows that may cover
/// it): r is reached when it is the first row of one. Iterative, as a table may have
/// more columns than a stack has room for frames.
Checker::Reach Checker::shadow_walk(std::size_t r) {
  const std::size_t depth = order_.size();
  positions_.assign(depth, Position{});
  const auto start = [&](std::size_t l) {
    const ColumnInfo& col = cols_[order_[l]];
    positions_[l] = {col.range_start[r], col.ranges[col.range_start[r]].first};  // every column has a range
  };
  const auto advance = [&](std::size_t l) {
    const ColumnInfo& col = cols_[order_[l]];
    Position& p = positions_[l];
    if (++p.unit > col.ranges[p.range].last && ++p.range < col.range_start[r + 1]) p.unit = col.ranges[p.range].first;
  };
  std::size_t level = 0;
  start(0);
  while (true) {
    if (shadow_work_ > options_.work_budget) return Reach::unknown;
    if (level == depth) {
      const std::size_t first = levels_[depth].view().first();
      if (first == r) return Reach::reached;
      coverers_.push_back(static_cast<std::uint32_t>(first));
      advance(--level);
      continue;
    }
    const ColumnInfo& col = cols_[order_[level]];
    const Position p = positions_[level];
    if (p.range >= col.range_start[r + 1]) {
      if (level == 0) return Reach::shadowed;
      advance(--level);
      continue;
    }
    SparseRowsBuffer& child = levels_[level + 1];
    shadow_work_ += unit_rows(levels_[level], nullptr, col, col.units[p.unit], child);
    if (child.index.empty()) {
      advance(level);
    } else if (++level < depth) {
      start(level);
    }
  }
}

// ---- Findings ----------------------------------------------------------------------

void Checker::mark_overlap(std::size_t row, std::size_t partner) {
  partner_[row] = partner;
  clear_row(unproven_.data(), row);
  clear_row(unmarked_.data(), row);
}

void Checker::mark_maybe(std::size_t row, std::size_t partner) {
  maybe_[row] = partner;
  clear_row(unmarked_.data(), row);
}

std::string Checker::row_name(std::size_t r) const {
  const std::string& id = table_.rows[r].id;
  return "row " + std::to_string(r) + (id.empty() ? "" : " ('" + id + "')");
}

std::optional<std::string> Checker::describe(const ColumnInfo& col, std::span<const SegmentRange> segments,
                                             bool in_domain) const {
  const TableIndex& index = *col.index;
  const std::size_t c = col.at;
  if (col.kind == Kind::unindexed) return std::nullopt;
  const std::uint32_t null_seg = static_cast<std::uint32_t>(index.null_segment(c));
  bool has_null = false;
  std::vector<SegmentRange> values;
  for (SegmentRange s : segments) {
    if (s.last == null_seg) {
      has_null = true;
      if (s.first == null_seg) continue;
      s.last = null_seg - 1;
    }
    values.push_back(s);
  }
  const std::string null_text = col.name + " is null";
  switch (col.kind) {
    case Kind::numeric: {
      IntervalSet set, full = IntervalSet::everything();
      for (const SegmentRange& s : values) {
        const Interval a = index.segment_interval(c, s.first), b = index.segment_interval(c, s.last);
        set = set.unite(IntervalSet(Interval{a.low, b.high, a.low_closed, b.high_closed}));
      }
      if (in_domain && col.domain) {
        set = set.intersect(*col.domain);
        full = *col.domain;
      }
      if (col.integer) {
        if (auto ints = integers_of(set)) set = *ints;
        if (auto ints = integers_of(full)) full = *ints;
      }
      if (set == full) return std::nullopt;
      if (set.empty()) return has_null ? std::optional(null_text) : std::nullopt;
      return col.name + " " + set_text(set);
    }
    case Kind::constants: {
      const std::span<const Value> keys = index.constants(c);
      std::vector<bool> in(keys.size() + 1, false);
      for (const SegmentRange& s : values)
        for (std::uint32_t k = s.first; k <= s.last; ++k) in[k] = true;
      for (std::size_t k = 0; k < in.size(); ++k)
        if (!col.units[col.unit_of[k]].possible) in[k] = false;
      bool all = true, nothing = true;
      for (std::size_t k = 0; k < in.size(); ++k) {
        all = all && (in[k] || !col.units[col.unit_of[k]].possible);
        nothing = nothing && !in[k];
      }
      if (all) return std::nullopt;
      if (nothing) return has_null ? std::optional(null_text) : std::nullopt;
      std::vector<Value> listed;
      for (std::size_t k = 0; k < keys.size(); ++k)
        if (in[k]) listed.push_back(keys[k]);
      if (in[keys.size()]) {
        if (col.values.empty()) {  // every value but some keys
          std::vector<Value> missing;
          for (std::size_t k = 0; k < keys.size(); ++k)
            if (!in[k]) missing.push_back(keys[k]);
          return col.name + " is none of " + value_list(missing);
        }
        for (const Value& v : col.values)
          if (std::none_of(keys.begin(), keys.end(), [&](const Value& k) { return k == v; })) listed.push_back(v);
      }
      if (listed.size() == 1) return col.name + " = " + value_text(listed[0]);
      return col.name + " in " + value_list(listed);
    }
    case Kind::any: return values.empty() && has_null ? std::optional(null_text) : std::nullopt;
    case Kind::unindexed: break;
  }
  return std::nullopt;
}

/// What both rows match, in the columns where the check reads both cells; empty when
/// that is every input.
std::string Checker::overlap_text(std::size_t a, std::size_t b) const {
  std::vector<SegmentRange> both;
  std::string text;
  for (const ColumnInfo& col : cols_) {
    if (!col.group.empty() && (col.group[a] != no_group || col.group[b] != no_group)) continue;
    const std::span<const SegmentRange> sa = col.index->row_segments(col.at, a),
                                        sb = col.index->row_segments(col.at, b);
    both.clear();
    for (const SegmentRange& x : sa)
      for (const SegmentRange& y : sb)
        if (std::max(x.first, y.first) <= std::min(x.last, y.last))
          both.push_back({std::max(x.first, y.first), std::min(x.last, y.last)});
    std::sort(both.begin(), both.end(), [](SegmentRange x, SegmentRange y) { return x.first < y.first; });
    if (auto part = describe(col, both, false)) text += (text.empty() ? "" : " and ") + *part;
  }
  return text;
}

/// Why the check cannot tell whether rows a and b meet: the first column where it
/// cannot read a cell of either, or columns that vary together.
std::string Checker::unanalysed_text(std::size_t a, std::size_t b) const {
  for (const ColumnInfo& col : cols_) {
    if (col.group.empty()) continue;
    const std::size_t row = col.group[a] != no_group ? a : b;
    if (col.group[row] == no_group) continue;
    return cell_text(col, row, col.reasons[col.group[row]]);
  }
  return dependent_.value_or("");
}

/// "column 'amount' compares with field 'limit' (row 0: > limit), which the load-time
/// check cannot analyse", and the like for the other reasons.
std::string Checker::cell_text(const ColumnInfo& col, std::size_t row, Reason reason) const {
  const UnaryTest& cell = table_.rows[row].when[col.column];
  const std::string column = "column '" + col.name + "'";
  const std::string where = " (row " + std::to_string(row) + ": " + std::string(cell.text()) + ")";
  switch (reason) {
    case Reason::reads_field: {
      std::string field = "another field";
      if (scope_ != nullptr && !cell.slots_used().empty())
        for (const Scope::Field& f : scope_->fields())
          if (f.slot == cell.slots_used()[0]) {
            field = "field '" + f.name + "'";
            break;
          }
      return column + " compares with " + field + where + ", which the load-time check cannot analyse";
    }
    case Reason::mixed_kinds:
      return column + " mixes constants of different kinds" + where + ", which the load-time check cannot analyse";
    case Reason::size_cap:
      return column + " is not indexed (its row sets would pass the index's cap of " + mib(col.why.bytes) +
             "), so the load-time check cannot analyse it";
    case Reason::cell_kind:
    case Reason::none: break;
  }
  return column + " has a cell of a form the load-time check cannot analyse" + where;
}

void Checker::report(Diagnostic::Severity severity, std::string message, std::string where,
                     std::vector<Diagnostic>& out) const {
  out.push_back(Diagnostic{severity, Error{ErrorCode::invalid_rule, "table '" + std::string(name_) + "': " + message,
                                           Location::at_pointer(std::string(pointer_) + where)}});
}

void Checker::run(bool overlaps, bool gaps, bool shadowed, std::vector<Diagnostic>& out) {
  prepare_run(overlaps, gaps, shadowed);
  const bool walked = walk_combinations();
  if (!walked) {
    prepare_starts();
    if (want_overlaps_) overlaps_per_row();
    if (want_gaps_) gaps_per_column();
  }
  if (want_overlaps_) report_overlaps(out);
  if (want_gaps_) report_gaps(out);
  if (want_first_) report_unreached(walked && !substituted_, out);  // reached_ is exact then
  report_unanalysed(out);
}

void Checker::report_overlaps(std::vector<Diagnostic>& out) const {
  std::size_t proven = 0, maybe = 0;
  for (std::size_t r = 0; r < rows_; ++r) {
    if (partner_[r] != none) {
      if (++proven > max_overlaps_listed) continue;
      const std::string both = overlap_text(partner_[r], r);
      report(Diagnostic::Severity::error,
             row_name(partner_[r]) + " and " + row_name(r) +
                 " overlap (hit policy UNIQUE): " + (both.empty() ? "both match every input" : "both match " + both),
             "/rows/" + std::to_string(r), out);
    }
  }
  if (proven > max_overlaps_listed)
    report(Diagnostic::Severity::error,
           std::to_string(proven - max_overlaps_listed) + " more rows overlap earlier rows", "/rows", out);
  for (std::size_t r = 0; r < rows_; ++r) {
    if (partner_[r] != none || maybe_[r] == none || ++maybe > max_overlaps_listed) continue;
    const std::string both = overlap_text(maybe_[r], r);
    report(Diagnostic::Severity::warning,
           row_name(maybe_[r]) + " and " + row_name(r) + " may overlap (hit policy UNIQUE)" +
               (both.empty() ? "" : " where both match " + both) + ": " + unanalysed_text(maybe_[r], r) +
               "; two matching rows are a conflict error when evaluated",
           "/rows/" + std::to_string(r), out);
  }
  if (maybe > max_overlaps_listed)
    report(Diagnostic::Severity::warning,
           std::to_string(maybe - max_overlaps_listed) + " more rows may overlap earlier rows", "/rows", out);
  if (overlaps_stopped_at_ != none)
    report(Diagnostic::Severity::warning,
           "the overlap check stopped at row " + std::to_string(overlaps_stopped_at_) + " of " + std::to_string(rows_) +
               ", past its work budget: the rows from there on were not checked against later rows; two matching "
               "rows are a conflict error when evaluated",
           "/rows", out);
}

void Checker::report_gaps(std::vector<Diagnostic>& out) {
  const auto severity = table_.required ? Diagnostic::Severity::error : Diagnostic::Severity::warning;
  for (GapText& gap : gaps_)
    report(gap.proven ? severity : Diagnostic::Severity::warning, std::move(gap.text), "/rows", out);
  if (gap_count_ > gaps_.size())
    report(severity, std::to_string(gap_count_ - gaps_.size()) + " more gaps where no row matches", "/rows", out);
}

void Checker::report_unreached(bool exact, std::vector<Diagnostic>& out) {
  prepare_starts();
  std::size_t listed = 0, more = 0;
  for (std::size_t r = 0; r < rows_; ++r) {
    if (exact && has_row(reached_.data(), r)) continue;
    if (listed == max_shadowed_listed) {
      if (exact)
        ++more;
      else if (shadow_work_ <= options_.work_budget && shadow_row(r) == Reach::shadowed)
        ++more;
      continue;
    }
    if (shadow_row(r) != Reach::shadowed) continue;
    ++listed;
    std::string by;
    for (std::size_t i = 0; i < coverers_.size() && i < 8; ++i) by += (i ? ", " : "") + std::to_string(coverers_[i]);
    if (coverers_.size() > 8) by += ", ... (" + std::to_string(coverers_.size()) + " rows)";
    report(Diagnostic::Severity::warning,
           row_name(r) + " is never reached: " +
               (coverers_.empty() ? std::string("it matches no input")
                                  : (coverers_.size() == 1 ? "row " : "rows ") + by +
                                        (coverers_.size() == 1 ? " covers it" : " cover it")),
           "/rows/" + std::to_string(r), out);
  }
  if (more > 0)
    report(Diagnostic::Severity::warning, std::to_string(more) + " more rows are never reached", "/rows", out);
}

/// What the checks could not analyse, where it matters: a column past the index's
/// size cap, and the gaps of a required table (a missed gap fails at run time).
void Checker::report_unanalysed(std::vector<Diagnostic>& out) const {
  for (const ColumnInfo& col : cols_)
    if (col.why.reason == Reason::size_cap)
      report(Diagnostic::Severity::warning,
             "column '" + col.name + "' is not indexed: its row sets would pass the index's cap of " +
                 mib(col.why.bytes) +
                 "; evaluation tests its cells row by row, and the load-time checks cannot analyse it",
             "/inputs/" + std::to_string(col.column), out);
  if (!want_gaps_ || !table_.required || !substituted_) return;
  for (const ColumnInfo& col : cols_)
    if (!col.group.empty()) {
      report(Diagnostic::Severity::warning,
             "the gap check takes cells it cannot analyse to match every value: " +
                 cell_text(col, col.example, col.why.reason) +
                 "; an input that no row matches is a no_match error when evaluated",
             "/rows", out);
      return;
    }
}

bool gaps_expected(const Table& table) {
  const bool multi_hit = table.policy == HitPolicy::collect || table.policy == HitPolicy::rule_order ||
                         table.policy == HitPolicy::output_order;
  return table.aggregation == Aggregation::count || (multi_hit && !table.required);
}

}  // namespace

void check_table(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out,
                 std::span<const ColumnFacts> facts, const Scope* scope, const TableCheckOptions& options) {
  Checker(name, pointer, table, facts, scope, options)
      .run(table.policy == HitPolicy::unique, !gaps_expected(table), table.policy == HitPolicy::first, out);
}

void check_overlaps(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out) {
  Checker(name, pointer, table, {}, nullptr, {}).run(true, false, false, out);
}

void check_gaps(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out,
                std::span<const ColumnFacts> facts) {
  Checker(name, pointer, table, facts, nullptr, {}).run(false, true, false, out);
}

void check_shadowed(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out) {
  Checker(name, pointer, table, {}, nullptr, {}).run(false, false, true, out);
}

}  // namespace crm::internal
