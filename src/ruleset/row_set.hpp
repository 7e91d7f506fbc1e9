// Private: sets of table rows, the unit of table indexing. A bitset holds row r in bit
// r % 64 of word r / 64; a sparse set keeps only the words that may be non-zero, with
// their numbers, so that a set of a few rows of a 100,000-row table takes a few words
// instead of 1,563.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace crm::internal {

/// Words of 64 rows; row r is bit r % 64 of word r / 64.
inline std::size_t row_words(std::size_t rows) { return (rows + 63) / 64; }

inline void set_row(std::uint64_t* words, std::size_t row) { words[row / 64] |= std::uint64_t{1} << (row % 64); }

inline void clear_row(std::uint64_t* words, std::size_t row) { words[row / 64] &= ~(std::uint64_t{1} << (row % 64)); }

inline bool has_row(const std::uint64_t* words, std::size_t row) { return (words[row / 64] >> (row % 64)) & 1; }

/// Calls f(row) for each row in `words` in increasing order until f returns false. The
/// candidates of a large table are mostly zero words: eight at a time are skipped.
template <class F>
void for_each_row(const std::uint64_t* words, std::size_t count, F&& f) {
  std::size_t w = 0;
  for (; w + 8 <= count; w += 8) {
    std::uint64_t any = 0;
    for (std::size_t k = 0; k < 8; ++k) any |= words[w + k];
    if (any == 0) continue;
    for (std::size_t k = w; k < w + 8; ++k)
      for (std::uint64_t bits = words[k]; bits != 0; bits &= bits - 1)
        if (!f(k * 64 + static_cast<std::size_t>(std::countr_zero(bits)))) return;
  }
  for (; w < count; ++w)
    for (std::uint64_t bits = words[w]; bits != 0; bits &= bits - 1)
      if (!f(w * 64 + static_cast<std::size_t>(std::countr_zero(bits)))) return;
}

/// A sparse set of rows: `size` words, word number index[i] holding bits[i], the numbers
/// strictly ascending. A word may be zero; a word not listed is.
struct SparseRows {
  const std::uint32_t* index = nullptr;
  const std::uint64_t* bits = nullptr;
  std::size_t size = 0;

  /// The first position at or after `from` whose word number is at least `word`: a
  /// galloping search, so that walking a set in step with an ascending sequence of
  /// words costs about the logarithm of each step.
  [[nodiscard]] std::size_t seek(std::size_t from, std::uint32_t word) const noexcept {
    if (from >= size || index[from] >= word) return from;
    std::size_t step = 1, low = from;  // index[low] < word
    while (low + step < size && index[low + step] < word) {
      low += step;
      step *= 2;
    }
    std::size_t high = low + step < size ? low + step : size;  // index[high] >= word, or the end
    while (high - low > 1) {
      const std::size_t mid = low + (high - low) / 2;
      (index[mid] < word ? low : high) = mid;
    }
    return high;
  }
  /// The word numbered `word`, found from `from` on (0 when not listed); `from` moves to
  /// where the search stopped.
  [[nodiscard]] std::uint64_t word_at(std::size_t& from, std::uint32_t word) const noexcept {
    from = seek(from, word);
    return from < size && index[from] == word ? bits[from] : 0;
  }
  [[nodiscard]] bool empty() const noexcept {
    for (std::size_t i = 0; i < size; ++i)
      if (bits[i] != 0) return false;
    return true;
  }
  /// The lowest row, or `none`.
  [[nodiscard]] std::size_t first() const noexcept {
    for (std::size_t i = 0; i < size; ++i)
      if (bits[i] != 0) return std::size_t{index[i]} * 64 + static_cast<std::size_t>(std::countr_zero(bits[i]));
    return ~std::size_t{0};
  }
  /// Calls f(row) for each row in increasing order until f returns false.
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < size; ++i)
      for (std::uint64_t b = bits[i]; b != 0; b &= b - 1)
        if (!f(std::size_t{index[i]} * 64 + static_cast<std::size_t>(std::countr_zero(b)))) return;
  }
};

/// A sparse set that owns its words, built in ascending order.
struct SparseRowsBuffer {
  std::vector<std::uint32_t> index;
  std::vector<std::uint64_t> bits;

  void clear() noexcept {
    index.clear();
    bits.clear();
  }
  void push(std::uint32_t word, std::uint64_t b) {
    index.push_back(word);
    bits.push_back(b);
  }
  [[nodiscard]] SparseRows view() const noexcept { return {index.data(), bits.data(), index.size()}; }
};

/// Appends to `out` the non-zero words of a ∩ b: the smaller set is walked and the
/// larger searched. Returns the work done (positions visited), for budgets.
inline std::size_t intersect(SparseRows a, SparseRows b, SparseRowsBuffer& out) {
  if (a.size > b.size) std::swap(a, b);
  std::size_t at = 0, work = a.size;
  for (std::size_t i = 0; i < a.size && at < b.size; ++i) {
    const std::size_t before = at;
    const std::uint64_t x = a.bits[i] & b.word_at(at, a.index[i]);
    work += at - before > 0 ? std::bit_width(at - before) : 0;
    if (x != 0) out.push(a.index[i], x);
  }
  return work;
}

/// Appends a ∪ b to `out` (their words merged, ORed where both have one). Returns the
/// work done.
inline std::size_t unite(SparseRows a, SparseRows b, SparseRowsBuffer& out) {
  std::size_t i = 0, j = 0;
  while (i < a.size || j < b.size) {
    if (j == b.size || (i < a.size && a.index[i] < b.index[j])) {
      out.push(a.index[i], a.bits[i]);
      ++i;
    } else if (i == a.size || b.index[j] < a.index[i]) {
      out.push(b.index[j], b.bits[j]);
      ++j;
    } else {
      out.push(a.index[i], a.bits[i] | b.bits[j]);
      ++i, ++j;
    }
  }
  return a.size + b.size;
}

}  // namespace crm::internal
