// Private: worker threads that work on jobs in any order while the submitting thread
// takes the finished jobs back in the order it submitted them (grade_csv's two passes:
// batches of rows graded, chunks of graded rows written). Jobs are reused: a job taken
// back is cleared and handed out again by fresh(), so a steady run allocates nothing.
//
//   OrderedPipeline<Batch> pipeline(threads);                 // 0: one per core, at most 16
//   pipeline.start([&](Batch& b, std::size_t worker) { grade(b, workers[worker]); });
//   auto batch = pipeline.fresh();  ... fill it ...
//   pipeline.submit(std::move(batch), take);                  // take(done) in order
//   pipeline.finish(take);                                    // the rest, then the threads stop
//
// A Job needs clear(). The work must not throw (catch and record failures in the job).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace crm::internal {

template <class Job>
class OrderedPipeline {
 public:
  using Work = std::function<void(Job&, std::size_t worker)>;
  using Take = std::function<void(Job&)>;

  explicit OrderedPipeline(unsigned threads)
      : threads_(threads != 0 ? threads : std::max(1u, std::min(16u, std::thread::hardware_concurrency()))) {}
  OrderedPipeline(const OrderedPipeline&) = delete;
  OrderedPipeline& operator=(const OrderedPipeline&) = delete;
  ~OrderedPipeline() { stop(); }

  [[nodiscard]] std::size_t threads() const noexcept { return threads_; }

  /// Starts the workers: each runs `work` on one job at a time.
  void start(Work work) {
    work_ = std::move(work);
    for (std::size_t t = 0; t < threads_; ++t) workers_.emplace_back([this, t] { loop(t); });
  }
  /// An empty job: one taken back before, or a new one.
  [[nodiscard]] std::unique_ptr<Job> fresh() {
    if (pool_.empty()) return std::make_unique<Job>();
    auto job = std::move(pool_.back());
    pool_.pop_back();
    return job;
  }
  /// Queues a job, then takes the finished ones in order (waiting while too many are out).
  void submit(std::unique_ptr<Job> job, const Take& take) {
    {
      std::lock_guard lock(mutex_);
      queue_.emplace_back(submitted_++, std::move(job));
    }
    work_ready_.notify_one();
    drain(take, 2 * threads_ + 2);
  }
  /// Takes every job still out, then stops the workers.
  void finish(const Take& take) {
    drain(take, 0);
    stop();
  }

 private:
  /// Takes the finished jobs that are next in order; waits for the next one while more
  /// than `keep` are out.
  void drain(const Take& take, std::uint64_t keep) {
    for (;;) {
      std::unique_ptr<Job> job;
      {
        std::unique_lock lock(mutex_);
        auto ready = [&] { return done_.count(taken_) > 0; };
        if (!ready()) {
          if (submitted_ - taken_ <= keep) return;
          done_ready_.wait(lock, ready);
        }
        auto it = done_.find(taken_);
        job = std::move(it->second);
        done_.erase(it);
      }
      take(*job);
      ++taken_;
      job->clear();
      pool_.push_back(std::move(job));
    }
  }
  void loop(std::size_t worker) {
    for (;;) {
      std::pair<std::uint64_t, std::unique_ptr<Job>> next;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        next = std::move(queue_.front());
        queue_.pop_front();
      }
      work_(*next.second, worker);
      {
        std::lock_guard lock(mutex_);
        done_[next.first] = std::move(next.second);
      }
      done_ready_.notify_all();
    }
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
  }

  std::size_t threads_;
  Work work_;
  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable work_ready_, done_ready_;
  std::deque<std::pair<std::uint64_t, std::unique_ptr<Job>>> queue_;  // (sequence number, job)
  std::map<std::uint64_t, std::unique_ptr<Job>> done_;                // by sequence number
  bool stopping_ = false;
  std::uint64_t submitted_ = 0, taken_ = 0;  // the submitting thread's own counts
  std::vector<std::unique_ptr<Job>> pool_;   // taken jobs, for reuse (submitting thread)
};

}  // namespace crm::internal
