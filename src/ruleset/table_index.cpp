// The decision-table index: per column, the rows matching each segment of the input's
// values as sparse row sets, built by one sweep over the segments.
#include "src/ruleset/table_index.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <numeric>

#include "src/core/same_text.hpp"
#include "src/ruleset/bin_lookup.hpp"
#include "src/ruleset/row_set.hpp"

namespace crm::internal {

/// What the index reads of a cell, read once.
struct TableIndex::CellFacts {
  bool any = false;
  std::optional<bool> null;
  const IntervalSet* numeric = nullptr;  // intervals(), or the points of decimal constants
  const ConstantSet* constants = nullptr;
  bool reads_field = false;  // the cell reads a field besides $
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

/// Orders values of one kind (and kinds by their number).
int compare_values(ValueView a, ValueView b) noexcept {
  if (a.kind() != b.kind()) return a.kind() < b.kind() ? -1 : 1;
  const auto sign = [](auto c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); };
  switch (a.kind()) {
    case ValueKind::null: return 0;
    case ValueKind::boolean: return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case ValueKind::decimal: return sign(a.as_decimal() <=> b.as_decimal());
    case ValueKind::string: return sign(a.as_string().compare(b.as_string()));
    case ValueKind::date: return sign(a.as_date() <=> b.as_date());
    // times and date-times: offset presence first, then the instant (as == sees them)
    case ValueKind::time: {
      const Time x = a.as_time(), y = b.as_time();
      if (x.has_offset() != y.has_offset()) return x.has_offset() ? 1 : -1;
      return *compare(x, y);
    }
    case ValueKind::date_time: {
      const DateTime x = a.as_date_time(), y = b.as_date_time();
      if (x.has_offset() != y.has_offset()) return x.has_offset() ? 1 : -1;
      return *compare(x, y);
    }
    case ValueKind::days_duration: return sign(a.as_days_duration() <=> b.as_days_duration());
    case ValueKind::months_duration: return sign(a.as_months_duration() <=> b.as_months_duration());
    case ValueKind::list: {
      const auto x = a.as_list(), y = b.as_list();
      for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (int c = compare_values(x[i], y[i]); c != 0) return c;
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
  }
  return 0;
}

/// How many cells ahead to prefetch.
constexpr std::size_t prefetch_distance = 8;

/// Up to this many string keys, a lookup scans them instead of searching (the labels of
/// a grade or an enum: a scan rejects most by size and first and last bytes).
constexpr std::size_t short_key_list = 16;

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

/// Items grouped by a small key (a segment, a constant), as compressed lists.
struct TableIndex::Buckets {
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

/// Appends a column's row sets, each made from a set already stored and the words that
/// changed, so that the work follows the sets' sizes, not the table's.
class TableIndex::SetWriter {
 public:
  SetWriter(Column& col, std::size_t words, std::size_t max_bytes) : col_(col), words_(words), max_bytes_(max_bytes) {}

  /// The set of the rows in `current` (a bitset), which differs from stored set `from`
  /// (none: the empty set) only in the words `changed` (ascending, maybe repeated).
  /// Nullopt past the size limit.
  std::optional<std::uint32_t> push(const std::uint64_t* current, std::optional<std::uint32_t> from,
                                    std::span<const std::uint32_t> changed) {
    if (words_ == 1) return finish_one(current[0]);
    // Merge by position: appending may move the vectors that `from` lives in.
    std::size_t i = from ? col_.set_start[*from] : 0;
    const std::size_t end = from ? col_.set_start[*from + 1] : 0;
    std::size_t j = 0;
    work_ += (end - i) + changed.size();
    while (i < end || j < changed.size()) {
      std::uint32_t w = 0;
      if (j == changed.size() || (i < end && col_.set_index[i] < changed[j]))
        w = col_.set_index[i++];
      else if (i == end || changed[j] < col_.set_index[i])
        w = changed[j++];
      else
        w = col_.set_index[i++], ++j;
      while (j < changed.size() && changed[j] == w) ++j;
      if (current[w] != 0) append(w, current[w]);
    }
    return finish();
  }
  /// The set of the rows in `current`, read whole.
  std::optional<std::uint32_t> push_all(const std::uint64_t* current) {
    if (words_ == 1) return finish_one(current[0]);
    work_ += words_;
    for (std::size_t w = 0; w < words_; ++w)
      if (current[w] != 0) append(static_cast<std::uint32_t>(w), current[w]);
    return finish();
  }

 private:
  void append(std::uint32_t w, std::uint64_t bits) {
    col_.set_index.push_back(w);
    col_.set_bits.push_back(bits);
  }
  std::optional<std::uint32_t> finish_one(std::uint64_t bits) {
    append(0, bits);  // one word per table: set s is word s, zero or not
    return finish();
  }
  /// Closes the set appended last; one equal to the set before it is dropped for it.
  std::optional<std::uint32_t> finish() {
    const std::size_t sets = col_.set_start.size() - 1;
    const std::size_t start = col_.set_start.back(), size = col_.set_index.size() - start;
    if (sets > 0) {
      const std::size_t before = col_.set_start[sets - 1];
      if (start - before == size &&
          std::equal(col_.set_index.begin() + static_cast<std::ptrdiff_t>(before),
                     col_.set_index.begin() + static_cast<std::ptrdiff_t>(start),
                     col_.set_index.begin() + static_cast<std::ptrdiff_t>(start)) &&
          std::equal(col_.set_bits.begin() + static_cast<std::ptrdiff_t>(before),
                     col_.set_bits.begin() + static_cast<std::ptrdiff_t>(start),
                     col_.set_bits.begin() + static_cast<std::ptrdiff_t>(start))) {
        col_.set_index.resize(start);
        col_.set_bits.resize(start);
        return static_cast<std::uint32_t>(sets - 1);
      }
    }
    // The sets' bytes, and the work of making them (an equal set costs work, not bytes).
    const std::size_t bytes = col_.set_index.size() * (sizeof(std::uint32_t) + sizeof(std::uint64_t)) +
                              col_.set_start.size() * sizeof(std::uint32_t);
    if (bytes > max_bytes_ || work_ > max_bytes_ || col_.set_index.size() >= std::size_t{UINT32_MAX})
      return std::nullopt;
    col_.set_start.push_back(static_cast<std::uint32_t>(col_.set_index.size()));
    return static_cast<std::uint32_t>(sets);
  }

  Column& col_;
  std::size_t words_, max_bytes_;
  std::size_t work_ = 0;
};

namespace {

/// Sorts the two ascending runs of `words` ([0, mid) and [mid, end)) into one.
void merge_runs(std::vector<std::uint32_t>& words, std::size_t mid) {
  std::inplace_merge(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(mid), words.end());
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
  std::vector<CellFacts> facts;
  std::deque<IntervalSet> storage;
  std::size_t remaining = options.max_table_bytes;  // what the columns so far left of the table's cap
  for (std::size_t c = 0; c < columns.size(); ++c) {
    Column& col = index.columns_[c];
    if (columns[c].size() != index.rows_) {  // not a column of this table: leave it unindexed
      col.why = Unindexed{Unindexed::Reason::cell_kind, 0, 0, false};
      continue;
    }
    facts.assign(index.rows_, CellFacts{});
    storage.clear();
    bool numeric = true;
    for (std::size_t r = 0; r < index.rows_; ++r) {
      if (r + prefetch_distance < index.rows_) __builtin_prefetch(columns[c][r + prefetch_distance]);
      const UnaryTest& cell = *columns[c][r];
      CellFacts& f = facts[r];
      f.any = cell.is_any();
      f.null = cell.null_matches();
      f.constants = cell.constants();
      f.numeric = cell.intervals();
      f.reads_field = !cell.slots_used().empty();
      if (f.numeric == nullptr && numeric) f.numeric = constant_points(cell, storage);
      numeric = numeric && f.numeric != nullptr;
    }
    TableIndexOptions column_options = options;
    column_options.max_column_bytes = std::min(options.max_column_bytes, remaining);
    index.build_column(col, facts, column_options);
    if (col.why.reason == Unindexed::Reason::size_cap && remaining < options.max_column_bytes)
      col.why = Unindexed{Unindexed::Reason::size_cap, 0, options.max_table_bytes, true};
    remaining -= std::min(remaining, index.set_bytes(c));
    col.null_exact = col.kind != ColumnKind::unindexed &&
                     std::all_of(facts.begin(), facts.end(), [](const CellFacts& f) { return f.null.has_value(); });
  }
  return index;
}

namespace {

/// Why cells that are neither all numeric nor all constants of one kind cannot be
/// indexed together: the first cell of another form, or that mixes the kinds.
template <class Facts>
Unindexed why_not_indexed(std::span<const Facts> cells) {
  for (std::size_t r = 0; r < cells.size(); ++r) {
    const Facts& f = cells[r];
    if (f.any || f.numeric != nullptr || f.constants != nullptr) continue;
    return {f.reads_field ? Unindexed::Reason::reads_field : Unindexed::Reason::cell_kind, r, 0, false};
  }
  // Every cell is numeric or constants: the first that no form shares with those before.
  bool numeric = true, constants = true;
  ValueKind kind = ValueKind::null;
  for (std::size_t r = 0; r < cells.size(); ++r) {
    const Facts& f = cells[r];
    if (f.any) continue;
    numeric = numeric && f.numeric != nullptr;
    constants = constants && f.constants != nullptr;
    for (std::size_t k = 0; constants && k < f.constants->values.size(); ++k) {
      const Value& v = f.constants->values[k];
      if (v.is_null()) continue;
      constants = kind == ValueKind::null || v.kind() == kind;
      kind = v.kind();
    }
    if (!numeric && !constants) return {Unindexed::Reason::mixed_kinds, r, 0, false};
  }
  return {Unindexed::Reason::mixed_kinds, 0, 0, false};
}

}  // namespace

void TableIndex::build_column(Column& col, std::span<const CellFacts> cells, const TableIndexOptions& options) const {
  const bool any = std::all_of(cells.begin(), cells.end(), [](const CellFacts& f) { return f.any; });
  const bool numeric = std::all_of(cells.begin(), cells.end(), [](const CellFacts& f) { return f.numeric != nullptr; });
  if (any) return build_any(col, cells);
  bool too_large = false;
  if (numeric) {
    if (build_numeric(col, cells, options)) return;
    col = Column{};
    too_large = true;  // build_numeric fails only past the size limit
  }
  switch (build_constants(col, cells, options)) {
    case Built::yes: return;
    case Built::too_large: too_large = true; break;
    case Built::not_constants: break;
  }
  col = Column{};
  col.why =
      too_large ? Unindexed{Unindexed::Reason::size_cap, 0, options.max_column_bytes, false} : why_not_indexed(cells);
}

void TableIndex::build_any(Column& col, std::span<const CellFacts> cells) const {
  // Every cell is `-`: every row is a base row (in one set for up to 64 rows).
  col.kind = ColumnKind::any;
  col.range_start.assign(cells.size() + 1, 0);
  for (std::size_t r = 0; r < cells.size(); ++r) {
    col.ranges.push_back({0, 0});
    end_row(col.ranges, col.range_start, r, cells[r], 1);
  }
  SetWriter sets(col, words_, ~std::size_t{0});
  const std::vector<std::uint64_t> none(words_, 0);
  const std::uint64_t* each = separate_base() ? none.data() : all_.data();
  col.segment_set = {*sets.push_all(each), *sets.push_all(each)};
  col.base_set = *sets.push_all(separate_base() ? all_.data() : none.data());
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

  // Each interval adds its row at its first segment and removes it after its last; a
  // row matching every segment and null (`-`) is a base row instead.
  std::vector<std::uint64_t> nulls(words_, 0), base(words_, 0);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> adds, removes;
  col.range_start.assign(cells.size() + 1, 0);
  const auto index_of = [&](int128 key) {
    return static_cast<std::size_t>(std::lower_bound(keys.begin(), keys.end(), key) - keys.begin());
  };
  for (std::size_t r = 0; r < cells.size(); ++r) {
    const std::span<const Span> mine =
        std::span<const Span>(spans).subspan(span_start[r], span_start[r + 1] - span_start[r]);
    const bool everything = mine.size() == 1 && !mine[0].has_low && !mine[0].has_high;
    if (separate_base() && everything && cells[r].null.value_or(true)) {
      set_row(base.data(), r);
      col.ranges.push_back({0, null_segment});
      col.range_start[r + 1] = static_cast<std::uint32_t>(col.ranges.size());
      continue;
    }
    if (cells[r].null.value_or(true)) set_row(nulls.data(), r);
    for (const Span& i : mine) {
      const std::size_t first = !i.has_low ? 0 : index_of(i.low) * 2 + (i.low_closed ? 1 : 2);
      const std::size_t last = !i.has_high ? 2 * keys.size() : index_of(i.high) * 2 + (i.high_closed ? 1 : 0);
      const SegmentRange range{static_cast<std::uint32_t>(first), static_cast<std::uint32_t>(last)};
      add_range(col.ranges, col.range_start[r], range);
      adds.emplace_back(range.first, static_cast<std::uint32_t>(r));
      if (range.last + 1 < value_segments) removes.emplace_back(range.last + 1, static_cast<std::uint32_t>(r));
    }
    end_row(col.ranges, col.range_start, r, cells[r], null_segment);
  }
  if (!sweep_segments(col, Buckets(value_segments, adds), Buckets(value_segments, removes), options)) return false;
  SetWriter sets(col, words_, options.max_column_bytes);
  const auto id = sets.push_all(nulls.data());
  const auto base_id = sets.push_all(base.data());
  if (!id || !base_id) return false;
  col.segment_set.push_back(*id);
  col.base_set = *base_id;
  col.kind = ColumnKind::numeric;
  col.endpoint_keys = std::move(keys);
  col.endpoints.resize(ends.size());
  for (std::size_t k = 0; k < ends.size(); ++k) col.endpoints[k] = ends[k].second;
  return true;
}

bool TableIndex::sweep_segments(Column& col, const Buckets& add, const Buckets& remove,
                                const TableIndexOptions& options) const {
  // The rows of the segment at hand as a bitset; each stored set is the previous one
  // with the words where rows came or went.
  std::vector<std::uint64_t> current(words_, 0);
  std::vector<std::uint32_t> changed;
  SetWriter sets(col, words_, options.max_column_bytes);
  const std::size_t segments = add.start.size() - 1;
  col.segment_set.resize(segments);
  std::optional<std::uint32_t> last;
  for (std::size_t s = 0; s < segments; ++s) {
    if (last && add[s].empty() && remove[s].empty()) {
      col.segment_set[s] = *last;
      continue;
    }
    changed.clear();
    for (std::uint32_t r : remove[s]) clear_row(current.data(), r), changed.push_back(r / 64);
    const std::size_t removed = changed.size();
    for (std::uint32_t r : add[s]) set_row(current.data(), r), changed.push_back(r / 64);
    merge_runs(changed, removed);  // each run ascends: the buckets keep the rows' order
    last = sets.push(current.data(), last, changed);
    if (!last) return false;
    col.segment_set[s] = *last;
  }
  return true;
}

bool TableIndex::collect_keys(std::span<const CellFacts> cells, ValueKind& kind, std::vector<Value>& keys,
                              std::vector<std::pair<std::uint32_t, std::uint32_t>>& key_rows) const {
  // Every (constant, row), sorted once: the distinct constants are the keys, and each
  // key's rows come out ascending.
  struct Item {
    const Value* value;
    std::uint32_t row;
  };
  std::vector<Item> items;
  kind = ValueKind::null;
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
      items.push_back({&v, static_cast<std::uint32_t>(r)});
    }
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    const int c = compare_values(*a.value, *b.value);
    return c != 0 ? c < 0 : a.row < b.row;
  });
  keys.clear();
  key_rows.clear();
  key_rows.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i == 0 || compare_values(*items[i - 1].value, *items[i].value) != 0) keys.push_back(*items[i].value);
    key_rows.emplace_back(static_cast<std::uint32_t>(keys.size() - 1), items[i].row);
  }
  return true;
}

TableIndex::Built TableIndex::build_constants(Column& col, std::span<const CellFacts> cells,
                                              const TableIndexOptions& options) const {
  ValueKind kind = ValueKind::null;
  std::vector<Value> keys;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> key_rows;  // (key, row), by key then row
  if (!collect_keys(cells, kind, keys, key_rows)) return Built::not_constants;
  const std::size_t value_segments = keys.size() + 1;  // the keys, then "other"
  if (value_segments + 1 > std::size_t{UINT32_MAX} || cells.size() > std::size_t{UINT32_MAX / 2})
    return Built::too_large;
  const auto other = static_cast<std::uint32_t>(keys.size()), null_segment = other + 1;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> row_key(key_rows.size()), listed(key_rows.size());
  for (std::size_t i = 0; i < key_rows.size(); ++i) {
    const auto [k, r] = key_rows[i];
    row_key[i] = {r, k};
    listed[i] = {k, r * 2 + (cells[r].constants->negated ? 1 : 0)};  // (key, row * 2 + negated)
  }
  const Buckets keys_of_row(cells.size(), row_key);  // each row's keys, ascending

  // unlisted: rows matching values that no cell lists (not(...), and `-` unless it is a
  // base row); then per key the rows listing it are added (positive) or removed (negated).
  std::vector<std::uint64_t> unlisted(words_, 0), nulls(words_, 0), base(words_, 0);
  col.range_start.assign(cells.size() + 1, 0);
  for (std::size_t r = 0; r < cells.size(); ++r) {
    const ConstantSet* set = cells[r].any ? nullptr : cells[r].constants;
    if (set == nullptr && separate_base()) {  // `-`
      set_row(base.data(), r);
      col.ranges.push_back({0, null_segment});
      col.range_start[r + 1] = static_cast<std::uint32_t>(col.ranges.size());
      continue;
    }
    if (cells[r].null.value_or(true)) set_row(nulls.data(), r);
    if (set == nullptr || set->negated) set_row(unlisted.data(), r);
    add_row_ranges(col, r, set, keys_of_row[r], other);
    end_row(col.ranges, col.range_start, r, cells[r], null_segment);
  }
  if (!key_sets(col, Buckets(keys.size(), listed), unlisted, options)) return Built::too_large;
  SetWriter sets(col, words_, options.max_column_bytes);
  const auto id = sets.push_all(nulls.data());
  const auto base_id = sets.push_all(base.data());
  if (!id || !base_id) return Built::too_large;
  col.segment_set.push_back(*id);
  col.base_set = *base_id;
  col.kind = ColumnKind::constants;
  col.key_kind = kind;
  col.keys = std::move(keys);
  return Built::yes;
}

void TableIndex::add_row_ranges(Column& col, std::size_t r, const ConstantSet* set, std::span<const std::uint32_t> keys,
                                std::uint32_t other) {
  if (set == nullptr) {
    col.ranges.push_back({0, other});
  } else if (!set->negated) {
    for (std::uint32_t k : keys) add_range(col.ranges, col.range_start[r], {k, k});
  } else {
    std::uint32_t next = 0;
    for (std::uint32_t k : keys) {
      if (k > next) add_range(col.ranges, col.range_start[r], {next, k - 1});
      next = k + 1;
    }
    add_range(col.ranges, col.range_start[r], {next, other});
  }
}

bool TableIndex::key_sets(Column& col, const Buckets& by_key, std::vector<std::uint64_t>& base,
                          const TableIndexOptions& options) const {
  // Each key's set is `base` (the unlisted rows) with the rows listing the key added (or
  // removed): it is stored once as "other", then each key's set is made from it and undone.
  SetWriter sets(col, words_, options.max_column_bytes);
  const std::size_t keys = by_key.start.size() - 1;
  col.segment_set.resize(keys + 1);
  const auto other = sets.push_all(base.data());
  if (!other) return false;
  std::vector<std::uint32_t> changed;
  for (std::size_t k = 0; k < keys; ++k) {
    changed.clear();
    for (std::uint32_t item : by_key[k]) {
      if (item & 1)
        clear_row(base.data(), item / 2);
      else
        set_row(base.data(), item / 2);
      if (changed.empty() || changed.back() != item / 2 / 64) changed.push_back(item / 2 / 64);
    }
    const auto id = sets.push(base.data(), other, changed);
    if (!id) return false;
    col.segment_set[k] = *id;
    for (std::uint32_t item : by_key[k]) {  // undo
      if (item & 1)
        set_row(base.data(), item / 2);
      else
        clear_row(base.data(), item / 2);
    }
  }
  col.segment_set[keys] = *other;
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
  if (v.kind() == ValueKind::string) {                   // the common case, without compare_values' switch
    const std::string_view x = v.as_string();
    if (col.keys.size() <= short_key_list) {  // a few labels: a scan rejects most by size and bytes
      for (std::size_t k = 0; k < col.keys.size(); ++k)
        if (same_text(col.keys[k].as_string(), x)) return k;
      return col.keys.size();
    }
    const auto it = std::lower_bound(col.keys.begin(), col.keys.end(), x, [](const Value& key, std::string_view s) {
      return std::string_view(key.as_string()) < s;
    });
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

std::size_t TableIndex::set_bytes(std::size_t column) const noexcept {
  const Column& col = columns_[column];
  if (col.kind == ColumnKind::unindexed) return 0;
  return col.set_index.size() * (sizeof(std::uint32_t) + sizeof(std::uint64_t)) +
         col.set_start.size() * sizeof(std::uint32_t);
}

bool TableIndex::candidates(std::span<const ValueView> inputs, std::uint64_t* out_words) const noexcept {
  if (words_ == 0) return true;  // no rows
  const std::size_t n = std::min(inputs.size(), columns_.size());
  if (words_ == 1) {  // up to 64 rows: set s is word s, and base rows are in every set
    std::uint64_t rows = all_[0];
    for (std::size_t c = 0; c < n; ++c) {
      const Column& col = columns_[c];
      if (col.kind == ColumnKind::unindexed || col.kind == ColumnKind::any) continue;
      if (!exact(c, inputs[c])) {
        out_words[0] = all_[0];
        return false;
      }
      rows &= col.set_bits[col.segment_set[*segment_of(c, inputs[c])]];
    }
    out_words[0] = rows;
    return true;
  }
  // The columns' rows to intersect, a group at a time; the first group's smallest leads.
  std::array<Term, max_group> terms;
  std::size_t count = 0, lead = 0;
  bool first_group = true;
  for (std::size_t c = 0; c <= n; ++c) {
    if (c == n || count == max_group) {
      const std::span<const Term> group(terms.data(), count);
      if (first_group && count == 0) {
        std::memcpy(out_words, all_.data(), words_ * sizeof(std::uint64_t));
        return true;
      }
      if (first_group)
        intersect_terms(group, lead, out_words);
      else
        narrow(group, out_words);
      if (c == n) return true;
      first_group = false;
      count = 0;
    }
    const Column& col = columns_[c];
    if (col.kind == ColumnKind::unindexed || col.kind == ColumnKind::any) continue;
    if (!exact(c, inputs[c])) {  // every row: the caller's scan then behaves as one without index
      std::memcpy(out_words, all_.data(), words_ * sizeof(std::uint64_t));
      return false;
    }
    terms[count] = Term{set_rows(col, col.segment_set[*segment_of(c, inputs[c])]), set_rows(col, col.base_set)};
    if (count == 0 || terms[count].size() < terms[lead].size()) lead = count;
    ++count;
  }
  return true;
}

void TableIndex::intersect_terms(std::span<const Term> terms, std::size_t lead,
                                 std::uint64_t* out_words) const noexcept {
  std::memset(out_words, 0, words_ * sizeof(std::uint64_t));
  std::array<std::size_t, max_group> at_rows{}, at_base{};
  // The lead's words (its rows and base rows merged), each looked up in the others.
  const Term& first = terms[lead];
  std::size_t i = 0, j = 0;
  while (i < first.rows.size || j < first.base.size) {
    std::uint32_t w = 0;
    std::uint64_t v = 0;
    if (j == first.base.size || (i < first.rows.size && first.rows.index[i] < first.base.index[j])) {
      w = first.rows.index[i];
      v = first.rows.bits[i++];
    } else if (i == first.rows.size || first.base.index[j] < first.rows.index[i]) {
      w = first.base.index[j];
      v = first.base.bits[j++];
    } else {
      w = first.rows.index[i];
      v = first.rows.bits[i++] | first.base.bits[j++];
    }
    for (std::size_t k = 0; k < terms.size() && v != 0; ++k)
      if (k != lead) v &= terms[k].rows.word_at(at_rows[k], w) | terms[k].base.word_at(at_base[k], w);
    out_words[w] = v;
  }
}

void TableIndex::narrow(std::span<const Term> terms, std::uint64_t* out_words) const noexcept {
  // More columns than a group: AND each further column's rows into the candidates so far.
  for (const Term& term : terms) {
    std::size_t at_rows = 0, at_base = 0;
    for (std::size_t w = 0; w < words_; ++w)
      if (out_words[w] != 0)
        out_words[w] &= term.rows.word_at(at_rows, static_cast<std::uint32_t>(w)) |
                        term.base.word_at(at_base, static_cast<std::uint32_t>(w));
  }
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
