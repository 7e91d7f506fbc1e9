// The load-time checks of decision tables: overlaps (UNIQUE), gaps, shadowed rows
// (FIRST), computed on the index's segments (table_index.hpp).
#include "src/ruleset/table_checks.hpp"

#include <algorithm>
#include <bit>
#include <numeric>
#include <string>
#include <unordered_map>

#include "src/ruleset/row_set.hpp"

namespace crm::internal {
namespace {

constexpr std::size_t max_combinations = 1'000'000;      // the whole product is walked up to this
constexpr std::size_t max_row_combinations = 1'000'000;  // one row's region, per-row shadowing
constexpr std::uint64_t work_budget = 100'000'000;       // word operations of each per-row method
constexpr std::size_t max_overlaps_listed = 10;
constexpr std::size_t max_gaps_listed = 5;
constexpr std::size_t max_shadowed_listed = 10;
constexpr std::size_t max_values_named = 5;
constexpr std::size_t none = ~std::size_t{0};

using Kind = TableIndex::ColumnKind;

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
  const std::uint64_t* rows = nullptr;
  bool possible = true;   // the input can take a value of it (integers, listed values)
  bool in_domain = true;  // possible and within the column's domain (never the null unit)
};

struct UnitRange {
  std::uint32_t first = 0, last = 0;  // units
};

struct ColumnInfo {
  std::size_t column = 0;
  std::string name;
  Kind kind = Kind::unindexed;
  bool integer = false;
  std::vector<Value> values;  // the listed values, when known
  std::optional<IntervalSet> domain;
  std::vector<Unit> units;             // value units in order, the null unit last
  std::vector<std::uint32_t> unit_of;  // segment -> unit
  bool has_domain = false;             // some unit is in the domain
  // Per row, the possible units its cell matches (rows' ranges in `ranges`).
  std::vector<std::uint32_t> range_start;
  std::vector<UnitRange> ranges;
};

class Checker {
 public:
  Checker(std::string_view name, std::string_view pointer, const Table& table, std::span<const ColumnFacts> facts);

  void run(bool overlaps, bool gaps, bool shadowed, std::vector<Diagnostic>& out);

 private:
  // Preparation.
  void prepare_column(std::size_t c, std::span<const ColumnFacts> facts);
  [[nodiscard]] IntervalSet units_set(const ColumnInfo& col, std::size_t lo, std::size_t hi) const;
  void prepare_ranges(ColumnInfo& col);
  void prepare_groups();
  void prepare_run(bool overlaps, bool gaps, bool shadowed, bool all_indexed);
  /// Walks every combination of the columns' units, when there are few enough; false if not.
  bool walk_combinations();
  void report_overlaps(std::vector<Diagnostic>& out) const;
  void report_gaps(std::vector<Diagnostic>& out);
  void report_unreached(bool exact, bool all_indexed, std::vector<Diagnostic>& out);

  // The walk over the product of every column's units.
  void walk(std::size_t level, bool in_domain);
  void leaf(std::size_t level, const Unit& unit, bool in_domain);
  void add_gap(std::size_t depth);
  void flush_gap();

  // The per-row methods.
  void overlaps_per_row();
  void gaps_per_column();
  enum class Reach { reached, shadowed, unknown };
  Reach shadow_row(std::size_t r);
  void shadow_walk(std::size_t level, std::size_t r);

  // Findings.
  void mark_overlap(std::size_t row, std::size_t partner);
  std::string row_name(std::size_t r) const;
  std::string overlap_text(std::size_t a, std::size_t b) const;
  std::optional<std::string> describe(const ColumnInfo& col, std::span<const SegmentRange> segments,
                                      bool in_domain) const;
  void report(Diagnostic::Severity severity, std::string message, std::string where,
              std::vector<Diagnostic>& out) const;

  std::string_view name_, pointer_;
  const Table& table_;
  TableIndex local_index_;
  const TableIndex* index_ = nullptr;
  std::size_t rows_ = 0, words_ = 0;
  std::vector<ColumnInfo> cols_;
  std::vector<std::size_t> order_;  // columns by number of units, fewest first

  // Sparse row sets per level of a walk: the non-zero words.
  struct Level {
    std::vector<std::uint32_t> index;
    std::vector<std::uint64_t> bits;
    std::size_t size = 0;
  };
  std::vector<Level> levels_;
  std::vector<std::uint32_t> prefix_;  // the unit chosen at each level
  std::vector<bool> rest_has_domain_;  // whether levels l.. all have a unit in the domain

  bool want_overlaps_ = false, want_gaps_ = false, want_first_ = false;
  // Overlaps: the earlier row each row overlaps first.
  std::vector<std::size_t> partner_;
  std::vector<std::uint64_t> unpartnered_;
  std::size_t overlap_count_ = 0;
  // Gaps: the run being extended, then the listed ones.
  struct Gap {
    std::size_t depth = 0;
    std::vector<std::uint32_t> units;  // per level; the deepest level spans units[depth-1]..hi
    std::uint32_t hi = 0;
  };
  std::optional<Gap> pending_;
  std::vector<std::string> gaps_;
  std::size_t gap_count_ = 0;
  // FIRST: rows that are the first match of some input.
  std::vector<std::uint64_t> reached_;
  // Per-row shadowing.
  std::vector<std::uint64_t> coverers_, mask_, allowed_;
  // Unindexed columns: rows grouped by their cell's text, `-` apart.
  struct Groups {
    static constexpr std::uint32_t any = ~std::uint32_t{0};
    std::vector<std::uint32_t> of_row;  // the group of each row's cell (any: `-`)
    std::vector<std::uint64_t> any_rows;
    std::vector<std::vector<std::uint32_t>> rows;   // per group
    std::vector<std::vector<std::uint64_t>> dense;  // per group of 64 rows or more, its bitset
  };
  std::vector<Groups> groups_;
  bool row_reached_ = false;
  std::uint64_t shadow_work_ = 0;
};

Checker::Checker(std::string_view name, std::string_view pointer, const Table& table,
                 std::span<const ColumnFacts> facts)
    : name_(name), pointer_(pointer), table_(table) {
  rows_ = table.rows.size();
  words_ = row_words(rows_);
  index_ = &table.index;
  if (table.index.rows() != rows_ || table.index.columns() != table.inputs.size()) {
    std::vector<std::vector<const UnaryTest*>> columns(table.inputs.size());
    for (std::size_t c = 0; c < columns.size(); ++c)
      for (const TableRow& row : table.rows) columns[c].push_back(&row.when[c]);
    local_index_ = TableIndex::build(columns, rows_);
    index_ = &local_index_;
  }
  cols_.resize(table.inputs.size());
  for (std::size_t c = 0; c < cols_.size(); ++c) prepare_column(c, facts);
  order_.resize(cols_.size());
  std::iota(order_.begin(), order_.end(), std::size_t{0});
  std::stable_sort(order_.begin(), order_.end(),
                   [&](std::size_t a, std::size_t b) { return cols_[a].units.size() < cols_[b].units.size(); });
}

IntervalSet Checker::units_set(const ColumnInfo& col, std::size_t lo, std::size_t hi) const {
  const std::size_t c = col.column;
  const Interval a = index_->segment_interval(c, col.units[lo].first);
  const Interval b = index_->segment_interval(c, col.units[hi].last);
  return IntervalSet(Interval{a.low, b.high, a.low_closed, b.high_closed});
}

void Checker::prepare_column(std::size_t c, std::span<const ColumnFacts> facts) {
  ColumnInfo& col = cols_[c];
  col.column = c;
  col.name = std::string(table_.inputs[c].input.text());
  col.kind = index_->kind(c);
  col.domain = table_.inputs[c].domain;
  if (c < facts.size()) {
    col.integer = facts[c].integer;
    col.values = facts[c].values;
  }
  if (col.values.empty() && rows_ > 0 && table_.rows[0].when[c].input_type() == Type::boolean)
    col.values = {Value(false), Value(true)};

  if (col.kind == Kind::unindexed) {
    col.units.push_back(Unit{0, 0, index_->all_rows(), true, true});
    col.has_domain = true;
    col.range_start.assign(rows_ + 1, 0);
    for (std::size_t r = 0; r < rows_; ++r) {
      col.ranges.push_back({0, 0});
      col.range_start[r + 1] = static_cast<std::uint32_t>(col.ranges.size());
    }
    return;
  }
  const std::size_t segments = index_->segments(c);
  const std::size_t null_seg = segments - 1;
  col.unit_of.resize(segments);
  for (std::size_t s = 0; s < segments; ++s) {
    if (s == 0 || s == null_seg || index_->segment_set(c, s) != index_->segment_set(c, s - 1) ||
        (col.kind == Kind::constants && s == index_->constants(c).size())) {  // "other" stays alone
      col.units.push_back(
          Unit{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(s), index_->segment_rows(c, s)});
    }
    col.units.back().last = static_cast<std::uint32_t>(s);
    col.unit_of[s] = static_cast<std::uint32_t>(col.units.size() - 1);
  }
  const std::span<const Value> keys = index_->constants(c);
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
      case Kind::unindexed:
        break;
    }
  }
  col.units.back().in_domain = false;  // null
  col.has_domain = std::any_of(col.units.begin(), col.units.end(), [](const Unit& u) { return u.in_domain; });

  prepare_ranges(col);
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
    const std::span<const SegmentRange> segs = index_->row_segments(col.column, r);
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

void Checker::walk(std::size_t level, bool in_domain) {
  const ColumnInfo& col = cols_[order_[level]];
  const bool last = level + 1 == order_.size();
  const Level& parent = levels_[level];
  for (std::size_t u = 0; u < col.units.size(); ++u) {
    const Unit& unit = col.units[u];
    if (!unit.possible) continue;
    prefix_[level] = static_cast<std::uint32_t>(u);
    const bool dom = in_domain && unit.in_domain;
    if (!dom && !want_overlaps_ && !want_first_) continue;
    if (last) {
      leaf(level, unit, dom);
      continue;
    }
    Level& child = levels_[level + 1];
    child.size = 0;
    for (std::size_t k = 0; k < parent.size; ++k) {
      const std::uint64_t x = parent.bits[k] & unit.rows[parent.index[k]];
      if (x != 0) {
        child.index[child.size] = parent.index[k];
        child.bits[child.size++] = x;
      }
    }
    if (child.size == 0) {
      if (dom && want_gaps_ && rest_has_domain_[level + 1]) add_gap(level + 1);
      continue;
    }
    walk(level + 1, dom);
  }
}

void Checker::leaf(std::size_t level, const Unit& unit, bool in_domain) {
  const Level& parent = levels_[level];
  std::size_t first = none;
  for (std::size_t k = 0; k < parent.size; ++k) {
    const std::size_t w = parent.index[k];
    std::uint64_t x = parent.bits[k] & unit.rows[w];
    if (x == 0) continue;
    if (first == none) {
      first = w * 64 + static_cast<std::size_t>(std::countr_zero(x));
      if (!want_overlaps_) break;
      x &= x - 1;
    }
    for (x &= unpartnered_[w]; x != 0; x &= x - 1)
      mark_overlap(w * 64 + static_cast<std::size_t>(std::countr_zero(x)), first);
  }
  if (first == none) {
    if (in_domain && want_gaps_) add_gap(level + 1);
    return;
  }
  if (want_first_) set_row(reached_.data(), first);
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
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? " and " : "") + parts[i].second;
  if (parts.empty()) text += "any input";
  gaps_.push_back(std::move(text));
}

// ---- The per-row methods -----------------------------------------------------------

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

void Checker::overlaps_per_row() {
  // Per column: the rows whose ranges start at each unit, and each unit's row count.
  struct Starts {
    std::vector<std::uint32_t> at, rows, count;
  };
  std::vector<Starts> starts(cols_.size());
  for (std::size_t c = 0; c < cols_.size(); ++c) {
    const ColumnInfo& col = cols_[c];
    if (col.kind == Kind::unindexed) continue;
    Starts& s = starts[c];
    s.at.assign(col.units.size() + 1, 0);
    for (const UnitRange& range : col.ranges) ++s.at[range.first + 1];
    for (std::size_t u = 0; u < col.units.size(); ++u) s.at[u + 1] += s.at[u];
    std::vector<std::uint32_t> fill(s.at.begin(), s.at.end() - 1);
    s.rows.resize(col.ranges.size());
    for (std::size_t r = 0; r < rows_; ++r)
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
  // For each row: the rows after it that meet it in its most selective column (those
  // covering the first unit of one of its ranges, or starting inside one), then the
  // other columns checked pair by pair.
  std::vector<std::uint64_t> meets(words_);
  std::uint64_t work = 0;
  for (std::size_t r = 0; r + 1 < rows_ && work < work_budget; ++r) {
    std::size_t best = none;
    std::uint64_t best_cost = ~std::uint64_t{0};
    for (std::size_t c = 0; c < cols_.size(); ++c) {
      const ColumnInfo& col = cols_[c];
      if (col.kind == Kind::unindexed) continue;
      std::uint64_t cost = 0;
      for (std::size_t i = col.range_start[r]; i < col.range_start[r + 1]; ++i)
        cost += starts[c].count[col.ranges[i].first] + starts[c].at[col.ranges[i].last + 1] -
                starts[c].at[col.ranges[i].first + 1];
      if (cost < best_cost) best = c, best_cost = cost;
    }
    const std::size_t w0 = r / 64;
    if (best == none) {
      std::copy(index_->all_rows() + w0, index_->all_rows() + words_, meets.begin() + static_cast<std::ptrdiff_t>(w0));
    } else {
      const ColumnInfo& col = cols_[best];
      std::fill(meets.begin() + static_cast<std::ptrdiff_t>(w0), meets.end(), 0);
      for (std::size_t i = col.range_start[r]; i < col.range_start[r + 1]; ++i) {
        const UnitRange range = col.ranges[i];
        const std::uint64_t* rows = col.units[range.first].rows;
        for (std::size_t w = w0; w < words_; ++w) meets[w] |= rows[w];
        for (std::size_t k = starts[best].at[range.first + 1]; k < starts[best].at[range.last + 1]; ++k)
          set_row(meets.data(), starts[best].rows[k]);
      }
      work += best_cost;
    }
    work += 2 * (words_ - w0);
    meets[w0] &= ~std::uint64_t{0} << (r % 64) << 1;  // only rows after r
    for (std::size_t w = w0; w < words_; ++w) {
      for (std::uint64_t x = meets[w] & unpartnered_[w]; x != 0; x &= x - 1) {
        const std::size_t q = w * 64 + static_cast<std::size_t>(std::countr_zero(x));
        bool all = true;
        for (std::size_t c = 0; c < cols_.size() && all; ++c)
          if (c != best && cols_[c].kind != Kind::unindexed) all = meet(cols_[c], r, q);
        work += cols_.size();
        if (all) mark_overlap(q, r);
      }
    }
  }
}

void Checker::gaps_per_column() {
  for (std::size_t l = 0; l < order_.size(); ++l) {
    std::swap(order_[0], order_[l]);  // one-column gaps: this column at depth 1
    const ColumnInfo& col = cols_[order_[0]];
    for (std::size_t u = 0; u < col.units.size(); ++u) {
      const Unit& unit = col.units[u];
      if (!unit.in_domain || std::any_of(unit.rows, unit.rows + words_, [](std::uint64_t w) { return w != 0; }))
        continue;
      prefix_[0] = static_cast<std::uint32_t>(u);
      add_gap(1);
    }
    flush_gap();
    std::swap(order_[0], order_[l]);
  }
}

void Checker::shadow_walk(std::size_t level, std::size_t r) {
  const Level& parent = levels_[level];
  if (level == order_.size()) {
    shadow_work_ += parent.size;
    const std::size_t first = parent.index[0] * 64 + static_cast<std::size_t>(std::countr_zero(parent.bits[0]));
    if (first == r)
      row_reached_ = true;
    else
      set_row(coverers_.data(), first);
    return;
  }
  const ColumnInfo& col = cols_[order_[level]];
  Level& child = levels_[level + 1];
  for (std::size_t i = col.range_start[r]; i < col.range_start[r + 1]; ++i) {
    for (std::uint32_t u = col.ranges[i].first; u <= col.ranges[i].last; ++u) {
      if (row_reached_ || shadow_work_ > work_budget) return;
      child.size = 0;
      for (std::size_t k = 0; k < parent.size; ++k) {
        const std::uint64_t x = parent.bits[k] & col.units[u].rows[parent.index[k]];
        if (x != 0) {
          child.index[child.size] = parent.index[k];
          child.bits[child.size++] = x;
        }
      }
      shadow_work_ += parent.size;
      if (child.size != 0) shadow_walk(level + 1, r);
    }
  }
}

Checker::Reach Checker::shadow_row(std::size_t r) {
  // The rows up to r that may cover r: in each unindexed column, `-` or r's own text.
  std::fill(coverers_.begin(), coverers_.end(), 0);
  std::vector<std::uint64_t>& mask = mask_;
  std::vector<std::uint64_t>& allowed = allowed_;
  mask.assign(index_->all_rows(), index_->all_rows() + words_);
  for (std::size_t w = r / 64 + 1; w < words_; ++w) mask[w] = 0;
  if (r % 64 != 63) mask[r / 64] &= (std::uint64_t{1} << (r % 64 + 1)) - 1;
  std::size_t product = 1;
  for (std::size_t c = 0; c < cols_.size(); ++c) {
    const ColumnInfo& col = cols_[c];
    if (col.kind == Kind::unindexed) {
      const Groups& g = groups_[c];
      allowed = g.any_rows;
      const std::uint32_t mine = g.of_row[r];
      if (mine != Groups::any) {
        if (!g.dense[mine].empty()) {
          for (std::size_t w = 0; w < words_; ++w) allowed[w] |= g.dense[mine][w];
        } else {
          for (std::uint32_t q : g.rows[mine]) set_row(allowed.data(), q);
        }
      }
      for (std::size_t w = 0; w < words_; ++w) mask[w] &= allowed[w];
      shadow_work_ += 2 * words_;
      continue;
    }
    std::size_t count = 0;
    for (std::size_t i = col.range_start[r]; i < col.range_start[r + 1]; ++i)
      count += col.ranges[i].last - col.ranges[i].first + 1;
    if (count == 0) return Reach::shadowed;  // the row matches no input
    product = count > max_row_combinations / product ? max_row_combinations + 1 : product * count;
  }
  if (product > max_row_combinations) return Reach::unknown;
  Level& root = levels_[0];
  root.size = 0;
  for (std::size_t w = 0; w <= r / 64 && w < words_; ++w)
    if (mask[w] != 0) {
      root.index[root.size] = static_cast<std::uint32_t>(w);
      root.bits[root.size++] = mask[w];
    }
  row_reached_ = false;
  shadow_walk(0, r);
  if (row_reached_) return Reach::reached;
  return shadow_work_ > work_budget ? Reach::unknown : Reach::shadowed;
}

void Checker::prepare_groups() {
  groups_.resize(cols_.size());
  for (std::size_t c = 0; c < cols_.size(); ++c) {
    if (cols_[c].kind != Kind::unindexed) continue;
    Groups& g = groups_[c];
    g.any_rows.assign(words_, 0);
    g.of_row.resize(rows_);
    std::unordered_map<std::string_view, std::uint32_t> ids;
    for (std::size_t r = 0; r < rows_; ++r) {
      const UnaryTest& cell = table_.rows[r].when[c];
      if (cell.is_any()) {
        g.of_row[r] = Groups::any;
        set_row(g.any_rows.data(), r);
        continue;
      }
      const auto [it, added] = ids.emplace(cell.text(), static_cast<std::uint32_t>(g.rows.size()));
      if (added) g.rows.emplace_back();
      g.of_row[r] = it->second;
      g.rows[it->second].push_back(static_cast<std::uint32_t>(r));
    }
    g.dense.resize(g.rows.size());
    for (std::size_t k = 0; k < g.rows.size(); ++k) {
      if (g.rows[k].size() < 64) continue;
      g.dense[k].assign(words_, 0);
      for (std::uint32_t q : g.rows[k]) set_row(g.dense[k].data(), q);
    }
  }
}

// ---- Findings ----------------------------------------------------------------------

void Checker::mark_overlap(std::size_t row, std::size_t partner) {
  partner_[row] = partner;
  unpartnered_[row / 64] &= ~(std::uint64_t{1} << (row % 64));
  ++overlap_count_;
}

std::string Checker::row_name(std::size_t r) const {
  const std::string& id = table_.rows[r].id;
  return "row " + std::to_string(r) + (id.empty() ? "" : " ('" + id + "')");
}

std::optional<std::string> Checker::describe(const ColumnInfo& col, std::span<const SegmentRange> segments,
                                             bool in_domain) const {
  const std::size_t c = col.column;
  if (col.kind == Kind::unindexed) return std::nullopt;
  const std::uint32_t null_seg = static_cast<std::uint32_t>(index_->null_segment(c));
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
        const Interval a = index_->segment_interval(c, s.first), b = index_->segment_interval(c, s.last);
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
      const std::span<const Value> keys = index_->constants(c);
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
    case Kind::any:
      return values.empty() && has_null ? std::optional(null_text) : std::nullopt;
    case Kind::unindexed:
      break;
  }
  return std::nullopt;
}

std::string Checker::overlap_text(std::size_t a, std::size_t b) const {
  std::vector<SegmentRange> both;
  std::string text;
  for (std::size_t c = 0; c < cols_.size(); ++c) {
    if (cols_[c].kind == Kind::unindexed) continue;
    const std::span<const SegmentRange> sa = index_->row_segments(c, a), sb = index_->row_segments(c, b);
    both.clear();
    for (const SegmentRange& x : sa)
      for (const SegmentRange& y : sb)
        if (std::max(x.first, y.first) <= std::min(x.last, y.last))
          both.push_back({std::max(x.first, y.first), std::min(x.last, y.last)});
    std::sort(both.begin(), both.end(), [](SegmentRange x, SegmentRange y) { return x.first < y.first; });
    if (auto part = describe(cols_[c], both, false)) text += (text.empty() ? "" : " and ") + *part;
  }
  return text.empty() ? "both match every input" : "both match " + text;
}

void Checker::report(Diagnostic::Severity severity, std::string message, std::string where,
                     std::vector<Diagnostic>& out) const {
  out.push_back(Diagnostic{severity, Error{ErrorCode::invalid_rule, "table '" + std::string(name_) + "': " + message,
                                           Location::at_pointer(std::string(pointer_) + where)}});
}

void Checker::run(bool overlaps, bool gaps, bool shadowed, std::vector<Diagnostic>& out) {
  const bool all_indexed =
      std::all_of(cols_.begin(), cols_.end(), [](const ColumnInfo& c) { return c.kind != Kind::unindexed; });
  prepare_run(overlaps, gaps, shadowed, all_indexed);
  const bool walked = walk_combinations();
  if (!walked) {
    if (want_overlaps_) overlaps_per_row();
    if (want_gaps_) gaps_per_column();
  }
  if (want_overlaps_) report_overlaps(out);
  if (want_gaps_) report_gaps(out);
  if (want_first_) report_unreached(walked && all_indexed, all_indexed, out);  // reached_ is exact then
}

void Checker::prepare_run(bool overlaps, bool gaps, bool shadowed, bool all_indexed) {
  want_overlaps_ = overlaps && rows_ > 1;
  want_gaps_ =
      gaps && all_indexed && std::all_of(cols_.begin(), cols_.end(), [](const ColumnInfo& c) { return c.has_domain; });
  want_first_ = shadowed && rows_ > 1;
  partner_.assign(rows_, none);
  unpartnered_.assign(index_->all_rows(), index_->all_rows() + words_);
  reached_.assign(words_, 0);
  coverers_.assign(words_, 0);
  levels_.assign(cols_.size() + 1, Level{std::vector<std::uint32_t>(words_), std::vector<std::uint64_t>(words_), 0});
  prefix_.assign(std::max<std::size_t>(cols_.size(), 1), 0);
  rest_has_domain_.assign(cols_.size() + 1, true);
  for (std::size_t l = cols_.size(); l-- > 0;)
    rest_has_domain_[l] = rest_has_domain_[l + 1] && cols_[order_[l]].has_domain;
}

bool Checker::walk_combinations() {
  std::size_t product = 1;
  for (const ColumnInfo& col : cols_)
    product = col.units.size() > max_combinations / product ? max_combinations + 1 : product * col.units.size();
  if (product > max_combinations || !(want_overlaps_ || want_gaps_ || want_first_)) return false;
  Level& root = levels_[0];
  for (std::size_t w = 0; w < words_; ++w)
    if (index_->all_rows()[w] != 0) {
      root.index[root.size] = static_cast<std::uint32_t>(w);
      root.bits[root.size++] = index_->all_rows()[w];
    }
  if (root.size == 0) {  // no rows
    if (want_gaps_) {
      gap_count_ = 1;
      gaps_.push_back("no row matches any input");
    }
  } else if (cols_.empty()) {  // every row matches every input
    set_row(reached_.data(), 0);
    if (want_overlaps_)
      for (std::size_t r = 1; r < rows_; ++r) mark_overlap(r, 0);
  } else {
    walk(0, true);
  }
  flush_gap();
  return true;
}

void Checker::report_overlaps(std::vector<Diagnostic>& out) const {
  std::size_t listed = 0;
  for (std::size_t r = 0; r < rows_ && listed < max_overlaps_listed; ++r) {
    if (partner_[r] == none) continue;
    ++listed;
    report(Diagnostic::Severity::error,
           row_name(partner_[r]) + " and " + row_name(r) + " overlap (hit policy UNIQUE): " + overlap_text(partner_[r], r),
           "/rows/" + std::to_string(r), out);
  }
  if (overlap_count_ > listed)
    report(Diagnostic::Severity::error, std::to_string(overlap_count_ - listed) + " more rows overlap earlier rows",
           "/rows", out);
}

void Checker::report_gaps(std::vector<Diagnostic>& out) {
  const auto severity = table_.required ? Diagnostic::Severity::error : Diagnostic::Severity::warning;
  for (std::string& gap : gaps_) report(severity, std::move(gap), "/rows", out);
  if (gap_count_ > gaps_.size())
    report(severity, std::to_string(gap_count_ - gaps_.size()) + " more gaps where no row matches", "/rows", out);
}

void Checker::report_unreached(bool exact, bool all_indexed, std::vector<Diagnostic>& out) {
  if (!all_indexed) prepare_groups();
  std::size_t listed = 0, more = 0;
  for (std::size_t r = 0; r < rows_; ++r) {
    if (exact && has_row(reached_.data(), r)) continue;
    if (listed == max_shadowed_listed) {
      if (exact)
        ++more;
      else if (shadow_work_ <= work_budget && shadow_row(r) == Reach::shadowed)
        ++more;
      continue;
    }
    if (shadow_row(r) != Reach::shadowed) continue;
    ++listed;
    std::string by;
    std::size_t named = 0, count = 0;
    for_each_row(coverers_.data(), words_, [&](std::size_t q) {
      if (named < 8) by += (named++ ? ", " : "") + std::to_string(q);
      ++count;
      return true;
    });
    if (count > named) by += ", ... (" + std::to_string(count) + " rows)";
    report(Diagnostic::Severity::warning,
           row_name(r) + " is never reached: " +
               (count == 0 ? std::string("it matches no input")
                           : (count == 1 ? "row " : "rows ") + by + (count == 1 ? " covers it" : " cover it")),
           "/rows/" + std::to_string(r), out);
  }
  if (more > 0) report(Diagnostic::Severity::warning, std::to_string(more) + " more rows are never reached", "/rows", out);
}

bool gaps_expected(const Table& table) {
  const bool multi_hit = table.policy == HitPolicy::collect || table.policy == HitPolicy::rule_order ||
                         table.policy == HitPolicy::output_order;
  return table.aggregation == Aggregation::count || (multi_hit && !table.required);
}

}  // namespace

void check_table(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out,
                 std::span<const ColumnFacts> facts) {
  Checker(name, pointer, table, facts)
      .run(table.policy == HitPolicy::unique, !gaps_expected(table), table.policy == HitPolicy::first, out);
}

void check_overlaps(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out) {
  Checker(name, pointer, table, {}).run(true, false, false, out);
}

void check_gaps(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out,
                std::span<const ColumnFacts> facts) {
  Checker(name, pointer, table, facts).run(false, true, false, out);
}

void check_shadowed(std::string_view name, std::string_view pointer, const Table& table, std::vector<Diagnostic>& out) {
  Checker(name, pointer, table, {}).run(false, false, true, out);
}

}  // namespace crm::internal
