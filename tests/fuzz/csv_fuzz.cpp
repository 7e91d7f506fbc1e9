// libFuzzer target: the CSV reader (src/csv/csv.hpp) alone. The first byte picks the
// limits and the header's width; the rest is the file. The same bytes are read twice, in
// chunks of 64 bytes and of 8 KiB (more than libFuzzer's inputs usually are): every row,
// bad row (message, line, column and lines skipped) and fatal error must be the same,
// since where a record breaks may depend on its bytes alone, never on where the buffer
// ends. A row must fit the limits, and the buffer stay within max_record_bytes +
// chunk_bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "src/csv/csv.hpp"

namespace {

namespace csv = crm::internal::csv;

/// Everything next() said, as text.
std::vector<std::string> read_all(std::string_view text, csv::Options options, std::size_t expect_fields) {
  csv::Reader reader = csv::Reader::from_string(text, options);
  reader.expect_fields(expect_fields);
  std::vector<std::string> out;
  csv::Row row;
  for (;;) {
    const csv::Status status = reader.next(row);
    if (reader.buffer_bytes() > options.max_record_bytes + options.chunk_bytes + 64) std::abort();
    if (status == csv::Status::end) return out;
    const crm::Error& e = reader.error();
    if (status != csv::Status::row) {
      out.push_back((status == csv::Status::fatal ? "fatal " : "bad ") + std::to_string(e.where.line) + ":" +
                    std::to_string(e.where.column) + " " + std::to_string(reader.skipped_lines()) + " " + e.message);
      if (status == csv::Status::fatal) return out;
      continue;
    }
    if (row.size() > options.max_fields || row.raw().size() > options.max_record_bytes) std::abort();
    if (row.line() == 1) (void)csv::Header::from(row);
    std::string r = std::to_string(row.line()) + ":";
    for (std::size_t i = 0; i < row.size(); ++i) r.append(row[i]).push_back('\x1F');
    out.push_back(std::move(r));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned selector = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  csv::Options options;
  static constexpr std::size_t record_bytes[4] = {64, 200, 1000, std::size_t{64} << 20};
  static constexpr std::size_t fields[4] = {2, 5, 100, 10'000};
  options.max_record_bytes = record_bytes[selector & 3];
  options.max_fields = fields[(selector >> 2) & 3];
  if ((selector & 0x80) != 0) options.delimiter = ';';
  const std::size_t expect_fields = (selector >> 4) & 7;  // 0: none
  options.chunk_bytes = 64;
  const auto small = read_all(text, options, expect_fields);
  options.chunk_bytes = 8192;
  const auto large = read_all(text, options, expect_fields);
  if (small != large) std::abort();
  return 0;
}
