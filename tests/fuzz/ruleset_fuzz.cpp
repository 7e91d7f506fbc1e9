// libFuzzer target: any bytes as a rule set. Loading must fail cleanly or succeed; a
// rule set that loads is linted, evaluated and has its tests run, none of which may crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crmrules/rule_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)crm::RuleSet::lint(text);
  auto rules = crm::RuleSet::load(text);
  if (!rules) return 0;
  (void)rules->evaluate_json("{}", true);
  (void)rules->evaluate_json_batch("[{}, {\"x\": 1}, {\"score\": \"12.5\"}]");
  (void)rules->run_tests();
  return 0;
}
