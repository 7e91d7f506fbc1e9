// libFuzzer target: customer documents for the next best actions (the built-in rules).
// Each must give an advice or an error, never crash; an advice must write its JSON and
// both texts, and advising the same document again must give the same advice.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crmrules/next.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& advisor = crm::next::Advisor::builtin();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto first = advisor.advise(text);
  const auto again = advisor.advise(text);
  if (first.has_value() != again.has_value()) std::abort();
  if (!first) return 0;
  if (first->to_json() != again->to_json()) std::abort();
  (void)first->to_text(crm::Lang::zh);
  (void)first->to_text(crm::Lang::en);
  return 0;
}
