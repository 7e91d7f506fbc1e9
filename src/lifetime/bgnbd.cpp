// The BG/NBD model (Fader, Hardie and Lee 2005): the likelihood and its gradient, the fit,
// P(alive), conditional and unconditional expected purchases, P(X(t) = n) and the fit plot.
#include <algorithm>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/hypergeometric_pFq.hpp>
#include <cmath>
#include <map>
#include <tuple>

#include "src/json/writer.hpp"
#include "src/lifetime/detail.hpp"
#include "src/lifetime/model.hpp"
#include "src/lifetime/optimise.hpp"

namespace crm::internal::lifetime {

double hyp2f1(double a, double b, double c, double z) noexcept {
  // In double, not Boost's default long double: the series' terms are positive and it
  // converges geometrically for the z the model gives (below 1), so double keeps about 15
  // figures, which the 6 places written need, at a quarter of the time (lifetime_benchmark).
  using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
  try {
    return boost::math::hypergeometric_pFq({a, b}, {c}, z, static_cast<double*>(nullptr), Policy());
  } catch (...) {
    return std::nan("");
  }
}

double alive_denominator(const crm::lifetime::BgNbdParams& p, double x, double t_x, double T) noexcept {
  if (x <= 0) return 1.0;
  return 1.0 + p.a / (p.b + x - 1) * std::exp((p.r + x) * (std::log(p.alpha + T) - std::log(p.alpha + t_x)));
}

double purchases_numerator(const crm::lifetime::BgNbdParams& p, double t, double x, double T) noexcept {
  if (t <= 0) return 0.0;
  const double z = t / (p.alpha + T + t);
  const double hyp = hyp2f1(p.r + x, p.b + x, p.a + p.b + x - 1, z);
  return (p.a + p.b + x - 1) / (p.a - 1) * (1 - std::pow((p.alpha + T) / (p.alpha + T + t), p.r + x) * hyp);
}

}  // namespace crm::internal::lifetime

namespace crm::lifetime {
namespace {

using boost::math::digamma;
using boost::math::lgamma;
namespace il = internal::lifetime;

/// Customers with the same (x, t_x, T) counted once, with their number.
struct Group {
  double x, t_x, T, weight;
};

expected<std::vector<Group>> groups_of(std::span<const double> x, std::span<const double> t_x,
                                       std::span<const double> T) {
  if (x.size() != t_x.size() || x.size() != T.size())
    return unexpected(Error{ErrorCode::invalid_argument, "frequency, recency and T have different lengths", {}});
  std::map<std::tuple<double, double, double>, double> counts;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (auto ok = il::check_customer(i, x[i], t_x[i], T[i]); !ok) return unexpected(ok.error());
    counts[{x[i], t_x[i], T[i]}] += 1;
  }
  std::vector<Group> g;
  g.reserve(counts.size());
  for (const auto& [k, w] : counts) g.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), w});
  return g;
}

/// The special functions of one x at the current parameters.
struct PerX {
  double lg_rx, psi_rx, lg_bx, psi_bx, lg_abx, psi_abx;
};

/// The log-likelihood of the groups at (r, alpha, a, b); its gradient in the parameters'
/// logarithms when `grad` is not empty.
double group_log_likelihood(const BgNbdParams& p, std::span<const Group> groups, std::span<double> grad) {
  const double lg_r = lgamma(p.r), psi_r = digamma(p.r), lg_ab = lgamma(p.a + p.b), psi_ab = digamma(p.a + p.b);
  const double lg_b = lgamma(p.b), psi_b = digamma(p.b), ln_alpha = std::log(p.alpha), ln_a = std::log(p.a);
  std::map<double, PerX> cache;
  double ll = 0, dr = 0, dalpha = 0, da = 0, db = 0;
  for (const Group& g : groups) {
    auto [it, fresh] = cache.try_emplace(g.x);
    if (fresh)
      it->second = {lgamma(p.r + g.x),       digamma(p.r + g.x),       lgamma(p.b + g.x),
                    digamma(p.b + g.x),       lgamma(p.a + p.b + g.x),  digamma(p.a + p.b + g.x)};
    const PerX& c = it->second;
    const double A1 = c.lg_rx - lg_r + p.r * ln_alpha;
    const double A2 = lg_ab + c.lg_bx - lg_b - c.lg_abx;
    const double ln_aT = std::log(p.alpha + g.T), ln_atx = std::log(p.alpha + g.t_x);
    const double A3 = -(p.r + g.x) * ln_aT;
    double mix = A3, w4 = 0;
    double A4 = 0;
    if (g.x > 0) {
      A4 = ln_a - std::log(p.b + g.x - 1) - (p.r + g.x) * ln_atx;
      const double top = std::max(A3, A4);
      mix = top + std::log(std::exp(A3 - top) + std::exp(A4 - top));
      w4 = std::exp(A4 - mix);
    }
    const double w3 = 1 - w4;
    ll += g.weight * (A1 + A2 + mix);
    if (grad.empty()) continue;
    dr += g.weight * (c.psi_rx - psi_r + ln_alpha - w3 * ln_aT - w4 * ln_atx);
    dalpha += g.weight * (p.r / p.alpha - (p.r + g.x) * (w3 / (p.alpha + g.T) + w4 / (p.alpha + g.t_x)));
    da += g.weight * (psi_ab - c.psi_abx + w4 / p.a);
    db += g.weight * (psi_ab + c.psi_bx - psi_b - c.psi_abx - (g.x > 0 ? w4 / (p.b + g.x - 1) : 0.0));
  }
  if (!grad.empty()) {
    grad[0] = dr * p.r;
    grad[1] = dalpha * p.alpha;
    grad[2] = da * p.a;
    grad[3] = db * p.b;
  }
  return ll;
}

bool valid(const BgNbdParams& p) {
  for (double v : {p.r, p.alpha, p.a, p.b})
    if (!std::isfinite(v) || v <= 0) return false;
  return true;
}

}  // namespace

expected<BgNbd> BgNbd::fit(std::span<const double> frequency, std::span<const double> recency,
                           std::span<const double> T, const FitOptions& options) {
  auto groups = groups_of(frequency, recency, T);
  if (!groups) return unexpected(groups.error());
  if (frequency.empty()) return unexpected(Error{ErrorCode::missing, "no customer to fit the BG/NBD model to", {}});
  if (std::all_of(frequency.begin(), frequency.end(), [](double x) { return x == 0; }))
    return unexpected(Error{ErrorCode::missing,
                            "no customer made a repeat purchase: the BG/NBD model cannot be fitted "
                            "(every customer bought once)",
                            {}});
  const il::Objective objective = [&](std::span<const double> u, std::span<double> grad) {
    const BgNbdParams p{std::exp(u[0]), std::exp(u[1]), std::exp(u[2]), std::exp(u[3])};
    const double ll = group_log_likelihood(p, *groups, grad);
    for (double& g : grad) g = -g;
    return -ll;
  };
  static constexpr std::string_view names[] = {"r", "alpha", "a", "b"};
  auto best = il::maximise_likelihood(objective, names, "BG/NBD fit", options);
  if (!best) return unexpected(best.error());
  BgNbd m;
  m.params_ = {best->params[0], best->params[1], best->params[2], best->params[3]};
  m.log_likelihood_ = best->log_likelihood;
  m.customers_ = frequency.size();
  m.evaluations_ = best->evaluations;
  return m;
}

expected<BgNbd> BgNbd::fit(const Summary& summary, const FitOptions& options) {
  std::vector<double> x, t_x, T;
  for (const auto& c : summary.customers) {
    x.push_back(c.frequency);
    t_x.push_back(c.recency);
    T.push_back(c.T);
  }
  return fit(x, t_x, T, options);
}

expected<BgNbd> BgNbd::from_params(const BgNbdParams& params) {
  if (!valid(params))
    return unexpected(Error{ErrorCode::out_of_range, "BG/NBD parameters r, alpha, a and b are finite and above 0", {}});
  BgNbd m;
  m.params_ = params;
  return m;
}

expected<double> BgNbd::log_likelihood_of(std::span<const double> frequency, std::span<const double> recency,
                                          std::span<const double> T) const {
  auto groups = groups_of(frequency, recency, T);
  if (!groups) return unexpected(groups.error());
  return group_log_likelihood(params_, *groups, {});
}

double BgNbd::p_alive(double x, double t_x, double T) const noexcept {
  return 1.0 / il::alive_denominator(params_, x, t_x, T);
}

double BgNbd::expected_purchases(double t, double x, double t_x, double T) const {
  return il::purchases_numerator(params_, t, x, T) / il::alive_denominator(params_, x, t_x, T);
}

double BgNbd::expected_repeat_purchases(double t) const {
  const auto& p = params_;
  if (t <= 0) return 0;
  const double hyp = il::hyp2f1(p.r, p.b, p.a + p.b - 1, t / (p.alpha + t));
  return (p.a + p.b - 1) / (p.a - 1) * (1 - std::pow(p.alpha / (p.alpha + t), p.r) * hyp);
}

double BgNbd::probability_of_purchases(std::uint32_t n, double t) const {
  const auto& p = params_;
  const double x = n;
  const double ln_beta_ab = lgamma(p.a) + lgamma(p.b) - lgamma(p.a + p.b);
  const double ln_q = std::log(p.alpha / (p.alpha + t)), ln_z = std::log(t / (p.alpha + t));
  const double first = std::exp(lgamma(p.a) + lgamma(p.b + x) - lgamma(p.a + p.b + x) - ln_beta_ab + lgamma(p.r + x) -
                                lgamma(p.r) - lgamma(x + 1) + p.r * ln_q + (t > 0 ? x * ln_z : 0.0));
  if (n == 0 || t <= 0) return first;
  double partial = 0;
  for (std::uint32_t j = 0; j < n; ++j)
    partial += std::exp(lgamma(p.r + j) - lgamma(p.r) - lgamma(j + 1.0) + p.r * ln_q + j * ln_z);
  const double second =
      std::exp(lgamma(p.a + 1) + lgamma(p.b + x - 1) - lgamma(p.a + p.b + x) - ln_beta_ab) * (1 - partial);
  return first + second;
}

std::vector<HistogramBin> BgNbd::histogram(const Summary& summary, std::uint32_t bins) const {
  bins = std::max<std::uint32_t>(bins, 2);
  std::vector<HistogramBin> out(bins);
  for (std::uint32_t i = 0; i < bins; ++i) out[i].repeat_purchases = i;
  std::map<double, std::uint64_t> ages;
  for (const auto& c : summary.customers) {
    ++out[std::min(c.frequency, bins - 1)].actual;
    ++ages[c.T];
  }
  for (const auto& [T, count] : ages) {
    double below = 0;
    for (std::uint32_t n = 0; n + 1 < bins; ++n) {
      const double pn = probability_of_purchases(n, T);
      below += pn;
      out[n].expected += static_cast<double>(count) * pn;
    }
    out[bins - 1].expected += static_cast<double>(count) * std::max(0.0, 1 - below);
  }
  return out;
}

std::string BgNbd::to_json(const Settings& s) const {
  std::string out;
  internal::JsonObject o(out);
  o.string("model", "bg/nbd");
  o.key("params");
  {
    internal::JsonObject p(out);
    p.raw("r", il::fixed(params_.r, s.parameter_places)).raw("alpha", il::fixed(params_.alpha, s.parameter_places));
    p.raw("a", il::fixed(params_.a, s.parameter_places)).raw("b", il::fixed(params_.b, s.parameter_places));
    p.close();
  }
  o.raw("log_likelihood", il::fixed(log_likelihood_, 4));
  o.number("customers", customers_).number("evaluations", std::int64_t{evaluations_});
  o.close();
  return out;
}

}  // namespace crm::lifetime
