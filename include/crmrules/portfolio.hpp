// crm::Portfolio: ABC classes and the Pareto share of a whole customer population, and
// RFM quantile scores: the grading that needs every customer at once.
//
//   std::vector<crm::Decimal> profit = {...};                 // one per customer
//   auto p = crm::Portfolio::classify(profit);                // A 80% / B 95% by default
//   if (!p) { std::cerr << p.error().to_string(); return; }
//   crm::AbcClass c = p->abc_class(0);                        // AbcClass::A
//   std::size_t r = p->rank(0);                               // 1 = largest
//   crm::Decimal held = p->cumulative_share(0);               // 0.634512
//   std::optional<crm::Decimal> pareto = p->pareto_share();   // the top 20% hold 0.8123...
//   auto recency = crm::quantile_scores(days, 5, crm::Better::lower);   // 1..5 each
//
// The rules, exactly (all comparisons are exact: the shares are rational numbers compared
// in integers, never rounded first; only the shares reported are rounded, half-even):
// - Order: customers are ranked by the measure, largest first. Equal measures are a tie:
//   they share a rank (competition ranking "1, 2, 2, 4"), a cumulative share and a class,
//   so the result never depends on the order of the input.
// - The positive total T is the sum of the positive measures. Zero and negative measures
//   (loss-making customers) hold no share of it and are always class C; they are counted
//   apart (loss_making()).
// - A customer's cumulative share is the part of T held by the customers ranked at or
//   above it (its whole tie group included); 1 for customers at or below zero.
// - Class A is the smallest top group that holds at least a_share (80%) of T: a customer
//   is A when the customers ranked strictly above it hold less than a_share. So the
//   customer whose cumulative share reaches exactly 80% is A, and so is the one whose
//   share crosses 80%; the next one is not. Class B likewise up to b_share (95%); the
//   rest are C. With T = 0 every customer is C.
// - The Pareto share is the part of T held by the top pareto_top (20%) of customers. A
//   fractional count of customers (20% of 12 is 2.4) is interpolated: the top 2 and 0.4
//   of the third customer's measure (the Lorenz curve is linear between customers). A
//   loss-making customer in the top group adds nothing. Nothing when T = 0.
// - RFM: quantile_scores() gives each customer 1..bins; a customer's score is
//   1 + floor(bins * w / n), w the number of customers with a strictly worse value and n
//   the number of customers with a value. Ties keep one score; the worst values score 1;
//   when many customers tie, some scores stay unused (no tie is split to fill them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/expected.hpp"

namespace crm {

enum class AbcClass : std::uint8_t { A = 0, B = 1, C = 2 };

/// "A", "B" or "C".
[[nodiscard]] constexpr std::string_view to_string(AbcClass c) noexcept {
  return c == AbcClass::A ? "A" : (c == AbcClass::B ? "B" : "C");
}

struct PortfolioOptions {
  Decimal a_share = *Decimal::from_parts(80, 2);      // class A: the top holding 80%
  Decimal b_share = *Decimal::from_parts(95, 2);      // class B: up to 95%
  Decimal pareto_top = *Decimal::from_parts(20, 2);   // the Pareto figure's top 20%
  int share_scale = 6;                                 // digits of the reported shares (0..18)
};

class Portfolio {
 public:
  /// Classifies one measure per customer (in input order). Options must have
  /// 0 < a_share <= b_share <= 1 and 0 <= pareto_top <= 1 (invalid_argument otherwise).
  [[nodiscard]] static expected<Portfolio> classify(std::span<const Decimal> measures, const PortfolioOptions& options = {});

  [[nodiscard]] std::size_t size() const noexcept { return classes_.size(); }
  [[nodiscard]] const PortfolioOptions& options() const noexcept { return options_; }

  /// Customer i (input order): its class, its rank (1 = largest; ties share a rank) and
  /// the share of the positive total held by the customers ranked at or above it.
  [[nodiscard]] AbcClass abc_class(std::size_t i) const noexcept { return classes_[i]; }
  [[nodiscard]] std::size_t rank(std::size_t i) const noexcept { return ranks_[i]; }
  [[nodiscard]] Decimal cumulative_share(std::size_t i) const noexcept;
  /// The share held by the customers ranked strictly above customer i (what decides its class).
  [[nodiscard]] Decimal share_above(std::size_t i) const noexcept;

  /// Customers per class, and the part of the positive total each class holds.
  [[nodiscard]] std::size_t count(AbcClass c) const noexcept { return counts_[static_cast<int>(c)]; }
  [[nodiscard]] Decimal class_share(AbcClass c) const noexcept;
  /// Customers whose measure is zero or negative, and below zero.
  [[nodiscard]] std::size_t non_positive() const noexcept { return non_positive_; }
  [[nodiscard]] std::size_t loss_making() const noexcept { return negative_; }
  /// The positive total, when it fits a Decimal (it may not: a sum of many large measures).
  [[nodiscard]] expected<Decimal> positive_total() const;

  /// Tiers by cumulative share, any number of them (the four classes 主/次/辅/杂 of
  /// portfolio_classes.hpp are four): with cut-offs c0 <= c1 <= ... (each above 0 and at
  /// most 1), customer i is in the first tier t whose cut-off the customers ranked strictly
  /// above it hold less of the positive total than, exactly as classes A and B are decided;
  /// past the last cut-off, or at or below zero, it is in tier cut_offs.size(). So
  /// tiers({a_share, b_share}) gives the ABC classes. At most 254 cut-offs.
  struct Tiers {
    std::vector<std::uint8_t> of_customer;  // input order
    std::vector<std::size_t> counts;        // customers per tier
    std::vector<Decimal> shares;            // the part of the positive total each tier holds (share_scale digits)
  };
  [[nodiscard]] expected<Tiers> tiers(std::span<const Decimal> cut_offs) const;

  /// The part of the positive total held by the top options().pareto_top of customers.
  [[nodiscard]] std::optional<Decimal> pareto_share() const;
  /// The same for any fraction of customers from 0 to 1 (invalid_argument outside).
  [[nodiscard]] expected<std::optional<Decimal>> top_share(Decimal fraction) const;
  /// The Lorenz (Pareto) curve at points + 1 evenly spaced fractions of customers 0..1:
  /// pairs of (fraction of customers, share held), shares as top_share() gives them.
  /// Empty when the positive total is 0.
  [[nodiscard]] std::vector<std::pair<Decimal, Decimal>> curve(std::size_t points) const;

 private:
  Portfolio() = default;
  [[nodiscard]] Decimal share_of_ppm(std::uint64_t units) const noexcept;
  struct Classifier;  // classify()'s steps (portfolio.cpp)

  PortfolioOptions options_;
  std::vector<AbcClass> classes_;
  std::vector<std::uint32_t> ranks_;
  std::vector<std::uint64_t> cumulative_;  // per customer: cumulative share in 10^-share_scale units
  std::vector<std::uint64_t> above_;       // per customer: share above, same units
  std::vector<std::uint32_t> order_;       // customers from the largest measure down
  std::vector<internal::int128> scaled_;   // measures' positive parts at one common scale
  int scale_ = 0;                          // that scale
  std::size_t counts_[3] = {0, 0, 0};
  std::uint64_t class_units_[3] = {0, 0, 0};
  std::size_t non_positive_ = 0, negative_ = 0;
};

/// Which end of a measure is better for quantile_scores().
enum class Better : std::uint8_t { higher = 0, lower = 1 };

/// Quantile scores 1..bins (5: quintiles) per value, in input order; 0 where a value is
/// missing (such values are left out of n). bins must be 2..100. Recency in days since
/// the last purchase is Better::lower; frequency and monetary value are Better::higher.
[[nodiscard]] expected<std::vector<std::uint8_t>> quantile_scores(std::span<const std::optional<Decimal>> values,
                                                                 int bins = 5, Better better = Better::higher);

}  // namespace crm
