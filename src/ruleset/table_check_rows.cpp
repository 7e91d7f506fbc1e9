// The table checks' per-row methods, for tables whose product of units is too large to
// walk: overlaps per row, gaps per column, shadowing within each row's own region.
#include "src/ruleset/table_checker.hpp"

#include <algorithm>
#include <bit>
#include <deque>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>

namespace crm::internal::table_check {

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

}  // namespace crm::internal::table_check
