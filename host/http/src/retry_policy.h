// When to try an HTTP request again, and how long to wait first.
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string>

namespace convoca::http::detail {

// 429 and the 5xx answers that usually mean "try later" (500, 502, 503, 504).
bool isRetryableStatus(int status);

// Exponential backoff with full jitter (AWS architecture blog, "Exponential
// Backoff And Jitter"): retry n (0-based) waits uniform(0, min(maxMs, baseMs * 2^n)),
// which spreads clients out instead of having them retry in lockstep.
std::chrono::milliseconds backoffDelay(int retry, int baseMs, int maxMs, std::mt19937_64& random);

// The upper bound backoffDelay() draws from for retry n.
std::chrono::milliseconds backoffCeiling(int retry, int baseMs, int maxMs);

// Retry-After as a wait: delta-seconds ("120") or an HTTP-date (RFC 9110 10.2.3),
// relative to `now`. A date in the past is a zero wait; nullopt when unreadable.
std::optional<std::chrono::seconds> parseRetryAfter(const std::string& value,
                                                    std::chrono::system_clock::time_point now);

} // namespace convoca::http::detail
