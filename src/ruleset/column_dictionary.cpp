// An output column dictionary-encoded (include/crmrules/columns.hpp): the distinct cells
// once, a code per row. Data frames make categorical columns of it, or object columns that
// share one object per distinct cell. The keys are numbered in a FlatIndex: a column of
// 200,000 distinct decimals took 130 ms with a std::unordered_map and a string per value
// (python_frame_benchmark.py).
#include <limits>
#include <string_view>

#include "crmrules/columns.hpp"
#include "src/core/flat_index.hpp"
#include "src/core/xxh64.hpp"

namespace crm {
namespace {

void add_value(DictionaryColumn& out, std::string_view text) {
  out.text += text;
  out.offsets.push_back(static_cast<std::int64_t>(out.text.size()));
}

void encode_text(const OutputColumn& c, DictionaryColumn& out) {
  internal::FlatIndex index;
  for (std::size_t i = 0; i < out.codes.size(); ++i) {
    if (!c.valid[i]) continue;
    const std::string_view cell = std::string_view(c.text).substr(
        static_cast<std::size_t>(c.offsets[i]), static_cast<std::size_t>(c.offsets[i + 1] - c.offsets[i]));
    auto [code, fresh] = index.number(internal::xxh3(cell), [&](std::uint32_t k) { return out.value(k) == cell; });
    if (fresh) add_value(out, cell);
    out.codes[i] = static_cast<std::int32_t>(code);
  }
}

/// Keyed by coefficient and scale, as the decimal is written (1.0 and 1.00 are two texts),
/// so that only the distinct decimals are written as text.
void encode_decimals(const OutputColumn& c, DictionaryColumn& out) {
  internal::FlatIndex index;
  std::vector<const Decimal*> keys;
  for (std::size_t i = 0; i < out.codes.size(); ++i) {
    if (!c.valid[i]) continue;
    const Decimal& d = c.decimals[i];
    const auto u = static_cast<internal::uint128>(d.coefficient());
    const std::uint64_t hash = (static_cast<std::uint64_t>(u) ^ static_cast<std::uint64_t>(u >> 64) * 31 ^
                                static_cast<std::uint64_t>(d.scale())) *
                               0x9E3779B97F4A7C15ull;
    auto [code, fresh] = index.number(hash ^ (hash >> 29), [&](std::uint32_t k) {
      return keys[k]->coefficient() == d.coefficient() && keys[k]->scale() == d.scale();
    });
    if (fresh) {
      keys.push_back(&d);
      char buf[Decimal::max_chars];
      add_value(out, std::string_view(buf, d.to_chars(buf)));
    }
    out.codes[i] = static_cast<std::int32_t>(code);
  }
}

}  // namespace

expected<DictionaryColumn> dictionary_encode(const OutputColumn& column) {
  if (column.kind != ColumnKind::text && column.kind != ColumnKind::decimal)
    return unexpected(Error{ErrorCode::invalid_argument,
                            "output '" + column.name + "' is neither text nor decimal: it has no dictionary",
                            {}});
  const std::size_t rows = column.valid.size();
  if (rows > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    return unexpected(Error{ErrorCode::out_of_range, "a dictionary codes at most 2^31 - 1 rows", {}});
  DictionaryColumn out;
  out.codes.assign(rows, -1);
  out.offsets.push_back(0);
  column.kind == ColumnKind::text ? encode_text(column, out) : encode_decimals(column, out);
  return out;
}

}  // namespace crm
