// Private: tickets read from CSV (read_csv.cpp) and JSON Lines (read_jsonl.cpp) into a
// Run, each bad row rejected with its place (line and column; line and JSON pointer).
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "crmrules/service.hpp"
#include "src/csv/csv.hpp"
#include "src/service/section.hpp"

namespace crm::internal::service {

[[nodiscard]] expected<crm::service::Report> check_csv(const Section& s, csv::Reader reader,
                                                       const crm::service::Options& options);

/// Tickets handed over as structs: ticket i is "line" i + 1, a bad one is rejected with
/// the pointer "/i/<field>".
[[nodiscard]] expected<crm::service::Report> check_tickets(const Section& s,
                                                           const std::vector<crm::service::Ticket>& tickets,
                                                           const crm::service::Options& options);

/// `next_line` gives each line in turn (without its line break) and false at the end;
/// `failed` gives the error that ended the input early, if any.
[[nodiscard]] expected<crm::service::Report> check_jsonl(const Section& s,
                                                         const std::function<bool(std::string_view&)>& next_line,
                                                         const crm::service::Options& options);

}  // namespace crm::internal::service
