// An account's facts (facts.hpp). Who decides is the rules' word: the stakeholders holding
// a role marked "decides" in the section.
#include "src/account/facts.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace crm::internal::account {
namespace {

[[nodiscard]] bool decides(const crm::account::Stakeholder& p, const Section& s) {
  for (const auto& role : s.roles)
    if (role.decides && std::find(p.roles.begin(), p.roles.end(), role.id) != p.roles.end()) return true;
  return false;
}

[[nodiscard]] Value count(std::size_t n) { return Value(Decimal::from_int(static_cast<std::int64_t>(n))); }
[[nodiscard]] Value text(const std::string& t) { return t.empty() ? Value() : Value(t); }

}  // namespace

expected<void> set_facts(Record& r, const Section& s, const crm::account::Account& a) {
  std::size_t placed = 0, deciders = 0, attitudes = 0, needs = 0, focus = 0, cards = 0;
  for (const auto& p : a.stakeholders) {
    placed += !p.title.empty() || !p.roles.empty();
    deciders += decides(p, s);
    attitudes += p.attitude != "unknown";  // the document's default (account.hpp)
    needs += !p.needs.empty();
    focus += !p.focus.empty();
  }
  for (const auto& c : a.competitors) cards += !c.cards.empty();
  const Slots& sl = s.slots;
  const std::pair<std::size_t, Value> facts[] = {
      {sl.stakeholders, count(a.stakeholders.size())},
      {sl.placed, count(placed)},
      {sl.decision_makers, count(deciders)},
      {sl.attitudes_known, count(attitudes)},
      {sl.needs_known, count(needs)},
      {sl.focus_given, count(focus)},
      {sl.steps, count(a.process_steps.size())},
      {sl.timetable, Value(!a.timetable.empty())},
      {sl.funds, Value(!a.funds.empty())},
      {sl.competitors_with_cards, count(cards)},
      {sl.requirements, text(a.requirements)},
      {sl.replaceable, text(a.replaceable)},
      {sl.cooperation, text(a.cooperation)},
      {sl.shared_ownership, a.shared_ownership.empty() ? Value() : Value(a.shared_ownership == "yes")},
      {sl.effort, text(a.implementation_effort)},
      {sl.return_, text(a.implementation_return)}};
  for (const auto& [slot, value] : facts)
    if (auto ok = r.set(slot, value); !ok) return ok;
  return {};
}

}  // namespace crm::internal::account
