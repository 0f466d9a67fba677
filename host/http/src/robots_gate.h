// The robots.txt checkpoint in front of every request: one robots.txt per
// scheme://host:port, loaded on first use and kept for the client's lifetime.
#pragma once

#include "robots.h"

#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace convoca::http::detail {

// RFC 9309 2.3.1: what a robots.txt answer means. 2xx: its rules; 429 and 5xx:
// unreachable, assume complete disallow (429 counts as "server busy", as Google
// treats it); other 4xx and unresolved redirects: no rules.
RobotsRules rulesFromAnswer(const std::string& robotsUrl, int status, const std::string& body,
                            const std::string& productToken);

class RobotsGate {
public:
  // Gets the rules of an origin ("https://host", "http://host:8080"); may throw HttpError
  // (then nothing is cached and the next request tries again).
  using Loader = std::function<RobotsRules(const std::string& origin)>;
  // Told an origin's Crawl-delay once, when its rules are loaded.
  using CrawlDelaySink = std::function<void(const std::string& url, double seconds)>;

  RobotsGate(Loader loader, CrawlDelaySink onCrawlDelay)
      : loader_(std::move(loader)), onCrawlDelay_(std::move(onCrawlDelay)) {}

  // Throws HttpError(RobotsDisallowed) naming the URL and the deciding rule.
  void check(const std::string& url);

private:
  RobotsRules rulesFor(const std::string& origin);

  Loader loader_;
  CrawlDelaySink onCrawlDelay_;
  std::mutex mutex_;
  std::map<std::string, RobotsRules> byOrigin_;
};

} // namespace convoca::http::detail
