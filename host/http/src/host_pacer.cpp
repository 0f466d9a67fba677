#include "host_pacer.h"

#include <algorithm>

namespace convoca::http::detail {

void HostPacer::raiseGap(const std::string& host, std::chrono::milliseconds gap) {
  std::lock_guard<std::mutex> lock(mutex_);
  HostState& state = hosts_[host];
  state.gap = std::max({state.gap, defaultGap_, gap});
}

HostPacer::Clock::time_point HostPacer::book(const std::string& host, Clock::time_point notBefore) {
  std::lock_guard<std::mutex> lock(mutex_);
  HostState& state = hosts_[host];
  const auto gap = std::max(state.gap, defaultGap_);
  Clock::time_point start = std::max(notBefore, Clock::now());
  if (state.started) start = std::max(start, state.lastStart + gap);
  state.lastStart = start;
  state.started = true;
  return start;
}

} // namespace convoca::http::detail
