// Customer lifetime value: the model CLV (BG/NBD x Gamma-Gamma, discounted month by month
// as `lifetimes` does), many customers scored at once, and the deck's simple forms.
#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <thread>
#include <unordered_map>

#include "src/lifetime/detail.hpp"
#include "src/lifetime/model.hpp"

namespace crm::lifetime {
namespace {

namespace il = internal::lifetime;

double month_length(const ClvOptions& o) { return o.unit == Unit::weeks ? o.month_weeks : o.month_days; }

/// The purchases numerators at t and at the end of each month of the horizon.
void numerators(const BgNbdParams& p, double t, double x, double T, const ClvOptions& o, std::vector<double>& out) {
  const double month = month_length(o);
  out.resize(static_cast<std::size_t>(o.horizon_months) + 1);
  out[0] = il::purchases_numerator(p, t, x, T);
  for (int i = 1; i <= o.horizon_months; ++i) out[i] = il::purchases_numerator(p, i * month, x, T);
}

Score score_from(std::span<const double> num, double denominator, double profit, const ClvOptions& o) {
  Score s;
  s.p_alive = 1 / denominator;
  s.expected_purchases = num[0] / denominator;
  s.expected_average_profit = profit;
  double previous = 0, factor = 1;
  for (std::size_t i = 1; i < num.size(); ++i) {
    factor /= 1 + o.discount_rate;
    const double cumulative = num[i] / denominator;
    s.clv += profit * (cumulative - previous) * factor;
    previous = cumulative;
  }
  return s;
}

struct Key {
  double x, T;
  bool operator==(const Key&) const = default;
};
struct KeyHash {
  std::size_t operator()(const Key& k) const noexcept {
    return std::hash<std::uint64_t>{}(std::bit_cast<std::uint64_t>(k.x) * 0x9E3779B97F4A7C15ull ^
                                      std::bit_cast<std::uint64_t>(k.T));
  }
};

/// Scores rows [begin, end), sharing the numerators of customers of the same (x, T).
void score_rows(const BgNbd& bg, const GammaGamma* gg, std::span<const double> x, std::span<const double> t_x,
                std::span<const double> T, std::span<const double> m, double t, const ClvOptions& o,
                std::size_t begin, std::size_t end, std::vector<Score>& out) {
  std::unordered_map<Key, std::vector<double>, KeyHash> cache;
  for (std::size_t i = begin; i < end; ++i) {
    auto [it, fresh] = cache.try_emplace(Key{x[i], T[i]});
    if (fresh) numerators(bg.params(), t, x[i], T[i], o, it->second);
    out[i] = score_from(it->second, il::alive_denominator(bg.params(), x[i], t_x[i], T[i]),
                        gg ? gg->expected_average_profit(x[i], m[i]) : 0.0, o);
  }
}

expected<void> check_rows(std::span<const double> x, std::span<const double> t_x, std::span<const double> T,
                          std::span<const double> m) {
  if (x.size() != t_x.size() || x.size() != T.size() || x.size() != m.size())
    return unexpected(
        Error{ErrorCode::invalid_argument, "frequency, recency, T and monetary_value have different lengths", {}});
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (auto ok = il::check_customer(i, x[i], t_x[i], T[i]); !ok) return ok;
    if (!std::isfinite(m[i]) || m[i] < 0)
      return unexpected(il::row_error(i, "monetary_value", "a monetary value is finite and 0 or more"));
  }
  return {};
}

expected<void> check_options(const ClvOptions& o, double t) {
  if (o.horizon_months < 0 || o.horizon_months > 1200)
    return unexpected(Error{ErrorCode::out_of_range, "the horizon is 0..1200 months", {}});
  if (!std::isfinite(o.discount_rate) || o.discount_rate < 0 || o.discount_rate >= 1)
    return unexpected(Error{ErrorCode::out_of_range, "the discount rate per month is in [0, 1)", {}});
  if (!std::isfinite(t) || t < 0)
    return unexpected(Error{ErrorCode::out_of_range, "the prediction's time t is finite and 0 or more", {}});
  return {};
}

}  // namespace

double clv(const BgNbd& bg, const GammaGamma& gg, double x, double t_x, double T, double m, const ClvOptions& options) {
  std::vector<double> num;
  numerators(bg.params(), 0, x, T, options, num);
  return score_from(num, il::alive_denominator(bg.params(), x, t_x, T), gg.expected_average_profit(x, m), options)
      .clv;
}

expected<std::vector<Score>> score(const BgNbd& bg, const GammaGamma& gg, std::span<const double> frequency,
                                   std::span<const double> recency, std::span<const double> T,
                                   std::span<const double> monetary_value, double t, const ClvOptions& options,
                                   unsigned threads) {
  return internal::lifetime::score_customers(bg, &gg, frequency, recency, T, monetary_value, t, options, threads);
}

}  // namespace crm::lifetime

namespace crm::internal::lifetime {

using namespace crm::lifetime;

expected<std::vector<Score>> score_customers(const BgNbd& bg, const GammaGamma* gg, std::span<const double> frequency,
                                             std::span<const double> recency, std::span<const double> T,
                                             std::span<const double> monetary_value, double t,
                                             const ClvOptions& options, unsigned threads) {
  if (auto ok = check_rows(frequency, recency, T, monetary_value); !ok) return unexpected(ok.error());
  if (auto ok = check_options(options, t); !ok) return unexpected(ok.error());
  std::vector<Score> out(frequency.size());
  const std::size_t n = out.size();
  unsigned k = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  k = static_cast<unsigned>(std::min<std::size_t>(k, std::max<std::size_t>(1, n / 4096)));
  std::vector<std::jthread> workers;
  for (unsigned w = 1; w < k; ++w)
    workers.emplace_back([&, w] {
      score_rows(bg, gg, frequency, recency, T, monetary_value, t, options, n * w / k, n * (w + 1) / k, out);
    });
  score_rows(bg, gg, frequency, recency, T, monetary_value, t, options, 0, n / k, out);
  workers.clear();
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(out[i].clv) || !std::isfinite(out[i].expected_purchases))
      return unexpected(il::row_error(i, "T",
                                      "the model's expectation cannot be evaluated for this customer (the "
                                      "hypergeometric series does not converge at these parameters)"));
  return out;
}

}  // namespace crm::internal::lifetime

namespace crm::lifetime {

expected<Decimal> rounded(double value, int places) {
  if (!std::isfinite(value))
    return unexpected(Error{ErrorCode::invalid_argument, "a model output is not a finite number", {}});
  if (places < 0 || places > 15) return unexpected(Error{ErrorCode::out_of_range, "places are 0..15", {}});
  auto d = Decimal::parse(il::fixed(value, places));
  if (!d) return unexpected(d.error());
  return d->round(places);
}

namespace {

expected<Decimal> checked(expected<Decimal> d) { return d; }

}  // namespace

expected<SimpleClv> simple_clv(Decimal margin, Decimal retention, Decimal discount, int periods,
                               Decimal acquisition_cost, int places) {
  const Decimal one = Decimal::from_int(1);
  if (retention.sign() < 0 || retention >= one)
    return unexpected(Error{ErrorCode::out_of_range, "the retention rate is in [0, 1)", Location::at_pointer("/retention")});
  if (discount.sign() < 0)
    return unexpected(Error{ErrorCode::out_of_range, "the discount rate may not be negative", Location::at_pointer("/discount")});
  if (margin.sign() < 0)
    return unexpected(Error{ErrorCode::out_of_range, "the margin may not be negative", Location::at_pointer("/margin")});
  if (periods < 1 || periods > 10000)
    return unexpected(Error{ErrorCode::out_of_range, "the periods are 1..10000", Location::at_pointer("/periods")});
  auto churn = one.sub(retention);
  auto lifetime = checked(one.div(*churn, 18));
  if (!lifetime) return unexpected(lifetime.error());
  auto value = margin.mul(*lifetime);
  auto step = retention.div(*one.add(discount), 18);  // retention / (1 + discount)
  if (!value || !step) return unexpected(!value ? value.error() : step.error());
  Decimal factor = one, total;
  for (int k = 0; k < periods; ++k) {
    auto term = margin.mul(factor);
    if (!term) return unexpected(term.error());
    auto sum = total.add(*term);
    auto next = factor.mul(*step);
    if (!sum || !next) return unexpected(!sum ? sum.error() : next.error());
    total = *sum;
    factor = *next->round(18);
  }
  SimpleClv out;
  auto profit = total.sub(acquisition_cost);
  if (!profit) return unexpected(profit.error());
  out.lifetime_value = *value->round(places);
  out.expected_lifetime = *lifetime->round(places);
  out.discounted_value = *total.round(places);
  out.lifetime_profit = *profit->round(places);
  if (!acquisition_cost.is_zero()) {
    auto rate = profit->div(acquisition_cost, places);
    if (!rate) return unexpected(rate.error());
    out.lifetime_profit_rate = *rate->round(places);
  }
  return out;
}

}  // namespace crm::lifetime
