// Per-host politeness: request starts to one host are at least a minimum gap
// apart, across every thread using the client.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace convoca::http::detail {

class HostPacer {
public:
  using Clock = std::chrono::steady_clock;

  explicit HostPacer(std::chrono::milliseconds defaultGap) : defaultGap_(defaultGap) {}

  // Raises one host's gap (robots.txt Crawl-delay); never lowers it below the default.
  void raiseGap(const std::string& host, std::chrono::milliseconds gap);

  // Books the earliest start for `host` that is no sooner than `notBefore` and
  // at least the gap after the previous booking. The caller waits until then.
  Clock::time_point book(const std::string& host, Clock::time_point notBefore);

private:
  struct HostState {
    std::chrono::milliseconds gap{0};
    Clock::time_point lastStart{};
    bool started = false;
  };

  std::chrono::milliseconds defaultGap_;
  std::mutex mutex_;
  std::map<std::string, HostState> hosts_;
};

} // namespace convoca::http::detail
