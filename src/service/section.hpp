// Private: the "service" section of a rule set (rules/service.json), loaded once: the
// ticket's fields (id, customer, engineer, timestamps, flags), the timestamps that may not
// go backwards, the time zone, and the commitments with their limits, targets and texts.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crmrules/service.hpp"
#include "src/ruleset/section.hpp"

namespace crm::internal::service {

inline constexpr std::string_view section_key = "service";

/// A commitment with its fields as indexes into Section::times / flags.
struct CommitmentRule {
  crm::service::Commitment about;
  std::size_t from = 0, to = 0;  // within
  std::size_t flag = 0;          // flag
};

struct Section {
  std::string id_field, customer_field, engineer_field;
  std::vector<std::string> times, flags;                   // the fields, by kind
  std::vector<std::pair<std::size_t, std::size_t>> order;  // times: the first may not come after the second
  std::size_t period = 0;                                  // the time whose month a ticket is counted in
  int utc_offset_minutes = 0;
  std::vector<CommitmentRule> commitments;
  std::vector<crm::service::Commitment> listed;  // the commitments as Checker::commitments() gives them
};

[[nodiscard]] expected<SectionValue> load_section(const SectionSource& source);

}  // namespace crm::internal::service
