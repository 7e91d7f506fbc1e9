// The table checks, prepared: each column's source (the table's index or a local one),
// which columns read a common field, the units every row matches wholly or not at all,
// and each row's ranges of units.
#include "src/ruleset/table_checker.hpp"

#include <algorithm>
#include <bit>
#include <deque>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>

namespace crm::internal::table_check {

namespace {

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

}  // namespace

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

}  // namespace crm::internal::table_check
