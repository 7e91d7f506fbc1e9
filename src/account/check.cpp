// An Account's words against the vocabulary, each error at its would-be JSON pointer
// (written out only for the error: a sound account allocates next to nothing here).
#include "src/account/check.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "src/core/suggest.hpp"

namespace crm::internal::account {
namespace {

using crm::account::Account;

constexpr std::size_t none = static_cast<std::size_t>(-1);

/// A would-be JSON pointer: head, then the index (if any), then tail ("/stakeholders/",
/// 2, "/roles"); written out only for an error.
struct Pointer {
  std::string_view head;
  std::size_t index = none;
  std::string_view tail = {};

  [[nodiscard]] std::string str() const {
    std::string out(head);
    if (index != none) out += std::to_string(index);
    return out += tail;
  }
  [[nodiscard]] std::string element(std::size_t j) const { return str() + "/" + std::to_string(j); }
};

[[nodiscard]] unexpected fail_at(std::string pointer, ErrorCode code, std::string message) {
  Error e{code, std::move(message), {}};
  e.where.pointer = std::move(pointer);
  return unexpected(std::move(e));
}

template <class T>
[[nodiscard]] bool is_id(const std::string& value, const std::vector<T>& vocabulary) noexcept {
  for (const T& item : vocabulary)
    if (!item.id.empty() && item.id == value) return true;
  return false;
}

/// unknown_name for `value`, with the closest id of `vocabulary` as a hint.
template <class T>
[[nodiscard]] unexpected unknown(const std::string& value, const std::vector<T>& vocabulary, std::string_view what,
                                 std::string pointer) {
  std::vector<std::string_view> ids;
  for (const T& item : vocabulary)
    if (!item.id.empty()) ids.push_back(item.id);
  return fail_at(std::move(pointer), ErrorCode::unknown_name,
                 "unknown " + std::string(what) + " '" + value + "'" + did_you_mean(value, ids));
}

template <class T>
[[nodiscard]] expected<void> known(const std::string& value, const std::vector<T>& vocabulary, std::string_view what,
                                   const Pointer& at) {
  if (is_id(value, vocabulary)) return {};
  return unknown(value, vocabulary, what, at.str());
}

template <class T>
[[nodiscard]] expected<void> all_known(const std::vector<std::string>& values, const std::vector<T>& vocabulary,
                                       std::string_view what, const Pointer& at) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!is_id(values[i], vocabulary)) return unknown(values[i], vocabulary, what, at.element(i));
  return {};
}

/// "" or a label (or an alias) of the rule set's enum input `field`.
[[nodiscard]] expected<void> label(const std::string& value, const RuleSet& rules, std::string_view field,
                                   const Pointer& at) {
  if (value.empty()) return {};
  const Field* f = rules.schema().find(field);
  if (f == nullptr)
    return fail_at(at.str(), ErrorCode::invalid_rule, "the rules have no input '" + std::string(field) + "'");
  if (auto ok = f->accept(Value(value)); !ok) return fail_at(at.str(), ok.error().code, ok.error().message);
  return {};
}

/// The first stakeholder whose name an earlier one has, in O(n log n).
[[nodiscard]] std::optional<std::size_t> first_repeated_name(const std::vector<crm::account::Stakeholder>& people) {
  std::vector<std::pair<std::string_view, std::size_t>> names;
  names.reserve(people.size());
  for (std::size_t i = 0; i < people.size(); ++i) names.emplace_back(people[i].name, i);
  std::sort(names.begin(), names.end());
  std::optional<std::size_t> first;
  for (std::size_t k = 1; k < names.size(); ++k)
    if (names[k].first == names[k - 1].first && (!first || names[k].second < *first)) first = names[k].second;
  return first;
}

[[nodiscard]] expected<void> check_stakeholders(const Account& a, const Section& s) {
  const std::optional<std::size_t> repeated = first_repeated_name(a.stakeholders);
  for (std::size_t i = 0; i < a.stakeholders.size(); ++i) {
    const auto& p = a.stakeholders[i];
    if (p.name.empty())
      return fail_at(Pointer{"/stakeholders/", i}.str(), ErrorCode::missing, "a stakeholder needs a name");
    if (repeated == i)
      return fail_at(Pointer{"/stakeholders/", i, "/name"}.str(), ErrorCode::conflict,
                     "stakeholder '" + p.name + "' is listed twice");
    if (auto ok = all_known(p.roles, s.roles, "role", {"/stakeholders/", i, "/roles"}); !ok) return ok;
    if (auto ok = known(p.attitude, s.attitudes, "attitude", {"/stakeholders/", i, "/attitude"}); !ok) return ok;
    if (auto ok = all_known(p.behaviours, s.behaviours, "behaviour", {"/stakeholders/", i, "/behaviours"}); !ok)
      return ok;
  }
  return {};
}

[[nodiscard]] expected<void> check_criteria(const Account& a, const Section& s) {
  for (std::size_t i = 0; i < a.criteria.size(); ++i) {
    const auto& c = a.criteria[i];
    if (c.name.empty()) return fail_at(Pointer{"/criteria/", i}.str(), ErrorCode::missing, "a criterion needs a name");
    if (auto ok = label(c.importance, *s.criterion, "importance", {"/criteria/", i, "/importance"}); !ok) return ok;
    if (auto ok = label(c.position, *s.criterion, "position", {"/criteria/", i, "/position"}); !ok) return ok;
  }
  return {};
}

/// Every string of the account within crm::Limits::string_bytes, as parse_json holds a
/// document's: the pointer of the first one past it.
class Lengths {
 public:
  explicit Lengths(std::size_t limit) : limit_(limit) {}

  [[nodiscard]] expected<void> check(const Account& a) {
    one(a.customer, {"/customer/name"});
    one(a.grade, {"/customer/grade"});
    one(a.deal_size, {"/deal_size"});
    for (std::size_t i = 0; i < a.stakeholders.size(); ++i) stakeholder(a.stakeholders[i], i);
    all(a.process_steps, {"/purchase/steps"});
    for (const auto& [value, at] : {std::pair{&a.timetable, "/purchase/timetable"},
                                    {&a.funds, "/purchase/funds"},
                                    {&a.stage, "/purchase/stage"},
                                    {&a.requirements, "/traits/requirements"},
                                    {&a.replaceable, "/traits/replaceable"},
                                    {&a.cooperation, "/traits/cooperation"},
                                    {&a.shared_ownership, "/traits/shared_ownership"},
                                    {&a.implementation_effort, "/implementation/effort"},
                                    {&a.implementation_return, "/implementation/return"}})
      one(*value, {at});
    all(a.order_traits, {"/traits/order"});
    for (std::size_t i = 0; i < a.criteria.size(); ++i)
      for (const auto& [value, key] : {std::pair{&a.criteria[i].name, "/name"},
                                       {&a.criteria[i].importance, "/importance"},
                                       {&a.criteria[i].position, "/position"}})
        one(*value, {"/criteria/", i, key});
    for (std::size_t i = 0; i < a.competitors.size(); ++i) {
      one(a.competitors[i].name, {"/competitors/", i, "/name"});
      all(a.competitors[i].cards, {"/competitors/", i, "/cards"});
    }
    if (first_.empty()) return {};
    return fail_at(first_, ErrorCode::out_of_range,
                   "a string of " + std::to_string(bytes_) + " bytes is longer than the limit of " +
                       std::to_string(limit_) + " (crm::Limits::string_bytes)");
  }

 private:
  void stakeholder(const crm::account::Stakeholder& p, std::size_t i) {
    for (const auto& [value, key] : {std::pair{&p.name, "/name"}, {&p.title, "/title"}, {&p.attitude, "/attitude"}})
      one(*value, {"/stakeholders/", i, key});
    for (const auto& [values, key] :
         {std::pair{&p.roles, "/roles"}, {&p.needs, "/needs"}, {&p.focus, "/focus"}, {&p.behaviours, "/behaviours"}})
      all(*values, {"/stakeholders/", i, key});
  }
  void one(const std::string& s, const Pointer& at, std::size_t element = none) {
    if (s.size() <= limit_ || !first_.empty()) return;
    first_ = element == none ? at.str() : at.element(element);
    bytes_ = s.size();
  }
  void all(const std::vector<std::string>& items, const Pointer& at) {
    for (std::size_t j = 0; j < items.size(); ++j) one(items[j], at, j);
  }

  std::size_t limit_;
  std::string first_;  // the pointer of the first string past the limit
  std::size_t bytes_ = 0;
};

}  // namespace

expected<void> check_account(const Account& a, const Section& s, const RuleSet& rules) {
  if (a.customer.empty()) return fail_at("/customer", ErrorCode::missing, "the customer needs a name");
  if (auto ok = Lengths(rules.limits().string_bytes).check(a); !ok) return ok;
  if (!a.deal_size.empty() && a.deal_size != "large" && a.deal_size != "small")
    return fail_at("/deal_size", ErrorCode::unknown_name,
                   "unknown deal size '" + a.deal_size + "'" + did_you_mean(a.deal_size, {"large", "small"}));
  if (auto ok = check_stakeholders(a, s); !ok) return ok;
  if (!a.stage.empty())
    if (auto ok = known(a.stage, s.stages, "stage", {"/purchase/stage"}); !ok) return ok;
  if (auto ok = label(a.requirements, rules, "requirements", {"/traits/requirements"}); !ok) return ok;
  if (auto ok = label(a.replaceable, rules, "replaceable", {"/traits/replaceable"}); !ok) return ok;
  if (auto ok = label(a.cooperation, rules, "cooperation", {"/traits/cooperation"}); !ok) return ok;
  if (!a.shared_ownership.empty() && a.shared_ownership != "yes" && a.shared_ownership != "no")
    return fail_at("/traits/shared_ownership", ErrorCode::type_mismatch, "shared_ownership is yes or no");
  if (auto ok = all_known(a.order_traits, s.traits, "order trait", {"/traits/order"}); !ok) return ok;
  if (auto ok = check_criteria(a, s); !ok) return ok;
  for (std::size_t i = 0; i < a.competitors.size(); ++i)
    if (a.competitors[i].name.empty())
      return fail_at(Pointer{"/competitors/", i}.str(), ErrorCode::missing, "a competitor needs a name");
  if (auto ok = label(a.implementation_effort, rules, "effort", {"/implementation/effort"}); !ok) return ok;
  return label(a.implementation_return, rules, "return", {"/implementation/return"});
}

}  // namespace crm::internal::account
