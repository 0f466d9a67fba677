#include "liveness.h"

#include <algorithm>
#include <thread>

namespace convoca::http::detail {

void Liveness::throwIfCancelled(const std::string& what) const {
  if (cancelled()) throw HttpError(ErrorKind::Cancelled, "cancelled: " + what);
}

void Liveness::sleepUntil(Clock::time_point deadline, const std::string& what) const {
  for (;;) {
    throwIfCancelled(what);
    const auto now = Clock::now();
    if (now >= deadline) return;
    beat();
    std::this_thread::sleep_for(std::min<Clock::duration>(deadline - now, kLivenessSlice));
  }
}

} // namespace convoca::http::detail
