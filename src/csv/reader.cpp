// The streaming CSV reader (src/csv/csv.hpp): one buffer, records
// parsed in place, quoted fields unescaped into the row only when they hold "".
#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "src/csv/csv.hpp"
#include "src/core/utf8.hpp"
#include "src/platform/file_size.hpp"

namespace crm::internal::csv {
namespace {

std::uint32_t u32(std::size_t n) noexcept { return static_cast<std::uint32_t>(n); }

std::uint64_t count_newlines(const char* p, std::size_t n) noexcept {
  std::uint64_t lines = 0;
  const char* end = p + n;
  while (p < end) {
    const void* q = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (q == nullptr) break;
    ++lines;
    p = static_cast<const char*>(q) + 1;
  }
  return lines;
}

std::string hex_byte(unsigned char b) {
  static constexpr char digits[] = "0123456789ABCDEF";
  return std::string("0x") + digits[b >> 4] + digits[b & 0xF];
}

Error located(ErrorCode code, std::string message, std::uint64_t line, std::size_t column) {
  Location where;
  where.line = static_cast<std::uint32_t>(std::min<std::uint64_t>(line, UINT32_MAX));
  where.column = u32(column);
  return Error{code, std::move(message), std::move(where)};
}

}  // namespace

// ---- Row ------------------------------------------------------------------------------

std::uint64_t Row::line_of(std::size_t field) const noexcept {
  if (field >= spans_.size()) return line_;
  return line_ + count_newlines(raw_.data(), spans_[field].raw_offset);
}

Error Row::error_at(std::size_t field, ErrorCode code, std::string message) const {
  return located(code, std::move(message), line_of(field), field + 1);
}

void Row::finish() {
  fields_.resize(spans_.size());
  for (std::size_t i = 0; i < spans_.size(); ++i) {
    const Span& s = spans_[i];
    fields_[i] = std::string_view((s.escaped ? unescaped_.data() : raw_.data()) + s.offset, s.length);
  }
}

// ---- Reader ---------------------------------------------------------------------------

void Reader::FileCloser::operator()(std::FILE* f) const noexcept {
  if (f != nullptr) std::fclose(f);
}

Reader::Reader(std::FILE* file, bool owns, Options options) : file_(file), options_(options) {
  if (owns) owned_.reset(file);
  options_.chunk_bytes = std::max<std::size_t>(options_.chunk_bytes, 64);
  options_.max_record_bytes = std::max(options_.max_record_bytes, options_.chunk_bytes);
}

Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;
Reader::~Reader() = default;

expected<Reader> Reader::open_file(const std::string& path, Options options) {
  if (path == "-") return Reader(stdin, false, options);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr)
    return fail(ErrorCode::io, "cannot open '" + path + "': " + std::strerror(errno));
  Reader reader(f, true, options);
  reader.total_ = regular_file_size(f);
  reader.buffer_.resize(reader.options_.chunk_bytes);
  return reader;
}

Reader Reader::from_string(std::string_view text, Options options) {
  Reader reader(nullptr, false, options);
  reader.memory_.assign(text.data(), text.size());
  reader.buffer_.resize(reader.options_.chunk_bytes);
  reader.total_ = text.size();
  return reader;
}

bool Reader::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) {
    if (buffer_.size() >= options_.max_record_bytes) {
      failed_ = true;
      error_ = located(ErrorCode::parse,
                       "a record longer than " + std::to_string(options_.max_record_bytes) +
                           " bytes starts here (is a quoted field left open?)",
                       line_, 1);
      return false;
    }
    buffer_.resize(std::min(options_.max_record_bytes, buffer_.size() * 2));
  }
  std::size_t n;
  if (file_ != nullptr) {
    n = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
  } else {  // from_string: the same chunks, from memory
    n = std::min(buffer_.size() - end_, memory_.size() - memory_at_);
    std::memcpy(buffer_.data() + end_, memory_.data() + memory_at_, n);
    memory_at_ += n;
  }
  if (n == 0) {
    if (file_ != nullptr && std::ferror(file_)) {
      failed_ = true;
      error_ = located(ErrorCode::io, std::string("cannot read: ") + std::strerror(errno), line_, 0);
      return false;
    }
    eof_ = true;
    return false;
  }
  end_ += n;
  return true;
}

Status Reader::next(Row& row) {
  if (failed_) return Status::fatal;
  if (!started_) {
    while (end_ - begin_ < 4 && !eof_)
      if (!fill() && failed_) return Status::fatal;
    started_ = true;
    const auto* b = reinterpret_cast<const unsigned char*>(buffer_.data() + begin_);
    const std::size_t n = end_ - begin_;
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
      begin_ += 3;
      consumed_ += 3;
    } else if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
      failed_ = true;
      error_ = located(ErrorCode::invalid_utf8,
                       "the file is UTF-16 (it starts with the byte-order mark " + hex_byte(b[0]) + " " + hex_byte(b[1]) +
                           "): save it as UTF-8",
                       1, 1);
      return Status::fatal;
    }
  }
  for (;;) {
    if (begin_ == end_) {
      if (eof_) return Status::end;
      if (!fill()) {
        if (failed_) return Status::fatal;
        continue;
      }
    }
    switch (parse(row)) {
      case Parse::complete: return Status::row;
      case Parse::blank: continue;
      case Parse::bad: return bad_record(row);
      case Parse::fatal: failed_ = true; return Status::fatal;
      case Parse::need_more:
        if (!fill() && failed_) return Status::fatal;
        continue;
    }
  }
}

Status Reader::bad_record(Row& row) {
  consumed_ += bad_end_ - begin_;
  begin_ = bad_end_;
  line_ += bad_lines_;
  row.fields_.clear();
  row.spans_.clear();
  row.raw_ = {};
  return Status::bad_row;
}

/// The fields of a record that has no quote and ends (at CR or LF) in the buffer, found
/// from bit masks of sixteen bytes at a time; false when the record has a quote or does
/// not end before end_ (parse then reads it byte by byte), or without SSE2.
bool Reader::parse_plain(Row& row, std::size_t& record_end) {
#if defined(__SSE2__)
  const char delimiter = options_.delimiter;
  if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') return false;
  const char* const base = buffer_.data();
  const std::size_t start = begin_, end = end_, size = buffer_.size();
  const __m128i d = _mm_set1_epi8(delimiter), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n'),
                quote = _mm_set1_epi8('"');
  std::size_t field_start = start;
  for (std::size_t block = start; block < end && block + 16 <= size; block += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + block));
    auto stops = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)))));
    auto quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)));
    if (end - block < 16) {  // bytes from end on are not read yet
      const unsigned read = (1u << (end - block)) - 1;
      stops &= read;
      quotes &= read;
    }
    for (; stops != 0; stops &= stops - 1) {
      const unsigned bit = static_cast<unsigned>(std::countr_zero(stops));
      if ((quotes & ((1u << bit) - 1)) != 0) return false;  // a quote in this field
      const std::size_t at = block + bit;
      row.spans_.push_back({u32(field_start - start), u32(at - field_start), u32(field_start - start), false});
      if (base[at] != delimiter) {
        record_end = at;
        return true;
      }
      field_start = at + 1;
    }
    if (quotes != 0) return false;
  }
#else
  (void)row;
  (void)record_end;
#endif
  return false;
}

Reader::Parse Reader::parse(Row& row) {
  row.spans_.clear();
  row.unescaped_.clear();
  std::size_t i = begin_;
  bool blank = false;          // a blank line: one empty unquoted field
  bool quoted_breaks = false;  // a quoted field holds a line break
  if (parse_plain(row, i)) {
    blank = row.spans_.size() == 1 && row.spans_[0].length == 0;
  } else {
    row.spans_.clear();
    i = begin_;
    if (const Parse p = parse_fields(row, i, blank, quoted_breaks); p != Parse::complete) return p;
  }
  return end_record(row, i, blank, quoted_breaks);
}

Reader::Parse Reader::parse_fields(Row& row, std::size_t& i, bool& blank, bool& quoted_breaks) {
  static const std::array<bool, 256> plain_stop = [] {
    std::array<bool, 256> t{};
    t[static_cast<unsigned char>('\n')] = t[static_cast<unsigned char>('\r')] = true;
    return t;
  }();
  const char* const base = buffer_.data();
  const std::size_t start = begin_, end = end_;
  const char delimiter = options_.delimiter;
  blank = true;
  for (;;) {  // one field per turn
    if (i < end && base[i] == '"') {
      blank = false;
      if (const Parse p = parse_quoted(row, i, quoted_breaks); p != Parse::complete) return p;
    } else {
      std::size_t j = i;
      while (j < end && base[j] != delimiter && !plain_stop[static_cast<unsigned char>(base[j])]) ++j;
      if (j > i) blank = false;
      row.spans_.push_back({u32(i - start), u32(j - i), u32(i - start), false});
      i = j;
    }
    if (i >= end) return eof_ ? Parse::complete : Parse::need_more;  // the last record may lack a line ending
    if (base[i] != delimiter) return Parse::complete;                 // a line ending
    blank = false;
    ++i;
  }
}

Reader::Parse Reader::parse_quoted(Row& row, std::size_t& i, bool& quoted_breaks) {
  const char* const base = buffer_.data();
  const std::size_t start = begin_, end = end_, field_start = i;
  const std::size_t unescaped_at = row.unescaped_.size();
  bool escaped = false;
  std::size_t j = i + 1;
  for (;;) {
    const void* q = j < end ? std::memchr(base + j, '"', end - j) : nullptr;
    if (q == nullptr) {
      if (!eof_) return Parse::need_more;
      error_ = located(ErrorCode::parse, "a quoted field opens here and is never closed",
                       line_ + count_newlines(base + start, field_start - start), row.spans_.size() + 1);
      return Parse::fatal;
    }
    const std::size_t k = static_cast<std::size_t>(static_cast<const char*>(q) - base);
    if (k + 1 >= end && !eof_) return Parse::need_more;
    if (k + 1 < end && base[k + 1] == '"') {  // "" is one quote
      escaped = true;
      row.unescaped_.append(base + j, k + 1 - j);
      j = k + 2;
      continue;
    }
    if (!quoted_breaks && std::memchr(base + field_start, '\n', k - field_start) != nullptr) quoted_breaks = true;
    if (escaped) {
      row.unescaped_.append(base + j, k - j);
      row.spans_.push_back({u32(unescaped_at), u32(row.unescaped_.size() - unescaped_at), u32(field_start - start), true});
    } else {
      row.spans_.push_back({u32(field_start + 1 - start), u32(k - field_start - 1), u32(field_start - start), false});
    }
    i = k + 1;
    break;
  }
  if (i < end && base[i] != options_.delimiter && base[i] != '\n' && base[i] != '\r') {
    // Text after the closing quote: skip the rest of this line.
    const void* nl = std::memchr(base + i, '\n', end - i);
    if (nl == nullptr && !eof_) return Parse::need_more;
    bad_end_ = nl == nullptr ? end : static_cast<std::size_t>(static_cast<const char*>(nl) - base) + 1;
    bad_lines_ = count_newlines(base + start, bad_end_ - start);
    error_ = located(ErrorCode::parse,
                     "unexpected text after a closing quote (a quote inside a quoted field is written \"\")",
                     line_ + count_newlines(base + start, i - start), row.spans_.size());
    return Parse::bad;
  }
  return Parse::complete;
}

Reader::Parse Reader::end_record(Row& row, std::size_t record_end, bool blank, bool quoted_breaks) {
  const char* const base = buffer_.data();
  const std::size_t start = begin_, end = end_;
  std::size_t next = record_end;
  if (next < end && base[next] == '\r') {
    if (next + 1 >= end && !eof_) return Parse::need_more;
    ++next;
    if (next < end && base[next] == '\n') ++next;
  } else if (next < end && base[next] == '\n') {
    ++next;
  }
  // Unquoted fields stop at line ends: only quoted ones can hold a line break.
  const std::uint64_t lines =
      (quoted_breaks ? count_newlines(base + start, record_end - start) : 0) + (next > record_end ? 1 : 0);
  if (blank && row.spans_.size() == 1) {  // a blank line
    consumed_ += next - start;
    begin_ = next;
    line_ += lines;
    return Parse::blank;
  }
  row.raw_ = std::string_view(base + start, record_end - start);
  row.line_ = line_;
  if (const std::size_t bad = find_invalid_utf8(row.raw_); bad != std::string_view::npos) {
    std::size_t field = 0;
    while (field + 1 < row.spans_.size() && row.spans_[field + 1].raw_offset <= bad) ++field;
    bad_end_ = next;
    bad_lines_ = lines;
    error_ = located(ErrorCode::invalid_utf8,
                     "byte " + hex_byte(static_cast<unsigned char>(row.raw_[bad])) +
                         " is not UTF-8: the file must be UTF-8 (convert a GBK or GB18030 export with "
                         "'iconv -f GB18030 -t UTF-8')",
                     line_ + count_newlines(row.raw_.data(), bad), field + 1);
    return Parse::bad;
  }
  row.finish();
  consumed_ += next - start;
  begin_ = next;
  line_ += lines;
  return Parse::complete;
}

// ---- Header ---------------------------------------------------------------------------

expected<Header> Header::from(const Row& row) {
  Header header;
  header.names_.reserve(row.size());
  for (std::size_t i = 0; i < row.size(); ++i) {
    const std::string_view name = trim(row[i]);
    if (name.empty()) return unexpected(row.error_at(i, ErrorCode::parse, "the header has an empty column name"));
    if (auto previous = header.index_of(name))
      return unexpected(row.error_at(i, ErrorCode::conflict,
                                     "the header names '" + std::string(name) + "' twice (columns " +
                                         std::to_string(*previous + 1) + " and " + std::to_string(i + 1) + ")"));
    header.names_.emplace_back(name);
  }
  return header;
}

std::optional<std::size_t> Header::index_of(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return i;
  return std::nullopt;
}

expected<void> Header::check(const Row& row) const {
  if (row.size() == names_.size()) return {};
  const std::size_t column = std::min(row.size(), names_.size());
  return unexpected(row.error_at(column, ErrorCode::parse,
                                 "the row has " + std::to_string(row.size()) + " fields, the header " +
                                     std::to_string(names_.size())));
}

}  // namespace crm::internal::csv
