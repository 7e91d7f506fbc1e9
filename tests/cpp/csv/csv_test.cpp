// The streaming CSV reader: quoting, line endings, BOM, UTF-8, errors with places, and
// records that straddle the reader's chunks.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "src/csv/csv.hpp"

namespace csv = crm::internal::csv;
using csv::Reader;
using csv::Status;

namespace {

struct Read {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint64_t> lines;
  std::vector<crm::Error> bad;  // bad_row errors, in order
  std::vector<std::uint64_t> skipped;  // the lines each bad row took
  std::optional<crm::Error> fatal;
};

Read read_all(std::string_view text, std::size_t chunk = 1 << 20, csv::Options options = {},
              std::size_t expect_fields = 0) {
  options.chunk_bytes = chunk;
  Reader reader = Reader::from_string(text, options);
  reader.expect_fields(expect_fields);
  Read out;
  csv::Row row;
  for (int guard = 0; guard < 10000; ++guard) {
    const Status s = reader.next(row);
    if (s == Status::end) return out;
    if (s == Status::fatal) {
      out.fatal = reader.error();
      return out;
    }
    if (s == Status::bad_row) {
      out.bad.push_back(reader.error());
      out.skipped.push_back(reader.skipped_lines());
      continue;
    }
    std::vector<std::string> fields;
    for (std::size_t i = 0; i < row.size(); ++i) fields.emplace_back(row[i]);
    out.rows.push_back(fields);
    out.lines.push_back(row.line());
  }
  FAIL("the reader did not end");
  return out;
}

using Fields = std::vector<std::string>;

}  // namespace

TEST_CASE("csv: plain records, CRLF, LF, lone CR and a last line without an ending", "[csv]") {
  for (std::size_t chunk : {std::size_t{64}, std::size_t{1} << 20}) {
    auto r = read_all("id,name\r\n1,a\n2,b\r3,c", chunk);
    REQUIRE_FALSE(r.fatal);
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[0] == Fields{"id", "name"});
    CHECK(r.rows[3] == Fields{"3", "c"});
    CHECK(r.lines == std::vector<std::uint64_t>{1, 2, 3, 4});
  }
}

TEST_CASE("csv: quoted fields hold delimiters, doubled quotes and line breaks", "[csv]") {
  auto r = read_all("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n\"\",,\"\"\"\"\nlast,1,2\n");
  REQUIRE_FALSE(r.fatal);
  REQUIRE(r.bad.empty());
  REQUIRE(r.rows.size() == 4);
  CHECK(r.rows[1] == Fields{"x,y", "say \"hi\"", "two\r\nlines"});
  CHECK(r.rows[2] == Fields{"", "", "\""});
  CHECK(r.lines == std::vector<std::uint64_t>{1, 2, 4, 5});  // the quoted break counts as a line
}

TEST_CASE("csv: records that straddle chunks read the same at every chunk size", "[csv]") {
  std::string text = "\xEF\xBB\xBFid,name,note\r\n";
  for (int i = 0; i < 40; ++i)
    text += std::to_string(i) + ",\"华为 " + std::to_string(i) + "\",\"a \"\"q\"\", b\r\nc\"\r\n";
  const auto reference = read_all(text, 1 << 20);
  REQUIRE(reference.rows.size() == 41);
  CHECK(reference.rows[0][0] == "id");  // the BOM is gone
  CHECK(reference.rows[5] == Fields{"4", "华为 4", "a \"q\", b\r\nc"});
  for (std::size_t chunk = 64; chunk < 300; chunk += 7) {
    const auto r = read_all(text, chunk);
    CHECK(r.rows == reference.rows);
    CHECK(r.lines == reference.lines);
  }
}

TEST_CASE("csv: records without quotes read the same by the 16-byte scan as quoted ones byte by byte", "[csv]") {
  // A record without a quote that ends in the buffer is split from bit masks of sixteen
  // bytes (SSE2); a record with a quote, or one cut by the buffer's end, is read byte by
  // byte. The same fields quoted must read the same, at every chunk size, with blank
  // lines, CR, LF and CRLF endings, a last line without one, and a bad UTF-8 record.
  const std::vector<std::string> pieces = {"", "a", "1234567", "客户", "abcdefghijklmnopqrstuvwxyz0123456789",
                                           "x y", "exactly 16 bytes", "15 bytes here!!", "\t", "-3.25", "满意"};
  const std::vector<std::string> endings = {"\n", "\r\n", "\r"};
  std::mt19937 rng(20240801);
  std::string plain, quoted;
  for (int r = 0; r < 200; ++r) {
    const std::size_t fields = 1 + rng() % 12;
    for (std::size_t f = 0; f < fields; ++f) {
      std::string piece = pieces[rng() % pieces.size()];
      if (fields == 1 && piece.empty()) piece = "z";  // an empty line is blank, not a record
      if (f > 0) plain += ',', quoted += ',';
      plain += piece;
      quoted += '"' + piece + '"';
    }
    if (r == 57) plain += "\xC3(", quoted += "\xC3(";  // not UTF-8: a bad record, in both
    const std::string& ending = endings[rng() % endings.size()];
    plain += ending;
    quoted += ending;
    if (rng() % 10 == 0) plain += "\n", quoted += "\n";  // a blank line
  }
  plain += "last,line", quoted += "\"last\",\"line\"";  // no line ending
  const auto reference = read_all(quoted, 1 << 20);
  REQUIRE(reference.rows.size() == 200);  // 199 good records and the last line
  REQUIRE(reference.bad.size() == 1);
  std::vector<std::size_t> chunks = {std::size_t{1} << 20};
  for (std::size_t chunk = 64; chunk <= 256; ++chunk) chunks.push_back(chunk);  // the buffer's end everywhere
  for (std::size_t chunk : chunks) {
    INFO("chunk " << chunk);
    const auto r = read_all(plain, chunk);
    CHECK(r.rows == reference.rows);
    CHECK(r.lines == reference.lines);
    REQUIRE(r.bad.size() == 1);
    CHECK(r.bad[0].where.line == reference.bad[0].where.line);
    CHECK(r.bad[0].where.column == reference.bad[0].where.column);
    CHECK_FALSE(r.fatal);
  }
}

TEST_CASE("csv: blank lines are skipped but counted", "[csv]") {
  auto r = read_all("a\n\n1\r\n\r\n2\n\n");
  REQUIRE(r.rows.size() == 3);
  CHECK(r.lines == std::vector<std::uint64_t>{1, 3, 5});
}

TEST_CASE("csv: a record that is not UTF-8 is skipped with its line and column, the next reads", "[csv]") {
  auto r = read_all("id,name\n1,ok\n2,\xBB\xAA\xC9\xCC\n3,fine\n");
  REQUIRE_FALSE(r.fatal);
  REQUIRE(r.bad.size() == 1);
  CHECK(r.bad[0].code == crm::ErrorCode::invalid_utf8);
  CHECK(r.bad[0].where.line == 3);
  CHECK(r.bad[0].where.column == 2);
  CHECK(r.bad[0].message.find("0xBB is not UTF-8") != std::string::npos);
  REQUIRE(r.rows.size() == 3);
  CHECK(r.rows[2] == Fields{"3", "fine"});
  CHECK(r.lines[2] == 4);
}

TEST_CASE("csv: text after a closing quote skips the line, and reading goes on", "[csv]") {
  auto r = read_all("a,b\n\"x\"y,2\n3,4\n");
  REQUIRE(r.bad.size() == 1);
  CHECK(r.bad[0].code == crm::ErrorCode::parse);
  CHECK(r.bad[0].where.line == 2);
  CHECK(r.bad[0].where.column == 1);
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[1] == Fields{"3", "4"});
  CHECK(r.lines[1] == 3);
  // The line may end with a lone CR or CRLF too.
  for (std::string ending : {"\r", "\r\n"}) {
    auto cr = read_all("a,b" + ending + "\"x\"y,2" + ending + "3,4" + ending + "5,6\n", 64);
    REQUIRE(cr.bad.size() == 1);
    CHECK(cr.bad[0].where.line == 2);
    REQUIRE(cr.rows.size() == 3);
    CHECK(cr.rows[1] == Fields{"3", "4"});
    CHECK(cr.lines == std::vector<std::uint64_t>{1, 3, 4});
  }
}

TEST_CASE("csv: a quote inside an unquoted field is kept", "[csv]") {
  auto r = read_all("a,b\n5\" pipe,x\n");
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[1] == Fields{"5\" pipe", "x"});
}

TEST_CASE("csv: an unclosed quote is a bad row naming where it opened, reading resumes on the next line", "[csv]") {
  for (std::size_t chunk : {std::size_t{64}, std::size_t{1} << 20}) {
    auto r = read_all("a,b\n1,2\n3,\"open\nmore\n", chunk);
    REQUIRE_FALSE(r.fatal);
    REQUIRE(r.bad.size() == 1);
    CHECK(r.bad[0].code == crm::ErrorCode::parse);
    CHECK(r.bad[0].where.line == 3);
    CHECK(r.bad[0].where.column == 2);
    CHECK(r.bad[0].message ==
          "a quoted field opens here and is never closed; line 3 skipped, reading resumes at line 4");
    CHECK(r.skipped[0] == 1);
    // Without the header's width, the line after the quote's is read as a record.
    REQUIRE(r.rows.size() == 3);
    CHECK(r.rows[2] == Fields{"more"});
    CHECK(r.lines[2] == 4);
  }
}

TEST_CASE("csv: after an unclosed quote, reading resumes at the first line that is a record of the header's width",
          "[csv]") {
  // The quote on line 3 never closes. Lines 4 and 5 have the wrong number of fields, so
  // they went with it; line 6 is a record.
  const std::string text = "id,name,amount\n1,a,5\n2,\"broken,6\nnote, two\nx,y\n3,c,7\n4,d,8";
  for (std::size_t chunk : {std::size_t{64}, std::size_t{65}, std::size_t{80}, std::size_t{1} << 20}) {
    INFO("chunk " << chunk);
    auto r = read_all(text, chunk, {}, 3);
    REQUIRE(r.bad.size() == 1);
    CHECK(r.bad[0].where.line == 3);
    CHECK(r.bad[0].where.column == 2);
    CHECK(r.bad[0].message ==
          "a quoted field opens here and is never closed; 3 lines (3 to 5) skipped, reading resumes at line 6");
    CHECK(r.skipped[0] == 3);
    REQUIRE(r.rows.size() == 4);
    CHECK(r.rows[2] == Fields{"3", "c", "7"});
    CHECK(r.lines == std::vector<std::uint64_t>{1, 2, 6, 7});
  }
  // No line after it is a record: the rest of the file goes, and the message says so.
  auto rest = read_all("id,name\n1,\"open\nx\ny\n", 64, {}, 2);
  REQUIRE(rest.bad.size() == 1);
  CHECK(rest.bad[0].message ==
        "a quoted field opens here and is never closed; 3 lines (2 to 4) skipped, to the end of the file");
  CHECK(rest.rows.size() == 1);
  // CRLF and lone CR line endings count the same; blank lines are no records.
  auto crlf = read_all("id,n\r\n1,\"open\r\n\r\nx\r2,b\r\n", 64, {}, 2);
  REQUIRE(crlf.bad.size() == 1);
  CHECK(crlf.bad[0].message.find("3 lines (2 to 4) skipped, reading resumes at line 5") != std::string::npos);
  REQUIRE(crlf.rows.size() == 2);
  CHECK(crlf.rows[1] == Fields{"2", "b"});
  CHECK(crlf.lines[1] == 5);
}

TEST_CASE("csv: a quoted field open past the record limit is a bad row, reading resumes after it", "[csv]") {
  // The quote on line 2 never closes and the file goes on for longer than a record may
  // be: the reader stops at the limit, names the quote and finds the next record.
  std::string text = "id,note\n1,\"runaway\n";
  for (int i = 0; i < 200; ++i) text += "free text without commas " + std::to_string(i) + "\n";
  text += "2,next\n3,last\n";
  csv::Options options;
  options.max_record_bytes = 1000;
  for (std::size_t chunk : {std::size_t{64}, std::size_t{100}, std::size_t{1} << 20}) {
    INFO("chunk " << chunk);
    auto r = read_all(text, chunk, options, 2);
    REQUIRE(r.bad.size() == 1);
    CHECK(r.bad[0].code == crm::ErrorCode::out_of_range);
    CHECK(r.bad[0].where.line == 2);
    CHECK(r.bad[0].where.column == 2);
    CHECK(r.bad[0].message.find("still open when its record passes 1000 bytes, the most a record may have "
                                "(crm::Limits::csv_record_bytes)") != std::string::npos);
    CHECK(r.bad[0].message.find("201 lines (2 to 202) skipped, reading resumes at line 203") != std::string::npos);
    REQUIRE(r.rows.size() == 3);
    CHECK(r.rows[1] == Fields{"2", "next"});
    CHECK(r.lines[1] == 203);
  }
}

TEST_CASE("csv: a record longer than the limit is a bad row, and the next line reads", "[csv]") {
  csv::Options options;
  options.max_record_bytes = 256;
  const std::string text = "a,b\n" + std::string(1000, 'x') + ",y\n1,2\n\"" + std::string(300, 'q') + "\",z\r\n3,4";
  for (std::size_t chunk : {std::size_t{64}, std::size_t{100}, std::size_t{1} << 20}) {
    INFO("chunk " << chunk);
    auto r = read_all(text, chunk, options);
    REQUIRE_FALSE(r.fatal);
    REQUIRE(r.bad.size() == 2);
    CHECK(r.bad[0].code == crm::ErrorCode::out_of_range);
    CHECK(r.bad[0].where.line == 2);
    CHECK(r.bad[0].message.find("crm::Limits::csv_record_bytes") != std::string::npos);
    CHECK(r.bad[0].message.find("256") != std::string::npos);
    CHECK(r.bad[1].where.line == 4);
    REQUIRE(r.rows.size() == 3);
    CHECK(r.rows[1] == Fields{"1", "2"});
    CHECK(r.rows[2] == Fields{"3", "4"});
    CHECK(r.lines == std::vector<std::uint64_t>{1, 3, 5});
  }
}

TEST_CASE("csv: skipping a long broken record keeps one buffer of at most the limit", "[csv]") {
  // Ten runaway quotes, each followed by more than the limit of text: each is read up to
  // the limit once, then dropped line by line while the next record is sought.
  std::string text = "id,note\n";
  for (int bad = 0; bad < 10; ++bad) {
    text += std::to_string(bad) + ",\"runaway\n";
    for (int i = 0; i < 400; ++i) text += "more text on a line of its own\n";
    text += "ok" + std::to_string(bad) + ",fine\n";
  }
  csv::Options options;
  options.chunk_bytes = 256;
  options.max_record_bytes = 4096;
  Reader reader = Reader::from_string(text, options);
  reader.expect_fields(2);
  csv::Row row;
  std::size_t rows = 0, bad = 0;
  for (Status s = reader.next(row); s != Status::end; s = reader.next(row)) {
    REQUIRE(s != Status::fatal);
    (s == Status::row ? rows : bad) += 1;
    CHECK(reader.buffer_bytes() <= options.max_record_bytes + options.chunk_bytes);
  }
  CHECK(rows == 11);  // the header and ten good records
  CHECK(bad == 10);
}

TEST_CASE("csv: a record of more fields than the limit is a bad row naming it, the next reads", "[csv]") {
  csv::Options options;
  options.max_fields = 5;
  std::string wide = "1,2,3,4,5,6,7\n";
  std::string quoted = "\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"\n";
  for (std::size_t chunk : {std::size_t{64}, std::size_t{1} << 20}) {
    auto r = read_all("a,b,c,d,e\n" + wide + quoted + "x,y\n", chunk, options);
    REQUIRE(r.bad.size() == 2);
    CHECK(r.bad[0].code == crm::ErrorCode::out_of_range);
    CHECK(r.bad[0].where.line == 2);
    CHECK(r.bad[0].where.column == 6);
    CHECK(r.bad[0].message ==
          "the record has more than 5 fields, the most a record may have (crm::Limits::csv_columns)");
    CHECK(r.bad[1].where.line == 3);
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[1] == Fields{"x", "y"});
  }
  // At the limit is fine.
  CHECK(read_all("1,2,3,4,5\n", 64, options).rows.size() == 1);
  // Options::from takes both limits.
  crm::Limits limits;
  limits.csv_columns = 7;
  limits.csv_record_bytes = 99;
  CHECK(csv::Options::from(limits).max_fields == 7);
  CHECK(csv::Options::from(limits).max_record_bytes == 99);
}

TEST_CASE("csv: broken records read the same at every chunk size", "[csv]") {
  // Quotes never closed, text after a closing quote, records past both limits, bad UTF-8,
  // among good records with every line ending: the same rows, bad rows and lines at every
  // chunk size (the buffer's end falls everywhere, and the recovery's line search with it).
  const std::vector<std::string> good = {"1,a,x", "2,\"b,c\",y", "3,\"multi\nline\",z", "4,,", "5,华为,满意"};
  const std::vector<std::string> broken = {
      "6,\"open,w",        "7,\"x\"y,w", std::string(150, 'L') + ",w,w", "8,\"" + std::string(200, 'q'),
      "1,2,3,4,5,6,7,8,9", "9,\xC3(,w"};
  const std::vector<std::string> endings = {"\n", "\r\n", "\r"};
  std::mt19937 rng(7);
  std::string text = "id,name,note\n";
  for (int r = 0; r < 300; ++r) {
    text += rng() % 5 == 0 ? broken[rng() % broken.size()] : good[rng() % good.size()];
    text += endings[rng() % endings.size()];
  }
  csv::Options options;
  options.max_record_bytes = 128;
  options.max_fields = 8;
  const auto reference = read_all(text, 1 << 20, options, 3);
  REQUIRE(reference.rows.size() > 150);
  REQUIRE(reference.bad.size() > 20);
  for (std::size_t chunk = 64; chunk <= 200; chunk += 3) {
    INFO("chunk " << chunk);
    const auto r = read_all(text, chunk, options, 3);
    CHECK_FALSE(r.fatal);
    CHECK(r.rows == reference.rows);
    CHECK(r.lines == reference.lines);
    REQUIRE(r.bad.size() == reference.bad.size());
    for (std::size_t i = 0; i < r.bad.size(); ++i) {
      CHECK(r.bad[i].message == reference.bad[i].message);
      CHECK(r.bad[i].where.line == reference.bad[i].where.line);
      CHECK(r.skipped[i] == reference.skipped[i]);
    }
  }
}

TEST_CASE("csv: UTF-16 is refused up front, an empty input has no records", "[csv]") {
  auto r = read_all(std::string("\xFF\xFEi\0d\0", 6));
  REQUIRE(r.fatal);
  CHECK(r.fatal->code == crm::ErrorCode::invalid_utf8);
  CHECK(r.fatal->message.find("UTF-16") != std::string::npos);
  CHECK(read_all("").rows.empty());
  CHECK(read_all("\xEF\xBB\xBF").rows.empty());
}

TEST_CASE("csv: a missing file is an io error naming it", "[csv]") {
  auto reader = Reader::open_file("/nonexistent/portfolio.csv");
  REQUIRE_FALSE(reader);
  CHECK(reader.error().code == crm::ErrorCode::io);
  CHECK(reader.error().message.find("/nonexistent/portfolio.csv") != std::string::npos);
}

TEST_CASE("csv: the header trims names, refuses duplicates and empty names, checks widths", "[csv]") {
  Reader reader = Reader::from_string(" id , name\n1,a\n2\n");
  csv::Row row;
  REQUIRE(reader.next(row) == Status::row);
  auto header = csv::Header::from(row);
  REQUIRE(header);
  CHECK(header->index_of("name") == 1u);
  CHECK_FALSE(header->index_of("nope"));
  REQUIRE(reader.next(row) == Status::row);
  CHECK(header->check(row));
  REQUIRE(reader.next(row) == Status::row);
  auto narrow = header->check(row);
  REQUIRE_FALSE(narrow);
  CHECK(narrow.error().where.line == 3);
  CHECK(narrow.error().message == "the row has 1 fields, the header 2");

  Reader dup = Reader::from_string("id,name,id\n");
  REQUIRE(dup.next(row) == Status::row);
  auto bad = csv::Header::from(row);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where.column == 3);
  CHECK(bad.error().message.find("'id' twice (columns 1 and 3)") != std::string::npos);

  Reader empty = Reader::from_string("id,,x\n");
  REQUIRE(empty.next(row) == Status::row);
  CHECK(csv::Header::from(row).error().where.column == 2);
}

TEST_CASE("csv: a header of many columns is read in linear time, a duplicate far in names both columns", "[csv]") {
  // Each name was compared with every earlier one: 80,000 columns took 15 s. Now hashed.
  std::string text;
  const std::size_t columns = 80'000;
  for (std::size_t i = 0; i < columns; ++i) text += (i == 0 ? "c" : ",c") + std::to_string(i);
  csv::Options options;
  options.max_fields = columns;
  Reader reader = Reader::from_string(text + "\n", options);
  csv::Row row;
  REQUIRE(reader.next(row) == Status::row);
  auto header = csv::Header::from(row);
  REQUIRE(header);
  CHECK(header->size() == columns);
  CHECK(header->index_of("c79999") == 79'999u);
  CHECK(header->index_of("c0") == 0u);

  Reader dup = Reader::from_string(text + ",c17\n", [] {
    csv::Options o;
    o.max_fields = 100'000;
    return o;
  }());
  REQUIRE(dup.next(row) == Status::row);
  auto bad = csv::Header::from(row);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where.column == columns + 1);
  CHECK(bad.error().message == "the header names 'c17' twice (columns 18 and 80001)");
}

TEST_CASE("csv: a header past the column limit is a bad row naming the limit and the line", "[csv]") {
  // 2,000,000 columns in 21 MB: the quadratic header never finished; now the reader
  // counts the fields up to the limit and skips the rest of the record.
  std::string text;
  text.reserve(22u << 20);
  for (std::size_t i = 0; i < 2'000'000; ++i) text += (i == 0 ? "column" : ",column") + std::to_string(i);
  text += "\n1,2\n";
  Reader reader = Reader::from_string(text);
  csv::Row row;
  REQUIRE(reader.next(row) == Status::bad_row);
  CHECK(reader.error().where.line == 1);
  CHECK(reader.error().where.column == 10'001);
  CHECK(reader.error().message.find("more than 10000 fields") != std::string::npos);
  CHECK(reader.error().message.find("crm::Limits::csv_columns") != std::string::npos);
  REQUIRE(reader.next(row) == Status::row);
  CHECK(row.line() == 2);
}

TEST_CASE("csv: cells written as spreadsheets read them, an empty view writes nothing", "[csv]") {
  std::string out;
  crm::internal::csv::append_cell(out, std::string_view{});  // no data pointer at all (UBSan: no memcpy from null)
  crm::internal::csv::append_cell(out, "a,b");
  out += ',';
  crm::internal::csv::append_cell(out, "say \"hi\"");
  CHECK(out == "\"a,b\",\"say \"\"hi\"\"\"");
}
