// Service commitments on the example tickets (docs/service.md): each engineer's rates
// against the deck's 168, the breaches with by how much, and a ticket typed in by hand
// (a reply one minute late) checked the same way.
//
//   build/release/examples/service_check examples/service/tickets.jsonl
#include <crmrules/service.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace {

void print(const crm::service::Report& report) {
  for (const auto& g : report.groups) {
    std::cout << g.key << " (" << g.tickets << "):";
    for (std::size_t k = 0; k < g.tallies.size(); ++k) {
      const auto rate = g.tallies[k].rate();
      std::cout << ' ' << report.commitments[k].id << '=' << (rate ? rate->to_string() : "-")
                << (g.tallies[k].meets(report.commitments[k].target) ? "" : "!");
    }
    std::cout << '\n';
  }
  for (const auto& b : report.breaches) {
    std::cout << "breach " << b.ticket << ' ' << report.commitments[b.commitment].id;
    if (b.over_ms > 0) std::cout << " +" << b.over_ms / 60'000 << " min";
    std::cout << '\n';
  }
  for (const auto& e : report.rejected) std::cout << "rejected " << e.to_string() << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  const auto& checker = crm::service::Checker::builtin();
  crm::service::Options options;
  options.by = crm::service::GroupBy::engineer;
  for (int i = 1; i < argc; ++i) {
    const std::string path = argv[i];
    auto report =
        path.ends_with(".jsonl") ? checker.check_jsonl_file(path, options) : checker.check_csv_file(path, options);
    if (!report) {
      std::cerr << path << ": " << report.error().to_string() << '\n';
      return 1;
    }
    print(*report);
  }
  // A ticket handed over directly: called at 10:00, replied at 10:16 (one minute late).
  const std::vector<crm::service::Ticket> typed = {
      {.id = "T-17",
       .customer = "C001",
       .engineer = "张工",
       .times = {{"called", "2026-03-02T10:00+08:00"}, {"replied", "2026-03-02T10:16"}},
       .flags = {{"follow_up", true}}}};
  auto report = checker.check(typed, options);
  if (!report) return 1;
  print(*report);
  return 0;
}
