// libFuzzer target: service tickets (the built-in commitments). The first byte picks CSV
// or JSON Lines; the rest is the input. Each must give a report or an error, never crash;
// a report must write its JSON, text, chart and per-ticket rows, and count every row it
// read as checked or rejected.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "crmrules/service.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& checker = crm::service::Checker::builtin();
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::uint64_t rows = 0;
  crm::service::Options options;
  options.by = static_cast<crm::service::GroupBy>(data[0] % 3);
  options.on_ticket = [&](const crm::service::TicketResult& t) {
    ++rows;
    (void)crm::service::csv_row(checker.commitments(), t);
  };
  const auto report = data[0] & 4 ? checker.check_jsonl(text, options) : checker.check_csv(text, options);
  if (!report) return 0;
  if (report->checked != rows || report->total.tickets != rows) std::abort();
  (void)report->to_json();
  (void)report->to_text(crm::Lang::zh);
  (void)report->to_svg(crm::Lang::en);
  return 0;
}
