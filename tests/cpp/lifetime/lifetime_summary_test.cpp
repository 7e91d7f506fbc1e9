// From transactions to the summary the models read (frequency, recency, T, monetary value,
// a calibration/holdout split), retention per month and cohort, the settings section, and
// the bad input the issue names: dates that do not parse, negative amounts, customers with
// one purchase only, an empty calibration period.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>

#include "crmrules/lifetime.hpp"

namespace lt = crm::lifetime;
using crm::Date;
using crm::Decimal;

namespace {

std::string example() {
  std::ifstream in(std::string(CRM_SOURCE_DIR) + "/examples/lifetime/transactions.csv");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

lt::TransactionLog log_of(const std::string& csv, lt::Returns returns = lt::Returns::refuse) {
  lt::ReadOptions o;
  o.returns = returns;
  auto log = lt::TransactionLog::read_csv(csv, o);
  if (!log) FAIL(log.error().to_string());
  return *log;
}

const lt::CustomerSummary& find(const lt::Summary& s, std::string_view id) {
  for (const auto& c : s.customers)
    if (c.customer == id) return c;
  FAIL("no customer " << id);
  throw;
}

Date day(const char* text) { return *Date::parse(text); }

/// The CDNOW sample rebuilt as a transaction log: each customer's first purchase T weeks
/// before the end, x repeat purchases spread up to its recency, each worth its zbar.
std::string cdnow_transactions() {
  std::ifstream in(std::string(CRM_TEST_DATA) + "/cdnow/cdnow_customers_summary_with_transactions.csv");
  std::string line, out = "customer,date,amount\n";
  std::getline(in, line);
  const Date end = day("1997-09-30");
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string id, x, t_x, T, zbar;
    std::getline(fields, id, ',') && std::getline(fields, x, ',') && std::getline(fields, t_x, ',') &&
        std::getline(fields, T, ',') && std::getline(fields, zbar, ',');
    const int first = end.days() - static_cast<int>(std::lround(std::stod(T) * 7));
    const int span = static_cast<int>(std::lround(std::stod(t_x) * 7)), n = std::stoi(x);
    out += id + ',' + Date::from_days(first).to_string() + ",10\n";
    for (int k = 1; k <= n; ++k)
      out += id + ',' + Date::from_days(first + static_cast<int>(std::lround(double(k) * span / n))).to_string() + ',' +
             zbar + '\n';
  }
  return out;
}

}  // namespace

TEST_CASE("lifetime: a summary counts purchase days as lifetimes does", "[lifetime]") {
  auto s = lt::summarize(log_of(example()), {lt::Unit::days, std::nullopt, std::nullopt});
  REQUIRE(s);
  CHECK(s->customers.size() == 4);
  CHECK(s->transactions == 10);
  CHECK(s->one_purchase == 2);
  CHECK(s->observation_end == day("2024-03-25"));
  const auto& a = find(*s, "A");  // four purchase days: two orders on 2024-01-01 are one purchase
  CHECK(a.frequency == 3);
  CHECK(a.recency == 84);  // 2024-01-01 .. 2024-03-25 (a leap February)
  CHECK(a.T == 84);
  CHECK(a.repeat_amount.to_string() == "75.00");
  CHECK(a.monetary_value == 25);
  const auto& b = find(*s, "B");
  CHECK(b.frequency == 0);
  CHECK(b.recency == 0);
  CHECK(b.T == 75);
  CHECK(b.monetary_value == 0);
  const auto& c = find(*s, "C");
  CHECK(c.frequency == 2);
  CHECK(c.recency == 38);
  CHECK(c.T == 53);
  CHECK(c.monetary_value == 11.75);
  CHECK(s->to_csv().starts_with("customer,frequency,recency,T,monetary_value\nA,3,84.000000,84.000000,25.000000\n"));

  auto weeks = lt::summarize(log_of(example()), {lt::Unit::weeks, std::nullopt, std::nullopt});
  REQUIRE(weeks);
  CHECK(find(*weeks, "A").T == Approx(12.0));
  CHECK(find(*weeks, "C").recency == Approx(38.0 / 7));
}

TEST_CASE("lifetime: a calibration/holdout split as lifetimes' calibration_and_holdout_data", "[lifetime]") {
  auto s = lt::summarize(log_of(example()), {lt::Unit::days, day("2024-02-29"), std::nullopt});
  REQUIRE(s);
  CHECK(s->customers.size() == 3);  // D first bought after the calibration period
  CHECK(s->duration_holdout == 25);
  const auto& a = find(*s, "A");
  CHECK(a.frequency == 2);
  CHECK(a.recency == 42);
  CHECK(a.T == 59);
  CHECK(a.frequency_holdout == 1);
  CHECK(a.holdout_amount.to_string() == "25.00");
  const auto& c = find(*s, "C");
  CHECK(c.frequency == 0);
  CHECK(c.T == 28);
  CHECK(c.frequency_holdout == 2);
  CHECK(c.monetary_value_holdout == 11.75);
  CHECK(
      s->to_csv().starts_with("customer,frequency_cal,recency_cal,T_cal,monetary_value_cal,frequency_holdout,"
                              "monetary_value_holdout,duration_holdout\n"));

  auto empty = lt::summarize(log_of(example()), {lt::Unit::days, day("2023-12-31"), std::nullopt});
  REQUIRE(!empty);
  CHECK(empty.error().code == crm::ErrorCode::missing);
  CHECK(empty.error().message.find("no customer bought in the calibration period") != std::string::npos);
  auto late = lt::summarize(log_of(example()), {lt::Unit::days, day("2024-03-25"), std::nullopt});
  REQUIRE(!late);
  CHECK(late.error().code == crm::ErrorCode::out_of_range);
}

TEST_CASE("lifetime: the CDNOW sample as transactions fits as the paper's summary does", "[lifetime]") {
  auto s = lt::summarize(log_of(cdnow_transactions()), {lt::Unit::weeks, std::nullopt, std::nullopt});
  REQUIRE(s);
  CHECK(s->customers.size() == 2357);
  auto bg = lt::BgNbd::fit(*s);
  REQUIRE(bg);
  // recency and T rounded to whole days move the fit in the fourth figure only
  CHECK(bg->params().r == Approx(0.243).epsilon(0.005));
  CHECK(bg->params().alpha == Approx(4.414).epsilon(0.005));
  CHECK(bg->params().a == Approx(0.793).epsilon(0.005));
  CHECK(bg->params().b == Approx(2.426).epsilon(0.005));
  CHECK(bg->log_likelihood() == Approx(-9582.4).epsilon(0.001));
  auto gg = lt::GammaGamma::fit(*s);
  REQUIRE(gg);
  CHECK(gg->params().p == Approx(6.25).epsilon(0.01));
}

TEST_CASE("lifetime: bad transactions are refused with their place, nothing half-read", "[lifetime]") {
  auto bad_date = lt::TransactionLog::read_csv("customer,date,amount\nA,2024-01-01,1\nB,2024-02-30,2\n");
  REQUIRE(!bad_date);
  CHECK(bad_date.error().where.line == 3);
  CHECK(bad_date.error().where.column == 2);  // the second field
  CHECK(bad_date.error().message.find("'2024-02-30' is not a date") != std::string::npos);

  const std::string with_return = "customer,date,amount\nA,2024-01-01,10\nA,2024-01-01,-4\nA,2024-01-09,6\n";
  auto refused = lt::TransactionLog::read_csv(with_return);
  REQUIRE(!refused);
  CHECK(refused.error().where.line == 3);
  CHECK(refused.error().message.find("returns = net") != std::string::npos);
  auto netted = lt::summarize(log_of(with_return, lt::Returns::net), {lt::Unit::days, std::nullopt, std::nullopt});
  REQUIRE(netted);
  CHECK(netted->customers[0].frequency == 1);  // the return is netted on its day, which still counts once

  auto no_column = lt::TransactionLog::read_csv("client,date,amount\nA,2024-01-01,1\n");
  REQUIRE(!no_column);
  CHECK(no_column.error().message == "the CSV has no column 'customer'");
  auto no_amount = lt::TransactionLog::read_csv("customer,date,amount\nA,2024-01-01,ten\n");
  REQUIRE(!no_amount);
  CHECK(no_amount.error().where.column == 3);  // the third field
  auto empty_id = lt::TransactionLog::read_csv("customer,date,amount\n,2024-01-01,1\n");
  REQUIRE(!empty_id);
  CHECK(empty_id.error().code == crm::ErrorCode::missing);
  auto bad_time = lt::TransactionLog::read_csv("customer,date,amount\nA,2024-01-01 25:00,1\n");
  REQUIRE(!bad_time);
  CHECK(bad_time.error().where.line == 2);

  std::vector<lt::Transaction> ts{{"A", day("2024-01-01"), Decimal::from_int(3)}, {"", day("2024-01-02"), {}}};
  auto structs = lt::TransactionLog::from(ts);
  REQUIRE(!structs);
  CHECK(structs.error().where.pointer == "/1/customer");
}

TEST_CASE("lifetime: a bad summary CSV is refused naming its cell", "[lifetime]") {
  // A frequency past what a summary holds (found by fuzz.lifetime: it was converted unchecked).
  auto huge = lt::read_summary_csv("ID,x,t_x,T\n1,2,30,38\n2,4444444444444444,30,38\n");
  REQUIRE(!huge);
  CHECK(huge.error().code == crm::ErrorCode::out_of_range);
  CHECK(huge.error().where.line == 3);
  CHECK(huge.error().where.column == 2);
  CHECK(huge.error().message.find("at most 4294967295") != std::string::npos);
  auto biggest = lt::read_summary_csv("ID,x,t_x,T\n1,4294967295,30,38\n");
  REQUIRE(biggest);
  CHECK(biggest->customers[0].frequency == 4294967295u);

  auto fraction = lt::read_summary_csv("ID,x,t_x,T\n1,2.5,30,38\n");
  REQUIRE(!fraction);
  CHECK(fraction.error().where.column == 2);
  auto late = lt::read_summary_csv("ID,x,t_x,T\n1,2,40,38\n");
  REQUIRE(!late);
  CHECK(late.error().where.column == 3);
  auto text = lt::read_summary_csv("ID,x,t_x,T\n1,2,30,soon\n");
  REQUIRE(!text);
  CHECK(text.error().message == "'soon' is not a number");
  auto no_T = lt::read_summary_csv("ID,x,t_x\n1,2,30\n");
  REQUIRE(!no_T);
  CHECK(no_T.error().message == "the summary CSV has no column T");
}

TEST_CASE("lifetime: customers with one purchase only cannot fit the models", "[lifetime]") {
  auto s = lt::summarize(log_of("customer,date,amount\nA,2024-01-01,1\nB,2024-01-05,2\n"),
                         {lt::Unit::days, std::nullopt, std::nullopt});
  REQUIRE(s);
  CHECK(s->one_purchase == 2);
  auto bg = lt::BgNbd::fit(*s);
  REQUIRE(!bg);
  CHECK(bg.error().message.find("every customer bought once") != std::string::npos);
  auto gg = lt::GammaGamma::fit(*s);
  REQUIRE(!gg);
  CHECK(gg.error().code == crm::ErrorCode::missing);
}

TEST_CASE("lifetime: retention per month and per cohort, with the deck's cost view", "[lifetime]") {
  auto r = lt::retention(log_of(example()));
  REQUIRE(r);
  REQUIRE(r->months.size() == 3);
  CHECK(r->customers == 4);
  const auto& feb = r->months[1];
  CHECK(feb.month == "2024-02");
  CHECK(feb.active == 2);
  CHECK(feb.kept == 1);
  CHECK(feb.lost == 1);
  CHECK(feb.new_customers == 1);
  CHECK(feb.retention_rate->to_string() == "0.5000");
  CHECK(feb.churn_rate->to_string() == "0.5000");
  CHECK(!r->months[0].retention_rate);
  CHECK(r->months[2].retention_rate->to_string() == "1.0000");
  CHECK(r->total_lost_acquisition_cost.to_string() == "5");  // one customer lost, at 5 (the deck's 5 : 1)
  CHECK(r->total_kept_retention_cost.to_string() == "3");
  REQUIRE(r->cohorts.size() == 3);
  CHECK(r->cohorts[0].month == "2024-01");
  CHECK(r->cohorts[0].active == std::vector<std::uint64_t>{2, 1, 1});
  CHECK(r->cohorts_csv() ==
        "cohort,size,m0,m1,m2\n2024-01,2,1.0000,0.5000,0.5000\n2024-02,1,1.0000,1.0000,\n"
        "2024-03,1,1.0000,,\n");
  CHECK(r->to_text(crm::Lang::zh).starts_with("新客户的成本是老客户的5倍 (5 : 1)\n"));
  lt::RetentionOptions negative;
  negative.acquisition_cost = Decimal::from_int(-1);
  CHECK(!lt::retention(log_of(example()), negative));
  auto centuries = lt::retention(log_of("customer,date,amount\nA,1900-01-01,1\nB,2024-01-01,1\n"));
  REQUIRE(!centuries);
  CHECK(centuries.error().message.find("the log spans 1489 months (1900-01 to 2024-01)") != std::string::npos);
}

TEST_CASE("lifetime: the settings are a rule-set section users copy and change", "[lifetime]") {
  const auto& s = lt::Settings::builtin();
  CHECK(s.unit == lt::Unit::weeks);
  CHECK(s.texts.retention_rate.in(crm::Lang::zh) == "客户保持率");
  std::string json(lt::Settings::builtin_json());
  const auto at = json.find("\"horizon_months\": 12");
  REQUIRE(at != std::string::npos);
  json.replace(at, 20, "\"horizon_months\": 24");
  auto rules = crm::RuleSet::load(json);
  REQUIRE(rules);
  auto mine = lt::Settings::from_rule_set(*rules);
  REQUIRE(mine);
  CHECK(mine->horizon_months == 24);

  std::string typo(lt::Settings::builtin_json());
  typo.replace(typo.find("\"unit\": \"weeks\""), 15, "\"unit\": \"months\"");
  auto refused = crm::RuleSet::load(typo);
  REQUIRE(!refused);
  CHECK(refused.error().where.pointer == "/lifetime/unit");
  auto none = crm::RuleSet::load(R"({"crmrules": 1, "name": "none", "version": "1", "inputs": {}, "decisions": []})");
  REQUIRE(none);
  CHECK(!lt::Settings::from_rule_set(*none));
}
