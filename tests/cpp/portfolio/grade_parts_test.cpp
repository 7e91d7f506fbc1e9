// The parts of grade_csv: the spilled rows read back by ranges on any thread, and the
// ordered pipeline that hands back jobs in the order they were submitted.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "src/portfolio/ordered_pipeline.hpp"
#include "src/portfolio/spilled_rows.hpp"

using crm::internal::OrderedPipeline;
using crm::internal::SpilledRows;

TEST_CASE("SpilledRows: rows and their traces come back by ranges", "[portfolio][spill]") {
  auto spill = SpilledRows::create(true);
  REQUIRE(spill);
  std::vector<std::string> rows, traces;
  for (int batch = 0; batch < 4; ++batch) {  // batches of 0, 1, 2, 3 rows, as pass 1 appends them
    std::string text;
    std::vector<std::uint32_t> row_lengths, trace_lengths;
    for (int r = 0; r < batch; ++r) {
      rows.push_back("row " + std::to_string(rows.size()) + std::string(static_cast<std::size_t>(r) * 7, 'x'));
      traces.push_back(r == 1 ? std::string() : "[\"trace " + std::to_string(traces.size()) + "\"]");
      text += rows.back() + traces.back();
      row_lengths.push_back(static_cast<std::uint32_t>(rows.back().size()));
      trace_lengths.push_back(static_cast<std::uint32_t>(traces.back().size()));
    }
    REQUIRE(spill->append(text, row_lengths, trace_lengths));
  }
  REQUIRE(spill->finish_writing());
  REQUIRE(spill->size() == 6);

  std::size_t seen = 0;
  for (auto range = spill->next({}, 4); range.count != 0; range = spill->next(range, 4)) {
    CHECK(range.first == seen);
    std::string bytes;
    REQUIRE(spill->read(range, bytes));
    CHECK(bytes.size() == range.bytes);
    SpilledRows::Cursor cursor(*spill, bytes);
    for (std::size_t i = range.first; i < range.first + range.count; ++i, ++seen) {
      CHECK(cursor.row(i) == rows[i]);
      CHECK(cursor.trace(i) == traces[i]);
    }
  }
  CHECK(seen == 6);

  // Without traces, a row is its text alone.
  auto plain = SpilledRows::create(false);
  REQUIRE(plain);
  const std::uint32_t lengths[] = {3, 0, 2};
  REQUIRE(plain->append("abcde", lengths, {}));
  REQUIRE(plain->finish_writing());
  const auto all = plain->next({}, 10);
  CHECK(all.count == 3);
  std::string bytes;
  REQUIRE(plain->read(all, bytes));
  SpilledRows::Cursor cursor(*plain, bytes);
  CHECK(cursor.row(0) == "abc");
  CHECK(cursor.trace(0).empty());
  CHECK(cursor.row(1).empty());
  CHECK(cursor.row(2) == "de");
  CHECK(plain->next(all, 10).count == 0);
}

namespace {
struct Job {
  int value = 0;
  int result = 0;
  void clear() { value = result = 0; }
};
}  // namespace

TEST_CASE("OrderedPipeline: jobs finished in any order are taken back in order", "[portfolio][pipeline]") {
  for (unsigned threads : {1u, 3u}) {
    OrderedPipeline<Job> pipeline(threads);
    CHECK(pipeline.threads() == threads);
    pipeline.start([](Job& job, std::size_t) {
      if (job.value % 3 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));  // late ones
      job.result = job.value * 2;
    });
    std::vector<int> taken;
    auto take = [&](Job& done) { taken.push_back(done.result); };
    for (int i = 0; i < 100; ++i) {
      auto job = pipeline.fresh();
      CHECK(job->value == 0);  // a job taken back comes cleared
      job->value = i;
      pipeline.submit(std::move(job), take);
    }
    pipeline.finish(take);
    REQUIRE(taken.size() == 100);
    for (int i = 0; i < 100; ++i) CHECK(taken[static_cast<std::size_t>(i)] == 2 * i);
  }
}
