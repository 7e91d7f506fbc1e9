// Private: maximum likelihood through NLopt (L-BFGS with analytic gradients) on the
// logarithms of positive parameters, with the errors the models share: a fit that does not
// converge (with the last values) and a parameter that ends at its bound.
#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "crmrules/lifetime.hpp"

namespace crm::internal::lifetime {

/// The negative log-likelihood at the parameters' logarithms `u`, and its gradient in u.
using Objective = std::function<double(std::span<const double> u, std::span<double> gradient)>;

struct Optimum {
  std::vector<double> params;  // exp(u)
  double log_likelihood = 0;
  int evaluations = 0;
};

/// Minimises from every parameter at 1. `names` name the parameters in errors.
[[nodiscard]] expected<Optimum> maximise_likelihood(const Objective& objective, std::span<const std::string_view> names,
                                                    std::string_view model, const crm::lifetime::FitOptions& options);

}  // namespace crm::internal::lifetime
