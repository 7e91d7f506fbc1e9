// Tickets from CSV: the header names the fields (other columns are ignored); each record
// is a ticket, and a bad one is rejected at its line and column.
#include <string>
#include <vector>

#include "src/service/read.hpp"
#include "src/service/run.hpp"

namespace crm::internal::service {

expected<crm::service::Report> check_csv(const Section& s, csv::Reader reader, const crm::service::Options& options) {
  csv::Row row;
  const csv::Status first = reader.next(row);
  if (first == csv::Status::fatal) return unexpected(reader.error());
  if (first == csv::Status::bad_row) return unexpected(reader.error());
  Run run(s, options);
  if (first == csv::Status::end) {
    run.note("the input is empty: no header, no tickets");
    return std::move(run).finish();
  }
  auto header = csv::Header::from(row);
  if (!header) return unexpected(header.error());
  reader.expect_fields(header->size());
  // Per field, its column (or none: every ticket lacks it).
  const std::size_t n = field_count(s);
  constexpr std::size_t absent = ~std::size_t{0};
  std::vector<std::size_t> column(n, absent);
  for (std::size_t f = 0; f < n; ++f)
    if (auto c = header->index_of(field_name(s, f))) column[f] = *c;
  if (column[0] == absent) {
    Location where;
    where.line = static_cast<std::uint32_t>(row.line());
    where.column = 1;
    return unexpected(Error{
        ErrorCode::missing,
        "the header has no ticket id column '" + s.id_field + "' (columns: " + std::to_string(header->size()) + ")",
        where});
  }
  for (std::size_t f = 1; f < n; ++f)
    if (column[f] == absent) run.note("the input has no column '" + std::string(field_name(s, f)) + "'");
  std::vector<Cell> cells(n);
  for (;;) {
    switch (reader.next(row)) {
      case csv::Status::row: {
        for (std::size_t f = 0; f < n; ++f) {
          const bool there = column[f] != absent && column[f] < row.size();
          cells[f] = there ? Cell{row[column[f]], !row[column[f]].empty()} : Cell{};
        }
        if (auto bad = run.add(cells, row.line())) {
          const std::size_t at = column[bad->field] == absent ? 0 : column[bad->field];
          run.reject(row.error_at(at, bad->code, bad->message));
        }
        break;
      }
      case csv::Status::bad_row: run.reject(reader.error()); break;
      case csv::Status::fatal: return unexpected(reader.error());
      case csv::Status::end: return std::move(run).finish();
    }
  }
}

}  // namespace crm::internal::service
