// The decision-table index: per column, the rows matching each segment of the input's
// values, built by one sweep over the segments.
#include "crmrules/internal/ruleset/table_index.hpp"

#include <algorithm>
#include <cstring>

#include "crmrules/internal/ruleset/row_set.hpp"

namespace crm::internal {
namespace {

/// The decimals a numeric cell matches: its intervals(), or the points of a list of
/// decimal (and null) constants. nullptr when the cell is not numeric; `storage` holds
/// a computed set.
const IntervalSet* numeric_set(const UnaryTest& cell, IntervalSet& storage) {
  if (const IntervalSet* set = cell.intervals()) return set;
  const ConstantSet* constants = cell.constants();
  if (constants == nullptr) return nullptr;
  IntervalSet points;
  for (const Value& v : constants->values) {
    if (v.is_null()) continue;
    if (v.kind() != ValueKind::decimal) return nullptr;
    points = points.unite(IntervalSet(Interval::point(v.as_decimal())));
  }
  storage = constants->negated ? points.complement() : std::move(points);
  return &storage;
}

/// Orders values of one kind (and kinds by their number).
int compare_values(ValueView a, ValueView b) noexcept {
  if (a.kind() != b.kind()) return a.kind() < b.kind() ? -1 : 1;
  switch (a.kind()) {
    case ValueKind::null: return 0;
    case ValueKind::boolean: return a.as_bool() == b.as_bool() ? 0 : (a.as_bool() ? 1 : -1);
    case ValueKind::decimal: {
      const auto c = a.as_decimal() <=> b.as_decimal();
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueKind::string: {
      const int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case ValueKind::date: {
      const auto c = a.as_date() <=> b.as_date();
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
  }
  return 0;
}

std::size_t endpoint_index(std::span<const Decimal> endpoints, Decimal d) {
  return static_cast<std::size_t>(std::lower_bound(endpoints.begin(), endpoints.end(), d) - endpoints.begin());
}

/// The value segments an interval covers; its finite ends must be endpoints.
SegmentRange interval_segments(std::span<const Decimal> endpoints, const Interval& i) {
  const std::size_t k = endpoints.size();
  const std::size_t first = !i.low ? 0 : endpoint_index(endpoints, *i.low) * 2 + (i.low_closed ? 1 : 2);
  const std::size_t last = !i.high ? 2 * k : endpoint_index(endpoints, *i.high) * 2 + (i.high_closed ? 1 : 0);
  return SegmentRange{static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(last)};
}

/// Appends a bitset to a column's sets unless it equals the last one; returns its index,
/// or nullopt when the column would pass the size limit.
std::optional<std::uint32_t> push_set(std::vector<std::uint64_t>& sets, const std::uint64_t* bits, std::size_t words,
                                      std::size_t max_bytes) {
  const std::size_t count = words == 0 ? 0 : sets.size() / words;
  if (count > 0 && std::memcmp(sets.data() + (count - 1) * words, bits, words * sizeof(std::uint64_t)) == 0)
    return static_cast<std::uint32_t>(count - 1);
  if ((sets.size() + words) * sizeof(std::uint64_t) > max_bytes) return std::nullopt;
  sets.insert(sets.end(), bits, bits + words);
  return static_cast<std::uint32_t>(count);
}

void clear_row(std::uint64_t* words, std::size_t row) { words[row / 64] &= ~(std::uint64_t{1} << (row % 64)); }

/// Rows grouped by a small key (segment, constant), as compressed lists.
struct Buckets {
  std::vector<std::uint32_t> start;  // bucket b is items[start[b]..start[b + 1])
  std::vector<std::uint32_t> items;

  /// `pairs` holds (bucket, item); `buckets` is the number of buckets.
  Buckets(std::size_t buckets, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs)
      : start(buckets + 1, 0), items(pairs.size()) {
    for (const auto& [b, item] : pairs) ++start[b + 1];
    for (std::size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (const auto& [b, item] : pairs) items[fill[b]++] = item;
  }
  [[nodiscard]] std::span<const std::uint32_t> operator[](std::size_t b) const {
    return std::span<const std::uint32_t>(items).subspan(start[b], start[b + 1] - start[b]);
  }
};

/// Sets `bits` to the rows whose cell matches null (unknown counts as matching).
void null_rows(std::span<const UnaryTest* const> cells, std::uint64_t* bits) {
  for (std::size_t r = 0; r < cells.size(); ++r)
    if (cells[r]->null_matches().value_or(true)) set_row(bits, r);
}

}  // namespace

TableIndex TableIndex::build(std::span<const std::vector<const UnaryTest*>> columns, std::optional<std::size_t> rows,
                             const TableIndexOptions& options) {
  TableIndex index;
  index.rows_ = rows ? *rows : (columns.empty() ? 0 : columns[0].size());
  index.words_ = row_words(index.rows_);
  index.all_.assign(index.words_, ~std::uint64_t{0});
  if (index.rows_ % 64 != 0) index.all_.back() = (std::uint64_t{1} << (index.rows_ % 64)) - 1;
  index.columns_.resize(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::span<const UnaryTest* const> cells = columns[c];
    Column& col = index.columns_[c];
    col.null_exact = std::all_of(cells.begin(), cells.end(), [](const UnaryTest* t) { return t->null_matches().has_value(); });
    if (cells.size() != index.rows_) continue;  // not a column of this table: leave it unindexed
    if (std::all_of(cells.begin(), cells.end(), [](const UnaryTest* t) { return t->is_any(); })) {
      index.build_any(col, cells);
    } else if (!index.build_numeric(col, cells, options) && !index.build_constants(col, cells, options)) {
      col = Column{};
    }
  }
  return index;
}

void TableIndex::build_any(Column& col, std::span<const UnaryTest* const> cells) const {
  col.kind = ColumnKind::any;
  col.sets = all_;
  std::vector<std::uint64_t> nulls(words_, 0);
  null_rows(cells, nulls.data());
  const auto id = push_set(col.sets, nulls.data(), words_, ~std::size_t{0});
  col.segment_set = {0, *id};
}

bool TableIndex::build_numeric(Column& col, std::span<const UnaryTest* const> cells, const TableIndexOptions& options) const {
  std::vector<const IntervalSet*> sets(cells.size());
  std::vector<IntervalSet> storage(cells.size());
  std::vector<Decimal> endpoints;
  for (std::size_t r = 0; r < cells.size(); ++r) {
    sets[r] = numeric_set(*cells[r], storage[r]);
    if (sets[r] == nullptr) return false;
    for (const Interval& i : sets[r]->intervals()) {
      if (i.low) endpoints.push_back(*i.low);
      if (i.high) endpoints.push_back(*i.high);
    }
  }
  std::sort(endpoints.begin(), endpoints.end());
  endpoints.erase(std::unique(endpoints.begin(), endpoints.end()), endpoints.end());
  const std::size_t value_segments = 2 * endpoints.size() + 1;
  if (value_segments + 1 > std::size_t{UINT32_MAX}) return false;

  // Each interval adds its row at its first segment and removes it after its last.
  std::vector<std::uint64_t> current(words_, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> adds, removes;
  for (std::size_t r = 0; r < cells.size(); ++r) {
    if (sets[r]->is_everything()) {
      set_row(current.data(), r);
      continue;
    }
    for (const Interval& i : sets[r]->intervals()) {
      const SegmentRange range = interval_segments(endpoints, i);
      adds.emplace_back(range.first, static_cast<std::uint32_t>(r));
      if (range.last + 1 < value_segments) removes.emplace_back(range.last + 1, static_cast<std::uint32_t>(r));
    }
  }
  const Buckets add(value_segments, adds), remove(value_segments, removes);
  col.segment_set.resize(value_segments + 1);
  for (std::size_t s = 0; s < value_segments; ++s) {
    for (std::uint32_t r : remove[s]) clear_row(current.data(), r);
    for (std::uint32_t r : add[s]) set_row(current.data(), r);
    const auto id = push_set(col.sets, current.data(), words_, options.max_column_bytes);
    if (!id) return col = Column{}, false;
    col.segment_set[s] = *id;
  }
  std::fill(current.begin(), current.end(), 0);
  null_rows(cells, current.data());
  const auto id = push_set(col.sets, current.data(), words_, options.max_column_bytes);
  if (!id) return col = Column{}, false;
  col.segment_set[value_segments] = *id;
  col.kind = ColumnKind::numeric;
  col.endpoints = std::move(endpoints);
  col.null_exact = std::all_of(cells.begin(), cells.end(), [](const UnaryTest* t) { return t->null_matches().has_value(); });
  return true;
}

bool TableIndex::build_constants(Column& col, std::span<const UnaryTest* const> cells,
                                 const TableIndexOptions& options) const {
  ValueKind kind = ValueKind::null;
  std::vector<Value> keys;
  for (const UnaryTest* cell : cells) {
    if (cell->is_any()) continue;
    const ConstantSet* set = cell->constants();
    if (set == nullptr) return false;
    for (const Value& v : set->values) {
      if (v.is_null()) continue;
      if (kind != ValueKind::null && v.kind() != kind) return false;
      kind = v.kind();
      keys.push_back(v);
    }
  }
  const auto less = [](const Value& a, const Value& b) { return compare_values(a, b) < 0; };
  std::sort(keys.begin(), keys.end(), less);
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  const std::size_t value_segments = keys.size() + 1;  // the keys, then "other"
  if (value_segments + 1 > std::size_t{UINT32_MAX}) return false;

  // base: rows matching values that no cell lists (`-` and not(...)); then per key the
  // rows listing it are added (positive) or removed (negated).
  std::vector<std::uint64_t> base(words_, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> listed;  // (key, row * 2 + negated)
  for (std::size_t r = 0; r < cells.size(); ++r) {
    const ConstantSet* set = cells[r]->is_any() ? nullptr : cells[r]->constants();
    if (set == nullptr || set->negated) set_row(base.data(), r);
    if (set == nullptr) continue;
    for (const Value& v : set->values) {
      if (v.is_null()) continue;
      const auto key = static_cast<std::uint32_t>(std::lower_bound(keys.begin(), keys.end(), v, less) - keys.begin());
      listed.emplace_back(key, static_cast<std::uint32_t>(r * 2 + (set->negated ? 1 : 0)));
    }
  }
  const Buckets by_key(keys.size(), listed);
  std::vector<std::uint64_t> current(words_);
  col.segment_set.resize(value_segments + 1);
  for (std::size_t k = 0; k <= keys.size(); ++k) {
    current = base;
    if (k < keys.size())
      for (std::uint32_t item : by_key[k]) {
        if (item & 1) clear_row(current.data(), item / 2);
        else set_row(current.data(), item / 2);
      }
    const auto id = push_set(col.sets, current.data(), words_, options.max_column_bytes);
    if (!id) return col = Column{}, false;
    col.segment_set[k] = *id;
  }
  std::fill(current.begin(), current.end(), 0);
  null_rows(cells, current.data());
  const auto id = push_set(col.sets, current.data(), words_, options.max_column_bytes);
  if (!id) return col = Column{}, false;
  col.segment_set[value_segments] = *id;
  col.kind = ColumnKind::constants;
  col.key_kind = kind;
  col.keys = std::move(keys);
  col.null_exact = std::all_of(cells.begin(), cells.end(), [](const UnaryTest* t) { return t->null_matches().has_value(); });
  return true;
}

std::size_t TableIndex::numeric_segment(const Column& col, Decimal d) const noexcept {
  const std::size_t i = endpoint_index(col.endpoints, d);
  return i < col.endpoints.size() && col.endpoints[i] == d ? 2 * i + 1 : 2 * i;
}

std::optional<std::size_t> TableIndex::constant_segment(const Column& col, ValueView v) const noexcept {
  if (v.kind() != col.key_kind) return col.keys.size();  // equality across kinds is false: "other"
  const auto it = std::lower_bound(col.keys.begin(), col.keys.end(), v,
                                   [](const Value& key, ValueView x) { return compare_values(key, x) < 0; });
  if (it != col.keys.end() && compare_values(*it, v) == 0) return static_cast<std::size_t>(it - col.keys.begin());
  return col.keys.size();
}

std::optional<std::size_t> TableIndex::segment_of(std::size_t column, ValueView value) const noexcept {
  const Column& col = columns_[column];
  if (col.kind == ColumnKind::unindexed) return std::nullopt;
  if (value.is_null()) return col.segment_set.size() - 1;
  switch (col.kind) {
    case ColumnKind::any: return 0;
    case ColumnKind::numeric:
      if (value.kind() != ValueKind::decimal) return std::nullopt;
      return numeric_segment(col, value.as_decimal());
    case ColumnKind::constants: return constant_segment(col, value);
    case ColumnKind::unindexed: break;
  }
  return std::nullopt;
}

bool TableIndex::exact(std::size_t column, ValueView input) const noexcept {
  const Column& col = columns_[column];
  if (col.kind == ColumnKind::unindexed) return false;
  if (input.is_null()) return col.null_exact;
  return col.kind != ColumnKind::numeric || input.kind() == ValueKind::decimal;
}

bool TableIndex::candidates(std::span<const ValueView> inputs, std::uint64_t* out_words) const noexcept {
  std::memcpy(out_words, all_.data(), words_ * sizeof(std::uint64_t));
  const std::size_t n = std::min(inputs.size(), columns_.size());
  for (std::size_t c = 0; c < n; ++c) {
    const Column& col = columns_[c];
    if (col.kind == ColumnKind::unindexed || col.kind == ColumnKind::any) continue;
    if (!exact(c, inputs[c])) {  // every row: the caller's scan then behaves as one without index
      std::memcpy(out_words, all_.data(), words_ * sizeof(std::uint64_t));
      return false;
    }
    const std::optional<std::size_t> segment = segment_of(c, inputs[c]);
    const std::uint64_t* bits = col.sets.data() + std::size_t{col.segment_set[*segment]} * words_;
    for (std::size_t w = 0; w < words_; ++w) out_words[w] &= bits[w];
  }
  return true;
}

Interval TableIndex::segment_interval(std::size_t column, std::size_t segment) const {
  const std::span<const Decimal> e = columns_[column].endpoints;
  if (segment % 2 == 1) return Interval::point(e[segment / 2]);
  const std::size_t i = segment / 2;
  Interval out;
  if (i > 0) out.low = e[i - 1];
  if (i < e.size()) out.high = e[i];
  return out;
}

void TableIndex::cell_segments(std::size_t column, const UnaryTest& cell, std::vector<SegmentRange>& out) const {
  out.clear();
  const Column& col = columns_[column];
  const auto null_seg = static_cast<std::uint32_t>(col.segment_set.size() - 1);
  const bool null_matches = cell.null_matches().value_or(true);
  switch (col.kind) {
    case ColumnKind::unindexed: return;
    case ColumnKind::any:
      out.push_back({0, null_matches ? null_seg : 0});
      return;
    case ColumnKind::numeric: {
      IntervalSet storage;
      const IntervalSet* set = numeric_set(cell, storage);
      if (set == nullptr) return;
      for (const Interval& i : set->intervals()) out.push_back(interval_segments(col.endpoints, i));
      break;
    }
    case ColumnKind::constants: {
      const ConstantSet* set = cell.is_any() ? nullptr : cell.constants();
      const auto other = static_cast<std::uint32_t>(col.keys.size());
      if (set == nullptr) {
        out.push_back({0, other});
        break;
      }
      std::vector<std::uint32_t> listed;
      for (const Value& v : set->values)
        if (!v.is_null())
          if (auto k = constant_segment(col, v); k && *k < col.keys.size()) listed.push_back(static_cast<std::uint32_t>(*k));
      std::sort(listed.begin(), listed.end());
      if (!set->negated) {
        for (std::uint32_t k : listed) out.push_back({k, k});
      } else {
        std::uint32_t next = 0;
        for (std::uint32_t k : listed) {
          if (k > next) out.push_back({next, k - 1});
          next = k + 1;
        }
        out.push_back({next, other});
      }
      break;
    }
  }
  if (null_matches) {
    if (!out.empty() && out.back().last + 1 == null_seg) out.back().last = null_seg;
    else out.push_back({null_seg, null_seg});
  }
}

}  // namespace crm::internal
