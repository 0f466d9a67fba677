#include "task_pool.h"

#include <system_error>

namespace convoca::index::detail {

TaskPool::TaskPool(unsigned threads) {
  // Fewer threads than asked when the system will not give more (EAGAIN under
  // a process limit); none at all is the caller's error. Throwing with some
  // started would destroy them unjoined, which ends the process.
  for (unsigned i = 0; i < threads; ++i) {
    try {
      threads_.emplace_back([this] { work(); });
    } catch (const std::system_error&) {
      if (threads_.empty()) throw;
      break;
    }
  }
}

TaskPool::~TaskPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void TaskPool::push(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
}

void TaskPool::work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return; // stopping, nothing left
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job(); // a packaged task: its exception goes to its future
  }
}

} // namespace convoca::index::detail
