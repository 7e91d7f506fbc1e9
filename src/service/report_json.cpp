// Report::to_json, a tally's rate, and the per-ticket CSV (docs/service.md).
#include <charconv>

#include "crmrules/service.hpp"
#include "src/core/timestamp.hpp"
#include "src/csv/csv.hpp"
#include "src/json/writer.hpp"

namespace crm::service {
namespace {

using internal::JsonArray;
using internal::JsonLayout;
using internal::JsonObject;

std::string_view kind_name(Kind k) { return k == Kind::within ? "within" : "flag"; }
std::string_view by_name(GroupBy b) {
  return b == GroupBy::customer ? "customer" : b == GroupBy::engineer ? "engineer" : "month";
}
std::string_view status_name(Status s) {
  return s == Status::met ? "met" : s == Status::not_met ? "not_met" : "missing";
}

/// Milliseconds as exact seconds: "60", "-1.5", "0.001".
std::string seconds_text(std::int64_t ms) {
  std::string out = ms < 0 ? "-" : "";
  const std::uint64_t v = ms < 0 ? static_cast<std::uint64_t>(-(ms + 1)) + 1 : static_cast<std::uint64_t>(ms);
  out += std::to_string(v / 1000);
  if (const std::uint64_t frac = v % 1000; frac != 0) {
    std::string f = std::to_string(frac + 1000).substr(1);
    while (f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

/// Milliseconds as minutes, to 2 places (half even): 60000 -> 1, 90000 -> 1.5, 10000 -> 0.17.
Decimal minutes_of(std::int64_t ms) {
  auto m = Decimal::from_int(ms).div(Decimal::from_int(60'000), 2);
  return m ? *m : Decimal::from_int(0);
}

void write_commitment(JsonObject& o, const Commitment& c) {
  o.string("id", c.id).string("kind", kind_name(c.kind));
  if (c.kind == Kind::within)
    o.string("from", c.from).string("to", c.to).string("limit", internal::format_duration(c.limit_ms));
  else
    o.string("flag", c.flag);
  o.number("target", c.target).text("text", c.text);
}

void write_group(JsonObject& o, const Group& g, const std::vector<Commitment>& commitments, std::string_view by) {
  if (!by.empty()) o.string("by", by).string("key", g.key);
  o.number("tickets", g.tickets);
  o.key("commitments");
  JsonArray a(o.out());
  for (std::size_t k = 0; k < g.tallies.size(); ++k) {
    const Tally& t = g.tallies[k];
    JsonObject c(a.item());
    c.string("id", commitments[k].id).number("met", t.met).number("not_met", t.not_met).number("breached", t.not_met);
    c.number("missing", t.missing);
    if (auto r = t.rate())
      c.number("rate", *r);
    else
      c.null("rate");
    c.number("target", commitments[k].target).boolean("met_target", t.meets(commitments[k].target));
    c.close();
  }
  a.close();
}

void write_groups(JsonObject& o, std::string_view name, const std::vector<Group>& groups,
                  const std::vector<Commitment>& commitments, std::string_view by) {
  o.key(name);
  JsonArray a(o.out(), JsonLayout::lines);
  for (const Group& g : groups) {
    JsonObject inner(a.item());
    write_group(inner, g, commitments, by);
  }
  a.close();
}

}  // namespace

std::optional<Decimal> Tally::rate() const {
  const std::uint64_t judged = met + not_met;
  if (judged == 0) return std::nullopt;
  auto r =
      Decimal::from_int(static_cast<std::int64_t>(met)).div(Decimal::from_int(static_cast<std::int64_t>(judged)), 4);
  return r ? std::optional<Decimal>(*r) : std::nullopt;
}

bool Tally::meets(const Decimal& target) const {
  // met / judged >= target, exactly: met >= target * judged.
  const std::uint64_t judged = met + not_met;
  if (judged == 0) return true;
  auto need = target.mul(Decimal::from_int(static_cast<std::int64_t>(judged)));
  return need && Decimal::from_int(static_cast<std::int64_t>(met)) >= *need;
}

std::string Report::to_json() const {
  std::string out;
  JsonObject o(out, JsonLayout::lines);
  o.key("commitments");
  {
    JsonArray a(out, JsonLayout::lines);
    for (const Commitment& c : commitments) {
      JsonObject inner(a.item());
      write_commitment(inner, c);
    }
  }
  o.string("time_zone", internal::format_utc_offset(utc_offset_minutes));
  o.key("tickets");
  {
    JsonObject t(out);
    t.number("checked", checked).number("rejected", static_cast<std::uint64_t>(rejected.size()));
  }
  o.string("by", by_name(by));
  o.key("total");
  {
    JsonObject t(out);
    write_group(t, total, commitments, "");
  }
  write_groups(o, "groups", groups, commitments, by_name(by));
  write_groups(o, "months", months, commitments, "month");
  o.key("breaches");
  {
    JsonArray a(out, JsonLayout::lines);
    for (const Breach& b : breaches) {
      JsonObject inner(a.item());
      inner.string("ticket", b.ticket).number("line", b.line).string("commitment", commitments[b.commitment].id);
      if (commitments[b.commitment].kind == Kind::within)
        inner.string("by", internal::format_duration(b.over_ms))
            .raw("seconds", seconds_text(b.over_ms))
            .number("minutes", minutes_of(b.over_ms));
    }
  }
  o.key("rejected");
  {
    JsonArray a(out, JsonLayout::lines);
    for (const Error& e : rejected) {
      JsonObject inner(a.item());
      internal::write_error_members(inner, e);
    }
  }
  o.key("notes");
  {
    JsonArray a(out);
    for (const std::string& n : notes) internal::write_json_string(a.item(), n);
  }
  o.close();
  return out;
}

std::string csv_header(const std::vector<Commitment>& commitments) {
  std::string out = "ticket,line,customer,engineer";
  for (const Commitment& c : commitments) {
    out += ',';
    out += c.id;
    if (c.kind == Kind::within) out += "," + c.id + "_seconds," + c.id + "_over_seconds";
  }
  return out + '\n';
}

std::string csv_row(const std::vector<Commitment>& commitments, const TicketResult& t) {
  std::string out;
  internal::csv::append_cell(out, t.ticket);
  out += ',' + std::to_string(t.line) + ',';
  internal::csv::append_cell(out, t.customer);
  out += ',';
  internal::csv::append_cell(out, t.engineer);
  for (std::size_t k = 0; k < t.status.size(); ++k) {
    out += ',';
    out += status_name(t.status[k]);
    if (commitments[k].kind != Kind::within) continue;
    out += ',';
    if (t.status[k] != Status::missing) out += seconds_text(t.elapsed_ms[k]);
    out += ',';
    if (t.status[k] == Status::not_met) out += seconds_text(t.elapsed_ms[k] - commitments[k].limit_ms);
  }
  return out + '\n';
}

std::string ticket_json(const std::vector<Commitment>& commitments, const TicketResult& t) {
  std::string out;
  JsonObject o(out);
  o.string("ticket", t.ticket).number("line", t.line).string("customer", t.customer).string("engineer", t.engineer);
  o.key("commitments");
  {
    JsonObject all(out);
    for (std::size_t k = 0; k < t.status.size(); ++k) {
      all.key(commitments[k].id);
      JsonObject c(out);
      c.string("status", status_name(t.status[k]));
      if (commitments[k].kind != Kind::within || t.status[k] == Status::missing) continue;
      c.raw("seconds", seconds_text(t.elapsed_ms[k]));
      if (t.status[k] != Status::not_met) continue;
      const std::int64_t over = t.elapsed_ms[k] - commitments[k].limit_ms;
      c.string("by", internal::format_duration(over)).raw("over_seconds", seconds_text(over));
    }
  }
  o.close();
  return out;
}

}  // namespace crm::service
