// libFuzzer target: JSON inputs to evaluate, without a DOM (src/json/inputs.hpp): the
// built-in rules' evaluate_json (with and without a trace) and evaluate_json_batch, and
// crm::values_from_json. The first byte picks the call; the rest is the text. Each must
// return a result or an error, never crash; a result of evaluate_json must evaluate the
// same again (evaluation keeps nothing from one call to the next).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crmrules/json.hpp"
#include "crmrules/rule_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const crm::RuleSet& rules = crm::RuleSet::builtin();
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
    case 1: {
      const bool trace = data[0] % 4 == 1;
      const auto first = rules.evaluate_json(text, trace);
      const auto again = rules.evaluate_json(text, trace);
      if (first.has_value() != again.has_value()) std::abort();
      if (first && *first != *again) std::abort();
      break;
    }
    case 2: (void)rules.evaluate_json_batch(text); break;
    default: {
      const auto values = crm::values_from_json(text);
      if (values)
        for (const auto& [name, value] : *values) (void)crm::to_json(value);
      break;
    }
  }
  return 0;
}
