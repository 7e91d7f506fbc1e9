// Kano analysis: classifying and aggregating answer pairs. Target (issue "Kano
// analysis"): 1,000,000 answer pairs over 50 attributes classified and aggregated in
// under 100 ms (one iteration = the whole survey: add every pair, then analyze()).
//
//   build/release/benchmarks/crmrules_kano_benchmark
//
// The pairs are generated once (a fixed seed), as a survey tool would hold them: 20,000
// respondents answering 50 attributes. The fast path adds interned ids and parsed
// answers; the text path parses every answer label and looks every name up, as a CSV
// import does.
#include <benchmark/benchmark.h>

#include <random>
#include <span>
#include <string>
#include <vector>

#include "crmrules/kano.hpp"

namespace {

constexpr std::size_t pair_count = 1'000'000;  // the size; the smoke test uses 10,000
constexpr std::size_t attribute_count = 50;
constexpr std::size_t respondent_count = pair_count / attribute_count;

struct Pair {
  std::uint32_t respondent, attribute;
  crm::kano::Answer functional, dysfunctional;
  std::uint8_t segment, wave;
};

/// The first `count` pairs of the survey are the answers of the first count / 50 respondents.
std::span<const Pair> pairs(std::size_t count = pair_count) {
  static const std::vector<Pair> data = [] {
    std::mt19937 rng(20240601);
    // Skewed answers, as real surveys are: mostly Like / Dislike / Neutral.
    std::discrete_distribution<int> answer({35, 15, 25, 10, 15});
    std::vector<Pair> out;
    out.reserve(pair_count);
    for (std::uint32_t r = 0; r < respondent_count; ++r)
      for (std::uint32_t a = 0; a < attribute_count; ++a)
        out.push_back(Pair{r, a, static_cast<crm::kano::Answer>(answer(rng) + 1),
                           static_cast<crm::kano::Answer>(answer(rng) + 1), static_cast<std::uint8_t>((r / 2) % 4),
                           static_cast<std::uint8_t>(r % 2)});
    return out;
  }();
  return std::span<const Pair>(data).first(count);
}

std::vector<std::string> names(const char* prefix, std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

/// The fast path: intern the names, add ids and parsed answers, analyze.
void BM_KanoClassifyAggregate(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const bool segmented = state.range(1) != 0;
  const auto data = pairs(count);
  static const auto respondents = names("respondent ", respondent_count);
  static const auto attributes = names("attribute ", attribute_count);
  std::size_t results = 0;
  for (auto _ : state) {
    crm::kano::Survey survey;
    survey.reserve(count);
    std::vector<std::uint32_t> r_id(count / attribute_count), a_id(attribute_count);
    for (std::size_t i = 0; i < r_id.size(); ++i) r_id[i] = survey.respondent_id(respondents[i]);
    for (std::size_t i = 0; i < attribute_count; ++i) a_id[i] = survey.attribute_id(attributes[i]);
    const std::uint32_t seg[4] = {survey.segment_id("north"), survey.segment_id("south"), survey.segment_id("east"),
                                  survey.segment_id("west")};
    const std::uint32_t wave[2] = {survey.wave_id("2024"), survey.wave_id("2025")};
    for (const Pair& p : data) {
      auto ok = segmented ? survey.add(r_id[p.respondent], a_id[p.attribute], p.functional, p.dysfunctional,
                                       seg[p.segment], wave[p.wave])
                          : survey.add(r_id[p.respondent], a_id[p.attribute], p.functional, p.dysfunctional);
      if (!ok) state.SkipWithError("add failed");
    }
    const crm::kano::Analysis analysis = survey.analyze();
    results = analysis.results.size();
    benchmark::DoNotOptimize(results);
  }
  const std::size_t expected = segmented ? 2 * 5 * attribute_count : attribute_count;
  if (results != expected) state.SkipWithError(("unexpected number of results: " + std::to_string(results)).c_str());
  state.counters["results"] = static_cast<double>(results);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * count));
}
BENCHMARK(BM_KanoClassifyAggregate)
    ->ArgNames({"pairs", "segments_and_waves"})
    ->Args({pair_count, 0})
    ->Args({pair_count, 1})
    ->Args({10'000, 1})
    ->Unit(benchmark::kMillisecond);

/// The text path: every answer parsed from its label, every name looked up.
void BM_KanoTextPairs(benchmark::State& state) {
  const auto data = pairs();
  static const auto respondents = names("respondent ", respondent_count);
  static const auto attributes = names("attribute ", attribute_count);
  static const char* labels[] = {"", "Like", "Must-be", "Neutral", "Live-with", "Dislike"};
  for (auto _ : state) {
    crm::kano::Survey survey;
    survey.reserve(pair_count);
    for (const Pair& p : data)
      if (!survey.add(respondents[p.respondent], attributes[p.attribute], labels[static_cast<int>(p.functional)],
                      labels[static_cast<int>(p.dysfunctional)]))
        state.SkipWithError("add failed");
    benchmark::DoNotOptimize(survey.analyze().results.size());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pair_count));
}
BENCHMARK(BM_KanoTextPairs)->Unit(benchmark::kMillisecond);

/// analyze() alone on a filled survey: the decimal figures of 500 groups.
void BM_KanoAnalyze(benchmark::State& state) {
  const auto data = pairs();
  crm::kano::Survey survey;
  std::uint32_t seg[4] = {survey.segment_id("north"), survey.segment_id("south"), survey.segment_id("east"),
                          survey.segment_id("west")};
  std::uint32_t wave[2] = {survey.wave_id("2024"), survey.wave_id("2025")};
  for (std::size_t i = 0; i < respondent_count; ++i) survey.respondent_id("r" + std::to_string(i));
  for (std::size_t i = 0; i < attribute_count; ++i) survey.attribute_id("a" + std::to_string(i));
  for (const Pair& p : data)
    (void)survey.add(p.respondent, p.attribute, p.functional, p.dysfunctional, seg[p.segment], wave[p.wave]);
  for (auto _ : state) benchmark::DoNotOptimize(survey.analyze().results.size());
}
BENCHMARK(BM_KanoAnalyze)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
