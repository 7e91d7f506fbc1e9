// Tickets handed over as structs (Checker::check): each field found by its name in the
// rules, a name they do not know (or given twice) rejects the ticket at "/i/<field>".
#include <algorithm>
#include <string>
#include <vector>

#include "src/core/suggest.hpp"
#include "src/json/parse.hpp"
#include "src/service/read.hpp"
#include "src/service/run.hpp"

namespace crm::internal::service {
namespace {

/// The pointer of field `name` of ticket `i`.
std::string pointer_of(std::size_t i, std::string_view name) {
  return "/" + std::to_string(i) + "/" + pointer_token(name);
}

/// Puts `name`'s value into its cell among `names` (cells from `first`); an error at
/// "/ticket/name" when the name is unknown or given twice (`given`: the cells set so far).
std::optional<Error> place(std::vector<Cell>& cells, std::vector<bool>& given, std::size_t first,
                           const std::vector<std::string>& names, std::string_view name, std::string_view text,
                           const char* what, std::size_t ticket) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    const std::vector<std::string_view> candidates(names.begin(), names.end());
    return Error{ErrorCode::unknown_name,
                 "unknown " + std::string(what) + " '" + std::string(name) + "'" + did_you_mean(name, candidates),
                 Location::at_pointer(pointer_of(ticket, name))};
  }
  const std::size_t at = first + static_cast<std::size_t>(it - names.begin());
  if (given[at])
    return Error{ErrorCode::conflict, std::string(what) + " '" + std::string(name) + "' is given twice",
                 Location::at_pointer(pointer_of(ticket, name))};
  given[at] = true;
  if (!text.empty()) cells[at] = Cell{text, true};
  return std::nullopt;
}

/// The ticket as cells; an error naming the field at fault.
std::optional<Error> cells_of(const Section& s, const crm::service::Ticket& t, std::size_t i, std::vector<Cell>& cells,
                              std::vector<bool>& given) {
  std::fill(cells.begin(), cells.end(), Cell{});
  std::fill(given.begin(), given.end(), false);
  cells[0] = Cell{t.id, !t.id.empty()};
  cells[1] = Cell{t.customer, !t.customer.empty()};
  cells[2] = Cell{t.engineer, !t.engineer.empty()};
  for (const auto& [name, text] : t.times)
    if (auto bad = place(cells, given, 3, s.times, name, text, "timestamp", i)) return bad;
  for (const auto& [name, yes] : t.flags)
    if (auto bad = place(cells, given, 3 + s.times.size(), s.flags, name, yes ? "true" : "false", "flag", i))
      return bad;
  return std::nullopt;
}

}  // namespace

expected<crm::service::Report> check_tickets(const Section& s, const std::vector<crm::service::Ticket>& tickets,
                                             const crm::service::Options& options) {
  Run run(s, options);
  std::vector<Cell> cells(field_count(s));
  std::vector<bool> given(field_count(s));
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    if (auto bad = cells_of(s, tickets[i], i, cells, given)) {
      run.reject(std::move(*bad));
      continue;
    }
    if (auto rejection = run.add(cells, i + 1))
      run.reject(Error{rejection->code, std::move(rejection->message),
                       Location::at_pointer(pointer_of(i, field_name(s, rejection->field)))});
  }
  return std::move(run).finish();
}

}  // namespace crm::internal::service
