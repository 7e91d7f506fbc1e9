// Planning an account: the account's facts into the top-level rule set, each stakeholder
// and each criterion through their nested rule sets, and the results gathered with the
// section's texts into a Plan and its ranked next actions.
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "crmrules/account.hpp"
#include "src/account/check.hpp"
#include "src/account/facts.hpp"
#include "src/account/section.hpp"
#include "src/ruleset/section.hpp"

namespace crm::account {
namespace {

using internal::account::Section;

/// `a` + sep + `b` in one allocation.
std::string joined(const std::string& a, std::string_view sep, const std::string& b) {
  std::string out;
  out.reserve(a.size() + sep.size() + b.size());
  return out.append(a).append(sep).append(b);
}

/// Text `a` + sep + `b` in both languages.
Text joined(const Text& a, std::string_view sep, const std::string& b) {
  return Text{joined(a.zh, sep, b), joined(a.en, sep, b)};
}

class Planning {
 public:
  Planning(const Section& s, const RuleSet& rules, const Account& a) : s_(s), rules_(rules), a_(a) {}

  expected<Plan> run() {
    plan_.customer = a_.customer;
    plan_.grade = a_.grade;
    plan_.deal_size = a_.deal_size;
    reserve();
    if (auto ok = account_level(); !ok) return unexpected(ok.error());
    buying_centre();
    if (auto ok = stakeholders(); !ok) return unexpected(ok.error());
    tactics();
    if (auto ok = criteria(); !ok) return unexpected(ok.error());
    rank_actions();
    return std::move(plan_);
  }

 private:
  /// Every list of the plan at its final size (at most, for the actions): the plan's
  /// lists grow no further, which spares the allocator (glibc's large requests are slow).
  void reserve() {
    plan_.clarities.reserve(s_.clarities.size());
    plan_.buying_centre.roles.reserve(s_.roles.size());
    plan_.stakeholders.reserve(a_.stakeholders.size());
    plan_.tactics.reserve(std::min(s_.traits.size(), a_.order_traits.size()));
    plan_.criteria.reserve(a_.criteria.size());
    plan_.next_actions.reserve(s_.clarities.size() + s_.roles.size() + 3 * a_.stakeholders.size() + s_.traits.size() +
                               a_.criteria.size() + 3);
  }

  /// Orders the actions by priority, ties in the order they were gathered: sorts their
  /// indices, then follows the permutation's cycles, swapping in place.
  void rank_actions() {
    auto& actions = plan_.next_actions;
    std::vector<std::pair<int, std::uint32_t>> order(actions.size());
    for (std::size_t i = 0; i < actions.size(); ++i) order[i] = {actions[i].priority, static_cast<std::uint32_t>(i)};
    std::sort(order.begin(), order.end());  // (priority, index): stable by construction
    // Place k takes the action at order[k].second; a cycle of places is walked once.
    for (std::size_t k = 0; k < order.size(); ++k) {
      std::size_t at = k;
      while (order[at].second != k) {
        const std::size_t from = order[at].second;
        std::swap(actions[at], actions[from]);
        order[at].second = static_cast<std::uint32_t>(at);
        at = from;
      }
      order[at].second = static_cast<std::uint32_t>(at);
    }
  }

  void act(std::string id, int priority, const Text& text, Text reason, std::string source) {
    if (text.empty()) return;
    plan_.next_actions.push_back(Action{std::move(id), priority, text, std::move(reason), std::move(source)});
  }

  [[nodiscard]] expected<void> set(Record& r, std::size_t slot, Value v) { return r.set(slot, v); }

  [[nodiscard]] expected<void> account_level() {
    Record r = rules_.new_record();
    if (auto ok = internal::account::set_facts(r, s_, a_); !ok) return ok;
    if (auto ok = rules_.evaluate(r); !ok) return ok;
    const auto out = r.outputs();
    for (const auto& c : s_.clarities) {
      const bool known = out[c.output].kind() == ValueKind::boolean && out[c.output].as_bool();
      plan_.clarities.push_back(Clarity{c.id, c.name, known, c.question});
      plan_.clarities_known += known;
      if (!known) act("clarify", c.priority, c.question, c.name, "clarities/" + c.id);
    }
    const auto id = [&](std::size_t slot) {
      return out[slot].kind() == ValueKind::string ? out[slot].as_string() : std::string();
    };
    if (const auto* t = s_.type(id(s_.slots.account_type))) {
      plan_.type = AccountType{t->id, t->name, t->focus, t->selling};
      act("sell_as_type", t->priority, t->selling, t->name, "type");
    }
    if (const auto* st = s_.stage(a_.stage)) {
      plan_.stage = Step{st->id, st->name, st->advice, st->critical};
      act("stage", st->priority, st->advice, st->name, "stage");
    }
    if (const auto* ph = s_.phase(id(s_.slots.phase))) {
      plan_.phase = Step{ph->id, ph->name, ph->advice, ph->critical};
      act("phase", ph->priority, ph->advice, ph->name, "phase");
    }
    return {};
  }

  void buying_centre() {
    BuyingCentre& bc = plan_.buying_centre;
    for (const auto& role : s_.roles) {
      Role r{role.id, role.name, {}, {}};
      for (const auto& p : a_.stakeholders)
        if (std::find(p.roles.begin(), p.roles.end(), role.id) != p.roles.end()) r.holders.push_back(p.name);
      r.advice = r.holders.empty() ? role.unheld : role.held;
      if (r.holders.empty()) bc.unheld.push_back(role.id);
      if (!r.advice.empty()) {  // (the reason and source are built only for an action)
        std::string names;
        for (const auto& h : r.holders) names += (names.empty() ? "" : ", ") + h;
        act(r.holders.empty() ? "find_role" : "work_role", role.priority, r.advice,
            r.holders.empty() ? role.name : joined(role.name, ": ", names), "buying_centre/roles/" + role.id);
      }
      bc.roles.push_back(std::move(r));
    }
    for (std::size_t i = 0; i < a_.stakeholders.size(); ++i) {
      const auto& p = a_.stakeholders[i];
      const std::string& at = p.attitude;
      bc.supporters += at == "supporter";
      bc.neutrals += at == "neutral";
      bc.opponents += at == "opponent";
      bc.unknown_attitudes += at == "unknown";
      for (const auto& rule : s_.attitudes)
        if (rule.id == at && !rule.text.empty())
          act("attitude", rule.priority, rule.text, joined(rule.name, ": ", p.name), source(i));
      if (p.needs.empty()) {
        bc.needs_unknown.push_back(p.name);
        act("learn_needs", s_.needs_unknown_priority, s_.needs_unknown, Text{p.name, p.name}, source(i));
      }
    }
  }

  static std::string source(std::size_t stakeholder) { return "stakeholders/" + std::to_string(stakeholder); }

  [[nodiscard]] bool is_key(const Stakeholder& p) const {
    for (const auto& role : s_.roles)
      if (role.key && std::find(p.roles.begin(), p.roles.end(), role.id) != p.roles.end()) return true;
    return false;
  }

  [[nodiscard]] expected<void> stakeholders() {
    const RuleSet& rules = *s_.stakeholder;
    Record r = rules.new_record();
    for (std::size_t i = 0; i < a_.stakeholders.size(); ++i) {
      const auto& p = a_.stakeholders[i];
      r.clear();
      for (std::size_t b = 0; b < s_.behaviours.size(); ++b) {
        const bool shown =
            std::find(p.behaviours.begin(), p.behaviours.end(), s_.behaviours[b].id) != p.behaviours.end();
        if (auto ok = r.set(b, Value(shown)); !ok) return ok;
      }
      if (auto ok = rules.evaluate(r); !ok) return ok;
      const Value& v = r.outputs()[s_.slots.stars];
      auto n = v.kind() == ValueKind::decimal ? v.as_decimal().to_int64() : expected<std::int64_t>(0);
      const auto stars = std::clamp<std::int64_t>(n ? *n : 0, 0, static_cast<std::int64_t>(s_.stars.size()) - 1);
      const auto rung = static_cast<std::size_t>(stars);
      StakeholderPlan sp{p.name, p.attitude, !p.needs.empty(), static_cast<int>(stars), s_.stars[rung].name, {}};
      if (rung + 1 < s_.stars.size()) sp.raise = s_.stars[rung + 1].raise;
      if (!sp.raise.empty() && is_key(p))
        act("raise_stars", s_.raise_stars_priority, sp.raise, joined(sp.stars_name, " - ", p.name), source(i));
      plan_.stakeholders.push_back(std::move(sp));
    }
    return {};
  }

  void tactics() {
    for (const auto& rule : s_.traits) {
      if (std::find(a_.order_traits.begin(), a_.order_traits.end(), rule.id) == a_.order_traits.end()) continue;
      plan_.tactics.push_back(Tactic{rule.id, rule.name, rule.text});
      act("tactic", rule.priority, rule.text, rule.name, "traits/" + rule.id);
    }
  }

  [[nodiscard]] expected<void> criteria() {
    const RuleSet& rules = *s_.criterion;
    Record r = rules.new_record();
    const auto& sl = s_.slots;
    for (std::size_t i = 0; i < a_.criteria.size(); ++i) {
      const auto& c = a_.criteria[i];
      r.clear();
      if (!c.importance.empty())
        if (auto ok = r.set(sl.importance, Value(c.importance)); !ok) return ok;
      if (!c.position.empty())
        if (auto ok = r.set(sl.position, Value(c.position)); !ok) return ok;
      if (auto ok = r.set(sl.from_explicit_need, Value(c.from_explicit_need)); !ok) return ok;
      if (auto ok = rules.evaluate(r); !ok) return ok;
      const Value& strategy = r.outputs()[sl.strategy];
      const Value& rank = r.outputs()[sl.rank];
      CriterionPlan cp{c.name, strategy.kind() == ValueKind::string ? strategy.as_string() : std::string(), 0, {}};
      if (rank.kind() == ValueKind::decimal)
        if (auto n = rank.as_decimal().to_int64()) cp.rank = static_cast<int>(*n);
      if (const auto* rule = s_.strategy(cp.strategy)) {
        cp.advice = rule->text;
        act("criterion", rule->priority, rule->text, Text{c.name, c.name}, "criteria/" + std::to_string(i));
      }
      plan_.criteria.push_back(std::move(cp));
    }
    return {};
  }

  const Section& s_;
  const RuleSet& rules_;
  const Account& a_;
  Plan plan_;
};

}  // namespace

expected<Planner> Planner::from_rule_set(const RuleSet& rules) {
  auto section = internal::section<Section>(rules, internal::account::section_key);
  if (!section) {
    Error e{ErrorCode::invalid_rule, "rule set '" + rules.name() + "' has no \"account\" section", {}};
    e.where.pointer = "/account";
    return unexpected(std::move(e));
  }
  return Planner(rules, std::move(section));
}

expected<Plan> Planner::plan(std::string_view account_json) const {
  auto account = read(account_json);
  if (!account) return unexpected(account.error());
  return Planning(*static_cast<const Section*>(section_.get()), rules_, *account).run();
}

expected<Plan> Planner::plan(const Account& account) const {
  const auto& s = *static_cast<const Section*>(section_.get());
  if (auto ok = internal::account::check_account(account, s, rules_); !ok) return unexpected(ok.error());
  return Planning(s, rules_, account).run();
}

}  // namespace crm::account
