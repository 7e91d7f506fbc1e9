// libFuzzer target: retention and lifetime value. The first byte picks what the rest is
// and how it is read: bit 0, a transaction log (then summarised in days or weeks, with or
// without a calibration end, returns refused or netted, and its retention) or a summary
// CSV (then both models fitted with a small evaluation budget and the customers scored).
// Each must give a result or an error, never crash; what is made must write itself out.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crmrules/lifetime.hpp"

namespace lt = crm::lifetime;

namespace {

void transactions(std::uint8_t flags, std::string_view text) {
  lt::ReadOptions read;
  read.returns = flags & 2 ? lt::Returns::net : lt::Returns::refuse;
  const auto log = lt::TransactionLog::read_csv(text, read);
  if (!log) return;
  lt::SummaryOptions options;
  options.unit = flags & 4 ? lt::Unit::weeks : lt::Unit::days;
  if (flags & 8) options.calibration_end = *crm::Date::parse("2024-02-01");
  if (const auto s = lt::summarize(*log, options)) {
    if (s->customers.empty()) std::abort();  // a summary always has a customer
    (void)s->to_csv();
    (void)s->to_json();
  }
  if (const auto r = lt::retention(*log)) {
    (void)r->to_json();
    (void)r->cohorts_csv();
    (void)r->to_text(crm::Lang::zh);
  }
}

void summary(std::uint8_t flags, std::string_view text) {
  auto s = lt::read_summary_csv(text, flags & 4 ? lt::Unit::weeks : lt::Unit::days);
  if (!s) return;
  lt::AnalysisOptions options;
  options.fit.max_evaluations = 60;
  options.threads = 1;
  if (const auto a = lt::analyse(std::move(*s), nullptr, options)) {
    if (a->scores.size() != a->scored.customers.size()) std::abort();
    (void)a->to_json();
    (void)a->to_csv();
    (void)a->to_text(crm::Lang::en);
    (void)lt::histogram_svg(a->histogram);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  data[0] & 1 ? summary(data[0], text) : transactions(data[0], text);
  return 0;
}
