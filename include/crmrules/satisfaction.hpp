// crm::satisfaction: satisfaction as the ratio of the actual product to the ideal one, on
// the deck's 7-point scale (很满意 .. 很不满意).
//
//   using namespace crm::satisfaction;
//   std::vector<Attribute> product = {{"交货周期", *Decimal::parse("8"), *Decimal::parse("10")},
//                                     {"质量功能", *Decimal::parse("9"), *Decimal::parse("10"),
//                                      *Decimal::parse("2")}};          // weight 2
//   auto r = rate(product);                              // the built-in rule set's bands
//   if (!r) { std::cerr << r.error().to_string(); return; }
//   r->ratio.to_string();                                // "0.8667" (26 / 30, to 4 digits)
//   r->band->label;                                      // "fairly_satisfied" (points 5, 较满意)
//   r->attributes[0].shortfall.to_string();              // "2": 交货周期 falls short of its ideal by 2
//
// The deck: 客户满意度 = 实际产品 / 理想产品 (satisfaction: how the delivered product and
// service match what the customer expects). Here the actual product is Σ weight × actual
// over the attributes, the ideal product Σ weight × ideal, both exact decimals; the
// ratio is their quotient. The band is decided on the exact quotient (a ratio of exactly
// 0.9 is in the band from 0.9), and only the ratio reported is rounded (Settings::scale
// digits, half-even). With Settings::cap_at_ideal an attribute above its ideal counts at
// its ideal, so a surplus on one attribute cannot hide a shortfall on another.
//
// The bands (the deck's 7-point scale, labels as the built-in rule set's `satisfaction`
// input reads them, so a result feeds it directly) and their cut-offs are rules data:
// the "satisfaction" section of rules/default.json, whose cut-offs (1, 0.9, 0.8, 0.7,
// 0.6, 0.5) are the project's defaults (docs/default-rules.md).
//
// rate_csv() rates many customers from a CSV of one attribute per row (customer,
// attribute, actual, ideal, optional weight); a bad cell is an error naming its line and
// column, and nothing is rated then.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/text.hpp"

namespace crm::satisfaction {

/// One attribute of the product: what the customer got and what it would ideally be, in
/// one unit per attribute (a score, days, a share). actual >= 0, ideal >= 0, weight > 0.
struct Attribute {
  std::string name;
  Decimal actual;
  Decimal ideal;
  Decimal weight = Decimal::from_int(1);
};

/// A band of the scale: its label, its name in the deck's words with English beside, its
/// points (7 .. 1) and the ratio it starts from (none for the last band: every ratio left).
struct Band {
  std::string label;
  Text name;
  int points = 0;
  std::optional<Decimal> from;
  friend bool operator==(const Band&, const Band&) = default;
};

struct Settings {
  std::vector<Band> bands;    // best first, `from` falling; 2..255 of them
  int scale = 4;              // digits of the reported ratios (0..18)
  bool cap_at_ideal = false;  // count an attribute above its ideal at its ideal

  /// The built-in rule set's (its "satisfaction" section).
  [[nodiscard]] static const Settings& builtin();
  /// A rule set's "satisfaction" section; invalid_rule when it has none.
  [[nodiscard]] static expected<Settings> from_rule_set(const RuleSet& rules);
};

struct AttributeRatio {
  std::string name;
  std::optional<Decimal> ratio;  // actual / ideal to Settings::scale digits; none when the ideal is 0
  Decimal shortfall;             // ideal - actual when the actual falls short, else 0
};

struct Rating {
  Decimal actual_product;                  // Σ weight × actual (capped with cap_at_ideal), exact
  Decimal ideal_product;                   // Σ weight × ideal, exact
  Decimal ratio;                           // actual_product / ideal_product, to Settings::scale digits (half-even)
  const Band* band = nullptr;              // into the Settings rated with: decided on the exact ratio
  std::vector<AttributeRatio> attributes;  // in input order
};

/// Rates one customer's product. Errors (invalid_argument, naming the attribute): no
/// attribute, a negative actual or ideal, a weight that is not above 0, an ideal product
/// of 0; overflow when a sum or the ratio is beyond a Decimal.
[[nodiscard]] expected<Rating> rate(std::span<const Attribute> attributes,
                                    const Settings& settings = Settings::builtin());

/// One customer of a CSV, with its rating (bands point into the Settings rated with).
struct CustomerRating {
  std::string customer;
  std::uint64_t line = 0;  // the line of its first attribute
  Rating rating;
};

/// Rates every customer of a CSV with a header naming `customer`, `attribute`, `actual`,
/// `ideal` and optionally `weight` (other columns are ignored), one attribute per row,
/// customers in order of their first row. Amounts may be written as the deck writes them
/// (万, 亿, full-width digits). Errors name the line and column: a missing column, a bad
/// amount, an empty customer or attribute, an attribute given twice for one customer, a
/// customer that cannot be rated (its first line); nothing is rated then. `path` "-" is
/// standard input.
[[nodiscard]] expected<std::vector<CustomerRating>> rate_csv_file(const std::string& path,
                                                                  const Settings& settings = Settings::builtin());
/// The same over CSV text held in memory.
[[nodiscard]] expected<std::vector<CustomerRating>> rate_csv(std::string_view text,
                                                             const Settings& settings = Settings::builtin());

/// Ratings as CSV (customer, actual_product, ideal_product, ratio, satisfaction,
/// satisfaction_points, satisfaction_name: the band's name in `lang`, shortfalls: the
/// attributes below their ideal as "name:ratio" joined by ';', worst ratio first) or as a
/// JSON array of objects (every attribute with its ratio and shortfall; both names).
[[nodiscard]] std::string to_csv(std::span<const CustomerRating> ratings, Lang lang = Lang::zh);
[[nodiscard]] std::string to_json(std::span<const CustomerRating> ratings);

}  // namespace crm::satisfaction
