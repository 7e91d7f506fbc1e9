// Private: a small RFC 4180 CSV reader for the Kano survey files (UTF-8, a header row,
// quoted fields with "" escapes and line breaks, LF or CRLF, an optional BOM).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/expected.hpp"

namespace crm::internal::kano {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  /// Reads the next record into `fields` (empty lines are skipped); false at the end. A
  /// quote left open or text after a closing quote is a parse error with its line and
  /// column.
  expected<bool> next(std::vector<std::string>& fields);

  /// The line (from 1) on which the last record began.
  [[nodiscard]] std::uint32_t line() const noexcept { return record_line_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t record_line_ = 0;
};

}  // namespace crm::internal::kano
