// Waiting without going silent: every wait and every transfer of the client runs
// through here, so the caller's heartbeat keeps beating and a cancellation is
// noticed within a fraction of a second.
#pragma once

#include "convoca/http/client.h"

#include <chrono>
#include <functional>
#include <future>
#include <string>

namespace convoca::http::detail {

using Clock = std::chrono::steady_clock;

// How often waits wake up to beat and look at the cancellation flag.
inline constexpr std::chrono::milliseconds kLivenessSlice{200};

class Liveness {
public:
  Liveness(std::function<bool()> cancelled, std::function<void()> heartbeat)
      : cancelled_(std::move(cancelled)), heartbeat_(std::move(heartbeat)) {}

  bool cancelled() const { return cancelled_ && cancelled_(); }
  void beat() const {
    if (heartbeat_) heartbeat_();
  }
  // Throws HttpError(Cancelled) naming `what` was interrupted.
  void throwIfCancelled(const std::string& what) const;

  // Sleeps until `deadline` in short slices; throws HttpError(Cancelled).
  void sleepUntil(Clock::time_point deadline, const std::string& what) const;

  // Runs `work` on a helper thread while this thread beats and watches for
  // cancellation. On cancellation it calls `abort` (which must make `work`
  // return soon), waits for the helper and throws HttpError(Cancelled); the
  // helper's own exception, if any, is rethrown here otherwise. Only `work`
  // runs on the helper: the caller's callbacks stay on the caller's thread.
  template <class Work>
  auto runWatched(Work work, const std::function<void()>& abort, const std::string& what) const {
    auto pending = std::async(std::launch::async, std::move(work));
    while (pending.wait_for(kLivenessSlice) != std::future_status::ready) {
      beat();
      if (cancelled()) {
        abort();
        pending.wait();
        throwIfCancelled(what);
      }
    }
    return pending.get();
  }

private:
  std::function<bool()> cancelled_;
  std::function<void()> heartbeat_;
};

} // namespace convoca::http::detail
