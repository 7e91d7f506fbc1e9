// The 10-factor weighted sum per record through the C ABI (crm_decimal_mul and
// crm_decimal_add, the static library's C functions), beside BM_WeightedSum in
// decimal_benchmark.cpp, so the cost of the C boundary is visible: argument checks,
// crm_decimal <-> crm::Decimal conversion (with its range check) and the catch-all guard
// on every call. Same records, same weights, same results (checked before timing).
#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "crmrules.h"
#include "weighted_sum_data.hpp"

namespace {

using crm_bench::factor_count;
using crm_bench::record_mask;

using CFactors = std::array<crm_decimal, factor_count>;

/// A crm_decimal made by the C ABI from the decimal's text, as a C caller would get it.
crm_decimal to_c(const crm::Decimal& d) {
  const std::string text = d.to_string();
  crm_decimal out{};
  if (crm_decimal_parse(&out, text.data(), text.size(), nullptr) != CRM_OK) out = crm_decimal{};
  return out;
}

CFactors to_c(const crm_bench::Factors& f) {
  CFactors out{};
  for (std::size_t i = 0; i < factor_count; ++i) out[i] = to_c(f[i]);
  return out;
}

/// Σ factors[i] × weights[i] in C style: every call checked, the error object asked for.
/// Not inlined, like weighted_sum().
[[gnu::noinline]] crm_status weighted_sum_c(crm_decimal* out, const crm_decimal* factors, const crm_decimal* weights,
                          crm_error** err) {
  crm_decimal sum{};  // zero-filled is 0
  for (std::size_t i = 0; i < factor_count; ++i) {
    crm_decimal product, next;
    crm_status s = crm_decimal_mul(&product, &factors[i], &weights[i], err);
    if (s != CRM_OK) return s;
    s = crm_decimal_add(&next, &sum, &product, err);
    if (s != CRM_OK) return s;
    sum = next;
  }
  *out = sum;
  return CRM_OK;
}

void BM_WeightedSum_CApi(benchmark::State& state) {
  std::vector<CFactors> records;
  for (const auto& rec : crm_bench::records()) records.push_back(to_c(rec));
  const CFactors weights = to_c(crm_bench::weights());

  // The C ABI must agree with the C++ API on every record before anything is timed.
  for (std::size_t k = 0; k < records.size(); ++k) {
    crm_decimal sum;
    crm_error* err = nullptr;
    if (weighted_sum_c(&sum, records[k].data(), weights.data(), &err) != CRM_OK) {
      state.SkipWithError(crm_error_message(err));
      crm_error_free(err);
      return;
    }
    char text[64];
    if (crm_decimal_format(text, sizeof text, nullptr, &sum, nullptr) != CRM_OK ||
        text != crm_bench::weighted_sum(crm_bench::records()[k], crm_bench::weights())->to_string()) {
      state.SkipWithError("the C ABI's weighted sum differs from the C++ API's");
      return;
    }
  }

  std::size_t i = 0;
  crm_error* err = nullptr;
  for (auto _ : state) {
    crm_decimal sum;
    crm_status s = weighted_sum_c(&sum, records[i].data(), weights.data(), &err);
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(sum);
    i = (i + 1) & record_mask;
  }
  crm_error_free(err);
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("per record, C ABI");
}
BENCHMARK(BM_WeightedSum_CApi);

}  // namespace
