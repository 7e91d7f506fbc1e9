// Private: the "next" section of a rule set (rules/next.json), loaded once: each action's
// texts, source, purpose and owner; the deck's channel table (which purposes each channel
// fits), the channels and owners preferred per grade, the owners and the levers; and the
// slots of the ranking rule set (the document's own inputs and decisions) the advisor fills
// and reads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crmrules/next.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal::next {

inline constexpr std::string_view section_key = "next";
inline constexpr std::string_view account_owner = "account_owner";  // an action's owner: the customer's own

struct Named {
  std::string id;
  Text name;
};

struct ActionRule {
  std::string id, source;
  std::size_t purpose = 0;  // into Section::purposes
  std::string owner;        // an owner's id, or account_owner
  Text text, reason;        // the reason may name facts: {open_complaints}
};

struct Channel {
  std::string id;
  Text name;
  std::vector<bool> fits;  // per purpose
};

/// For these grades ("" for an unknown grade), a preference among channels or an owner.
struct GradeRule {
  std::vector<std::string> grades;
  std::vector<std::size_t> channels;  // into Section::channels, preferred first
  std::string owner;
};

/// The ranking rule set's input slot of each fact (nullopt: the rule set does not read it).
struct FactSlots {
  std::optional<std::size_t> value_grade, abc_class, credit_grade, satisfaction, loyalty_level, loyalty_stars,
      open_complaints, lost_complaints, recovered_complaints, complaint_state, commitments_below_target,
      service_breaches, worst_commitment, open_objections, objection_kind, latent_needs, explicit_needs, open_clarities,
      account_type;
};

/// A point of the 7-point satisfaction scale and the labels that name it.
struct ScalePoint {
  int points = 0;
  std::vector<std::string> labels;
};

struct Section {
  std::vector<ScalePoint> satisfaction_scale;
  std::vector<ActionRule> actions;
  std::vector<Named> purposes, owners, levers;
  std::vector<Channel> channels;
  std::vector<GradeRule> grade_channels, grade_owners;
  FactSlots facts;
  std::size_t actions_out = 0, priorities_out = 0;  // output slots: the candidates' lists
  std::optional<std::size_t> levers_out;

  [[nodiscard]] const ActionRule* action(std::string_view id) const noexcept;
  [[nodiscard]] const Named* owner(std::string_view id) const noexcept;
  [[nodiscard]] const Named* lever(std::string_view id) const noexcept;
  /// The points of a satisfaction label (ASCII case ignored), or nullopt.
  [[nodiscard]] std::optional<int> satisfaction_points(std::string_view label) const noexcept;
};

[[nodiscard]] expected<SectionValue> load_section(const SectionSource& source);

}  // namespace crm::internal::next
