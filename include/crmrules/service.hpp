// crm::service: service tickets checked against the service commitments (DOMAIN.md §2.5;
// the deck's worked example, Sany's "168": reply within 15 minutes of a call, leave
// within an hour of a request, first-time fix rate of 90% or more, a full check and a
// written report at every visit, training at the end, a follow-up visit after every
// service). docs/service.md has the rules and the report.
//
//   const crm::service::Checker& checker = crm::service::Checker::builtin();
//   crm::service::Options options;
//   options.by = crm::service::GroupBy::engineer;
//   auto report = checker.check_csv_file("tickets.csv", options);  // or check_csv(text), check_jsonl(text)
//   if (!report) std::cerr << report->error().to_string();        // the file as a whole: io, no ticket column
//   report->total.tallies[0].rate();                               // reply within 15 minutes: met / (met + not met)
//   for (const auto& b : report->breaches)                          // ticket, line, commitment, by how much
//     std::cout << b.ticket << " " << report->commitments[b.commitment].id << " +" << b.over_ms << " ms\n";
//   for (const auto& e : report->rejected) std::cerr << e.to_string();   // bad rows: line and column, skipped
//   std::string json = report->to_json(), text = report->to_text(crm::Lang::zh), svg = report->to_svg();
//
//   auto rules = crm::RuleSet::load_file("my_commitments.json");   // a copy of builtin_json(), changed
//   auto mine = crm::service::Checker::from_rule_set(*rules);
//
// Every commitment, limit, target, field name and text is rules data (the "service"
// section of a rule set): users print the built-in one, copy and change it. A ticket is
// one row: an id, a customer, an engineer, ISO 8601 timestamps (called, replied,
// requested, departed, arrived, fixed) and yes/no flags (first_time_fix, full_check,
// report, training, follow_up). A commitment is met, not met, or missing when the ticket
// lacks what it needs (never counted as met); a time limit exactly reached is met.
//
// A Checker is immutable: share it between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/error.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/limits.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/text.hpp"

namespace crm::service {

/// What a commitment measures: the time between two timestamps, or a flag that must be yes.
enum class Kind : std::uint8_t { within = 0, flag = 1 };

struct Commitment {
  std::string id;
  Kind kind = Kind::within;
  std::string from, to;       // within: the timestamps
  std::int64_t limit_ms = 0;  // within: at most this long (exactly this long is met)
  std::string flag;           // flag: the yes/no field
  Decimal target;             // the share of tickets that must meet it, 0..1 (1: every ticket)
  Text text;
};

/// One commitment on one ticket.
enum class Status : std::uint8_t { met = 0, not_met = 1, missing = 2 };

/// A commitment's counts over a group of tickets.
struct Tally {
  std::uint64_t met = 0, not_met = 0, missing = 0;
  /// met / (met + not_met), to 4 places (half even); nullopt when no ticket had the data.
  [[nodiscard]] std::optional<Decimal> rate() const;
  /// The rate reaches the target (a group with no rate has not failed it).
  [[nodiscard]] bool meets(const Decimal& target) const;
};

enum class GroupBy : std::uint8_t { customer = 0, engineer = 1, month = 2 };

struct Group {
  std::string key;  // the customer, the engineer, or the month (YYYY-MM, in the rules' time zone); "" unknown
  std::uint64_t tickets = 0;
  std::vector<Tally> tallies;  // one per commitment, in the rules' order
};

/// A ticket that did not meet a commitment whose target is every ticket.
struct Breach {
  std::string ticket;
  std::uint64_t line = 0;      // in the input (CSV: the record's first line; JSON Lines: the line)
  std::size_t commitment = 0;  // into Report::commitments
  std::int64_t over_ms = 0;    // within: how much longer than the limit it took; flag: 0
};

/// One ticket's outcome, for the per-ticket output.
struct TicketResult {
  std::string_view ticket, customer, engineer;
  std::uint64_t line = 0;
  std::span<const Status> status;            // per commitment
  std::span<const std::int64_t> elapsed_ms;  // per commitment: within, when both times are there; else 0
};

/// One ticket handed over directly (Checker::check), its fields named as in the rules.
/// An absent time or flag is missing (never met); a name the rules do not know rejects
/// the ticket.
///
///   crm::service::Ticket t{.id = "T-17", .customer = "C001", .engineer = "张工",
///                          .times = {{"called", "2026-03-02T10:00+08:00"}, {"replied", "2026-03-02T10:16"}},
///                          .flags = {{"follow_up", true}}};
struct Ticket {
  std::string id = {}, customer = {}, engineer = {};
  std::vector<std::pair<std::string, std::string>> times = {};  // field -> ISO 8601 timestamp
  std::vector<std::pair<std::string, bool>> flags = {};         // field -> yes / no
};

struct Options {
  GroupBy by = GroupBy::customer;
  /// Called for every ticket checked, in input order (the views live for the call only).
  std::function<void(const TicketResult&)> on_ticket;
  Limits limits;  // CSV columns and record bytes
};

struct Report {
  std::vector<Commitment> commitments;
  int utc_offset_minutes = 0;  // the rules' time zone: months and timestamps without an offset
  GroupBy by = GroupBy::customer;
  std::uint64_t checked = 0;       // tickets read and checked
  Group total;                     // every ticket checked
  std::vector<Group> groups;       // by `by`, sorted by key
  std::vector<Group> months;       // by month, sorted: the chart's periods
  std::vector<Breach> breaches;    // in input order
  std::vector<Error> rejected;     // bad rows, skipped: line and column (CSV) or line and pointer (JSON Lines)
  std::vector<std::string> notes;  // e.g. a column the input lacks, so a commitment is missing on every ticket

  /// {"commitments", "tickets": {"checked", "rejected"}, "by", "total", "groups", "months",
  ///  "breaches", "rejected", "notes"} (docs/service.md).
  [[nodiscard]] std::string to_json() const;
  /// A readable summary for a terminal: the rates against their targets, the groups below
  /// a target, the first breaches and rejected rows.
  [[nodiscard]] std::string to_text(Lang lang = Lang::zh) const;
  /// A small chart: each commitment's rate per month against its target.
  [[nodiscard]] std::string to_svg(Lang lang = Lang::zh) const;
};

/// One ticket's outcome as one line of JSON (the per-ticket output of `--format jsonl`):
/// {"ticket", "line", "customer", "engineer", "commitments": {"<id>": {"status", "seconds",
/// "by"}}}; "seconds" for a time limit with both times, "by" when it was not met.
[[nodiscard]] std::string ticket_json(const std::vector<Commitment>& commitments, const TicketResult& ticket);

/// The per-ticket output as CSV: a header (ticket, line, customer, engineer, then per
/// commitment its status, met / not_met / missing, and for a time limit the seconds it
/// took and the seconds over its limit when not met), then one row per ticket, from what
/// Options::on_ticket is handed.
[[nodiscard]] std::string csv_header(const std::vector<Commitment>& commitments);
[[nodiscard]] std::string csv_row(const std::vector<Commitment>& commitments, const TicketResult& ticket);

class Checker {
 public:
  /// The built-in commitments (rules/service.json: the deck's "168").
  [[nodiscard]] static const Checker& builtin();
  [[nodiscard]] static std::string_view builtin_json() noexcept;
  /// The checker of a rule set with a "service" section; invalid_rule naming the rule set
  /// when it has none.
  [[nodiscard]] static expected<Checker> from_rule_set(const RuleSet& rules);

  [[nodiscard]] const std::vector<Commitment>& commitments() const noexcept;

  /// Tickets as CSV (a header naming the fields; other columns are ignored) or JSON Lines
  /// (one object per line). A bad row is rejected (Report::rejected) and the rest are
  /// checked; the call fails only for the input as a whole: it cannot be read, it has no
  /// ticket id column, it is not UTF-8 text.
  [[nodiscard]] expected<Report> check_csv(std::string_view text, const Options& options = {}) const;
  [[nodiscard]] expected<Report> check_csv_file(const std::string& path, const Options& options = {}) const;
  [[nodiscard]] expected<Report> check_jsonl(std::string_view text, const Options& options = {}) const;
  [[nodiscard]] expected<Report> check_jsonl_file(const std::string& path, const Options& options = {}) const;

  /// Tickets handed over directly: ticket i is at "line" i + 1 in breaches and per-ticket
  /// results, and a rejected one is named by the pointer "/i/<field>".
  [[nodiscard]] expected<Report> check(const std::vector<Ticket>& tickets, const Options& options = {}) const;

  /// A checker of only these commitments (in the rules' order), e.g. a --only list;
  /// unknown_name with "did you mean" for an id the rules do not define, invalid_argument
  /// for an empty list. Rows are still rejected for any impossible timestamps.
  [[nodiscard]] expected<Checker> only(std::span<const std::string> ids) const;

  [[nodiscard]] const RuleSet& rules() const noexcept { return rules_; }

 private:
  Checker(RuleSet rules, std::shared_ptr<const void> section)
      : rules_(std::move(rules)), section_(std::move(section)) {}
  RuleSet rules_;
  std::shared_ptr<const void> section_;  // the loaded "service" section (src/service/)
};

}  // namespace crm::service
