#include "convoca/index/match_batch.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <system_error>
#include <thread>

namespace convoca::index {

std::vector<BatchMatch> matchEach(const std::string& indexPath, const std::vector<MatchRequest>& requests,
                                  unsigned threads) {
  std::vector<BatchMatch> outcomes(requests.size());
  if (requests.empty()) return outcomes;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, requests.size()));

  // Opened here, so that an index that cannot be opened is the caller's error,
  // not one per request; each is then used by one thread only.
  std::vector<std::unique_ptr<Matcher>> matchers;
  for (unsigned i = 0; i < threads; ++i) matchers.push_back(std::make_unique<Matcher>(indexPath));

  // Requests are taken one at a time: profiles differ in cost by 10x or more,
  // so a fixed split would leave one core idle at the end.
  std::atomic<size_t> next{0};
  const auto work = [&](Matcher& matcher) {
    for (size_t i = next++; i < requests.size(); i = next++) {
      try {
        outcomes[i].result = matcher.match(requests[i]);
      } catch (const std::exception& e) {
        outcomes[i].error = e.what();
      }
    }
  };
  // A thread the system will not give (EAGAIN under a process limit) is one
  // helper fewer, not an error: the queue drains with those that started, and
  // this thread is one of them. An exception here would destroy the started
  // threads unjoined, which ends the process.
  std::vector<std::thread> helpers;
  for (unsigned i = 1; i < threads; ++i) {
    try {
      helpers.emplace_back(work, std::ref(*matchers[i]));
    } catch (const std::system_error&) {
      break;
    }
  }
  work(*matchers[0]);
  for (auto& helper : helpers) helper.join();
  return outcomes;
}

} // namespace convoca::index
