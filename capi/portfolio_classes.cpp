// crm_portfolio_four_class_*: the C face of crm::ShareClasses (the four classes 主/次/辅/杂,
// include/crmrules/portfolio_classes.hpp). Conversion and error mapping only.
#include <string>

#include "capi/internal/bridge.hpp"
#include "capi/internal/portfolio_handle.hpp"
#include "capi/internal/ruleset_handle.hpp"
#include "crmrules.h"
#include "crmrules/portfolio_classes.hpp"
#include "src/portfolio/section.hpp"

namespace crm::capi {
namespace {

/// The rule set's four classes, kept by the rule set (so their strings outlive the call).
[[nodiscard]] expected<const ShareClasses*> classes_of(const crm_ruleset* rules) {
  auto s = internal::section<internal::portfolio::Section>(rules->rules, internal::portfolio::section_key);
  if (!s) return unexpected(ShareClasses::four_class(rules->rules).error());
  return &s->four_class;
}

Error too_small(const char* what, std::size_t given, std::size_t needed, const char* of) {
  return Error{ErrorCode::buffer_too_small,
               std::string(what) + " holds " + std::to_string(given) + ", " + of + " " + std::to_string(needed),
               {}};
}

}  // namespace
}  // namespace crm::capi

using namespace crm::capi;

extern "C" {

crm_status crm_portfolio_four_class_count(size_t* out, const crm_ruleset* rules, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(out, "out", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    auto classes = classes_of(rules);
    if (!classes) return report(err, classes.error());
    *out = (*classes)->classes.size();
    return CRM_OK;
  });
}

crm_status crm_portfolio_four_class_info(const char** out_label, const char** out_zh, const char** out_en,
                                         crm_decimal* out_up_to, int* out_has_up_to, const crm_ruleset* rules,
                                         size_t index, crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    auto classes = classes_of(rules);
    if (!classes) return report(err, classes.error());
    const auto& all = (*classes)->classes;
    if (index >= all.size())
      return report(err, crm::Error{crm::ErrorCode::out_of_range,
                                    "class " + std::to_string(index) + " does not exist (the rule set has " +
                                        std::to_string(all.size()) + ")",
                                    {}});
    const crm::ShareClass& c = all[index];
    if (out_label != nullptr) *out_label = c.label.c_str();
    if (out_zh != nullptr) *out_zh = c.name.zh.c_str();
    if (out_en != nullptr) *out_en = c.name.en.c_str();
    if (out_has_up_to != nullptr) *out_has_up_to = c.up_to ? 1 : 0;
    if (out_up_to != nullptr && c.up_to) *out_up_to = to_c(*c.up_to);
    return CRM_OK;
  });
}

crm_status crm_portfolio_four_classes(uint8_t* out, size_t count, size_t* out_customers, crm_decimal* out_shares,
                                      size_t classes, const crm_portfolio* portfolio, const crm_ruleset* rules,
                                      crm_error** err) {
  return guard(err, [&] {
    if (auto s = require(portfolio, "portfolio", err); s != CRM_OK) return s;
    if (auto s = require(rules, "rules", err); s != CRM_OK) return s;
    auto defined = classes_of(rules);
    if (!defined) return report(err, defined.error());
    const crm::Portfolio& p = portfolio->portfolio;
    const std::size_t n = (*defined)->classes.size();
    if (count < p.size()) return report(err, too_small("out", count, p.size(), "the portfolio's customers are"));
    if ((out_customers != nullptr || out_shares != nullptr) && classes < n)
      return report(err, too_small("classes", classes, n, "the rule set's classes are"));
    if (p.size() > 0)
      if (auto s = require(out, "out", err); s != CRM_OK) return s;
    auto tiers = (*defined)->classify(p);
    if (!tiers) return report(err, tiers.error());
    for (std::size_t i = 0; i < p.size(); ++i) out[i] = tiers->of_customer[i];
    for (std::size_t c = 0; c < n; ++c) {
      if (out_customers != nullptr) out_customers[c] = tiers->counts[c];
      if (out_shares != nullptr) out_shares[c] = to_c(tiers->shares[c]);
    }
    return CRM_OK;
  });
}

}  // extern "C"
