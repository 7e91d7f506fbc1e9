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
  where.column = u32(std::min<std::size_t>(column, UINT32_MAX));
  return Error{code, std::move(message), std::move(where)};
}

/// The code of a record past Options' limits (crm::Limits).
constexpr ErrorCode past_limit = ErrorCode::out_of_range;

/// Where the first line break (CR or LF) in [p, p + n) is: n when there is none.
std::size_t line_break(const char* p, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] == '\n' || p[i] == '\r') return i;
  return n;
}

/// The line breaks in [p, p + n): LF, CRLF and a lone CR count one each.
std::uint64_t count_line_breaks(const char* p, std::size_t n) noexcept {
  std::uint64_t lines = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (p[i] == '\n' || (p[i] == '\r' && (i + 1 == n || p[i + 1] != '\n'))) ++lines;
  return lines;
}

/// Whether the line [p, p + n) (no line break in it) is a whole record of `fields` fields:
/// its quoted fields close on the line and are followed by a delimiter or the line's end.
bool is_record_of(const char* p, std::size_t n, char delimiter, std::size_t fields) noexcept {
  std::size_t count = 1, i = 0;
  for (;;) {
    if (i < n && p[i] == '"') {
      for (++i;;) {  // to the closing quote; "" is one quote
        const void* q = std::memchr(p + i, '"', n - i);
        if (q == nullptr) return false;
        i = static_cast<std::size_t>(static_cast<const char*>(q) - p) + 1;
        if (i == n || p[i] != '"') break;
        ++i;
      }
      if (i < n && p[i] != delimiter) return false;
    } else {
      const void* d = std::memchr(p + i, delimiter, n - i);
      if (d == nullptr) return count == fields;
      i = static_cast<std::size_t>(static_cast<const char*>(d) - p);
    }
    if (i >= n) return count == fields;
    if (++count > fields) return false;
    ++i;
  }
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
  // Row keeps offsets into a record in 32 bits.
  options_.max_record_bytes = std::clamp<std::size_t>(options_.max_record_bytes, 1, UINT32_MAX - 2);
  options_.max_fields = std::max<std::size_t>(options_.max_fields, 1);
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
    // A record longer than the buffer: room for more of it, up to just past the limit
    // (next() refuses a record that passes it before the buffer would grow again).
    const std::size_t most = options_.max_record_bytes + 2;
    buffer_.resize(std::max(buffer_.size() + options_.chunk_bytes, std::min(most, buffer_.size() * 2)));
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

bool Reader::check_start() {
  while (end_ - begin_ < 4 && !eof_)
    if (!fill() && failed_) return false;
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
    return false;
  }
  return true;
}

Status Reader::next(Row& row) {
  if (failed_) return Status::fatal;
  if (!started_ && !check_start()) return Status::fatal;
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
      case Parse::unclosed: return recover(row, true);
      case Parse::need_more:
        // +1: the record may be whole but for the LF after its CR.
        if (end_ - begin_ > options_.max_record_bytes + 1) return recover(row, false);
        if (!fill() && failed_) return Status::fatal;
        continue;
    }
  }
}

Status Reader::bad_record(Row& row) {
  consumed_ += bad_end_ - begin_;
  begin_ = bad_end_;
  line_ += bad_lines_;
  skipped_lines_ = std::max<std::uint64_t>(bad_lines_, 1);
  row.fields_.clear();
  row.spans_.clear();
  row.raw_ = {};
  return Status::bad_row;
}

// ---- Recovery -------------------------------------------------------------------------

Status Reader::recover(Row& row, bool at_end) {
  const std::uint64_t first_line = line_;
  const std::string limit = std::to_string(options_.max_record_bytes);
  if (open_quote_) {
    const OpenQuote quote = *open_quote_;
    drop(begin_ + quote.offset);  // line_ is the quote's now
    error_ = at_end ? located(ErrorCode::parse, "a quoted field opens here and is never closed", line_, quote.column)
                    : located(past_limit,
                              "a quoted field opens here and is still open when its record passes " + limit +
                                  " bytes, the most a record may have (crm::Limits::csv_record_bytes): is its "
                                  "closing quote missing?",
                              line_, quote.column);
    if (skip_line() && expected_fields_ > 0) find_record_start();
  } else {
    // A line longer than the limit outside quotes: the record ends with that line.
    error_ = too_long(line_);
    drop(parse_end_);  // the record's bytes up to where parse() stopped
    (void)skip_line();
  }
  say_skipped(first_line);
  row.fields_.clear();
  row.spans_.clear();
  row.raw_ = {};
  return Status::bad_row;
}

void Reader::drop(std::size_t to) {
  line_ += count_line_breaks(buffer_.data() + begin_, to - begin_);
  consumed_ += to - begin_;
  begin_ = to;
}

bool Reader::skip_line() {
  bool partial = false;  // bytes of an unfinished last line were dropped
  for (;;) {
    const char* const base = buffer_.data();
    const std::size_t at = begin_ + line_break(base + begin_, end_ - begin_);
    if (at < end_ && !(base[at] == '\r' && at + 1 == end_ && !eof_)) {
      const std::size_t next = at + (base[at] == '\r' && at + 1 < end_ && base[at + 1] == '\n' ? 2 : 1);
      consumed_ += next - begin_;
      begin_ = next;
      ++line_;
      return true;
    }
    partial = partial || at > begin_;
    consumed_ += at - begin_;  // up to a CR whose LF is not read yet, or everything
    begin_ = at;
    if (!fill()) {
      if (failed_) return false;
      if (begin_ < end_) continue;  // the CR at the very end
      if (partial) ++line_;
      return false;
    }
  }
}

bool Reader::line_in_buffer(std::size_t& length) {
  for (;;) {
    length = line_break(buffer_.data() + begin_, end_ - begin_);
    if (begin_ + length < end_ || eof_) return true;
    if (length > options_.max_record_bytes) return false;
    if (!fill() && failed_) return false;
  }
}

void Reader::find_record_start() {
  for (;;) {
    std::size_t length = 0;
    if (!line_in_buffer(length)) {  // longer than a record may be, or a read error
      if (failed_ || !skip_line()) return;
      continue;
    }
    if (begin_ == end_) return;  // the end of the input
    if (length > 0 && length <= options_.max_record_bytes &&
        is_record_of(buffer_.data() + begin_, length, options_.delimiter, expected_fields_))
      return;
    if (!skip_line()) return;
  }
}

void Reader::say_skipped(std::uint64_t first_line) {
  if (begin_ == end_ && !eof_) (void)fill();  // is there more?
  skipped_lines_ = line_ - first_line;
  const bool to_end = begin_ == end_;
  std::string& m = error_.message;
  if (skipped_lines_ <= 1)
    m += "; line " + std::to_string(first_line) + " skipped";
  else
    m += "; " + std::to_string(skipped_lines_) + " lines (" + std::to_string(first_line) + " to " +
         std::to_string(line_ - 1) + ") skipped";
  m += to_end ? ", to the end of the file" : ", reading resumes at line " + std::to_string(line_);
}

/// The fields of a record that has no quote and ends (at CR or LF) in the buffer, found
/// from bit masks of sixteen bytes at a time; false when the record has a quote or does
/// not end before end_ (parse then reads it byte by byte), or without SSE2.
bool Reader::parse_plain(Row& row, std::size_t& record_end) {
#if defined(__SSE2__)
  const char delimiter = options_.delimiter;
  if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') return false;
  const char* const base = buffer_.data();
  const std::size_t start = begin_, end = parse_end_, size = buffer_.size();
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
        return row.spans_.size() <= options_.max_fields;  // too wide: the general path
      }
      field_start = at + 1;
    }
    if (quotes != 0 || row.spans_.size() > options_.max_fields) return false;  // too wide: the general path
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
  wide_ = false;
  open_quote_.reset();
  // Only the first max_record_bytes + 1 bytes of a record are parsed: whether a record is
  // too long, and where it is broken off, depend on its bytes alone, not on the buffer.
  parse_end_ = end_ - begin_ > options_.max_record_bytes + 1 ? begin_ + options_.max_record_bytes + 1 : end_;
  final_ = eof_ && parse_end_ == end_;
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
  const std::size_t start = begin_, end = parse_end_;
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
    if (row.spans_.size() > options_.max_fields) {  // counted, not kept: end_record refuses it
      row.spans_.pop_back();
      wide_ = true;
    }
    if (i >= end) return final_ ? Parse::complete : Parse::need_more;  // the last record may lack a line ending
    if (base[i] != delimiter) return Parse::complete;                 // a line ending
    blank = false;
    ++i;
  }
}

Reader::Parse Reader::parse_quoted(Row& row, std::size_t& i, bool& quoted_breaks) {
  const char* const base = buffer_.data();
  const std::size_t start = begin_, end = parse_end_, field_start = i;
  const std::size_t unescaped_at = row.unescaped_.size();
  bool escaped = false;
  std::size_t j = i + 1;
  for (;;) {
    const void* q = j < end ? std::memchr(base + j, '"', end - j) : nullptr;
    // Still open at the end of what is read (a quote in the last byte may be the first of "").
    if (q == nullptr || (static_cast<const char*>(q) + 1 >= base + end && !final_)) {
      open_quote_ = OpenQuote{field_start - start, row.spans_.size() + 1};
      return final_ ? Parse::unclosed : Parse::need_more;
    }
    const std::size_t k = static_cast<std::size_t>(static_cast<const char*>(q) - base);
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
    // Text after the closing quote: skip the rest of this line (to CR, LF or CRLF).
    const std::size_t at = i + line_break(base + i, end - i);
    if (at == end && !final_) return Parse::need_more;
    if (at < end && base[at] == '\r' && at + 1 >= end_ && !eof_) return Parse::need_more;  // an LF next?
    bad_end_ = at == end ? end : at + (base[at] == '\r' && at + 1 < end_ && base[at + 1] == '\n' ? 2 : 1);
    bad_lines_ = count_newlines(base + start, at - start) + (at < end ? 1 : 0);
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
  if (wide_)
    return bad_end_record(next, lines,
                          located(past_limit,
                                  "the record has more than " + std::to_string(options_.max_fields) +
                                      " fields, the most a record may have (crm::Limits::csv_columns)",
                                  line_, options_.max_fields + 1));
  if (record_end - start > options_.max_record_bytes)  // the last record, ending where the input does
    return bad_end_record(next, lines, too_long(line_));
  row.raw_ = std::string_view(base + start, record_end - start);
  row.line_ = line_;
  if (const std::size_t bad = find_invalid_utf8(row.raw_); bad != std::string_view::npos) {
    std::size_t field = 0;
    while (field + 1 < row.spans_.size() && row.spans_[field + 1].raw_offset <= bad) ++field;
    return bad_end_record(next, lines,
                          located(ErrorCode::invalid_utf8,
                                  "byte " + hex_byte(static_cast<unsigned char>(row.raw_[bad])) +
                                      " is not UTF-8: the file must be UTF-8 (convert a GBK or GB18030 export with "
                                      "'iconv -f GB18030 -t UTF-8')",
                                  line_ + count_newlines(row.raw_.data(), bad), field + 1));
  }
  row.finish();
  consumed_ += next - start;
  begin_ = next;
  line_ += lines;
  return Parse::complete;
}

Error Reader::too_long(std::uint64_t line) const {
  return located(past_limit,
                 "a record longer than " + std::to_string(options_.max_record_bytes) +
                     " bytes (crm::Limits::csv_record_bytes) starts here",
                 line, 1);
}

Reader::Parse Reader::bad_end_record(std::size_t next, std::uint64_t lines, Error error) {
  bad_end_ = next;
  bad_lines_ = lines;
  error_ = std::move(error);
  return Parse::bad;
}

// ---- Header ---------------------------------------------------------------------------

expected<Header> Header::from(const Row& row) {
  Header header;
  header.names_.reserve(row.size());
  header.index_.reserve(row.size());
  for (std::size_t i = 0; i < row.size(); ++i) {
    const std::string_view name = trim(row[i]);
    if (name.empty()) return unexpected(row.error_at(i, ErrorCode::parse, "the header has an empty column name"));
    const auto [at, fresh] = header.index_.try_emplace(std::string(name), i);
    if (!fresh)
      return unexpected(row.error_at(i, ErrorCode::conflict,
                                     "the header names '" + std::string(name) + "' twice (columns " +
                                         std::to_string(at->second + 1) + " and " + std::to_string(i + 1) + ")"));
    header.names_.emplace_back(name);
  }
  return header;
}

std::optional<std::size_t> Header::index_of(std::string_view name) const noexcept {
  const auto at = index_.find(name);
  if (at == index_.end()) return std::nullopt;
  return at->second;
}

expected<void> Header::check(const Row& row) const {
  if (row.size() == names_.size()) return {};
  const std::size_t column = std::min(row.size(), names_.size());
  return unexpected(row.error_at(column, ErrorCode::parse,
                                 "the row has " + std::to_string(row.size()) + " fields, the header " +
                                     std::to_string(names_.size())));
}

}  // namespace crm::internal::csv
