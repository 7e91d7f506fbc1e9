// Private to the C ABI: the lifetime handles, their growing structs and the argument
// checks that capi/lifetime.cpp and capi/lifetime_models.cpp share.
#pragma once

#include <cmath>
#include <span>
#include <string>

#include "capi/internal/bridge.hpp"
#include "crmrules.h"
#include "crmrules/lifetime.hpp"

struct crm_lifetime_log {
  crm::lifetime::TransactionLog log;
};
struct crm_lifetime_summary {
  crm::lifetime::Summary summary;
};
struct crm_lifetime_bgnbd {
  crm::lifetime::BgNbd model;
};
struct crm_lifetime_gamma_gamma {
  crm::lifetime::GammaGamma model;
};
struct crm_lifetime_analysis {
  crm::lifetime::Analysis analysis;
  crm::lifetime::Settings settings;
};

namespace crm::capi {

#define CRM_LIFETIME_GROWTH(type, init_macro, last)                                 \
  template <>                                                                       \
  struct Growth<type> {                                                             \
    static constexpr const char* name = #type;                                      \
    static constexpr const char* init = #init_macro;                                \
    static constexpr std::size_t ends[] = {CRM_MEMBER_END(type, last)}; /* ABI 1 */ \
  };
CRM_LIFETIME_GROWTH(crm_lifetime_summary_options, CRM_LIFETIME_SUMMARY_OPTIONS_INIT, observation_end)
CRM_LIFETIME_GROWTH(crm_lifetime_fit_options, CRM_LIFETIME_FIT_OPTIONS_INIT, upper_bound)
CRM_LIFETIME_GROWTH(crm_lifetime_clv_options, CRM_LIFETIME_CLV_OPTIONS_INIT, threads)
CRM_LIFETIME_GROWTH(crm_lifetime_counts, CRM_LIFETIME_COUNTS_INIT, unit)
CRM_LIFETIME_GROWTH(crm_lifetime_bgnbd_params, CRM_LIFETIME_BGNBD_PARAMS_INIT, evaluations)
CRM_LIFETIME_GROWTH(crm_lifetime_gamma_gamma_params, CRM_LIFETIME_GAMMA_GAMMA_PARAMS_INIT, correlation)
CRM_LIFETIME_GROWTH(crm_lifetime_simple_clv, CRM_LIFETIME_SIMPLE_CLV_INIT, lifetime_profit_rate)
#undef CRM_LIFETIME_GROWTH

namespace lifetime_args {

namespace lt = crm::lifetime;

static_assert(static_cast<int>(lt::Unit::weeks) == CRM_LIFETIME_WEEKS, "crm_lifetime_unit mirrors Unit");
static_assert(static_cast<int>(lt::Returns::net) == CRM_LIFETIME_RETURNS_NET, "crm_lifetime_returns mirrors Returns");

inline crm_status unit_arg(lt::Unit& out, int unit, crm_error** err) {
  if (unit != CRM_LIFETIME_DAYS && unit != CRM_LIFETIME_WEEKS)
    return invalid(err, "unit is CRM_LIFETIME_DAYS or CRM_LIFETIME_WEEKS, not " + std::to_string(unit));
  out = static_cast<lt::Unit>(unit);
  return CRM_OK;
}

/// n doubles at p (NULL only when n is 0).
inline crm_status doubles_arg(std::span<const double>& out, const double* p, std::size_t n, const char* name,
                              crm_error** err) {
  if (n > 0)
    if (auto s = require(p, name, err); s != CRM_OK) return s;
  out = n ? std::span<const double>(p, n) : std::span<const double>();
  return CRM_OK;
}

inline crm_status fit_options_arg(lt::FitOptions& out, const crm_lifetime_fit_options* options, crm_error** err) {
  out = lt::FitOptions::from(lt::Settings::builtin());
  if (options == nullptr) return CRM_OK;
  crm_lifetime_fit_options o;
  if (auto s = read_options(o, options, "options", err); s != CRM_OK) return s;
  out = {o.max_evaluations, o.tolerance, o.lower_bound, o.upper_bound};
  if (out.max_evaluations < 1 || !(out.tolerance > 0) || !(out.lower_bound > 0) || !(out.upper_bound > out.lower_bound))
    return report(err, Error{ErrorCode::out_of_range,
                             "fit options: max_evaluations of 1 or more, a tolerance above 0, and "
                             "0 < lower_bound < upper_bound",
                             {}});
  return CRM_OK;
}

inline crm_status clv_options_arg(lt::ClvOptions& out, unsigned& threads, const crm_lifetime_clv_options* options,
                                  const lt::Settings& settings, crm_error** err) {
  threads = 0;
  if (options == nullptr) {
    out = lt::ClvOptions::from(settings, settings.unit);
    return CRM_OK;
  }
  crm_lifetime_clv_options o;
  if (auto s = read_options(o, options, "options", err); s != CRM_OK) return s;
  lt::Unit unit{};
  if (auto s = unit_arg(unit, o.unit, err); s != CRM_OK) return s;
  if (!(o.month_days > 0) || !(o.month_weeks > 0))
    return report(err, Error{ErrorCode::out_of_range, "a month's length in days and in weeks is above 0", {}});
  out = {unit, o.horizon_months, o.discount_rate, o.month_days, o.month_weeks};
  threads = o.threads;
  return CRM_OK;
}

/// The three customer columns (x, t_x, T) as spans.
inline crm_status customers_arg(std::span<const double> (&c)[3], const double* x, const double* t_x, const double* T,
                                std::size_t n, crm_error** err) {
  if (auto s = doubles_arg(c[0], x, n, "frequency", err); s != CRM_OK) return s;
  if (auto s = doubles_arg(c[1], t_x, n, "recency", err); s != CRM_OK) return s;
  return doubles_arg(c[2], T, n, "T", err);
}

template <class Handle, class Value>
inline crm_status make(Handle** out, expected<Value>&& value, crm_error** err) {
  if (!value) return report(err, std::move(value).error());
  *out = new Handle{std::move(*value)};
  return CRM_OK;
}

}  // namespace lifetime_args
}  // namespace crm::capi
