// The table checks' walk over the product of the columns' units (when it has at most
// max_combinations): overlaps, gaps and the rows FIRST reaches, exactly.
#include "src/ruleset/table_checker.hpp"

#include <algorithm>
#include <bit>
#include <deque>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>

namespace crm::internal::table_check {

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

}  // namespace crm::internal::table_check
