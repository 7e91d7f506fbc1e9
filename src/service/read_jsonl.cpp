// Tickets from JSON Lines: one object per line, its members named like the fields (other
// members are ignored); a bad line is rejected at its line with the member's pointer.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "src/json/parse.hpp"
#include "src/service/read.hpp"
#include "src/service/run.hpp"

namespace crm::internal::service {
namespace {

/// `e` placed at line `line` of the input (its column is the one within the line).
Error on_line(Error e, std::uint64_t line) {
  e.where.line = static_cast<std::uint32_t>(line);
  if (e.where.column == 0) e.where.column = 1;
  return e;
}

/// A member's value as a cell: strings as they are, booleans as true/false, null as no
/// value; a number's text is returned (the caller keeps it), an object or array gives "".
std::optional<std::string> cell_text(const boost::json::value& v, Cell& cell) {
  switch (v.kind()) {
    case boost::json::kind::null: cell = Cell{}; return std::nullopt;
    case boost::json::kind::string:
      cell = Cell{std::string_view(v.get_string()), !v.get_string().empty()};
      return std::nullopt;
    case boost::json::kind::bool_: cell = Cell{v.get_bool() ? "true" : "false", true}; return std::nullopt;
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return boost::json::serialize(v);
    default: return std::string();  // an object or an array
  }
}

}  // namespace

expected<crm::service::Report> check_jsonl(const Section& s, const std::function<bool(std::string_view&)>& next_line,
                                           const crm::service::Options& options) {
  Run run(s, options);
  const std::size_t n = field_count(s);
  std::vector<Cell> cells(n);
  std::vector<std::string> numbers(n);  // the text of members that were numbers
  std::string_view line;
  for (std::uint64_t number = 1; next_line(line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank
    auto doc = parse_json(line);
    if (!doc) {
      run.reject(on_line(doc.error(), number));
      continue;
    }
    if (!doc->is_object()) {
      run.reject(on_line(Error{ErrorCode::type_mismatch, "a ticket is a JSON object", position_of(line, 0)}, number));
      continue;
    }
    const boost::json::object& o = doc->get_object();
    bool bad = false;
    for (std::size_t f = 0; f < n && !bad; ++f) {
      const boost::json::value* v = o.if_contains(field_name(s, f));
      cells[f] = Cell{};
      if (v == nullptr) continue;
      if (auto text = cell_text(*v, cells[f])) {
        if (text->empty()) {
          const std::string pointer = "/" + pointer_token(field_name(s, f));
          run.reject(on_line(Error{ErrorCode::type_mismatch,
                                   "'" + std::string(field_name(s, f)) + "' is a string, a number, true, false or null",
                                   locate(line, pointer)},
                             number));
          bad = true;
          break;
        }
        numbers[f] = std::move(*text);
        cells[f] = Cell{numbers[f], true};
      }
    }
    if (bad) continue;
    if (auto rejection = run.add(cells, number)) {
      const std::string pointer = "/" + pointer_token(field_name(s, rejection->field));
      run.reject(on_line(Error{rejection->code, rejection->message, locate(line, pointer)}, number));
    }
  }
  return std::move(run).finish();
}

}  // namespace crm::internal::service
