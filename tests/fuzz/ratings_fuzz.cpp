// libFuzzer target: the issue-18 readers, satisfaction ratings (CSV) and profile
// completeness (CSV or JSON Lines), with the built-in settings and schema. The first byte
// picks the reader; the rest is the input. Each must give ratings / a report or an error,
// never crash; what it gives must write as CSV (both languages) and JSON.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crmrules/profile.hpp"
#include "crmrules/satisfaction.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      const auto ratings = crm::satisfaction::rate_csv(text);
      if (!ratings) return 0;
      (void)crm::satisfaction::to_csv(*ratings, crm::Lang::zh);
      (void)crm::satisfaction::to_csv(*ratings, crm::Lang::en);
      (void)crm::satisfaction::to_json(*ratings);
      return 0;
    }
    default: {
      const auto report = data[0] % 3 == 1 ? crm::profile::assess_csv(text) : crm::profile::assess_jsonl(text);
      if (!report) return 0;
      (void)crm::profile::to_csv(*report, crm::Lang::zh);
      (void)crm::profile::to_csv(*report, crm::Lang::en);
      (void)crm::profile::to_json(*report);
      return 0;
    }
  }
}
