// The BG/NBD and Gamma-Gamma fits on the CDNOW sample against the published values (Fader,
// Hardie and Lee 2005; lifetimes' documentation), predictions, CLV and the fit's errors.
#include <catch2/catch.hpp>

#include <cmath>

#include "crmrules/lifetime.hpp"

namespace lt = crm::lifetime;

namespace {

lt::Summary cdnow(const char* file = "cdnow_customers_summary_with_transactions.csv") {
  auto s = lt::read_summary_csv_file(std::string(CRM_TEST_DATA) + "/cdnow/" + file);
  if (!s) FAIL(s.error().to_string());
  return *s;
}

bool three_figures(double got, double want) { return std::abs(got - want) <= 0.0005 * std::abs(want) * 10; }

}  // namespace

TEST_CASE("lifetime: BG/NBD on CDNOW reproduces the paper to three significant figures", "[lifetime]") {
  const auto s = cdnow("cdnow_customers_summary.csv");
  REQUIRE(s.customers.size() == 2357);
  auto bg = lt::BgNbd::fit(s);
  REQUIRE(bg);
  const auto& p = bg->params();
  CHECK(std::round(p.r * 1000) / 1000 == Approx(0.243));
  CHECK(std::round(p.alpha * 1000) / 1000 == Approx(4.414).margin(0.0011));
  CHECK(std::round(p.a * 1000) / 1000 == Approx(0.793));
  CHECK(std::round(p.b * 1000) / 1000 == Approx(2.426).margin(0.0011));
  CHECK(bg->log_likelihood() == Approx(-9582.4).margin(0.05));
  CHECK(three_figures(p.r, 0.243));
  CHECK(bg->customers() == 2357);
  // The paper's worked customer: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks.
  CHECK(bg->expected_purchases(39, 2, 30.43, 38.86) == Approx(1.226).margin(0.001));
  CHECK(bg->p_alive(0, 0, 38.86) == 1.0);
  CHECK(bg->p_alive(2, 30.43, 38.86) > bg->p_alive(2, 5, 38.86));  // a recent buyer is likelier alive
  auto again = bg->log_likelihood_of(std::vector<double>{2}, std::vector<double>{30.43}, std::vector<double>{38.86});
  REQUIRE(again);
  CHECK(std::isfinite(*again));
}

TEST_CASE("lifetime: the fit plot's expected counts add up to the customers", "[lifetime]") {
  const auto s = cdnow();
  auto bg = lt::BgNbd::fit(s);
  REQUIRE(bg);
  auto bins = bg->histogram(s, 7);
  REQUIRE(bins.size() == 7);
  double expected = 0;
  std::uint64_t actual = 0;
  for (const auto& b : bins) expected += b.expected, actual += b.actual;
  CHECK(actual == 2357);
  CHECK(expected == Approx(2357).epsilon(1e-6));
  CHECK(bins[0].actual == 1411);                           // the paper: 1,411 customers made no repeat purchase
  CHECK(bins[0].expected == Approx(1411).epsilon(0.02));   // and the model expects about as many
  CHECK(bg->expected_repeat_purchases(0) == 0);
  CHECK(bg->expected_repeat_purchases(39) > bg->expected_repeat_purchases(20));
  const std::string svg = lt::histogram_svg(bins, crm::Lang::en);
  CHECK(svg.find("Repeat purchases: actual against predicted") != std::string::npos);
  CHECK(svg.find("<rect") != std::string::npos);
}

TEST_CASE("lifetime: Gamma-Gamma on CDNOW reproduces lifetimes' p, q, v", "[lifetime]") {
  const auto s = cdnow();
  auto gg = lt::GammaGamma::fit(s);
  REQUIRE(gg);
  CHECK(gg->customers() == 946);
  CHECK(gg->params().p == Approx(6.25).margin(0.01));
  CHECK(gg->params().q == Approx(3.74).margin(0.01));
  CHECK(gg->params().v == Approx(15.44).margin(0.02));
  CHECK(std::abs(gg->correlation()) < 0.3);
  CHECK(gg->expected_average_profit(0, 0) == Approx(gg->params().p * gg->params().v / (gg->params().q - 1)));
  // a repeat buyer's expectation lies between the population mean and their own mean
  const double mine = gg->expected_average_profit(5, 60);
  CHECK(mine < 60);
  CHECK(mine > gg->expected_average_profit(0, 0));
}

TEST_CASE("lifetime: model CLV and batch scores agree with the one-customer functions", "[lifetime]") {
  const auto s = cdnow();
  auto bg = lt::BgNbd::fit(s);
  auto gg = lt::GammaGamma::fit(s);
  REQUIRE((bg && gg));
  lt::ClvOptions o;
  const double one = lt::clv(*bg, *gg, 2, 30.43, 38.86, 22.35, o);
  CHECK(one > 0);
  std::vector<double> x{2, 0, 2}, t_x{30.43, 0, 30.43}, T{38.86, 38.86, 38.86}, m{22.35, 0, 22.35};
  auto scores = lt::score(*bg, *gg, x, t_x, T, m, 39, o, 2);
  REQUIRE(scores);
  CHECK((*scores)[0].clv == Approx(one).epsilon(1e-12));
  CHECK((*scores)[2].clv == (*scores)[0].clv);
  CHECK((*scores)[0].expected_purchases == Approx(bg->expected_purchases(39, 2, 30.43, 38.86)).epsilon(1e-12));
  CHECK((*scores)[1].p_alive == 1.0);
  // no discount, a longer horizon: more value
  lt::ClvOptions longer = o;
  longer.horizon_months = 24;
  CHECK(lt::clv(*bg, *gg, 2, 30.43, 38.86, 22.35, longer) > one);
  m[1] = -1;
  auto bad = lt::score(*bg, *gg, x, t_x, T, m, 39, o);
  REQUIRE(!bad);
  CHECK(bad.error().where.pointer == "/1/monetary_value");
  CHECK(lt::rounded(0.1234565, 6)->to_string() == "0.123456");  // half even on the decimal text
  CHECK(!lt::rounded(std::nan(""), 2));
}

TEST_CASE("lifetime: fit errors say what went wrong", "[lifetime]") {
  std::vector<double> x{0, 0, 0}, t_x{0, 0, 0}, T{10, 12, 14};
  auto once = lt::BgNbd::fit(x, t_x, T);
  REQUIRE(!once);
  CHECK(once.error().code == crm::ErrorCode::missing);
  CHECK(once.error().message.find("every customer bought once") != std::string::npos);

  std::vector<double> bad_x{1, 2.5}, bad_tx{1, 2}, bad_T{3, 4};
  auto frac = lt::BgNbd::fit(bad_x, bad_tx, bad_T);
  REQUIRE(!frac);
  CHECK(frac.error().where.pointer == "/1/frequency");
  std::vector<double> past{1}, past_tx{5}, past_T{4};
  CHECK(lt::BgNbd::fit(past, past_tx, past_T).error().where.pointer == "/0/recency");

  const auto s = cdnow("cdnow_customers_summary.csv");
  lt::FitOptions few;
  few.max_evaluations = 10;
  auto stopped = lt::BgNbd::fit(s, few);
  REQUIRE(!stopped);
  CHECK(stopped.error().code == crm::ErrorCode::no_match);
  CHECK(stopped.error().message.find("did not converge") != std::string::npos);
  CHECK(stopped.error().message.find("the last values: r = ") != std::string::npos);

  lt::FitOptions tight;
  tight.upper_bound = 2;  // alpha's optimum (4.4) is out of reach
  auto bound = lt::BgNbd::fit(s, tight);
  REQUIRE(!bound);
  CHECK(bound.error().code == crm::ErrorCode::out_of_range);
  CHECK(bound.error().message.find("alpha at its bound") != std::string::npos);

  CHECK(!lt::BgNbd::from_params({0.2, -1, 1, 1}));
  CHECK(!lt::GammaGamma::from_params({1, 0.5, 1}));
  std::vector<double> gx{1, 2}, gm{10, 0};
  CHECK(lt::GammaGamma::fit(gx, gm).error().where.pointer == "/1/monetary_value");
}

TEST_CASE("lifetime: the deck's simple CLV is exact", "[lifetime]") {
  using crm::Decimal;
  auto d = [](const char* t) { return *Decimal::parse(t); };
  auto c = lt::simple_clv(d("100"), d("0.8"), d("0.1"), 3, d("150"));
  REQUIRE(c);
  CHECK(c->expected_lifetime.to_string() == "5.00");
  CHECK(c->lifetime_value.to_string() == "500.00");
  // 100 + 100 * 0.8/1.1 + 100 * (0.8/1.1)^2 = 100 + 72.7272... + 52.8925... = 225.62
  CHECK(c->discounted_value.to_string() == "225.62");
  CHECK(c->lifetime_profit.to_string() == "75.62");
  CHECK(c->lifetime_profit_rate->to_string() == "0.50");
  CHECK(lt::simple_clv(d("100"), d("1"), d("0.1"), 3, d("0")).error().where.pointer == "/retention");
  CHECK(!lt::simple_clv(d("100"), d("0.5"), d("0.1"), 3, d("0"))->lifetime_profit_rate);
}
