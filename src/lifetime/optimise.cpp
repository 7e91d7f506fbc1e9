// Maximum likelihood with NLopt's L-BFGS (Debian's libnlopt): the parameters' logarithms
// keep them positive; bounds keep the search finite and show a degenerate fit.
#include "src/lifetime/optimise.hpp"

#include <nlopt.h>

#include <cmath>
#include <memory>

#include "src/lifetime/detail.hpp"

namespace crm::internal::lifetime {
namespace {

struct Call {
  const Objective* objective;
  int evaluations = 0;
  std::vector<double> last;
  bool finite = true;
};

double trampoline(unsigned n, const double* u, double* gradient, void* data) {
  auto* call = static_cast<Call*>(data);
  ++call->evaluations;
  call->last.assign(u, u + n);
  std::vector<double> scratch(gradient ? 0 : n);
  const double value =
      (*call->objective)(std::span<const double>(u, n), std::span<double>(gradient ? gradient : scratch.data(), n));
  if (!std::isfinite(value)) {
    call->finite = false;
    return HUGE_VAL;
  }
  return value;
}

std::string values(std::span<const std::string_view> names, std::span<const double> u) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i)
    s += (i ? ", " : "") + std::string(names[i]) + " = " + std::to_string(std::exp(u[i]));
  return s;
}

bool converged(nlopt_result r) {
  return r == NLOPT_SUCCESS || r == NLOPT_FTOL_REACHED || r == NLOPT_XTOL_REACHED || r == NLOPT_STOPVAL_REACHED ||
         r == NLOPT_ROUNDOFF_LIMITED;
}

}  // namespace

expected<Optimum> maximise_likelihood(const Objective& objective, std::span<const std::string_view> names,
                                      std::string_view model, const crm::lifetime::FitOptions& options) {
  const auto n = static_cast<unsigned>(names.size());
  std::unique_ptr<nlopt_opt_s, decltype(&nlopt_destroy)> opt(nlopt_create(NLOPT_LD_LBFGS, n), nlopt_destroy);
  if (!opt) return unexpected(Error{ErrorCode::internal, "NLopt could not create an optimiser", {}});
  const double lo = std::log(options.lower_bound), hi = std::log(options.upper_bound);
  std::vector<double> lower(n, lo), upper(n, hi), u(n, 0.0);
  Call call{&objective, 0, u, true};
  nlopt_set_lower_bounds(opt.get(), lower.data());
  nlopt_set_upper_bounds(opt.get(), upper.data());
  nlopt_set_min_objective(opt.get(), trampoline, &call);
  nlopt_set_ftol_rel(opt.get(), options.tolerance);
  nlopt_set_maxeval(opt.get(), options.max_evaluations);
  double value = 0;
  const nlopt_result r = nlopt_optimize(opt.get(), u.data(), &value);
  const std::string where = std::string(model) + " after " + std::to_string(call.evaluations) + " evaluations";
  if (!converged(r) || !std::isfinite(value))
    return unexpected(Error{ErrorCode::no_match,
                            "the " + where + " did not converge (" +
                                (r == NLOPT_MAXEVAL_REACHED ? std::string("the evaluation limit was reached")
                                                            : "NLopt's status " + std::to_string(static_cast<int>(r))) +
                                "); the last values: " + values(names, call.last),
                            {}});
  for (unsigned i = 0; i < n; ++i)
    if (u[i] <= lo + 1e-6 || u[i] >= hi - 1e-6)
      return unexpected(Error{ErrorCode::out_of_range,
                              "the " + where + " ended with " + std::string(names[i]) + " at its bound (" +
                                  values(names, u) + "): the data cannot identify the model",
                              {}});
  Optimum o;
  for (double x : u) o.params.push_back(std::exp(x));
  o.log_likelihood = -value;
  o.evaluations = call.evaluations;
  return o;
}

}  // namespace crm::internal::lifetime
