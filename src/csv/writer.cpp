// Writing CSV cells (src/csv/csv.hpp): a cell is written as it is
// unless it holds a comma, a quote or a line break; then it goes between quotes, each
// quote doubled. The scan for those bytes is the hot part (a graded row has a dozen
// text cells): sixteen bytes at a time with SSE2, eight at a time elsewhere.
#include <cstdint>
#include <cstring>

#include "src/csv/csv.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace crm::internal::csv {
namespace {

/// Quoting for text shorter than eight bytes, a byte at a time.
Quoting quoting_of_short(std::string_view text) noexcept {
  Quoting q = Quoting::none;
  for (char c : text) {
    if (c == '"') return Quoting::doubled;
    if (c == ',' || c == '\r' || c == '\n') q = Quoting::quotes;
  }
  return q;
}

}  // namespace

Quoting quoting_of_portable(std::string_view text) noexcept {
  const std::size_t n = text.size();
  if (n < 8) return quoting_of_short(text);
  constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  // Nonzero iff a byte of v is zero (exact for the word as a whole).
  auto zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  std::uint64_t quotes = 0, others = 0;
  auto scan = [&](std::size_t at) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + at, 8);
    quotes |= zero_byte(w ^ (ones * '"'));
    others |= zero_byte(w ^ (ones * ',')) | zero_byte(w ^ (ones * '\r')) | zero_byte(w ^ (ones * '\n'));
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) scan(i);
  if (i < n) scan(n - 8);  // the last eight bytes, overlapping
  return quotes ? Quoting::doubled : others ? Quoting::quotes : Quoting::none;
}

Quoting quoting_of(std::string_view text) noexcept {
#if defined(__SSE2__)
  const std::size_t n = text.size();
  if (n < 8) return quoting_of_short(text);
  const char* p = text.data();
  __m128i quotes = _mm_setzero_si128(), others = _mm_setzero_si128();
  auto scan = [&](__m128i v) {
    quotes = _mm_or_si128(quotes, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
    others = _mm_or_si128(others, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
                                               _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
                                                            _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')))));
  };
  auto load16 = [p](std::size_t at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)); };
  auto load8 = [p](std::size_t at) { return _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + at)); };
  if (n < 16) {
    scan(_mm_unpacklo_epi64(load8(0), load8(n - 8)));  // two eights, overlapping
  } else {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) scan(load16(i));
    if (i < n) scan(load16(n - 16));  // the last sixteen bytes, overlapping
  }
  if (_mm_movemask_epi8(quotes)) return Quoting::doubled;
  return _mm_movemask_epi8(others) ? Quoting::quotes : Quoting::none;
#else
  return quoting_of_portable(text);
#endif
}

char* write_cell(char* out, std::string_view text) noexcept {
  if (text.empty()) return out;  // (an empty view may have no data pointer at all)
  const Quoting q = quoting_of(text);
  if (q == Quoting::none) {
    std::memcpy(out, text.data(), text.size());
    return out + text.size();
  }
  *out++ = '"';
  if (q == Quoting::quotes) {
    std::memcpy(out, text.data(), text.size());
    out += text.size();
  } else {
    for (char c : text) {
      *out++ = c;
      if (c == '"') *out++ = '"';
    }
  }
  *out++ = '"';
  return out;
}

void append_cell(std::string& out, std::string_view text) {
  const std::size_t before = out.size();
  out.resize_and_overwrite(before + cell_bound(text), [&](char* buf, std::size_t) noexcept {
    return static_cast<std::size_t>(write_cell(buf + before, text) - buf);
  });
}

}  // namespace crm::internal::csv
