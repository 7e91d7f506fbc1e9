// The C ABI of the lifetime models (capi/crmrules_lifetime.h): BG/NBD, Gamma-Gamma, scores
// and CLV, the deck's simple CLV. Conversion only.
#include <cmath>
#include <span>

#include "capi/internal/lifetime_bridge.hpp"

namespace crm::capi {
namespace {

using namespace lifetime_args;

/// Runs `each(i)` into out[i] for n customers checked first (nothing written on an error).
template <class Each>
crm_status per_customer(double* out, const void* model, const double* x, const double* t_x, const double* T, size_t n,
                        crm_error** err, Each&& each) {
  if (auto s = require(model, "model", err); s != CRM_OK) return s;
  if (n > 0)
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
  std::span<const double> c[3];
  if (auto s = customers_arg(c, x, t_x, T, n, err); s != CRM_OK) return s;
  if (auto ok = lt::check_customers(c[0], c[1], c[2]); !ok) return report(err, ok.error());
  for (std::size_t i = 0; i < n; ++i) out[i] = each(c[0][i], c[1][i], c[2][i]);
  return CRM_OK;
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;
using namespace crm::capi::lifetime_args;

extern "C" {

crm_status crm_lifetime_bgnbd_fit(crm_lifetime_bgnbd** out, const double* frequency, const double* recency,
                                  const double* T, size_t n, const crm_lifetime_fit_options* options, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    std::span<const double> c[3];
    if (auto s = customers_arg(c, frequency, recency, T, n, err); s != CRM_OK) return s;
    lt::FitOptions o;
    if (auto s = fit_options_arg(o, options, err); s != CRM_OK) return s;
    return make(out, lt::BgNbd::fit(c[0], c[1], c[2], o), err);
  });
}

crm_status crm_lifetime_bgnbd_from_params(crm_lifetime_bgnbd** out, const crm_lifetime_bgnbd_params* params,
                                          crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(params, "params", err); s != CRM_OK) return s;
    if (auto s = check_size(params, "params", err); s != CRM_OK) return s;
    return make(out, lt::BgNbd::from_params({params->r, params->alpha, params->a, params->b}), err);
  });
}

void crm_lifetime_bgnbd_free(crm_lifetime_bgnbd* model) { delete model; }

crm_status crm_lifetime_bgnbd_get(crm_lifetime_bgnbd_params* out, const crm_lifetime_bgnbd* model, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(model, "model", err); s != CRM_OK) return s;
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    const auto& m = model->model;
    const auto& p = m.params();
    fill(out, crm_lifetime_bgnbd_params{sizeof(crm_lifetime_bgnbd_params), p.r, p.alpha, p.a, p.b, m.log_likelihood(),
                                        m.customers(), m.evaluations()});
    return CRM_OK;
  });
}

crm_status crm_lifetime_bgnbd_p_alive(double* out, const crm_lifetime_bgnbd* model, const double* frequency,
                                      const double* recency, const double* T, size_t n, crm_error** err) {
  return guard(err, [&] {
    return per_customer(out, model, frequency, recency, T, n, err,
                        [&](double x, double t_x, double age) { return model->model.p_alive(x, t_x, age); });
  });
}

crm_status crm_lifetime_bgnbd_expected_purchases(double* out, const crm_lifetime_bgnbd* model, double t,
                                                 const double* frequency, const double* recency, const double* T,
                                                 size_t n, crm_error** err) {
  return guard(err, [&] {
    if (!(t >= 0) || !std::isfinite(t)) return invalid(err, "t is a finite time of 0 or more");
    return per_customer(out, model, frequency, recency, T, n, err, [&](double x, double t_x, double age) {
      return model->model.expected_purchases(t, x, t_x, age);
    });
  });
}

crm_status crm_lifetime_bgnbd_expected_repeat_purchases(double* out, const crm_lifetime_bgnbd* model, double t,
                                                        crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(model, "model", err); s != CRM_OK) return s;
    if (!(t >= 0) || !std::isfinite(t)) return invalid(err, "t is a finite time of 0 or more");
    *out = model->model.expected_repeat_purchases(t);
    return CRM_OK;
  });
}

crm_status crm_lifetime_bgnbd_json(char** out, size_t* out_len, const crm_lifetime_bgnbd* model, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(model, "model", err); s != CRM_OK) return s;
    return out_string(out, out_len, model->model.to_json());
  });
}

crm_status crm_lifetime_gamma_gamma_fit(crm_lifetime_gamma_gamma** out, const double* frequency,
                                        const double* monetary_value, size_t n, const crm_lifetime_fit_options* options,
                                        crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    std::span<const double> x, m;
    if (auto s = doubles_arg(x, frequency, n, "frequency", err); s != CRM_OK) return s;
    if (auto s = doubles_arg(m, monetary_value, n, "monetary_value", err); s != CRM_OK) return s;
    lt::FitOptions o;
    if (auto s = fit_options_arg(o, options, err); s != CRM_OK) return s;
    return make(out, lt::GammaGamma::fit(x, m, o), err);
  });
}

crm_status crm_lifetime_gamma_gamma_from_params(crm_lifetime_gamma_gamma** out,
                                                const crm_lifetime_gamma_gamma_params* params, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(params, "params", err); s != CRM_OK) return s;
    if (auto s = check_size(params, "params", err); s != CRM_OK) return s;
    return make(out, lt::GammaGamma::from_params({params->p, params->q, params->v}), err);
  });
}

void crm_lifetime_gamma_gamma_free(crm_lifetime_gamma_gamma* model) { delete model; }

crm_status crm_lifetime_gamma_gamma_get(crm_lifetime_gamma_gamma_params* out, const crm_lifetime_gamma_gamma* model,
                                        crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(model, "model", err); s != CRM_OK) return s;
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    const auto& m = model->model;
    fill(out, crm_lifetime_gamma_gamma_params{sizeof(crm_lifetime_gamma_gamma_params), m.params().p, m.params().q,
                                              m.params().v, m.log_likelihood(), m.customers(), m.correlation()});
    return CRM_OK;
  });
}

crm_status crm_lifetime_gamma_gamma_expected_profit(double* out, const crm_lifetime_gamma_gamma* model,
                                                    const double* frequency, const double* monetary_value, size_t n,
                                                    crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(model, "model", err); s != CRM_OK) return s;
    if (n > 0)
      if (auto s = require(out, "out", err); s != CRM_OK) return s;
    std::span<const double> x, m;
    if (auto s = doubles_arg(x, frequency, n, "frequency", err); s != CRM_OK) return s;
    if (auto s = doubles_arg(m, monetary_value, n, "monetary_value", err); s != CRM_OK) return s;
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isfinite(x[i]) || x[i] < 0 || !std::isfinite(m[i]) || m[i] < 0)
        return report(
            err, crm::Error{
                     crm::ErrorCode::invalid_argument, "a frequency and a monetary value are finite and 0 or more",
                     crm::Location::at_pointer("/" + std::to_string(i) +
                                               (std::isfinite(x[i]) && x[i] >= 0 ? "/monetary_value" : "/frequency"))});
    for (std::size_t i = 0; i < n; ++i) out[i] = model->model.expected_average_profit(x[i], m[i]);
    return CRM_OK;
  });
}

crm_status crm_lifetime_score(double* p_alive, double* expected_purchases, double* expected_profit, double* clv,
                              const crm_lifetime_bgnbd* bg, const crm_lifetime_gamma_gamma* gg, const double* frequency,
                              const double* recency, const double* T, const double* monetary_value, size_t n, double t,
                              const crm_lifetime_clv_options* options, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(bg, "bg", err); s != CRM_OK) return s;
    if (auto s = require(gg, "gg", err); s != CRM_OK) return s;
    std::span<const double> c[3], m;
    if (auto s = customers_arg(c, frequency, recency, T, n, err); s != CRM_OK) return s;
    if (auto s = doubles_arg(m, monetary_value, n, "monetary_value", err); s != CRM_OK) return s;
    lt::ClvOptions o;
    unsigned threads = 0;
    if (auto s = clv_options_arg(o, threads, options, lt::Settings::builtin(), err); s != CRM_OK) return s;
    auto scores = lt::score(bg->model, gg->model, c[0], c[1], c[2], m, t, o, threads);
    if (!scores) return report(err, scores.error());
    for (std::size_t i = 0; i < n; ++i) {
      const lt::Score& s = (*scores)[i];
      if (p_alive) p_alive[i] = s.p_alive;
      if (expected_purchases) expected_purchases[i] = s.expected_purchases;
      if (expected_profit) expected_profit[i] = s.expected_average_profit;
      if (clv) clv[i] = s.clv;
    }
    return CRM_OK;
  });
}

crm_status crm_lifetime_simple_clv_of(crm_lifetime_simple_clv* out, const crm_decimal* margin,
                                      const crm_decimal* retention, const crm_decimal* discount, int periods,
                                      const crm_decimal* acquisition_cost, int places, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = check_size(out, "out", err); s != CRM_OK) return s;
    const crm_decimal* in[] = {margin, retention, discount, acquisition_cost};
    const char* names[] = {"margin", "retention", "discount", "acquisition_cost"};
    crm::Decimal d[4];
    for (int i = 0; i < 4; ++i) {
      if (auto s = require(in[i], names[i], err); s != CRM_OK) return s;
      auto v = from_c(*in[i], names[i]);
      if (!v) return report(err, v.error());
      d[i] = *v;
    }
    auto r = lt::simple_clv(d[0], d[1], d[2], periods, d[3], places);
    if (!r) return report(err, r.error());
    fill(out,
         crm_lifetime_simple_clv{sizeof(crm_lifetime_simple_clv), to_c(r->lifetime_value), to_c(r->expected_lifetime),
                                 to_c(r->discounted_value), to_c(r->lifetime_profit), r->lifetime_profit_rate ? 1 : 0,
                                 to_c(r->lifetime_profit_rate.value_or(crm::Decimal()))});
    return CRM_OK;
  });
}

}  // extern "C"
