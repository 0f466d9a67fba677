// Request rate limits per client (e.g. per IP address): a token bucket each,
// refilled at a steady rate, in bounded memory.
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace convoca::web {

class RateLimiter {
public:
  using Clock = std::chrono::steady_clock;

  // Each client may make `burst` requests at once, then `perSecond` a second.
  // At most `maxKeys` clients are tracked: past that the one idle the longest is
  // forgotten (it starts again with a full bucket, which only ever lets it do
  // more). Throws std::invalid_argument unless perSecond > 0, burst >= 1 and
  // maxKeys >= 1.
  RateLimiter(double perSecond, double burst, size_t maxKeys = 10000);

  // Takes a token from `key`'s bucket; false when it is empty (answer 429).
  bool allow(const std::string& key, Clock::time_point now);

  // How long until `key` may make its next request: 0 when it may now, else
  // whole seconds rounded up (the Retry-After header).
  std::chrono::seconds retryAfter(const std::string& key, Clock::time_point now) const;

  // How many clients are tracked now.
  size_t trackedKeys() const;

private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
    std::list<std::string>::iterator recency;
  };

  double tokensAt(const Bucket& bucket, Clock::time_point now) const;
  bool isFull(const Bucket& bucket, Clock::time_point now) const;
  void forgetIdleKeys(Clock::time_point now);

  const double perSecond_;
  const double burst_;
  const size_t maxKeys_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::list<std::string> leastRecentFirst_; // keys, the one used longest ago first
};

} // namespace convoca::web
