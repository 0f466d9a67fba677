// Getting an answer for one URL over the network: per-host pacing, retries with
// backoff or Retry-After, and redirects. Robots, cache and recordings are the
// client's business, on top of this.
#pragma once

#include "convoca/http/client.h"
#include "host_pacer.h"
#include "liveness.h"
#include "transport.h"

#include <functional>
#include <mutex>
#include <random>
#include <string>

namespace convoca::http::detail {

// "host:port" of an absolute URL: the unit of rate limiting.
std::string hostKeyOf(const std::string& url);

class Fetcher {
public:
  struct Outcome {
    WireResponse response;
    std::string finalUrl;
    int attempts = 0; // for the final URL
  };
  // Called with each URL before it is requested (robots.txt check); may throw.
  using HopCheck = std::function<void(const std::string& url)>;

  // `options` and `liveness` must outlive the Fetcher.
  Fetcher(const ClientOptions& options, const Liveness& liveness);

  // Requests `request`, retrying and following up to `maxRedirects` redirects.
  Outcome fetch(WireRequest request, const WireLimits& limits, int maxRedirects,
                const HopCheck& beforeEachHop);

  // Slows requests to one host down (robots.txt Crawl-delay).
  void raiseHostGap(const std::string& hostKey, std::chrono::milliseconds gap) {
    pacer_.raiseGap(hostKey, gap);
  }

private:
  struct Attempted {
    WireResponse response;
    int attempts = 0;
  };

  Attempted sendWithRetries(const WireRequest& request, const WireLimits& limits);
  WireResponse transferOnce(const WireRequest& request, const WireLimits& limits);
  std::chrono::milliseconds waitAfterStatus(const WireRequest& request, const WireResponse& response,
                                            int retry);
  std::chrono::milliseconds backoff(int retry);
  void log(int level, const std::string& message) const;

  const ClientOptions& options_;
  const Liveness& liveness_;
  HostPacer pacer_;
  std::mutex randomMutex_;
  std::mt19937_64 random_;
};

} // namespace convoca::http::detail
