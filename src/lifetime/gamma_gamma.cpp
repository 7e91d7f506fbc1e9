// The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"; `lifetimes`'
// GammaGammaFitter): p, q, v by maximum likelihood on the repeat buyers' mean values,
// the expected average profit, and the correlation check the model rests on.
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

#include "src/json/writer.hpp"
#include "src/lifetime/detail.hpp"
#include "src/lifetime/optimise.hpp"

namespace crm::lifetime {
namespace {

using boost::math::digamma;
using boost::math::lgamma;
namespace il = internal::lifetime;

struct Buyer {
  double x, m;
};

double buyers_log_likelihood(const GammaGammaParams& g, std::span<const Buyer> buyers, std::span<double> grad) {
  const double lg_q = lgamma(g.q), psi_q = digamma(g.q), ln_v = std::log(g.v);
  double ll = 0, dp = 0, dq = 0, dv = 0;
  for (const Buyer& b : buyers) {
    const double px = g.p * b.x, ln_xmv = std::log(b.x * b.m + g.v), ln_m = std::log(b.m), ln_x = std::log(b.x);
    ll += lgamma(px + g.q) - lgamma(px) - lg_q + g.q * ln_v + (px - 1) * ln_m + px * ln_x - (px + g.q) * ln_xmv;
    if (grad.empty()) continue;
    const double psi_pxq = digamma(px + g.q);
    dp += b.x * (psi_pxq - digamma(px) + ln_m + ln_x - ln_xmv);
    dq += psi_pxq - psi_q + ln_v - ln_xmv;
    dv += g.q / g.v - (px + g.q) / (b.x * b.m + g.v);
  }
  if (!grad.empty()) {
    grad[0] = dp * g.p;
    grad[1] = dq * g.q;
    grad[2] = dv * g.v;
  }
  return ll;
}

double pearson(std::span<const Buyer> b) {
  const double n = static_cast<double>(b.size());
  double sx = 0, sm = 0;
  for (const Buyer& c : b) sx += c.x, sm += c.m;
  const double mx = sx / n, mm = sm / n;
  double cov = 0, vx = 0, vm = 0;
  for (const Buyer& c : b) {
    cov += (c.x - mx) * (c.m - mm);
    vx += (c.x - mx) * (c.x - mx);
    vm += (c.m - mm) * (c.m - mm);
  }
  return vx > 0 && vm > 0 ? cov / std::sqrt(vx * vm) : 0.0;
}

expected<std::vector<Buyer>> buyers_of(std::span<const double> x, std::span<const double> m) {
  if (x.size() != m.size())
    return unexpected(Error{ErrorCode::invalid_argument, "frequency and monetary_value have different lengths", {}});
  std::vector<Buyer> out;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || x[i] < 0 || x[i] != std::floor(x[i]))
      return unexpected(il::row_error(i, "frequency", "a frequency is a whole number, 0 or more"));
    if (x[i] == 0) continue;
    if (!std::isfinite(m[i]) || m[i] <= 0)
      return unexpected(il::row_error(i, "monetary_value",
                                      "a repeat buyer's mean value must be above 0 for the Gamma-Gamma model "
                                      "(returns netted to nothing or less)"));
    out.push_back({x[i], m[i]});
  }
  if (out.size() < 2)
    return unexpected(
        Error{ErrorCode::missing, "the Gamma-Gamma model needs at least two customers with repeat purchases", {}});
  return out;
}

}  // namespace

expected<GammaGamma> GammaGamma::fit(std::span<const double> frequency, std::span<const double> monetary_value,
                                     const FitOptions& options) {
  auto buyers = buyers_of(frequency, monetary_value);
  if (!buyers) return unexpected(buyers.error());
  const il::Objective objective = [&](std::span<const double> u, std::span<double> grad) {
    const double ll = buyers_log_likelihood({std::exp(u[0]), std::exp(u[1]), std::exp(u[2])}, *buyers, grad);
    for (double& g : grad) g = -g;
    return -ll;
  };
  static constexpr std::string_view names[] = {"p", "q", "v"};
  auto best = il::maximise_likelihood(objective, names, "Gamma-Gamma fit", options);
  if (!best) return unexpected(best.error());
  GammaGamma m;
  m.params_ = {best->params[0], best->params[1], best->params[2]};
  m.log_likelihood_ = best->log_likelihood;
  m.customers_ = buyers->size();
  m.correlation_ = pearson(*buyers);
  return m;
}

expected<GammaGamma> GammaGamma::fit(const Summary& summary, const FitOptions& options) {
  std::vector<double> x, m;
  for (const auto& c : summary.customers) {
    x.push_back(c.frequency);
    m.push_back(c.monetary_value);
  }
  return fit(x, m, options);
}

expected<GammaGamma> GammaGamma::from_params(const GammaGammaParams& params) {
  for (double v : {params.p, params.q, params.v})
    if (!std::isfinite(v) || v <= 0)
      return unexpected(Error{ErrorCode::out_of_range, "Gamma-Gamma parameters p, q and v are finite and above 0", {}});
  if (params.q <= 1)
    return unexpected(Error{ErrorCode::out_of_range, "q must be above 1: the mean spend p v / (q - 1) is infinite", {}});
  GammaGamma m;
  m.params_ = params;
  return m;
}

double GammaGamma::expected_average_profit(double x, double m) const noexcept {
  const auto& g = params_;
  if (x <= 0) return g.p * g.v / (g.q - 1);
  return g.p * (g.v + x * m) / (g.p * x + g.q - 1);
}

std::string GammaGamma::to_json(const Settings& s) const {
  std::string out;
  internal::JsonObject o(out);
  o.string("model", "gamma-gamma");
  o.key("params");
  {
    internal::JsonObject p(out);
    p.raw("p", il::fixed(params_.p, s.parameter_places)).raw("q", il::fixed(params_.q, s.parameter_places));
    p.raw("v", il::fixed(params_.v, s.parameter_places));
    p.close();
  }
  o.raw("log_likelihood", il::fixed(log_likelihood_, 4)).number("customers", customers_);
  o.raw("correlation", il::fixed(correlation_, 4));
  o.boolean("correlation_warning", std::abs(correlation_) > s.correlation_warning);
  o.raw("mean_profit", il::fixed(params_.q > 1 ? expected_average_profit(0, 0) : 0.0, s.money_places));
  o.close();
  return out;
}

}  // namespace crm::lifetime
