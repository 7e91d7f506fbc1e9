// crm::ShareClasses: classes of customers by cumulative share of a measure, as a rule set
// defines them: the deck's four classes 主/次/辅/杂 (A/B/C/D) beside ABC.
//
//   const crm::RuleSet& rules = crm::RuleSet::builtin();
//   auto classes = crm::ShareClasses::four_class(rules);       // its "portfolio" section
//   if (!classes) { std::cerr << classes.error().to_string(); return; }
//   auto p = crm::Portfolio::classify(profit);                 // one measure per customer
//   auto four = classes->classify(*p);                         // per customer 0..3
//   std::string_view label = classes->classes[four->of_customer[0]].label;   // "A"
//   const std::string& zh = classes->classes[0].name.zh;       // "主要客户"
//
// The deck: 分级档次 = 依据价值 + 梯阶排序 + 主次辅杂 + ABCD + 资信评估 + 信用分级, and ABC管理
// = 主次辅杂 + 贡献占比 + 客群占比. It names the four classes and no cut-offs: the built-in
// ones (A up to 80% of the measure, B up to 90%, C up to 95%, D the rest) are the
// project's defaults, rules data in rules/default.json ("portfolio": {"four_class": ...})
// that users copy and change (docs/default-rules.md). The classes follow the ABC rule
// exactly (Portfolio::tiers): a customer is in the first class whose cut-off the
// customers ranked strictly above it hold less than; customers at or below zero are in
// the last class.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crmrules/decimal.hpp"
#include "crmrules/expected.hpp"
#include "crmrules/portfolio.hpp"
#include "crmrules/rule_set.hpp"
#include "crmrules/text.hpp"

namespace crm {

/// One class: its label ("A"), its name in the deck's words with English beside, and the
/// cumulative share its customers reach up to (none for the last class).
struct ShareClass {
  std::string label;
  Text name;
  std::optional<Decimal> up_to;
  friend bool operator==(const ShareClass&, const ShareClass&) = default;
};

struct ShareClasses {
  std::vector<ShareClass> classes;  // best first; 2..255 of them

  /// The rule set's four classes (its "portfolio" section's "four_class"); invalid_rule
  /// when it has none.
  [[nodiscard]] static expected<ShareClasses> four_class(const RuleSet& rules);
  /// Whether the rule set defines them.
  [[nodiscard]] static bool defined(const RuleSet& rules) noexcept;

  /// The cut-offs, in order (one fewer than the classes).
  [[nodiscard]] std::vector<Decimal> cut_offs() const;
  /// Every customer's class (an index into classes), customers and share per class.
  [[nodiscard]] expected<Portfolio::Tiers> classify(const Portfolio& portfolio) const;
};

}  // namespace crm
