// The CSV reader of Kano survey files.
#include "crmrules/internal/kano/csv.hpp"

namespace crm::internal::kano {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

expected<bool> CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  // Skip empty lines.
  while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= text_.size()) return false;
  record_line_ = line_;
  std::size_t line_start = pos_;
  auto column = [&](std::size_t at) { return static_cast<std::uint32_t>(at - line_start + 1); };
  std::string field;
  while (true) {
    field.clear();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const std::uint32_t open_line = line_, open_column = column(pos_);
      ++pos_;
      while (true) {
        if (pos_ >= text_.size())
          return fail(ErrorCode::parse, "a quoted field is never closed", Location{{}, open_line, open_column, -1});
        const char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            break;
          }
        } else {
          if (c == '\n') {
            ++line_;
            line_start = pos_;
          }
          field += c;
        }
      }
      if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
        return fail(ErrorCode::parse, "unexpected text after a closing quote", Location{{}, line_, column(pos_), -1});
    } else {
      while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r')
        field += text_[pos_++];
    }
    fields.push_back(std::move(field));
    if (pos_ >= text_.size()) return true;
    const char sep = text_[pos_++];
    if (sep == ',') continue;
    if (sep == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
    return true;
  }
}

}  // namespace crm::internal::kano
