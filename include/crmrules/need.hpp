// crm::Need: a customer's need, explicit or latent, as guided-selling machines record it.
//
//   crm::Need n;
//   n.id = "downtime";
//   n.description = "Less downtime on the line";
//   n.owner = crm::NeedOwner::organisational;
//   n.level = crm::NeedLevel::value;
//   n.problems.push_back("the old press jams twice a week");
//   n.is_explicit();                                   // false: still latent
//   n.implications.push_back("each jam costs half a shift of output");
//   n.payoffs.push_back("a press that does not jam would free one operator");
//   n.is_explicit();                                   // true: implication + need-payoff
//   n.is_buying_signal(crm::DealSize::large);          // true
//
// The deck's rules (DOMAIN.md §3.2): explicit needs are stated directly; latent needs are
// only hinted at and are brought out by SPIN questioning. A latent need becomes explicit
// when the customer has acknowledged an implication of the problem and stated a
// need-payoff. Personal needs follow Maslow's levels (grouped low, middle, high);
// organisational needs follow price -> value -> strategy. In a large deal only explicit
// needs are buying signals; in a small deal a latent need already is one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/expected.hpp"

namespace crm {

/// Whose need it is: the person's own, or the organisation's.
enum class NeedOwner : int { personal = 0, organisational = 1 };

/// Maslow's levels for personal needs, then price -> value -> strategy for organisational
/// ones; unknown when not (yet) judged.
enum class NeedLevel : int {
  unknown = 0,
  physiological = 1,
  safety = 2,
  social = 3,
  esteem = 4,
  self_actualisation = 5,
  price = 6,
  value = 7,
  strategy = 8,
};

/// Maslow's levels grouped: physiological and safety low, social and esteem middle,
/// self-actualisation high.
enum class MaslowGroup : int { low = 0, middle = 1, high = 2 };

enum class DealSize : int { large = 0, small = 1 };

[[nodiscard]] std::string_view to_string(NeedOwner owner) noexcept;
[[nodiscard]] std::string_view to_string(NeedLevel level) noexcept;
[[nodiscard]] std::string_view to_string(MaslowGroup group) noexcept;
[[nodiscard]] std::string_view to_string(DealSize size) noexcept;

/// "personal" or "organisational" ("organizational" too); unknown_name otherwise.
[[nodiscard]] expected<NeedOwner> parse_need_owner(std::string_view text);
/// A level that fits the owner: Maslow's for personal ("physiological" or "survival",
/// "safety", "social" or "belonging", "esteem", "self_actualisation"), "price", "value"
/// or "strategy" for organisational. A level of the other kind is type_mismatch, an
/// unknown word unknown_name.
[[nodiscard]] expected<NeedLevel> parse_need_level(std::string_view text, NeedOwner owner);
/// "large" or "small".
[[nodiscard]] expected<DealSize> parse_deal_size(std::string_view text);
/// The Maslow group of a personal level; nothing for the others.
[[nodiscard]] std::optional<MaslowGroup> maslow_group(NeedLevel level) noexcept;

struct Need {
  std::string id;                 // how effects and callers refer to it
  std::string description;
  std::string category;           // the kind of need benefits are tied to ("cost", "reliability")
  std::string stakeholder;        // who holds it
  NeedOwner owner = NeedOwner::organisational;
  NeedLevel level = NeedLevel::unknown;
  bool stated = false;            // stated directly by the customer
  std::vector<std::string> problems;      // what led to it
  std::vector<std::string> implications;  // consequences the customer acknowledged
  std::vector<std::string> payoffs;       // need-payoffs the customer stated
  std::vector<std::string> benefits;      // benefits offered against it

  /// Stated directly, or an acknowledged implication together with a stated need-payoff.
  [[nodiscard]] bool is_explicit() const noexcept { return stated || (!implications.empty() && !payoffs.empty()); }
  /// Large deal: explicit needs only; small deal: every need, latent ones too.
  [[nodiscard]] bool is_buying_signal(DealSize deal) const noexcept {
    return deal == DealSize::small || is_explicit();
  }

  friend bool operator==(const Need&, const Need&) = default;
};

}  // namespace crm
