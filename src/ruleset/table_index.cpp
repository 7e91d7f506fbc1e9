// The decision-table index: per column, the rows matching each segment of the input's
// values, built by one sweep over the segments.
#include "src/ruleset/table_index.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>

#include "src/ruleset/row_set.hpp"
#include "src/core/same_text.hpp"

namespace crm::internal {

/// What the index reads of a cell, read once.
struct TableIndex::CellFacts {
  bool any = false;
  std::optional<bool> null;
  const IntervalSet* numeric = nullptr;  // intervals(), or the points of decimal constants
  const ConstantSet* constants = nullptr;
};

namespace {

/// The decimals a cell of decimal (and null) constants matches; nullptr for other cells.
const IntervalSet* constant_points(const UnaryTest& cell, std::deque<IntervalSet>& storage) {
  const ConstantSet* constants = cell.constants();
  if (constants == nullptr) return nullptr;
  IntervalSet points;
  for (const Value& v : constants->values) {
    if (v.is_null()) continue;
    if (v.kind() != ValueKind::decimal) return nullptr;
    points = points.unite(IntervalSet(Interval::point(v.as_decimal())));
  }
  storage.push_back(constants->negated ? points.complement() : std::move(points));
  return &storage.back();
}

/// A decimal as an integer of 10^-18 units: exact and order-preserving (|value| < 10^20,
/// so the key stays below 10^38 < 2^127).
int128 decimal_key(Decimal d) noexcept {
  return d.coefficient() * static_cast<int128>(pow10[static_cast<std::size_t>(Decimal::max_scale - d.scale())]);
}

/// Orders values of one kind (and kinds by their number).
int compare_values(ValueView a, ValueView b) noexcept {
  if (a.kind() != b.kind()) return a.kind() < b.kind() ? -1 : 1;
  const auto sign = [](auto c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); };
  switch (a.kind()) {
    case ValueKind::null:
      return 0;
    case ValueKind::boolean:
      return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case ValueKind::decimal:
      return sign(a.as_decimal() <=> b.as_decimal());
    case ValueKind::string:
      return sign(a.as_string().compare(b.as_string()));
    case ValueKind::date:
      return sign(a.as_date() <=> b.as_date());
    case ValueKind::list: {
      const auto x = a.as_list(), y = b.as_list();
      for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (int c = compare_values(x[i], y[i]); c != 0) return c;
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
  }
  return 0;
}

/// Appends a bitset to a column's sets (and its summary: a bit per non-zero word) unless
/// it equals the last one; returns its index, or nullopt past the size limit.
std::optional<std::uint32_t> push_set(std::vector<std::uint64_t>& sets, std::vector<std::uint64_t>& summaries,
                                      const std::uint64_t* bits, std::size_t words, std::size_t max_bytes) {
  const std::size_t summary_words = row_words(words);
  const std::size_t count = summary_words == 0 ? sets.size() : summaries.size() / summary_words;
  if (count > 0 && std::memcmp(sets.data() + (count - 1) * words, bits, words * sizeof(std::uint64_t)) == 0)
    return static_cast<std::uint32_t>(count - 1);
  if ((sets.size() + words + summaries.size() + summary_words) * sizeof(std::uint64_t) > max_bytes) return std::nullopt;
  sets.insert(sets.end(), bits, bits + words);
  summaries.resize(summaries.size() + summary_words, 0);
  for (std::size_t w = 0; w < words; ++w)
    if (bits[w] != 0) set_row(summaries.data() + count * summary_words, w);
  return static_cast<std::uint32_t>(count);
}

/// How many cells ahead to prefetch.
constexpr std::size_t prefetch_distance = 8;

/// Up to this many string keys, a lookup scans them instead of searching (the labels of
/// a grade or an enum: a scan rejects most by size and first and last bytes).
constexpr std::size_t short_key_list = 16;

void clear_row(std::uint64_t* words, std::size_t row) { words[row / 64] &= ~(std::uint64_t{1} << (row % 64)); }

/// Items grouped by a small key (a segment, a constant), as compressed lists.
struct Buckets {
  std::vector<std::uint32_t> start;  // bucket b is items[start[b]..start[b + 1])
  std::vector<std::uint32_t> items;

  /// `pairs` holds (bucket, item).
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

/// Appends a range to the row's ranges (which start at `first`), joining a touching one.
void add_range(std::vector<SegmentRange>& ranges, std::size_t first, SegmentRange r) {
  if (ranges.size() > first && ranges.back().last + 1 == r.first)
    ranges.back().last = r.last;
  else
    ranges.push_back(r);
}

/// Closes row r's ranges: adds the null segment when the cell matches null.
template <class Facts>
void end_row(std::vector<SegmentRange>& ranges, std::vector<std::uint32_t>& range_start, std::size_t r,
             const Facts& cell, std::uint32_t null_segment) {
  if (cell.null.value_or(true)) add_range(ranges, range_start[r], {null_segment, null_segment});
  range_start[r + 1] = static_cast<std::uint32_t>(ranges.size());
}

}  // namespace

TableIndex TableIndex::build(std::span<const std::vector<const UnaryTest*>> columns, std::optional<std::size_t> rows,
                             const TableIndexOptions& options) {
  TableIndex index;
  index.rows_ = rows ? *rows : (columns.empty() ? 0 : columns[0].size());
  index.words_ = row_words(index.rows_);
  index.summary_words_ = row_words(index.words_);
  index.all_.assign(index.words_, ~std::uint64_t{0});
  if (index.rows_ % 64 != 0) index.all_.back() = (std::uint64_t{1} << (index.rows_ % 64)) - 1;
  index.columns_.resize(columns.size());
  std::vector<CellFacts> facts;
  std::deque<IntervalSet> storage;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].size() != index.rows_) continue;  // not a column of this table: leave it unindexed
    facts.assign(index.rows_, CellFacts{});
    storage.clear();
    bool any = true, numeric = true;
    for (std::size_t r = 0; r < index.rows_; ++r) {
      if (r + prefetch_distance < index.rows_) __builtin_prefetch(columns[c][r + prefetch_distance]);
      const UnaryTest& cell = *columns[c][r];
      CellFacts& f = facts[r];
      f.any = cell.is_any();
      f.null = cell.null_matches();
      f.constants = cell.constants();
      f.numeric = cell.intervals();
      if (f.numeric == nullptr && numeric) f.numeric = constant_points(cell, storage);
      any = any && f.any;
      numeric = numeric && f.numeric != nullptr;
    }
    Column& col = index.columns_[c];
    if (any)
      index.build_any(col, facts);
    else if (!(numeric && index.build_numeric(col, facts, options)) && !index.build_constants(col, facts, options))
      col = Column{};
    col.null_exact = col.kind != ColumnKind::unindexed &&
                     std::all_of(facts.begin(), facts.end(), [](const CellFacts& f) { return f.null.has_value(); });
  }
  return index;
}

void TableIndex::build_any(Column& col, std::span<const CellFacts> cells) const {
  col.kind = ColumnKind::any;
  std::vector<std::uint64_t> nulls(words_, 0);
  push_set(col.sets, col.summaries, all_.data(), words_, ~std::size_t{0});
  col.range_start.assign(cells.size() + 1, 0);
  for (std::size_t r = 0; r < cells.size(); ++r) {
    if (cells[r].null.value_or(true)) set_row(nulls.data(), r);
    col.ranges.push_back({0, 0});
    end_row(col.ranges, col.range_start, r, cells[r], 1);
  }
  const auto id = push_set(col.sets, col.summaries, nulls.data(), words_, ~std::size_t{0});
  col.segment_set = {0, *id};
}

bool TableIndex::build_numeric(Column& col, std::span<const CellFacts> cells, const TableIndexOptions& options) const {
  // One pass over the cells' intervals (each a cache miss away), kept compact.
  struct Span {
    int128 low = 0, high = 0;
    bool has_low = false, has_high = false, low_closed = false, high_closed = false;
  };
  std::vector<Span> spans;
  std::vector<std::uint32_t> span_start(cells.size() + 1, 0);
  std::vector<std::pair<int128, Decimal>> ends;
  for (std::size_t r = 0; r < cells.size(); ++r) {
    // Each cell's intervals are two dependent cache misses away: fetch ahead.
    if (r + 2 * prefetch_distance < cells.size()) __builtin_prefetch(cells[r + 2 * prefetch_distance].numeric);
    if (r + prefetch_distance < cells.size())
      __builtin_prefetch(cells[r + prefetch_distance].numeric->intervals().data());
    for (const Interval& i : cells[r].numeric->intervals()) {
      Span span{0, 0, i.low.has_value(), i.high.has_value(), i.low_closed, i.high_closed};
      if (i.low) ends.emplace_back(span.low = decimal_key(*i.low), *i.low);
      if (i.high) ends.emplace_back(span.high = decimal_key(*i.high), *i.high);
      spans.push_back(span);
    }
    span_start[r + 1] = static_cast<std::uint32_t>(spans.size());
  }
  const auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::sort(ends.begin(), ends.end(), by_key);
  ends.erase(std::unique(ends.begin(), ends.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
             ends.end());
  std::vector<int128> keys(ends.size());
  for (std::size_t k = 0; k < ends.size(); ++k) keys[k] = ends[k].first;
  const std::size_t value_segments = 2 * keys.size() + 1;
  if (value_segments + 1 > std::size_t{UINT32_MAX} || cells.size() > std::size_t{UINT32_MAX}) return false;
  const auto null_segment = static_cast<std::uint32_t>(value_segments);

  // Each interval adds its row at its first segment and removes it after its last.
  std::vector<std::uint64_t> current(words_, 0), nulls(words_, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> adds, removes;
  col.range_start.assign(cells.size() + 1, 0);
  const auto index_of = [&](int128 key) {
    return static_cast<std::size_t>(std::lower_bound(keys.begin(), keys.end(), key) - keys.begin());
  };
  for (std::size_t r = 0; r < cells.size(); ++r) {
    const std::span<const Span> mine =
        std::span<const Span>(spans).subspan(span_start[r], span_start[r + 1] - span_start[r]);
    if (cells[r].null.value_or(true)) set_row(nulls.data(), r);
    if (mine.size() == 1 && !mine[0].has_low && !mine[0].has_high) {  // every decimal
      set_row(current.data(), r);
      col.ranges.push_back({0, null_segment - 1});
    } else {
      for (const Span& i : mine) {
        const std::size_t first = !i.has_low ? 0 : index_of(i.low) * 2 + (i.low_closed ? 1 : 2);
        const std::size_t last = !i.has_high ? 2 * keys.size() : index_of(i.high) * 2 + (i.high_closed ? 1 : 0);
        const SegmentRange range{static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(last)};
        add_range(col.ranges, col.range_start[r], range);
        adds.emplace_back(range.first, static_cast<std::uint32_t>(r));
        if (range.last + 1 < value_segments) removes.emplace_back(range.last + 1, static_cast<std::uint32_t>(r));
      }
    }
    end_row(col.ranges, col.range_start, r, cells[r], null_segment);
  }
  const Buckets add(value_segments, adds), remove(value_segments, removes);
  // The stored sets change only where rows come or go: reserve that much once.
  std::size_t changes = 2;
  for (std::size_t s = 1; s < value_segments; ++s) changes += !add[s].empty() || !remove[s].empty();
  col.sets.reserve(std::min(changes * words_, options.max_column_bytes / sizeof(std::uint64_t) + words_));
  col.segment_set.resize(value_segments + 1);
  for (std::size_t s = 0; s < value_segments; ++s) {
    for (std::uint32_t r : remove[s]) clear_row(current.data(), r);
    for (std::uint32_t r : add[s]) set_row(current.data(), r);
    const auto id = push_set(col.sets, col.summaries, current.data(), words_, options.max_column_bytes);
    if (!id) return col = Column{}, false;
    col.segment_set[s] = *id;
  }
  const auto id = push_set(col.sets, col.summaries, nulls.data(), words_, options.max_column_bytes);
  if (!id) return col = Column{}, false;
  col.segment_set[value_segments] = *id;
  col.kind = ColumnKind::numeric;
  col.endpoint_keys = std::move(keys);
  col.endpoints.resize(ends.size());
  for (std::size_t k = 0; k < ends.size(); ++k) col.endpoints[k] = ends[k].second;
  return true;
}

bool TableIndex::build_constants(Column& col, std::span<const CellFacts> cells,
                                 const TableIndexOptions& options) const {
  ValueKind kind = ValueKind::null;
  std::vector<Value> keys;
  for (std::size_t r = 0; r < cells.size(); ++r) {
    const CellFacts& cell = cells[r];
    if (r + prefetch_distance < cells.size() && cells[r + prefetch_distance].constants != nullptr)
      __builtin_prefetch(cells[r + prefetch_distance].constants->values.data());
    if (cell.any) continue;
    if (cell.constants == nullptr) return false;
    for (const Value& v : cell.constants->values) {
      if (v.is_null()) continue;
      if (kind != ValueKind::null && v.kind() != kind) return false;
      kind = v.kind();
      if (keys.empty() || !(keys.back() == v)) keys.push_back(v);  // repeated neighbours are common
    }
  }
  const auto less = [](const Value& a, const Value& b) { return compare_values(a, b) < 0; };
  std::sort(keys.begin(), keys.end(), less);
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  const std::size_t value_segments = keys.size() + 1;  // the keys, then "other"
  if (value_segments + 1 > std::size_t{UINT32_MAX} || cells.size() > std::size_t{UINT32_MAX / 2}) return false;
  const auto other = static_cast<std::uint32_t>(keys.size()), null_segment = other + 1;

  // base: rows matching values that no cell lists (`-` and not(...)); then per key the
  // rows listing it are added (positive) or removed (negated).
  std::vector<std::uint64_t> base(words_, 0), nulls(words_, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> listed;  // (key, row * 2 + negated)
  std::vector<std::uint32_t> mine;                              // one row's keys
  col.range_start.assign(cells.size() + 1, 0);
  for (std::size_t r = 0; r < cells.size(); ++r) {
    const ConstantSet* set = cells[r].any ? nullptr : cells[r].constants;
    if (cells[r].null.value_or(true)) set_row(nulls.data(), r);
    if (set == nullptr || set->negated) set_row(base.data(), r);
    mine.clear();
    if (set != nullptr)
      for (const Value& v : set->values)
        if (!v.is_null())
          mine.push_back(
              static_cast<std::uint32_t>(std::lower_bound(keys.begin(), keys.end(), v, less) - keys.begin()));
    std::sort(mine.begin(), mine.end());
    for (std::uint32_t k : mine) listed.emplace_back(k, static_cast<std::uint32_t>(r * 2 + (set->negated ? 1 : 0)));
    if (set == nullptr) {
      col.ranges.push_back({0, other});
    } else if (!set->negated) {
      for (std::uint32_t k : mine) add_range(col.ranges, col.range_start[r], {k, k});
    } else {
      std::uint32_t next = 0;
      for (std::uint32_t k : mine) {
        if (k > next) add_range(col.ranges, col.range_start[r], {next, k - 1});
        next = k + 1;
      }
      add_range(col.ranges, col.range_start[r], {next, other});
    }
    end_row(col.ranges, col.range_start, r, cells[r], null_segment);
  }
  const Buckets by_key(keys.size(), listed);
  std::vector<std::uint64_t> current(words_);
  col.segment_set.resize(value_segments + 1);
  for (std::size_t k = 0; k <= keys.size(); ++k) {
    current = base;
    if (k < keys.size())
      for (std::uint32_t item : by_key[k]) {
        if (item & 1)
          clear_row(current.data(), item / 2);
        else
          set_row(current.data(), item / 2);
      }
    const auto id = push_set(col.sets, col.summaries, current.data(), words_, options.max_column_bytes);
    if (!id) return col = Column{}, false;
    col.segment_set[k] = *id;
  }
  const auto id = push_set(col.sets, col.summaries, nulls.data(), words_, options.max_column_bytes);
  if (!id) return col = Column{}, false;
  col.segment_set[value_segments] = *id;
  col.kind = ColumnKind::constants;
  col.key_kind = kind;
  col.keys = std::move(keys);
  return true;
}

std::size_t TableIndex::numeric_segment(const Column& col, Decimal d) noexcept {
  const int128 key = decimal_key(d);
  const auto it = std::lower_bound(col.endpoint_keys.begin(), col.endpoint_keys.end(), key);
  const auto i = static_cast<std::size_t>(it - col.endpoint_keys.begin());
  return it != col.endpoint_keys.end() && *it == key ? 2 * i + 1 : 2 * i;
}

std::optional<std::size_t> TableIndex::constant_segment(const Column& col, ValueView v) const noexcept {
  if (v.kind() != col.key_kind) return col.keys.size();  // equality across kinds is false: "other"
  if (v.kind() == ValueKind::string) {  // the common case, without compare_values' switch
    const std::string_view x = v.as_string();
    if (col.keys.size() <= short_key_list) {  // a few labels: a scan rejects most by size and bytes
      for (std::size_t k = 0; k < col.keys.size(); ++k)
        if (same_text(col.keys[k].as_string(), x)) return k;
      return col.keys.size();
    }
    const auto it = std::lower_bound(col.keys.begin(), col.keys.end(), x,
                                     [](const Value& key, std::string_view s) { return std::string_view(key.as_string()) < s; });
    if (it != col.keys.end() && it->as_string() == x) return static_cast<std::size_t>(it - col.keys.begin());
    return col.keys.size();
  }
  if (v.kind() == ValueKind::boolean) {  // false, true or both
    for (std::size_t k = 0; k < col.keys.size(); ++k)
      if (col.keys[k].as_bool() == v.as_bool()) return k;
    return col.keys.size();
  }
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
    case ColumnKind::any:
      return 0;
    case ColumnKind::numeric:
      if (value.kind() != ValueKind::decimal) return std::nullopt;
      return numeric_segment(col, value.as_decimal());
    case ColumnKind::constants:
      return constant_segment(col, value);
    case ColumnKind::unindexed:
      break;
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
  // The sets to AND, and their summaries: only words non-zero in every set are read.
  constexpr std::size_t max_inline = 32;
  std::array<const std::uint64_t*, max_inline> sets, summaries;  // the first `count` are set
  std::size_t count = 0;
  bool dense = false;            // more columns than fit: AND every word
  if (words_ == 0) return true;  // no rows
  const std::size_t n = std::min(inputs.size(), columns_.size());
  if (words_ == 1) {  // up to 64 rows: one word per set, no summaries to consult
    std::uint64_t rows = all_[0];
    for (std::size_t c = 0; c < n; ++c) {
      const Column& col = columns_[c];
      if (col.kind == ColumnKind::unindexed || col.kind == ColumnKind::any) continue;
      if (!exact(c, inputs[c])) {
        out_words[0] = all_[0];
        return false;
      }
      rows &= col.sets[col.segment_set[*segment_of(c, inputs[c])]];
    }
    out_words[0] = rows;
    return true;
  }
  std::memcpy(out_words, all_.data(), words_ * sizeof(std::uint64_t));
  for (std::size_t c = 0; c < n; ++c) {
    const Column& col = columns_[c];
    if (col.kind == ColumnKind::unindexed || col.kind == ColumnKind::any) continue;
    if (!exact(c, inputs[c])) {  // every row: the caller's scan then behaves as one without index
      std::memcpy(out_words, all_.data(), words_ * sizeof(std::uint64_t));
      return false;
    }
    const std::uint32_t id = col.segment_set[*segment_of(c, inputs[c])];
    const std::uint64_t* bits = col.sets.data() + std::size_t{id} * words_;
    if (count < max_inline) {
      sets[count] = bits;
      summaries[count++] = col.summaries.data() + std::size_t{id} * summary_words_;
    } else {
      dense = true;
      for (std::size_t w = 0; w < words_; ++w) out_words[w] &= bits[w];
    }
  }
  if (count == 0) return true;
  for (std::size_t j = 0; j < summary_words_; ++j) {
    std::uint64_t live = ~std::uint64_t{0};
    for (std::size_t k = 0; k < count; ++k) live &= summaries[k][j];
    const std::size_t first = j * 64, end = std::min(words_, first + 64);
    if (live == 0) {
      std::memset(out_words + first, 0, (end - first) * sizeof(std::uint64_t));
      continue;
    }
    for (std::size_t w = first; w < end; ++w) {
      if (((live >> (w - first)) & 1) == 0) {
        out_words[w] = 0;
        continue;
      }
      std::uint64_t v = dense ? out_words[w] & sets[0][w] : sets[0][w];
      for (std::size_t k = 1; k < count; ++k) v &= sets[k][w];
      out_words[w] = v;
    }
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

}  // namespace crm::internal
