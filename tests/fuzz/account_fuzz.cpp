// libFuzzer target: account documents (docs/account.md) planned by the built-in planner.
// Each must give a plan or an error, never crash; a plan must write its JSON and its text
// in both languages, and planning the same document again must give the same plan (the
// planner keeps nothing from one call to the next).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crmrules/account.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const crm::account::Planner& planner = crm::account::Planner::builtin();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto first = planner.plan(text);
  const auto again = planner.plan(text);
  if (first.has_value() != again.has_value()) std::abort();
  if (!first) return 0;
  const std::string json = first->to_json();
  if (json != again->to_json()) std::abort();
  (void)first->to_text(crm::Lang::zh);
  (void)first->to_text(crm::Lang::en);
  return 0;
}
