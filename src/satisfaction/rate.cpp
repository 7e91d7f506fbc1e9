// crm::satisfaction::rate (include/crmrules/satisfaction.hpp): the actual and the ideal
// product as exact weighted sums, their ratio, and the band the exact ratio falls in.
#include <string>

#include "crmrules/satisfaction.hpp"

namespace crm::satisfaction {
namespace {

[[nodiscard]] unexpected bad(const std::string& message) { return fail(ErrorCode::invalid_argument, message); }

/// Settings made in code are checked as the section's loader checks a rule set's.
[[nodiscard]] expected<void> check(const Settings& s) {
  if (s.bands.size() < 2 || s.bands.size() > 255)
    return bad("the settings need 2 to 255 bands, not " + std::to_string(s.bands.size()));
  for (std::size_t i = 0; i < s.bands.size(); ++i) {
    const bool last = i + 1 == s.bands.size();
    if (s.bands[i].from.has_value() == last)
      return bad("every band but the last starts from a ratio; band '" + s.bands[i].label + "' does not fit");
    if (i > 0 && !last && *s.bands[i].from >= *s.bands[i - 1].from)
      return bad("band '" + s.bands[i].label + "' must start below the band before");
  }
  if (s.scale < 0 || s.scale > Decimal::max_scale) return bad("scale is 0..18, not " + std::to_string(s.scale));
  return {};
}

[[nodiscard]] expected<void> check(const Attribute& a, std::size_t i) {
  const std::string which = "attribute " + std::to_string(i + 1) + (a.name.empty() ? "" : " '" + a.name + "'");
  if (a.actual.sign() < 0) return bad(which + ": actual is 0 or more, not " + a.actual.to_string());
  if (a.ideal.sign() < 0) return bad(which + ": ideal is 0 or more, not " + a.ideal.to_string());
  if (a.weight.sign() <= 0) return bad(which + ": weight is above 0, not " + a.weight.to_string());
  return {};
}

[[nodiscard]] expected<Decimal> add_weighted(Decimal sum, Decimal weight, Decimal value) {
  auto product = weight.mul(value);
  if (!product) return unexpected(product.error());
  return sum.add(*product);
}

/// The band of the exact ratio actual / ideal: the quotient truncated to 18 digits is at
/// or above a cut-off (which has at most 18 digits) exactly when the quotient is.
[[nodiscard]] expected<const Band*> band_of(const Settings& s, Decimal actual, Decimal ideal) {
  auto truncated = actual.div(ideal, Decimal::max_scale, Rounding::down);
  if (!truncated) return unexpected(truncated.error());
  for (const Band& b : s.bands)
    if (!b.from || *truncated >= *b.from) return &b;
  return &s.bands.back();
}

/// numerator / denominator rounded half-even to `scale` digits, and written with all of
/// them (0.8000, not 0.8): ratios of one rating line up.
[[nodiscard]] expected<Decimal> ratio_at(Decimal numerator, Decimal denominator, int scale) {
  auto q = numerator.div(denominator, scale);
  if (!q) return q;
  Decimal::Coefficient c = q->coefficient();
  for (int s = q->scale(); s < scale; ++s) c *= 10;
  return Decimal::from_parts(c, scale);
}

AttributeRatio attribute_ratio(const Attribute& a, int scale) {
  AttributeRatio out{a.name, std::nullopt, Decimal()};
  if (!a.ideal.is_zero())
    if (auto r = ratio_at(a.actual, a.ideal, scale); r) out.ratio = *r;
  if (a.actual < a.ideal) out.shortfall = *a.ideal.sub(a.actual);
  return out;
}

}  // namespace

expected<Rating> rate(std::span<const Attribute> attributes, const Settings& settings) {
  if (auto ok = check(settings); !ok) return unexpected(ok.error());
  if (attributes.empty()) return bad("no attribute to rate: the product needs at least one");
  Rating r;
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    const Attribute& a = attributes[i];
    if (auto ok = check(a, i); !ok) return unexpected(ok.error());
    const Decimal counted = settings.cap_at_ideal && a.actual > a.ideal ? a.ideal : a.actual;
    auto actual = add_weighted(r.actual_product, a.weight, counted);
    auto ideal = add_weighted(r.ideal_product, a.weight, a.ideal);
    if (!actual || !ideal) return unexpected(actual ? ideal.error() : actual.error());
    r.actual_product = *actual;
    r.ideal_product = *ideal;
    r.attributes.push_back(attribute_ratio(a, settings.scale));
  }
  if (r.ideal_product.is_zero()) return bad("the ideal product is 0: no ratio to the ideal");
  auto band = band_of(settings, r.actual_product, r.ideal_product);
  if (!band) return unexpected(band.error());
  r.band = *band;
  auto ratio = ratio_at(r.actual_product, r.ideal_product, settings.scale);
  if (!ratio) return unexpected(ratio.error());
  r.ratio = *ratio;
  return r;
}

}  // namespace crm::satisfaction
