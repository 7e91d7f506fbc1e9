// Private: a fixed-size set of table rows as a bitset, the unit of table indexing.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace crm::internal {

/// Words of 64 rows; row r is bit r % 64 of word r / 64.
inline std::size_t row_words(std::size_t rows) { return (rows + 63) / 64; }

inline void set_row(std::uint64_t* words, std::size_t row) { words[row / 64] |= std::uint64_t{1} << (row % 64); }

inline bool has_row(const std::uint64_t* words, std::size_t row) {
  return (words[row / 64] >> (row % 64)) & 1;
}

/// Calls f(row) for each row in `words` in increasing order until f returns false.
template <class F>
void for_each_row(const std::uint64_t* words, std::size_t count, F&& f) {
  for (std::size_t w = 0; w < count; ++w)
    for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1)
      if (!f(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)))) return;
}

}  // namespace crm::internal
