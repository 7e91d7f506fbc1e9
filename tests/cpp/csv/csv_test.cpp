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
  std::optional<crm::Error> fatal;
};

Read read_all(std::string_view text, std::size_t chunk = 1 << 20) {
  csv::Options options;
  options.chunk_bytes = chunk;
  Reader reader = Reader::from_string(text, options);
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

TEST_CASE("csv: a record that is not UTF-8 is skipped with its line and column; the next reads", "[csv]") {
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
}

TEST_CASE("csv: a quote inside an unquoted field is kept", "[csv]") {
  auto r = read_all("a,b\n5\" pipe,x\n");
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[1] == Fields{"5\" pipe", "x"});
}

TEST_CASE("csv: an unclosed quote is fatal and names where it opened", "[csv]") {
  auto r = read_all("a,b\n1,2\n3,\"open\nmore\n", 64);
  REQUIRE(r.fatal);
  CHECK(r.fatal->code == crm::ErrorCode::parse);
  CHECK(r.fatal->where.line == 3);
  CHECK(r.fatal->where.column == 2);
  CHECK(r.fatal->message.find("never closed") != std::string::npos);
  CHECK(r.rows.size() == 2);  // what came before was read
}

TEST_CASE("csv: a record longer than the limit is fatal", "[csv]") {
  csv::Options options;
  options.chunk_bytes = 64;
  options.max_record_bytes = 256;
  Reader reader = Reader::from_string("a\n\"" + std::string(1000, 'x') + "\"\n", options);
  csv::Row row;
  REQUIRE(reader.next(row) == Status::row);
  REQUIRE(reader.next(row) == Status::fatal);
  CHECK(reader.error().where.line == 2);
  CHECK(reader.error().message.find("longer than 256 bytes") != std::string::npos);
  CHECK(reader.next(row) == Status::fatal);  // stays failed
}

TEST_CASE("csv: UTF-16 is refused up front; an empty input has no records", "[csv]") {
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

TEST_CASE("csv: a cell is quoted when it holds a comma, quote or line break, at any length and place", "[csv]") {
  // quoting_of scans 16 (SSE2) or 8 bytes at a time with overlapping last loads: every
  // length up to 40 with each special byte at each place must agree with a byte loop,
  // and the written cell must read back as the text.
  auto expected_quoting = [](std::string_view text) {
    if (text.find('"') != std::string_view::npos) return csv::Quoting::doubled;
    if (text.find_first_of(",\r\n") != std::string_view::npos) return csv::Quoting::quotes;
    return csv::Quoting::none;
  };
  auto expected_cell = [](std::string_view text, csv::Quoting q) {
    if (q == csv::Quoting::none) return std::string(text);
    std::string cell = "\"";
    for (char c : text) cell += c == '"' ? std::string("\"\"") : std::string(1, c);
    return cell + "\"";
  };
  std::size_t checked = 0;
  for (std::size_t length = 0; length <= 40; ++length) {
    // ASCII text, and bytes above 0x7F (a Chinese name's) that the word tricks must not
    // mistake for special ones.
    for (const std::string& base : {std::string("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN"),
                                   std::string(48, '\xE5')}) {
      const std::string plain = base.substr(0, length);
      std::vector<std::string> texts = {plain};
      for (std::size_t at = 0; at < length; ++at)
        for (char special : {',', '"', '\r', '\n'}) {
          std::string t = plain;
          t[at] = special;
          texts.push_back(t);
        }
      for (const std::string& text : texts) {
        INFO("text '" << text << "'");
        const csv::Quoting q = expected_quoting(text);
        CHECK(csv::quoting_of(text) == q);
        CHECK(csv::quoting_of_portable(text) == q);
        std::string cell = "x,";
        csv::append_cell(cell, text);
        CHECK(cell == "x," + expected_cell(text, q));
        CHECK(cell.size() - 2 <= csv::cell_bound(text));
        if (base[0] == 'a') {  // valid UTF-8: the reader reads the cell back as the text
          const Read back = read_all(cell + "\n");
          REQUIRE(back.rows.size() == 1);
          CHECK(back.rows[0] == Fields{"x", text});
        }
        ++checked;
      }
    }
  }
  CHECK(checked > 6000);
}
