// Private: a streaming CSV reader (RFC 4180 and what spreadsheets really write), and
// the writer of cells (csv::write_cell, at the end).
//
//   auto reader = crm::internal::csv::Reader::open_file("portfolio.csv");
//   if (!reader) { report(reader.error()); return; }            // io: cannot open
//   crm::internal::csv::Row row;
//   if (reader->next(row) != Status::row) { ... }               // empty file, or fatal
//   auto header = crm::internal::csv::Header::from(row);        // names -> columns
//   reader->expect_fields(header->size());                      // where to resume after a broken quote
//   for (;;) {
//     switch (reader->next(row)) {
//       case Status::row: use(row[header->index_of("id").value()], row.line()); break;
//       case Status::bad_row: skip(reader->error()); break;      // line + column; go on
//       case Status::fatal: stop(reader->error()); return;        // io, UTF-16
//       case Status::end: return;
//     }
//   }
//
// What it reads:
// - UTF-8 text, with or without a UTF-8 byte-order mark (skipped). A UTF-16 or UTF-32
//   byte-order mark is a fatal error that says so. Every record is validated: a record
//   with bytes that are not UTF-8 (a GBK export, say) is a bad_row naming the line and
//   column of the first bad byte, and the next record reads normally.
// - Fields separated by a delimiter (',' by default); records end at LF, CRLF or a lone
//   CR. Blank lines are skipped (but counted in line numbers).
// - Quoted fields ("...") may hold the delimiter, line breaks and doubled quotes ("").
//   Text after a closing quote (`"a"b,`) makes the record a bad_row, skipped to the end of
//   the line that text is on. A quote inside an unquoted field is kept literally (as
//   Python's csv module and spreadsheets do).
// Rows are not required to have the header's field count: callers decide (Header::check).
//
// Limits (crm::Limits, Options::from): a record of more than Options::max_fields fields
// or more than Options::max_record_bytes bytes is a bad_row naming the limit, and reading
// goes on. Neither the memory nor the time a record costs can grow past them.
//
// Recovery: a record that cannot be read to its end is a bad_row, and reading carries on
// from the next line that starts a record, as far as that can be decided:
// - a quoted field never closed (the file ends inside it), or one still open when the
//   record passes max_record_bytes (an unclosed quote swallowing the file): the error
//   names the line and column where the quote opened. Everything from the quote to the
//   end of its line belongs to the bad record. Reading resumes at the first later line
//   that is a whole record on its own with the header's number of fields (expect_fields;
//   quotes closed on that line, no text after a closing quote); without expect_fields, at
//   the line after the quote's. The lines between are skipped.
// - a line longer than max_record_bytes outside quotes: reading resumes at the next line.
// The error's message says which lines were skipped and where reading resumes. Its limit:
// CSV cannot always tell data from structure. A line inside a broken quoted field that
// happens to have the header's number of fields is taken for a record (the caller then
// reads it like any other, usually refusing a value), and a real record of several lines
// right after the bad one is skipped with it. Memory while skipping stays one buffer of
// at most max_record_bytes: skipped lines are dropped as they are passed.
//
// Places in errors: Location::line is the physical line from 1 (a record that spans lines
// reports the line of the problem itself); Location::column is the 1-based FIELD number
// (the spreadsheet column), which is what a user can find in a spreadsheet.
//
// Memory: one buffer of about Options::chunk_bytes (grown only for a longer record, up to
// max_record_bytes), whatever the file's size. A Row's fields are views into the reader's
// buffer, valid until the next call of next().
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crmrules/error.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/limits.hpp"

namespace crm::internal::csv {

struct Options {
  char delimiter = ',';
  std::size_t chunk_bytes = std::size_t{1} << 20;            // bytes read at a time
  std::size_t max_record_bytes = Limits{}.csv_record_bytes;  // longer: a bad_row (at most 4 GiB)
  std::size_t max_fields = Limits{}.csv_columns;             // more: a bad_row

  /// The defaults with the limits' csv_columns and csv_record_bytes.
  [[nodiscard]] static Options from(const Limits& limits) noexcept {
    Options o;
    o.max_record_bytes = limits.csv_record_bytes;
    o.max_fields = limits.csv_columns;
    return o;
  }
};

/// One record. Views into the reader's buffer: valid until the reader's next call.
class Row {
 public:
  [[nodiscard]] std::size_t size() const noexcept { return fields_.size(); }
  [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept { return fields_[i]; }
  /// The first physical line of the record (from 1).
  [[nodiscard]] std::uint64_t line() const noexcept { return line_; }
  /// The physical line on which field i starts (later than line() after a quoted line break).
  [[nodiscard]] std::uint64_t line_of(std::size_t field) const noexcept;
  /// The record's bytes as they are in the file (without its line ending).
  [[nodiscard]] std::string_view raw() const noexcept { return raw_; }
  /// An error located at field i (line_of(i), column i + 1).
  [[nodiscard]] Error error_at(std::size_t field, ErrorCode code, std::string message) const;

 private:
  friend class Reader;
  struct Span {
    std::uint32_t offset;  // into raw_ (plain) or into unescaped_ (escaped)
    std::uint32_t length;
    std::uint32_t raw_offset;  // where the field starts in raw_
    bool escaped;
  };
  void finish();  // turns spans_ into fields_

  std::vector<std::string_view> fields_;
  std::vector<Span> spans_;
  std::string unescaped_;  // fields that held doubled quotes, unescaped
  std::string_view raw_;
  std::uint64_t line_ = 0;
};

enum class Status {
  row,      // a record was read into the Row
  bad_row,  // a record was malformed and skipped: error() says where; call next() again
  end,      // no more records
  fatal,    // reading cannot go on (a read error, a UTF-16 file): error() says why
};

class Reader {
 public:
  Reader(Reader&&) noexcept;
  Reader& operator=(Reader&&) noexcept;
  ~Reader();

  /// Reads the file at path ("-" is standard input). An io error names the file.
  [[nodiscard]] static expected<Reader> open_file(const std::string& path, Options options = {});
  /// Reads text held in memory (copied), in the same chunks as a file.
  static Reader from_string(std::string_view text, Options options = {});

  /// The next record (see Status).
  Status next(Row& row);

  /// The header's number of fields: after a quote never closed, reading resumes at the
  /// first line that is a record of this many fields on its own (0: at the next line).
  void expect_fields(std::size_t fields) noexcept { expected_fields_ = fields; }

  /// The last bad_row or fatal error, with its line and column.
  [[nodiscard]] const Error& error() const noexcept { return error_; }
  /// Bytes consumed so far (for progress), and the file's size when known.
  [[nodiscard]] std::uint64_t bytes_consumed() const noexcept { return consumed_; }
  [[nodiscard]] std::optional<std::uint64_t> total_bytes() const noexcept { return total_; }
  /// The line the next record starts on.
  [[nodiscard]] std::uint64_t line() const noexcept { return line_; }
  /// The lines the last bad_row took with it, its own included (0 before any).
  [[nodiscard]] std::uint64_t skipped_lines() const noexcept { return skipped_lines_; }
  /// The buffer's size now: about chunk_bytes, at most max_record_bytes + chunk_bytes.
  [[nodiscard]] std::size_t buffer_bytes() const noexcept { return buffer_.size(); }

 private:
  // unclosed: a quoted field still open at the end of the input (open_quote_ says where).
  enum class Parse { complete, blank, need_more, bad, unclosed };
  Reader(std::FILE* file, bool owns, Options options);
  [[nodiscard]] bool check_start();  // the byte-order mark; false: fatal (error_ set)
  Parse parse(Row& row);
  bool parse_plain(Row& row, std::size_t& record_end);  // parse's fast path (a record without quotes)
  // parse's general path, field by field from i: complete when a record ends at i.
  Parse parse_fields(Row& row, std::size_t& i, bool& blank, bool& quoted_breaks);
  Parse parse_quoted(Row& row, std::size_t& i, bool& quoted_breaks);
  // The record [begin_, record_end) and its line ending: a row, a blank line or a bad row.
  Parse end_record(Row& row, std::size_t record_end, bool blank, bool quoted_breaks);
  Parse bad_end_record(std::size_t next, std::uint64_t lines, Error error);
  [[nodiscard]] Error too_long(std::uint64_t line) const;
  bool fill();  // reads more; false at end of input (or on a read error: error_ set, fatal)
  Status bad_record(Row& row);
  // Recovery (the file's comment): the record at begin_ cannot be read to its end.
  Status recover(Row& row, bool at_end);
  void drop(std::size_t to);                               // forgets buffer_[begin_, to), counting its lines
  [[nodiscard]] bool skip_line();                          // drops through the next line break; false at the end
  void find_record_start();                                // drops lines until one is a record of expected_fields_
  [[nodiscard]] bool line_in_buffer(std::size_t& length);  // the line at begin_ is whole in the buffer
  void say_skipped(std::uint64_t first_line);              // appends the lines skipped to error_

  struct FileCloser {
    void operator()(std::FILE* f) const noexcept;
  };
  std::unique_ptr<std::FILE, FileCloser> owned_;
  std::FILE* file_ = nullptr;
  std::string memory_;  // from_string's text (file_ is null then), read in chunks too
  std::size_t memory_at_ = 0;
  Options options_;
  std::string buffer_;
  std::size_t begin_ = 0, end_ = 0;  // unread bytes are buffer_[begin_, end_)
  bool eof_ = false;
  bool started_ = false;  // the byte-order mark was checked
  bool failed_ = false;   // a fatal error happened: every later call is fatal too
  bool wide_ = false;     // parse(): the record has more than max_fields fields
  bool final_ = false;    // parse(): the input ends at parse_end_
  std::size_t parse_end_ = 0;  // parse() reads buffer_[begin_, parse_end_)
  std::uint64_t line_ = 1;
  std::uint64_t consumed_ = 0;
  std::optional<std::uint64_t> total_;
  Error error_;
  // Set by parse() for bad records: where the record's bytes end.
  std::size_t bad_end_ = 0;
  std::uint64_t bad_lines_ = 0;
  // Set by parse() when it stops inside a quoted field: where the quote opened.
  struct OpenQuote {
    std::size_t offset;  // from begin_
    std::size_t column;  // the field's position from 1
  };
  std::optional<OpenQuote> open_quote_;
  std::size_t expected_fields_ = 0;
  std::uint64_t skipped_lines_ = 0;
};

/// A header row: column names (trimmed of spaces) and their positions, found by hashing
/// (time linear in the header's size).
class Header {
 public:
  /// The header in `row`. A duplicate or empty name is an error naming the column.
  [[nodiscard]] static expected<Header> from(const Row& row);

  [[nodiscard]] std::size_t size() const noexcept { return names_.size(); }
  [[nodiscard]] const std::string& name(std::size_t column) const noexcept { return names_[column]; }
  [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }
  /// The column (from 0) called name, or nothing.
  [[nodiscard]] std::optional<std::size_t> index_of(std::string_view name) const noexcept;

  /// A row with another number of fields than the header is an error naming its line.
  [[nodiscard]] expected<void> check(const Row& row) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> index_;
};

// ---- Writing ------------------------------------------------------------------------
// A cell is written as it is unless it holds a comma, a quote, CR or LF: then between
// quotes, each quote doubled (what the reader reads back, and what spreadsheets write).

/// What text needs as a CSV cell.
enum class Quoting {
  none,     // as it is
  quotes,   // between quotes (a comma or line break, no quote)
  doubled,  // between quotes, each quote doubled
};
/// The text's quoting, scanned sixteen bytes at a time where the CPU has SSE2.
[[nodiscard]] Quoting quoting_of(std::string_view text) noexcept;
/// The same, eight bytes at a time on any CPU (quoting_of without SSE2; tests compare them).
[[nodiscard]] Quoting quoting_of_portable(std::string_view text) noexcept;
/// The most bytes write_cell writes for text.
[[nodiscard]] constexpr std::size_t cell_bound(std::string_view text) noexcept { return 2 * text.size() + 2; }
/// Writes text as a cell at out (room for cell_bound(text) bytes) and returns its end.
char* write_cell(char* out, std::string_view text) noexcept;
/// Appends text as a cell.
void append_cell(std::string& out, std::string_view text);

/// Text trimmed of ASCII spaces and tabs at both ends.
[[nodiscard]] inline std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace crm::internal::csv
