// An Account's words against the vocabulary, each error at its would-be JSON pointer.
#include "src/account/check.hpp"

#include "src/core/suggest.hpp"

namespace crm::internal::account {
namespace {

using crm::account::Account;

[[nodiscard]] unexpected fail_at(std::string pointer, ErrorCode code, std::string message) {
  Error e{code, std::move(message), {}};
  e.where.pointer = std::move(pointer);
  return unexpected(std::move(e));
}

/// `value` is an id of `vocabulary`, or unknown_name with a hint.
template <class T>
[[nodiscard]] expected<void> known(const std::string& value, const std::vector<T>& vocabulary, std::string_view what,
                                   const std::string& pointer) {
  std::vector<std::string_view> ids;
  for (const T& item : vocabulary) {
    if (!item.id.empty() && item.id == value) return {};
    if (!item.id.empty()) ids.push_back(item.id);
  }
  return fail_at(pointer, ErrorCode::unknown_name,
                 "unknown " + std::string(what) + " '" + value + "'" + did_you_mean(value, ids));
}

template <class T>
[[nodiscard]] expected<void> all_known(const std::vector<std::string>& values, const std::vector<T>& vocabulary,
                                       std::string_view what, const std::string& pointer) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (auto ok = known(values[i], vocabulary, what, pointer + "/" + std::to_string(i)); !ok) return ok;
  return {};
}

/// "" or a label (or an alias) of the rule set's enum input `field`.
[[nodiscard]] expected<void> label(const std::string& value, const RuleSet& rules, std::string_view field,
                                   const std::string& pointer) {
  if (value.empty()) return {};
  const Field* f = rules.schema().find(field);
  if (f == nullptr) return fail_at(pointer, ErrorCode::invalid_rule, "the rules have no input '" + std::string(field) + "'");
  if (auto ok = f->accept(Value(value)); !ok) return fail_at(pointer, ok.error().code, ok.error().message);
  return {};
}

[[nodiscard]] expected<void> check_stakeholders(const Account& a, const Section& s) {
  for (std::size_t i = 0; i < a.stakeholders.size(); ++i) {
    const auto& p = a.stakeholders[i];
    const std::string at = "/stakeholders/" + std::to_string(i);
    if (p.name.empty()) return fail_at(at, ErrorCode::missing, "a stakeholder needs a name");
    for (std::size_t j = 0; j < i; ++j)
      if (a.stakeholders[j].name == p.name)
        return fail_at(at + "/name", ErrorCode::conflict, "stakeholder '" + p.name + "' is listed twice");
    if (auto ok = all_known(p.roles, s.roles, "role", at + "/roles"); !ok) return ok;
    if (auto ok = known(p.attitude, s.attitudes, "attitude", at + "/attitude"); !ok) return ok;
    if (auto ok = all_known(p.behaviours, s.behaviours, "behaviour", at + "/behaviours"); !ok) return ok;
  }
  return {};
}

[[nodiscard]] expected<void> check_criteria(const Account& a, const Section& s) {
  for (std::size_t i = 0; i < a.criteria.size(); ++i) {
    const std::string at = "/criteria/" + std::to_string(i);
    if (a.criteria[i].name.empty()) return fail_at(at, ErrorCode::missing, "a criterion needs a name");
    if (auto ok = label(a.criteria[i].importance, *s.criterion, "importance", at + "/importance"); !ok) return ok;
    if (auto ok = label(a.criteria[i].position, *s.criterion, "position", at + "/position"); !ok) return ok;
  }
  return {};
}

}  // namespace

expected<void> check_account(const Account& a, const Section& s, const RuleSet& rules) {
  if (a.customer.empty()) return fail_at("/customer", ErrorCode::missing, "the customer needs a name");
  if (!a.deal_size.empty() && a.deal_size != "large" && a.deal_size != "small")
    return fail_at("/deal_size", ErrorCode::unknown_name,
                   "unknown deal size '" + a.deal_size + "'" + did_you_mean(a.deal_size, {"large", "small"}));
  if (auto ok = check_stakeholders(a, s); !ok) return ok;
  if (!a.stage.empty())
    if (auto ok = known(a.stage, s.stages, "stage", "/purchase/stage"); !ok) return ok;
  if (auto ok = label(a.requirements, rules, "requirements", "/traits/requirements"); !ok) return ok;
  if (auto ok = label(a.replaceable, rules, "replaceable", "/traits/replaceable"); !ok) return ok;
  if (auto ok = label(a.cooperation, rules, "cooperation", "/traits/cooperation"); !ok) return ok;
  if (!a.shared_ownership.empty() && a.shared_ownership != "yes" && a.shared_ownership != "no")
    return fail_at("/traits/shared_ownership", ErrorCode::type_mismatch, "shared_ownership is yes or no");
  if (auto ok = all_known(a.order_traits, s.traits, "order trait", "/traits/order"); !ok) return ok;
  if (auto ok = check_criteria(a, s); !ok) return ok;
  for (std::size_t i = 0; i < a.competitors.size(); ++i)
    if (a.competitors[i].name.empty())
      return fail_at("/competitors/" + std::to_string(i), ErrorCode::missing, "a competitor needs a name");
  if (auto ok = label(a.implementation_effort, rules, "effort", "/implementation/effort"); !ok) return ok;
  return label(a.implementation_return, rules, "return", "/implementation/return");
}

}  // namespace crm::internal::account
