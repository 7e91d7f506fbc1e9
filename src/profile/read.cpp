// Profiles from CSV and from JSON Lines (include/crmrules/profile.hpp): values named by
// field id or Chinese name; an error names its line and column, and nothing is assessed.
#include <algorithm>
#include <boost/json.hpp>
#include <string>

#include "crmrules/profile.hpp"
#include "src/csv/csv.hpp"
#include "src/json/parse.hpp"

namespace crm::profile {
namespace {

namespace csv = internal::csv;

/// A name that is neither the id field nor a field, remembered once.
void note_ignored(const Schema& schema, const std::string& name, std::vector<std::string>& ignored) {
  if (name == schema.id_field || schema.find(name) != nullptr) return;
  if (std::find(ignored.begin(), ignored.end(), name) == ignored.end()) ignored.push_back(name);
}

[[nodiscard]] expected<Report> read_csv(csv::Reader& reader, const Schema& schema) {
  csv::Row row;
  switch (reader.next(row)) {
    case csv::Status::end: return fail(ErrorCode::missing, "the file is empty: a profile CSV needs a header row");
    case csv::Status::bad_row:
    case csv::Status::fatal: return unexpected(reader.error());
    case csv::Status::row: break;
  }
  auto header = csv::Header::from(row);
  if (!header) return unexpected(header.error());
  reader.expect_fields(header->size());
  Report report;
  for (const std::string& name : header->names()) note_ignored(schema, name, report.ignored);
  for (;;) {
    switch (reader.next(row)) {
      case csv::Status::row: {
        if (auto ok = header->check(row); !ok) return unexpected(ok.error());
        Values values;
        for (std::size_t c = 0; c < row.size(); ++c) values.emplace(header->name(c), std::string(row[c]));
        report.customers.push_back(schema.assess_fields(values));  // ignored columns: named once, above
        break;
      }
      case csv::Status::bad_row:
      case csv::Status::fatal: return unexpected(reader.error());
      case csv::Status::end: return report;
    }
  }
}

/// `e` placed at line `line` of the input (its column is the one within the line).
Error on_line(Error e, std::uint64_t line) {
  e.where.line = static_cast<std::uint32_t>(line);
  if (e.where.column == 0) e.where.column = 1;
  return e;
}

/// A member's value as text: strings as they are, numbers and booleans as JSON writes
/// them, a non-empty array or object as its JSON; null and empty ones are no value.
std::optional<std::string> text_of(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: return std::nullopt;
    case boost::json::kind::string: return std::string(v.get_string());
    case boost::json::kind::array:
      if (v.get_array().empty()) return std::nullopt;
      return boost::json::serialize(v);
    case boost::json::kind::object:
      if (v.get_object().empty()) return std::nullopt;
      return boost::json::serialize(v);
    default: return boost::json::serialize(v);
  }
}

[[nodiscard]] expected<Values> line_values(std::string_view line, std::uint64_t number) {
  auto doc = internal::parse_json(line);
  if (!doc) return unexpected(on_line(doc.error(), number));
  if (!doc->is_object())
    return unexpected(
        on_line(Error{ErrorCode::type_mismatch, "a profile is a JSON object", internal::position_of(line, 0)}, number));
  Values values;
  for (const auto& member : doc->get_object())
    if (auto text = text_of(member.value())) values.emplace(std::string(member.key()), std::move(*text));
  return values;
}

}  // namespace

expected<Report> assess_csv(std::string_view text, const Schema& schema) {
  auto reader = csv::Reader::from_string(text);
  return read_csv(reader, schema);
}

expected<Report> assess_csv_file(const std::string& path, const Schema& schema) {
  auto reader = csv::Reader::open_file(path);
  if (!reader) return unexpected(reader.error());
  return read_csv(*reader, schema);
}

expected<Report> assess_jsonl(std::string_view text, const Schema& schema) {
  Report report;
  std::uint64_t number = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank
    auto values = line_values(line, number);
    if (!values) return unexpected(values.error());
    for (const auto& [name, value] : *values) note_ignored(schema, name, report.ignored);
    report.customers.push_back(schema.assess_fields(*values));
  }
  return report;
}

}  // namespace crm::profile
