// crm::Portfolio and crm::quantile_scores (include/crmrules/portfolio.hpp). Every share is
// a ratio of exact sums: the measures are brought to one scale as 128-bit coefficients,
// summed in 256 bits, and compared or divided in integers.
#include "crmrules/portfolio.hpp"

#include <algorithm>
#include <boost/multiprecision/cpp_int.hpp>
#include <numeric>
#include <string>
#include <type_traits>

namespace crm {
namespace {

using internal::int128;
using internal::uint128;
using uint256 = boost::multiprecision::uint256_t;

uint256 wide(uint128 v) {
  uint256 w = static_cast<std::uint64_t>(v >> 64);
  w <<= 64;
  w |= static_cast<std::uint64_t>(v);
  return w;
}

uint128 narrow(const uint256& w) {
  const uint128 high = static_cast<std::uint64_t>(w >> 64);
  return (high << 64) | static_cast<std::uint64_t>(w & uint256(~std::uint64_t{0}));
}

uint256 positive_part(int128 v) { return v > 0 ? wide(static_cast<uint128>(v)) : uint256(0); }

uint256 magnitude(Decimal d) {
  const int128 c = d.coefficient();
  return wide(c < 0 ? static_cast<uint128>(-c) : static_cast<uint128>(c));
}

/// numerator / denominator in units of 10^-scale, rounded half-even (denominator > 0).
std::uint64_t units(const uint256& numerator, const uint256& denominator, int scale) {
  const uint256 q = internal::round_div<uint256>(numerator * wide(internal::pow10[scale]), denominator, false,
                                                 Rounding::half_even);
  return static_cast<std::uint64_t>(q);
}

unexpected bad_option(const std::string& what, Decimal value) {
  return fail(ErrorCode::invalid_argument, what + ", not " + value.to_string());
}

}  // namespace

/// The steps of classify(): check the options, bring the measures to one scale, rank them,
/// and walk them from the largest down, assigning classes and shares.
struct Portfolio::Classifier {
  /// A measure at the common scale and its customer, sorted side by side: no indirection
  /// in the comparisons, and the walk reads the values in order.
  struct Entry {
    int128 value;
    std::uint32_t index;
  };

  [[nodiscard]] static expected<void> check(const PortfolioOptions& options, std::size_t n) {
    const Decimal zero, one = Decimal::from_int(1);
    if (options.a_share <= zero || options.a_share > one)
      return bad_option("a_share (class A's share) must be above 0 and at most 1", options.a_share);
    if (options.b_share < options.a_share || options.b_share > one)
      return bad_option("b_share (class B's share) must be from a_share (" + options.a_share.to_string() + ") to 1",
                        options.b_share);
    if (options.pareto_top < zero || options.pareto_top > one)
      return bad_option("pareto_top (the Pareto figure's top fraction) must be from 0 to 1", options.pareto_top);
    if (options.share_scale < 0 || options.share_scale > Decimal::max_scale)
      return fail(ErrorCode::invalid_argument,
                  "share_scale must be from 0 to 18, not " + std::to_string(options.share_scale));
    if (n > UINT32_MAX) return fail(ErrorCode::out_of_range, "a portfolio holds at most 4294967295 customers");
    return {};
  }

  /// The measures at their largest scale (|coefficient| < 10^(20 + scale) <= 10^38 fits).
  static void scale_measures(Portfolio& p, std::span<const Decimal> measures) {
    for (const Decimal& m : measures) p.scale_ = std::max(p.scale_, m.scale());
    p.scaled_.resize(measures.size());
    for (std::size_t i = 0; i < measures.size(); ++i) {
      const Decimal& m = measures[i];
      p.scaled_[i] = m.coefficient() * static_cast<int128>(internal::pow10[p.scale_ - m.scale()]);
      if (m.sign() <= 0) ++p.non_positive_;
      if (m.sign() < 0) ++p.negative_;
    }
  }

  /// The customers from the largest measure down (ties in input order).
  static std::vector<Entry> rank(Portfolio& p) {
    const std::size_t n = p.scaled_.size();
    std::vector<Entry> entries(n);
    for (std::size_t i = 0; i < n; ++i) entries[i] = {p.scaled_[i], static_cast<std::uint32_t>(i)};
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.value != b.value ? a.value > b.value : a.index < b.index;
    });
    p.order_.resize(n);
    for (std::size_t i = 0; i < n; ++i) p.order_[i] = entries[i].index;
    return entries;
  }

  /// Classes, ranks and shares, walking the ranked customers: in U, uint128 when every
  /// product fits (a total below 2^66, times a threshold's or a share's 10^18 at most, is
  /// below 2^126), else uint256; the same exact arithmetic either way.
  template <class U>
  static void assign(Portfolio& p, const std::vector<Entry>& entries, const U& total) {
    const PortfolioOptions& options = p.options_;
    const int ss = options.share_scale;
    const std::uint64_t all_units = static_cast<std::uint64_t>(internal::pow10[ss]);
    auto as_u = [](uint128 v) {
      if constexpr (std::is_same_v<U, uint128>) return v;
      else return wide(v);
    };
    auto positive = [&](int128 v) { return v > 0 ? as_u(static_cast<uint128>(v)) : U(0); };
    auto share_units = [&](const U& numerator, const U& denominator) {
      return static_cast<std::uint64_t>(
          internal::round_div<U>(numerator * as_u(internal::pow10[ss]), denominator, false, Rounding::half_even));
    };
    auto coefficient = [&](Decimal d) { return as_u(static_cast<uint128>(d.coefficient())); };
    const U a_unit = as_u(internal::pow10[options.a_share.scale()]);
    const U b_unit = as_u(internal::pow10[options.b_share.scale()]);
    const U a_bound = coefficient(options.a_share) * total, b_bound = coefficient(options.b_share) * total;
    U above = 0, class_sum[3] = {0, 0, 0};
    std::uint64_t above_units = 0;
    const std::size_t n = entries.size();
    for (std::size_t k = 0; k < n;) {
      const int128 v = entries[k].value;
      std::size_t j = k;
      while (j < n && entries[j].value == v) ++j;
      AbcClass cls = AbcClass::C;
      std::uint64_t cum_units = total == 0 ? 0 : all_units;
      U cum = above;
      if (v > 0) {
        // A when the customers above hold less than a_share of the total: above / T < a.
        if (above * a_unit < a_bound) cls = AbcClass::A;
        else if (above * b_unit < b_bound) cls = AbcClass::B;
        const U group = positive(v) * as_u(static_cast<uint128>(j - k));
        cum = above + group;
        cum_units = share_units(cum, total);
        class_sum[static_cast<int>(cls)] += group;
      }
      for (std::size_t m = k; m < j; ++m) {
        const std::uint32_t i = entries[m].index;
        p.classes_[i] = cls;
        p.ranks_[i] = static_cast<std::uint32_t>(k + 1);
        p.cumulative_[i] = cum_units;
        p.above_[i] = above_units;
      }
      p.counts_[static_cast<int>(cls)] += j - k;
      above = cum;
      above_units = cum_units;
      k = j;
    }
    for (int c = 0; c < 3; ++c) p.class_units_[c] = total == 0 ? 0 : share_units(class_sum[c], total);
  }
};

expected<Portfolio> Portfolio::classify(std::span<const Decimal> measures, const PortfolioOptions& options) {
  if (auto ok = Classifier::check(options, measures.size()); !ok) return unexpected(ok.error());
  Portfolio p;
  p.options_ = options;
  Classifier::scale_measures(p, measures);
  const auto entries = Classifier::rank(p);
  uint256 total = 0;
  for (int128 v : p.scaled_) total += positive_part(v);
  const std::size_t n = measures.size();
  p.classes_.resize(n);
  p.ranks_.resize(n);
  p.cumulative_.resize(n);
  p.above_.resize(n);
  if (total < (uint256(1) << 66)) Classifier::assign(p, entries, narrow(total));
  else Classifier::assign(p, entries, total);
  return p;
}

namespace {

/// Tiers' cut-offs: each above 0 and at most 1, none below the one before.
[[nodiscard]] expected<void> check_cut_offs(std::span<const Decimal> cut_offs) {
  const Decimal zero, one = Decimal::from_int(1);
  if (cut_offs.size() > 254) return fail(ErrorCode::invalid_argument, "at most 254 cut-offs (255 tiers)");
  for (std::size_t t = 0; t < cut_offs.size(); ++t) {
    const std::string which = "cut-off " + std::to_string(t + 1);
    if (cut_offs[t] <= zero || cut_offs[t] > one)
      return bad_option(which + " must be above 0 and at most 1", cut_offs[t]);
    if (t > 0 && cut_offs[t] < cut_offs[t - 1])
      return bad_option(which + " must not be below the one before (" + cut_offs[t - 1].to_string() + ")", cut_offs[t]);
  }
  return {};
}

}  // namespace

expected<Portfolio::Tiers> Portfolio::tiers(std::span<const Decimal> cut_offs) const {
  if (auto ok = check_cut_offs(cut_offs); !ok) return unexpected(ok.error());
  const auto last = static_cast<std::uint8_t>(cut_offs.size());
  Tiers t;
  t.of_customer.assign(size(), last);
  t.counts.assign(cut_offs.size() + 1, 0);
  std::vector<uint256> sums(cut_offs.size() + 1);
  uint256 total = 0;
  for (int128 v : scaled_) total += positive_part(v);
  uint256 above = 0;
  const std::size_t n = order_.size();
  for (std::size_t k = 0; k < n;) {  // tie groups, from the largest measure down
    const int128 v = scaled_[order_[k]];
    std::size_t j = k;
    while (j < n && scaled_[order_[j]] == v) ++j;
    std::uint8_t tier = last;
    if (v > 0) {
      // Tier t when the customers above hold less than cut-off t of the total: above / T < c.
      for (std::uint8_t c = 0; c < last && tier == last; ++c)
        if (above * wide(internal::pow10[cut_offs[c].scale()]) < magnitude(cut_offs[c]) * total) tier = c;
      const uint256 group = positive_part(v) * static_cast<std::uint64_t>(j - k);
      above += group;
      sums[tier] += group;
    }
    for (std::size_t m = k; m < j; ++m) t.of_customer[order_[m]] = tier;
    t.counts[tier] += j - k;
    k = j;
  }
  for (const uint256& sum : sums)
    t.shares.push_back(share_of_ppm(total == 0 ? 0 : units(sum, total, options_.share_scale)));
  return t;
}

Decimal Portfolio::share_of_ppm(std::uint64_t u) const noexcept {
  return *Decimal::from_parts(static_cast<int128>(u), options_.share_scale);
}

Decimal Portfolio::cumulative_share(std::size_t i) const noexcept { return share_of_ppm(cumulative_[i]); }
Decimal Portfolio::share_above(std::size_t i) const noexcept { return share_of_ppm(above_[i]); }
Decimal Portfolio::class_share(AbcClass c) const noexcept { return share_of_ppm(class_units_[static_cast<int>(c)]); }

expected<Decimal> Portfolio::positive_total() const {
  uint256 total = 0;
  for (int128 v : scaled_) total += positive_part(v);
  // The range check of Decimal: below 10^(20 + scale) at this scale.
  if (total >= wide(internal::pow10[Decimal::max_integer_digits + scale_]))
    return fail(ErrorCode::overflow, "the positive total of the measures is beyond a Decimal's range");
  return Decimal::from_parts(static_cast<int128>(narrow(total)), scale_);
}

namespace {

/// Walks the customers from the largest measure down, accumulating positive parts, and
/// answers "what share do the top k customers hold" for k = numerator / denominator,
/// non-decreasing from call to call.
class TopWalker {
 public:
  TopWalker(const std::vector<std::uint32_t>& order, const std::vector<int128>& scaled, int share_scale)
      : order_(order), scaled_(scaled), scale_(share_scale) {
    for (int128 v : scaled) total_ += positive_part(v);
  }
  [[nodiscard]] bool has_total() const { return total_ != 0; }

  std::uint64_t share(const uint256& numerator, const uint256& denominator) {
    const uint256 whole = numerator / denominator;
    const uint256 rest = numerator - whole * denominator;
    const std::size_t k = static_cast<std::size_t>(whole);
    while (taken_ < k && taken_ < order_.size()) sum_ += positive_part(scaled_[order_[taken_++]]);
    uint256 held = sum_ * denominator;
    if (rest != 0 && k < order_.size()) held += rest * positive_part(scaled_[order_[k]]);
    return units(held, total_ * denominator, scale_);
  }

 private:
  const std::vector<std::uint32_t>& order_;
  const std::vector<int128>& scaled_;
  int scale_;
  uint256 total_ = 0, sum_ = 0;
  std::size_t taken_ = 0;
};

}  // namespace

expected<std::optional<Decimal>> Portfolio::top_share(Decimal fraction) const {
  if (fraction.sign() < 0 || fraction > Decimal::from_int(1))
    return bad_option("the fraction of customers must be from 0 to 1", fraction);
  TopWalker walker(order_, scaled_, options_.share_scale);
  if (!walker.has_total()) return std::optional<Decimal>();
  // k = fraction * n customers = coefficient * n / 10^scale.
  const uint256 numerator = magnitude(fraction) * static_cast<std::uint64_t>(size());
  return std::optional<Decimal>(share_of_ppm(walker.share(numerator, wide(internal::pow10[fraction.scale()])))); 
}

std::optional<Decimal> Portfolio::pareto_share() const { return top_share(options_.pareto_top).value(); }

std::vector<std::pair<Decimal, Decimal>> Portfolio::curve(std::size_t points) const {
  std::vector<std::pair<Decimal, Decimal>> out;
  TopWalker walker(order_, scaled_, options_.share_scale);
  if (!walker.has_total() || points == 0) return out;
  out.reserve(points + 1);
  const Decimal denominator = Decimal::from_int(static_cast<std::int64_t>(points));
  for (std::size_t i = 0; i <= points; ++i) {
    // k = i * n / points customers.
    const uint256 numerator = uint256(static_cast<std::uint64_t>(i)) * static_cast<std::uint64_t>(size());
    const Decimal x = *Decimal::from_int(static_cast<std::int64_t>(i)).div(denominator, 4);
    out.emplace_back(x, share_of_ppm(walker.share(numerator, uint256(static_cast<std::uint64_t>(points)))));
  }
  return out;
}

[[nodiscard]] expected<std::vector<std::uint8_t>> quantile_scores(std::span<const std::optional<Decimal>> values, int bins,
                                                    Better better) {
  if (bins < 2 || bins > 100)
    return fail(ErrorCode::invalid_argument, "bins must be from 2 to 100, not " + std::to_string(bins));
  if (values.size() > UINT32_MAX) return fail(ErrorCode::out_of_range, "at most 4294967295 values");
  std::vector<std::uint32_t> order;
  order.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i]) order.push_back(static_cast<std::uint32_t>(i));
  // Worst first: the lowest values when higher is better, the highest when lower is.
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const Decimal& x = *values[a];
    const Decimal& y = *values[b];
    if (x != y) return better == Better::higher ? x < y : x > y;
    return a < b;
  });
  std::vector<std::uint8_t> scores(values.size(), 0);
  const std::uint64_t n = order.size();
  for (std::size_t k = 0; k < order.size();) {
    std::size_t j = k;
    while (j < order.size() && *values[order[j]] == *values[order[k]]) ++j;
    const auto score = static_cast<std::uint8_t>(1 + static_cast<std::uint64_t>(bins) * k / n);
    for (std::size_t m = k; m < j; ++m) scores[order[m]] = score;
    k = j;
  }
  return scores;
}

}  // namespace crm
