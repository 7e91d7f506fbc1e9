// The graded rows between grade_csv's passes (src/portfolio/spilled_rows.hpp).
#include "src/portfolio/spilled_rows.hpp"

#include <algorithm>

namespace crm::internal {

expected<SpilledRows> SpilledRows::create(bool traces) {
  auto file = SpillFile::create();
  if (!file) return unexpected(file.error());
  return SpilledRows(std::move(*file), traces);
}

bool SpilledRows::append(std::string_view text, std::span<const std::uint32_t> row_lengths,
                         std::span<const std::uint32_t> trace_lengths) {
  rows_.insert(rows_.end(), row_lengths.begin(), row_lengths.end());
  if (with_traces_) traces_.insert(traces_.end(), trace_lengths.begin(), trace_lengths.end());
  return file_.append(text);
}

SpilledRows::Range SpilledRows::next(const Range& previous, std::size_t rows) const noexcept {
  Range range;
  range.first = previous.first + previous.count;
  range.offset = previous.offset + previous.bytes;
  range.count = std::min(rows, rows_.size() - std::min(range.first, rows_.size()));
  for (std::size_t i = range.first; i < range.first + range.count; ++i)
    range.bytes += std::uint64_t{rows_[i]} + (with_traces_ ? traces_[i] : 0u);
  return range;
}

}  // namespace crm::internal
