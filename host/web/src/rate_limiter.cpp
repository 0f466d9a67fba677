#include "rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace convoca::web {

RateLimiter::RateLimiter(double perSecond, double burst, size_t maxKeys)
    : perSecond_(perSecond), burst_(burst), maxKeys_(maxKeys) {
  if (!(perSecond > 0) || !(burst >= 1) || maxKeys == 0)
    throw std::invalid_argument(
        "a rate limit needs a positive rate, a burst of at least 1 and room for a key");
}

double RateLimiter::tokensAt(const Bucket& bucket, Clock::time_point now) const {
  // A clock read before the bucket's last update (callers race) refills nothing.
  const double elapsed = std::max(std::chrono::duration<double>(now - bucket.updated).count(), 0.0);
  return std::min(burst_, bucket.tokens + elapsed * perSecond_);
}

bool RateLimiter::isFull(const Bucket& bucket, Clock::time_point now) const {
  return tokensAt(bucket, now) >= burst_;
}

// A full bucket is the same as no bucket, so it can go; the least recently used
// buckets are the likeliest to be full, and the first non-full one ends the sweep,
// which keeps each call's work proportional to what it frees.
void RateLimiter::forgetIdleKeys(Clock::time_point now) {
  while (!leastRecentFirst_.empty()) {
    auto oldest = buckets_.find(leastRecentFirst_.front());
    if (buckets_.size() < maxKeys_ && !isFull(oldest->second, now)) break;
    buckets_.erase(oldest);
    leastRecentFirst_.pop_front();
  }
}

bool RateLimiter::allow(const std::string& key, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = buckets_.find(key);
  if (found == buckets_.end()) {
    forgetIdleKeys(now);
    auto recency = leastRecentFirst_.insert(leastRecentFirst_.end(), key);
    buckets_.emplace(key, Bucket{burst_ - 1, now, recency});
    return true;
  }
  Bucket& bucket = found->second;
  leastRecentFirst_.splice(leastRecentFirst_.end(), leastRecentFirst_, bucket.recency);
  bucket.tokens = tokensAt(bucket, now);
  bucket.updated = std::max(bucket.updated, now);
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

std::chrono::seconds RateLimiter::retryAfter(const std::string& key, Clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = buckets_.find(key);
  if (found == buckets_.end()) return std::chrono::seconds(0);
  const double missing = 1 - tokensAt(found->second, now);
  if (missing <= 0) return std::chrono::seconds(0);
  return std::chrono::seconds(static_cast<long long>(std::ceil(missing / perSecond_)));
}

size_t RateLimiter::trackedKeys() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return buckets_.size();
}

} // namespace convoca::web
