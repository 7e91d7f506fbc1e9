// The models that plug into the rules engine: each reads its own top-level section of a
// rule-set document (src/ruleset/section.hpp). The one place that names them; a new
// model adds its line here (CONTRIBUTING.md, "Adding a model").
#include "src/account/section.hpp"
#include "src/dmn/section.hpp"
#include "src/dmn/write_rule_set.hpp"
#include "src/kano/settings.hpp"
#include "src/lifetime/section.hpp"
#include "src/machine/compiled.hpp"
#include "src/next/section.hpp"
#include "src/portfolio/section.hpp"
#include "src/profile/section.hpp"
#include "src/ruleset/section.hpp"
#include "src/satisfaction/section.hpp"
#include "src/service/section.hpp"

namespace crm::internal {

std::span<const SectionLoader> section_loaders() noexcept {
  static constexpr SectionLoader loaders[] = {
      {kano_section, load_kano_section},                            // Kano analysis settings (src/kano/)
      {machine::machines_section, machine::load_machines_section},  // state machines (src/machine/)
      {account::section_key, account::load_section},                // key-account planning (src/account/)
      {service::section_key, service::load_section},                // service commitments (src/service/)
      {next::section_key, next::load_section},                      // next best actions (src/next/)
      {lifetime::section_key, lifetime::load_section},              // retention and lifetime value (src/lifetime/)
      {portfolio::section_key, portfolio::load_section},            // classes by share, 主/次/辅/杂 (src/portfolio/)
      {satisfaction::section_key, satisfaction::load_section},      // 满意度 = 实际产品/理想产品 (src/satisfaction/)
      {profile::section_key, profile::load_section},                // 档案管理: the profile schema (src/profile/)
      {dmn::section_key, dmn::load_section},                        // names of a rule set imported from DMN (src/dmn/)
  };
  return loaders;
}

}  // namespace crm::internal
