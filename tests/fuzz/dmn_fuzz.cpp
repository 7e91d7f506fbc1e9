// libFuzzer target: DMN import. Any bytes as a DMN model: an error or a rule set, never a
// crash or a hang; a model that imports must write itself as a rule-set document that
// loads again, and answer an evaluation by DMN names (or say why not).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crmrules/dmn.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view xml(reinterpret_cast<const char*>(data), size);
  auto rules = crm::RuleSet::load_dmn(xml);
  if (!rules) return 0;
  auto json = crm::dmn::to_rule_set_json(xml);
  if (!json || !crm::RuleSet::load(*json)) std::abort();  // what imported once writes a rule set that loads
  (void)crm::dmn::evaluate_json(*rules, "{}");
  (void)crm::dmn::names_json(*rules);
  return 0;
}
