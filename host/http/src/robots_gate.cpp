#include "robots_gate.h"

#include "convoca/http/client.h"
#include "transport.h"

#include <Poco/String.h>
#include <Poco/URI.h>

namespace convoca::http::detail {

RobotsRules rulesFromAnswer(const std::string& robotsUrl, int status, const std::string& body,
                            const std::string& productToken) {
  if (status >= 200 && status < 300) return RobotsRules::parse(body, productToken);
  if (status == 429 || status >= 500)
    return RobotsRules::disallowAll(robotsUrl + " answered HTTP " + std::to_string(status) +
                                    " (unreachable robots.txt means complete disallow, RFC 9309)");
  return RobotsRules::allowAll();
}

namespace {

// "https://host" or "http://host:8080": the default port is left out, so the
// robots.txt URL in a recording reads as a person would write it.
std::string originOf(const Poco::URI& uri) {
  Poco::URI origin;
  origin.setScheme(Poco::toLower(uri.getScheme()));
  origin.setHost(Poco::toLower(uri.getHost()));
  origin.setPort(uri.getPort());
  return origin.toString();
}

} // namespace

void RobotsGate::check(const std::string& url) {
  const Poco::URI uri(url);
  const std::string origin = originOf(uri);
  const std::string pathAndQuery = requestTargetOf(url);
  if (pathAndQuery == "/robots.txt") return;
  const RobotsRules::Verdict verdict = rulesFor(origin).check(pathAndQuery);
  if (!verdict.allowed)
    throw HttpError(ErrorKind::RobotsDisallowed,
                    "robots.txt of " + origin + " disallows " + url + " (" + verdict.rule + ")");
}

RobotsRules RobotsGate::rulesFor(const std::string& origin) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto known = byOrigin_.find(origin);
    if (known != byOrigin_.end()) return known->second;
  }
  // Loaded outside the lock: a slow robots.txt must not stall other hosts.
  RobotsRules rules = loader_(origin);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto [stored, inserted] = byOrigin_.emplace(origin, std::move(rules));
    if (inserted && stored->second.crawlDelaySec() && onCrawlDelay_)
      onCrawlDelay_(origin, *stored->second.crawlDelaySec());
    return stored->second;
  }
}

} // namespace convoca::http::detail
