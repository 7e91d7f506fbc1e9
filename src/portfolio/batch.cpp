// A batch of grade_csv's pass 1 (src/portfolio/batch.hpp).
#include "src/portfolio/batch.hpp"

#include "src/csv/csv.hpp"

namespace crm::internal {

void Batch::clear() {
  rows.clear();
  bytes.clear();
  spans.clear();
  field_lines.clear();
  bad.clear();
  text.clear();
  lengths.clear();
  explain_lengths.clear();
  measures.clear();
  grades.clear();
  for (auto& r : rfm) r.clear();
  rejects.clear();
  failure.clear();
}

void Batch::add(const csv::Row& row) {
  const std::string_view raw = row.raw();
  const std::size_t base = bytes.size();
  bytes.append(raw.data(), raw.size());
  In in;
  in.line = row.line();
  in.first = static_cast<std::uint32_t>(spans.size());
  const bool multiline = raw.find('\n') != std::string_view::npos;
  if (multiline) in.lines = static_cast<std::uint32_t>(field_lines.size());
  for (std::size_t i = 0; i < row.size(); ++i) {
    const std::string_view f = row[i];
    std::size_t at = reinterpret_cast<std::uintptr_t>(f.data()) - reinterpret_cast<std::uintptr_t>(raw.data());
    if (at <= raw.size() && f.size() <= raw.size() - at) {
      at += base;
    } else {
      at = bytes.size();
      bytes.append(f.data(), f.size());
    }
    spans.push_back({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + f.size())});
    if (multiline) field_lines.push_back(static_cast<std::uint32_t>(row.line_of(i) - row.line()));
  }
  rows.push_back(in);
}

void Batch::add_bad(const Error& e, std::size_t column) {
  In in;
  in.line = e.where.line;
  in.bad = static_cast<std::uint32_t>(bad.size());
  bad.push_back({e, column});
  rows.push_back(in);
}

}  // namespace crm::internal
