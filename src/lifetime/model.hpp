// Private: the BG/NBD's closed forms shared by the model and the scorer (Fader, Hardie and
// Lee 2005), with Boost.Math's special functions.
#pragma once

#include "crmrules/lifetime.hpp"

namespace crm::internal::lifetime {

/// Gauss's 2F1(a, b; c; z) for |z| < 1 (Boost.Math's hypergeometric_pFq); NaN when it
/// cannot be evaluated.
[[nodiscard]] double hyp2f1(double a, double b, double c, double z) noexcept;

/// 1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x): 1 / P(alive).
[[nodiscard]] double alive_denominator(const crm::lifetime::BgNbdParams& p, double x, double t_x, double T) noexcept;

/// E[Y(t) | x, t_x, T] times alive_denominator: it depends on x and T only, not on t_x.
[[nodiscard]] double purchases_numerator(const crm::lifetime::BgNbdParams& p, double t, double x, double T) noexcept;

/// The customers scored (crm::lifetime::score); without a spend model (`gg` null) the
/// expected profit and the CLV are 0, which an analysis leaves unwritten.
[[nodiscard]] expected<std::vector<crm::lifetime::Score>> score_customers(
    const crm::lifetime::BgNbd& bg, const crm::lifetime::GammaGamma* gg, std::span<const double> frequency,
    std::span<const double> recency, std::span<const double> T, std::span<const double> monetary_value, double t,
    const crm::lifetime::ClvOptions& options, unsigned threads);

}  // namespace crm::internal::lifetime
