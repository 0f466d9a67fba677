// A few threads that run the indexer's analysis of records (language,
// concepts, SDG tags, the Xapian document) while the calling thread writes:
// Xapian's writer is one thread's work, and the analysis need not wait for it.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace convoca::index::detail {

class TaskPool {
public:
  explicit TaskPool(unsigned threads);
  // Runs what is queued, then joins.
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  // Runs `task` on a pool thread; its result or exception arrives through the future.
  template <class Task> auto submit(Task task) -> std::future<decltype(task())> {
    auto packaged = std::make_shared<std::packaged_task<decltype(task())()>>(std::move(task));
    auto future = packaged->get_future();
    push([packaged] { (*packaged)(); });
    return future;
  }

private:
  void push(std::function<void()> job);
  void work();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

} // namespace convoca::index::detail
