// Service tickets checked against the built-in commitments (rules/service.json, the
// deck's "168"): each commitment met, not met or missing, by how much, the rates per group
// against their targets, and every bad row rejected at its place while the rest are checked.
#include <catch2/catch.hpp>

#include "crmrules/service.hpp"

using crm::Decimal;
using crm::ErrorCode;
using crm::service::Checker;
using crm::service::GroupBy;
using crm::service::Options;
using crm::service::Report;

namespace {

const std::string tickets_csv = std::string(CRMRULES_SOURCE_DIR) + "/tests/data/service_tickets.csv";

std::size_t index_of(const Report& r, std::string_view id) {
  for (std::size_t k = 0; k < r.commitments.size(); ++k)
    if (r.commitments[k].id == id) return k;
  FAIL("no commitment " << id);
  return 0;
}

const crm::service::Tally& tally(const Report& r, const crm::service::Group& g, std::string_view id) {
  return g.tallies[index_of(r, id)];
}

Report check(const Options& options = {}) {
  auto report = Checker::builtin().check_csv_file(tickets_csv, options);
  REQUIRE(report);
  return std::move(*report);
}

}  // namespace

TEST_CASE("the built-in commitments are the deck's 168", "[service]") {
  const auto& c = Checker::builtin().commitments();
  REQUIRE(c.size() == 7);
  CHECK(c[0].id == "reply_15min");
  CHECK(c[0].limit_ms == 15 * 60'000);
  CHECK(c[0].text.zh == "1刻钟回复:接到客户来电,十五分钟内回复");
  CHECK(c[1].limit_ms == 60 * 60'000);
  CHECK(c[2].id == "first_time_fix");
  CHECK(c[2].target == *Decimal::parse("0.90"));
  CHECK(c[6].id == "follow_up");
  CHECK(c[6].target == Decimal::from_int(1));
}

TEST_CASE("each ticket: met, not met by how much, or missing, a limit exactly reached is met", "[service]") {
  const Report r = check();
  CHECK(r.checked == 4);
  const auto& reply = tally(r, r.total, "reply_15min");
  CHECK(reply.met == 2);      // T1 at exactly 15 minutes, T8
  CHECK(reply.not_met == 1);  // T2 at 16 minutes
  CHECK(reply.missing == 1);  // T3 has no reply time: not counted as met
  CHECK(reply.rate()->to_string() == "0.6667");
  CHECK_FALSE(reply.meets(r.commitments[0].target));
  const auto& depart = tally(r, r.total, "depart_1h");
  CHECK(depart.met == 3);  // T1 at exactly one hour
  CHECK(depart.not_met == 1);
  const auto& fix = tally(r, r.total, "first_time_fix");
  CHECK(fix.rate()->to_string() == "0.75");
  CHECK_FALSE(fix.meets(*Decimal::parse("0.90")));
  CHECK(tally(r, r.total, "full_check").rate()->to_string() == "1");

  // Breaches: tickets that missed a commitment whose target is every ticket, in input order.
  REQUIRE(r.breaches.size() == 4);
  CHECK(r.breaches[0].ticket == "T2");
  CHECK(r.breaches[0].line == 3);
  CHECK(r.commitments[r.breaches[0].commitment].id == "reply_15min");
  CHECK(r.breaches[0].over_ms == 60'000);  // 10:16 for a call at 10:00: one minute over
  CHECK(r.commitments[r.breaches[1].commitment].id == "follow_up");
  CHECK(r.breaches[2].ticket == "T3");
  CHECK(r.commitments[r.breaches[2].commitment].id == "training");
  CHECK(r.breaches[3].ticket == "T8");
  CHECK(r.breaches[3].over_ms == 10 * 60'000);
}

TEST_CASE("bad rows are rejected at their line and column, and the rest are checked", "[service]") {
  const Report r = check();
  REQUIRE(r.rejected.size() == 4);
  CHECK(r.rejected[0].where.line == 5);  // T4: departed before requested
  CHECK(r.rejected[0].where.column == 7);
  CHECK(r.rejected[0].code == ErrorCode::out_of_range);
  CHECK(r.rejected[0].message.find(
            "impossible timestamps: 'departed' (2026-04-02T09:30:00+08:00) is before 'requested'") !=
        std::string::npos);
  CHECK(r.rejected[1].where.line == 6);  // a second T1
  CHECK(r.rejected[1].where.column == 1);
  CHECK(r.rejected[1].code == ErrorCode::conflict);
  CHECK(r.rejected[1].message == "duplicate ticket id 'T1' (first at line 2)");
  CHECK(r.rejected[2].where.line == 7);  // 25:00
  CHECK(r.rejected[2].where.column == 4);
  CHECK(r.rejected[2].message.find("'called': no such time of day") != std::string::npos);
  CHECK(r.rejected[3].where.column == 10);  // maybe
  CHECK(r.rejected[3].message.find("'first_time_fix' is yes or no") != std::string::npos);
}

TEST_CASE("rates per customer, engineer and month against their targets", "[service]") {
  const Report by_customer = check();
  REQUIRE(by_customer.groups.size() == 3);
  CHECK(by_customer.groups[0].key == "C001");
  CHECK(by_customer.groups[0].tickets == 2);
  CHECK(tally(by_customer, by_customer.groups[0], "follow_up").rate()->to_string() == "0.5");
  CHECK(by_customer.groups[1].key == "C002");
  CHECK(tally(by_customer, by_customer.groups[1], "reply_15min").rate() == std::nullopt);  // only missing

  Options by_engineer;
  by_engineer.by = GroupBy::engineer;
  const Report e = check(by_engineer);
  REQUIRE(e.groups.size() == 3);
  CHECK(e.groups[0].key == "张工");
  CHECK(e.groups[0].tickets == 2);

  // Months in the rules' time zone (+08:00): T3's call at 23:00 on 31 March is March's.
  REQUIRE(by_customer.months.size() == 2);
  CHECK(by_customer.months[0].key == "2026-03");
  CHECK(by_customer.months[0].tickets == 3);
  CHECK(by_customer.months[1].key == "2026-04");
  CHECK(by_customer.months[1].tickets == 1);
}

TEST_CASE("JSON Lines give the same report, bad lines placed by line and pointer", "[service]") {
  const std::string jsonl =
      R"({"ticket": "J1", "customer": "C9", "called": "2026-05-01T10:00:00+08:00", "replied": "2026-05-01T10:15:00+08:00", "follow_up": true})"
      "\n"
      R"({"ticket": "J2", "customer": "C9", "called": "2026-05-01T11:00:00+08:00", "replied": "2026-05-01T11:16:00+08:00", "follow_up": false})"
      "\n\n"
      R"({"ticket": "J3", "called": "2026-05-01 12:00", "replied": "2026-05-01 11:00"})"
      "\n"
      R"({"ticket": 4, "called": {"at": "noon"}})"
      "\n"
      R"({"ticket": "J5", "called": )"
      "\n";
  auto r = Checker::builtin().check_jsonl(jsonl);
  REQUIRE(r);
  CHECK(r->checked == 2);
  CHECK(tally(*r, r->total, "reply_15min").met == 1);
  CHECK(tally(*r, r->total, "reply_15min").not_met == 1);
  REQUIRE(r->breaches.size() == 2);
  CHECK(r->breaches[0].over_ms == 60'000);
  REQUIRE(r->rejected.size() == 3);
  CHECK(r->rejected[0].where.line == 4);
  CHECK(r->rejected[0].where.pointer == "/replied");
  CHECK(r->rejected[0].message.find("impossible timestamps") != std::string::npos);
  CHECK(r->rejected[1].where.line == 5);
  CHECK(r->rejected[1].where.pointer == "/called");
  CHECK(r->rejected[1].code == ErrorCode::type_mismatch);
  CHECK(r->rejected[2].where.line == 6);
  CHECK(r->rejected[2].code == ErrorCode::parse);
}

TEST_CASE("the input as a whole: no ticket column, a missing column noted, an empty file", "[service]") {
  auto none = Checker::builtin().check_csv("id,customer\n1,C1\n");
  REQUIRE_FALSE(none);
  CHECK(none.error().code == ErrorCode::missing);
  CHECK(none.error().message.find("no ticket id column 'ticket'") != std::string::npos);

  auto partial = Checker::builtin().check_csv("ticket,called,replied\nA,2026-01-01 10:00,2026-01-01 10:05\n");
  REQUIRE(partial);
  CHECK(partial->checked == 1);
  CHECK(tally(*partial, partial->total, "follow_up").missing == 1);  // no column: missing, never met
  bool noted = false;
  for (const auto& n : partial->notes) noted = noted || n == "the input has no column 'follow_up'";
  CHECK(noted);

  auto empty = Checker::builtin().check_csv("");
  REQUIRE(empty);
  CHECK(empty->checked == 0);

  CHECK(Checker::builtin().check_csv_file("/no/such/tickets.csv").error().code == ErrorCode::io);
}

TEST_CASE("per-ticket results, as CSV rows, in input order", "[service]") {
  std::string rows;
  Options options;
  options.on_ticket = [&](const crm::service::TicketResult& t) {
    rows += crm::service::csv_row(Checker::builtin().commitments(), t);
  };
  check(options);
  CHECK(crm::service::csv_header(Checker::builtin().commitments()) ==
        "ticket,line,customer,engineer,reply_15min,reply_15min_seconds,reply_15min_over_seconds,depart_1h,"
        "depart_1h_seconds,depart_1h_over_seconds,first_time_fix,full_check,report,training,follow_up\n");
  CHECK(rows.substr(0, rows.find('\n')) == "T1,2,C001,张工,met,900,,met,3600,,met,met,met,met,met");
  CHECK(rows.find("T2,3,C001,李工,not_met,960,60,met,1800,,not_met,met,met,met,not_met\n") != std::string::npos);
  CHECK(rows.find("T3,4,C002,张工,missing,,,met,1800,,met,met,met,not_met,met\n") != std::string::npos);
  CHECK(rows.find("T8,9,C003,王工,met,600,,not_met,4200,600,") != std::string::npos);
}

TEST_CASE("the report as JSON, text and a chart", "[service]") {
  const Report r = check();
  const std::string json = r.to_json();
  CHECK(json.find(R"("tickets": {"checked": 4, "rejected": 4})") != std::string::npos);
  CHECK(json.find(
            R"({"ticket": "T2", "line": 3, "commitment": "reply_15min", "by": "PT1M", "seconds": 60, "minutes": 1})") !=
        std::string::npos);
  CHECK(
      json.find(
          R"({"by": "customer", "key": "C001", "tickets": 2, "commitments": [{"id": "reply_15min", "met": 1, "not_met": 1, "breached": 1, "missing": 0, "rate": 0.5, "target": 1, "met_target": false})") !=
      std::string::npos);
  CHECK(json.find(R"("time_zone": "+08:00")") != std::string::npos);
  const std::string zh = r.to_text(crm::Lang::zh);
  CHECK(zh.find("服务承诺检查: 4 张工单已检查, 4 行被拒绝") != std::string::npos);
  CHECK(zh.find("✗ 1刻钟回复") != std::string::npos);
  CHECK(zh.find("✓ 1次通检") != std::string::npos);
  CHECK(r.to_text(crm::Lang::en).find("T2 (line 3): reply_15min +PT1M") != std::string::npos);
  const std::string svg = r.to_svg(crm::Lang::en);
  CHECK(svg.find("<svg") == 0);
  CHECK(svg.find("2026-03") != std::string::npos);
  CHECK(svg.find("polyline") != std::string::npos);
}

TEST_CASE("a vendor's own commitments, and malformed ones refused at their place", "[service]") {
  std::string rules(Checker::builtin_json());
  rules.replace(rules.find("\"PT15M\""), 7, "\"PT20M\"");
  auto loaded = crm::RuleSet::load(rules);
  REQUIRE(loaded);
  auto mine = Checker::from_rule_set(*loaded);
  REQUIRE(mine);
  auto r = mine->check_csv_file(tickets_csv);
  REQUIRE(r);
  CHECK(tally(*r, r->total, "reply_15min").not_met == 0);  // 16 minutes is within 20

  auto refused = [](std::string from, std::string to, ErrorCode code, std::string_view part) {
    std::string text(Checker::builtin_json());
    text.replace(text.find(from), from.size(), to);
    auto bad = crm::RuleSet::load(text);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == code);
    CHECK(bad.error().message.find(part) != std::string::npos);
    CHECK(bad.error().where.line > 0);
  };
  refused("\"from\": \"called\", \"to\": \"replied\"", "\"from\": \"caled\", \"to\": \"replied\"",
          ErrorCode::unknown_name, "unknown timestamp 'caled' (did you mean 'called'?)");
  refused("\"PT15M\"", "\"15 minutes\"", ErrorCode::parse, "expected an ISO 8601 duration");
  refused("\"target\": \"0.90\"", "\"target\": \"90\"", ErrorCode::out_of_range, "a target is a share of tickets");
  refused("\"flag\": \"training\"", "\"flag\": \"trainings\"", ErrorCode::unknown_name, "unknown flag 'trainings'");
  refused("\"time_zone\": \"+08:00\"", "\"time_zone\": \"Asia/Shanghai\"", ErrorCode::parse, "expected an offset");
  refused("{\"id\": \"report\"", "{\"id\": \"full_check\"", ErrorCode::conflict,
          "commitment 'full_check' is defined twice");

  // A time limit's timestamps may not go backwards even when "order" leaves them out.
  std::string unordered(Checker::builtin_json());
  unordered.replace(unordered.find("[\"called\", \"replied\"], "), 23, "");
  auto rules2 = crm::RuleSet::load(unordered);
  REQUIRE(rules2);
  auto early =
      Checker::from_rule_set(*rules2)->check_csv("ticket,called,replied\nA,2026-01-01 10:00,2026-01-01 09:59\n");
  REQUIRE(early);
  REQUIRE(early->rejected.size() == 1);
  CHECK(early->rejected[0].message.find("'replied' (2026-01-01T09:59:00+08:00) is before 'called'") !=
        std::string::npos);

  auto no_section = Checker::from_rule_set(crm::RuleSet::builtin());
  REQUIRE_FALSE(no_section);
  CHECK(no_section.error().code == ErrorCode::invalid_rule);
}

TEST_CASE("per-ticket results as JSON lines: status, seconds, and by how much", "[service]") {
  std::vector<std::string> lines;
  Options options;
  options.on_ticket = [&](const crm::service::TicketResult& t) {
    lines.push_back(crm::service::ticket_json(Checker::builtin().commitments(), t));
  };
  check(options);
  REQUIRE(lines.size() == 4);
  CHECK(lines[1].starts_with(
      R"({"ticket": "T2", "line": 3, "customer": "C001", "engineer": "李工", "commitments": {"reply_15min": {"status": "not_met", "seconds": 960, "by": "PT1M", "over_seconds": 60}, "depart_1h": {"status": "met", "seconds": 1800}, "first_time_fix": {"status": "not_met"})"));
  CHECK(lines[2].find(R"("reply_15min": {"status": "missing"})") != std::string::npos);
}

TEST_CASE("tickets handed over as structs: the same as from CSV, unknown fields rejected", "[service]") {
  using crm::service::Ticket;
  std::vector<Ticket> tickets = {
      Ticket{.id = "T-17",
             .customer = "C001",
             .engineer = "张工",
             .times = {{"called", "2026-03-02T10:00+08:00"}, {"replied", "2026-03-02T10:16"}},
             .flags = {{"follow_up", true}, {"training", false}}},
      Ticket{.id = "T-18", .customer = "C001", .times = {{"called", "2026-03-02T10:00Z"}, {"replied", ""}}},
      Ticket{.id = "T-19", .times = {{"caled", "2026-03-02T10:00Z"}}},
      Ticket{.id = "T-20", .times = {{"called", "2026-03-02T10:00Z"}, {"replied", "2026-03-02T09:00Z"}}},
      Ticket{.id = "T-17"},
      Ticket{.id = "T-21", .flags = {{"report", true}, {"report", false}}},
  };
  auto r = Checker::builtin().check(tickets);
  REQUIRE(r);
  CHECK(r->checked == 2);
  const auto& reply = tally(*r, r->total, "reply_15min");
  CHECK((reply.met == 0 && reply.not_met == 1 && reply.missing == 1));
  CHECK(tally(*r, r->total, "follow_up").met == 1);
  CHECK(tally(*r, r->total, "training").not_met == 1);
  REQUIRE(r->breaches.size() == 2);
  CHECK((r->breaches[0].ticket == "T-17" && r->breaches[0].line == 1 && r->breaches[0].over_ms == 60'000));
  REQUIRE(r->rejected.size() == 4);
  CHECK(r->rejected[0].where.pointer == "/2/caled");
  CHECK(r->rejected[0].message.find("did you mean 'called'") != std::string::npos);
  CHECK(r->rejected[1].where.pointer == "/3/replied");
  CHECK(r->rejected[1].code == ErrorCode::out_of_range);
  CHECK(r->rejected[2].message.find("duplicate ticket id 'T-17' (first at line 1)") != std::string::npos);
  CHECK((r->rejected[3].code == ErrorCode::conflict && r->rejected[3].where.pointer == "/5/report"));
  // The same tickets as CSV count the same.
  auto csv = Checker::builtin().check_csv(
      "ticket,customer,engineer,called,replied,training,follow_up\n"
      "T-17,C001,张工,2026-03-02T10:00+08:00,2026-03-02T10:16,no,yes\nT-18,C001,,2026-03-02T10:00Z,,,\n");
  REQUIRE(csv);
  REQUIRE(csv->checked == r->checked);
  for (std::size_t k = 0; k < r->commitments.size(); ++k) {
    const auto &a = csv->total.tallies[k], &b = r->total.tallies[k];
    CHECK((a.met == b.met && a.not_met == b.not_met && a.missing == b.missing));
  }
  CHECK(csv->breaches.size() == r->breaches.size());
}

TEST_CASE("only some commitments: --only, unknown ids refused with did-you-mean", "[service]") {
  const std::vector<std::string> ids = {"follow_up", "reply_15min"};
  auto some = Checker::builtin().only(ids);
  REQUIRE(some);
  REQUIRE(some->commitments().size() == 2);
  CHECK(some->commitments()[0].id == "reply_15min");  // the rules' order
  auto r = some->check_csv_file(tickets_csv);
  REQUIRE(r);
  CHECK(r->checked == 4);
  CHECK(r->total.tallies.size() == 2);
  CHECK(r->breaches.size() == 2);                       // T2's reply and follow-up
  CHECK(Checker::builtin().commitments().size() == 7);  // the built-in one is unchanged

  const std::vector<std::string> typo = {"reply_15mins"};
  auto bad = Checker::builtin().only(typo);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::unknown_name);
  CHECK(bad.error().message.find("unknown commitment 'reply_15mins' (did you mean 'reply_15min'?)") !=
        std::string::npos);
  CHECK(Checker::builtin().only(std::vector<std::string>{}).error().code == ErrorCode::invalid_argument);
}

TEST_CASE("a time limit in minutes, exact to the millisecond", "[service]") {
  auto with_limit = [](std::string limit) {
    std::string text(Checker::builtin_json());
    text.replace(text.find("\"PT15M\""), 7, limit);
    return crm::RuleSet::load(text);
  };
  auto rules = with_limit("16");
  REQUIRE(rules);
  auto mine = Checker::from_rule_set(*rules);
  REQUIRE(mine);
  CHECK(mine->commitments()[0].limit_ms == 16 * 60'000);
  auto r = mine->check_csv_file(tickets_csv);
  REQUIRE(r);
  CHECK(tally(*r, r->total, "reply_15min").not_met == 0);  // 16 minutes exactly: met
  auto half = with_limit("0.5");
  REQUIRE(half);
  CHECK(Checker::from_rule_set(*half)->commitments()[0].limit_ms == 30'000);
  for (const char* bad : {"-1", "0.0000001", "true"}) {
    auto refused = with_limit(bad);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().where.line > 0);
    CHECK(refused.error().where.pointer == "/service/commitments/0/within/limit");
  }
}
