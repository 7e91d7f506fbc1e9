// Checking a ticket against the commitments and counting it: in total, in its group and
// in its month.
#include "src/service/run.hpp"

#include <algorithm>

#include "src/core/timestamp.hpp"

namespace crm::internal::service {
namespace {

using crm::service::Status;

/// yes/no, true/false, y/n, 1/0, 是/否 (ASCII case ignored); nullopt for anything else.
std::optional<bool> read_flag(std::string_view t) {
  auto is = [&](std::string_view word) {
    return t.size() == word.size() && std::equal(t.begin(), t.end(), word.begin(), [](char a, char b) {
             return (a >= 'A' && a <= 'Z' ? static_cast<char>(a + 32) : a) == b;
           });
  };
  if (is("yes") || is("y") || is("true") || is("1") || t == "是") return true;
  if (is("no") || is("n") || is("false") || is("0") || t == "否") return false;
  return std::nullopt;
}

}  // namespace

std::string_view field_name(const Section& s, std::size_t field) noexcept {
  if (field == 0) return s.id_field;
  if (field == 1) return s.customer_field;
  if (field == 2) return s.engineer_field;
  if (field < 3 + s.times.size()) return s.times[field - 3];
  return s.flags[field - 3 - s.times.size()];
}

Run::Run(const Section& s, const crm::service::Options& options)
    : s_(s),
      options_(options),
      times_(s.times.size()),
      flags_(s.flags.size()),
      status_(s.commitments.size()),
      elapsed_(s.commitments.size()) {
  report_.commitments = s.listed;
  report_.utc_offset_minutes = s.utc_offset_minutes;
  report_.by = options.by;
  report_.total.tallies.resize(s.commitments.size());
}

crm::service::Group& Run::Groups::at(std::string_view key, std::size_t commitments) {
  auto it = index.find(key);
  if (it != index.end()) return list[it->second];
  index.emplace(std::string(key), list.size());
  crm::service::Group& g = list.emplace_back();
  g.key = std::string(key);
  g.tallies.resize(commitments);
  return g;
}

std::optional<Rejection> Run::read(std::span<const Cell> cells) {
  if (!cells[0].present || cells[0].text.empty())
    return Rejection{0, ErrorCode::missing, "a ticket needs its id ('" + s_.id_field + "')"};
  for (std::size_t i = 0; i < s_.times.size(); ++i) {
    const Cell& c = cells[3 + i];
    times_[i].reset();
    if (!c.present || c.text.empty()) continue;
    auto t = parse_timestamp(c.text, s_.utc_offset_minutes);
    if (!t) return Rejection{3 + i, t.error().code, "'" + s_.times[i] + "': " + t.error().message};
    times_[i] = *t;
  }
  for (std::size_t i = 0; i < s_.flags.size(); ++i) {
    const Cell& c = cells[3 + s_.times.size() + i];
    flags_[i].reset();
    if (!c.present || c.text.empty()) continue;
    flags_[i] = read_flag(c.text);
    if (!flags_[i])
      return Rejection{
          3 + s_.times.size() + i, ErrorCode::parse,
          "'" + s_.flags[i] + "' is yes or no (true/false, 1/0, 是/否), not '" + std::string(c.text) + "'"};
  }
  for (auto [a, b] : s_.order)
    if (times_[a] && times_[b] && *times_[b] < *times_[a])
      return Rejection{3 + b, ErrorCode::out_of_range,
                       "impossible timestamps: '" + s_.times[b] + "' (" +
                           format_timestamp(*times_[b], s_.utc_offset_minutes) + ") is before '" + s_.times[a] + "' (" +
                           format_timestamp(*times_[a], s_.utc_offset_minutes) + ")"};
  return std::nullopt;
}

void Run::judge() {
  for (std::size_t k = 0; k < s_.commitments.size(); ++k) {
    const CommitmentRule& c = s_.commitments[k];
    elapsed_[k] = 0;
    if (c.about.kind == crm::service::Kind::within) {
      if (!times_[c.from] || !times_[c.to]) {
        status_[k] = Status::missing;
        continue;
      }
      elapsed_[k] = *times_[c.to] - *times_[c.from];
      status_[k] = elapsed_[k] <= c.about.limit_ms ? Status::met : Status::not_met;
    } else {
      status_[k] = !flags_[c.flag] ? Status::missing : *flags_[c.flag] ? Status::met : Status::not_met;
    }
  }
}

void Run::count(crm::service::Group& g) const {
  ++g.tickets;
  for (std::size_t k = 0; k < status_.size(); ++k) {
    crm::service::Tally& t = g.tallies[k];
    switch (status_[k]) {
      case Status::met: ++t.met; break;
      case Status::not_met: ++t.not_met; break;
      case Status::missing: ++t.missing; break;
    }
  }
}

std::optional<Rejection> Run::add(std::span<const Cell> cells, std::uint64_t line) {
  if (auto bad = read(cells)) return bad;
  const std::string_view id = cells[0].text;
  if (auto it = seen_.find(id); it != seen_.end())
    return Rejection{
        0, ErrorCode::conflict,
        "duplicate ticket id '" + std::string(id) + "' (first at line " + std::to_string(it->second) + ")"};
  seen_.emplace(std::string(id), line);
  judge();
  const std::string_view customer = cells[1].present ? cells[1].text : std::string_view{};
  const std::string_view engineer = cells[2].present ? cells[2].text : std::string_view{};
  ++report_.checked;
  count(report_.total);
  const std::size_t n = s_.commitments.size();
  const std::string month =
      s_.times.empty() || !times_[s_.period] ? std::string() : month_of(*times_[s_.period], s_.utc_offset_minutes);
  count(months_.at(month, n));
  switch (options_.by) {
    case crm::service::GroupBy::customer: count(groups_.at(customer, n)); break;
    case crm::service::GroupBy::engineer: count(groups_.at(engineer, n)); break;
    case crm::service::GroupBy::month: count(groups_.at(month, n)); break;
  }
  for (std::size_t k = 0; k < n; ++k)
    if (status_[k] == Status::not_met && s_.commitments[k].about.target == Decimal::from_int(1))
      report_.breaches.push_back(crm::service::Breach{std::string(id), line, k,
                                                      s_.commitments[k].about.kind == crm::service::Kind::within
                                                          ? elapsed_[k] - s_.commitments[k].about.limit_ms
                                                          : 0});
  if (options_.on_ticket)
    options_.on_ticket(crm::service::TicketResult{id, customer, engineer, line, status_, elapsed_});
  return std::nullopt;
}

crm::service::Report Run::finish() && {
  auto by_key = [](const crm::service::Group& a, const crm::service::Group& b) { return a.key < b.key; };
  report_.groups = std::move(groups_.list);
  report_.months = std::move(months_.list);
  std::sort(report_.groups.begin(), report_.groups.end(), by_key);
  std::sort(report_.months.begin(), report_.months.end(), by_key);
  return std::move(report_);
}

}  // namespace crm::internal::service
