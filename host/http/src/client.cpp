#include "convoca/http/client.h"

#include "conditional_cache.h"
#include "fetcher.h"
#include "json_io.h"
#include "liveness.h"
#include "recording.h"
#include "request_body.h"
#include "robots_gate.h"

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <algorithm>
#include <optional>
#include <sstream>
#include <stdexcept>

#ifndef CONVOCA_VERSION
#error "CONVOCA_VERSION must be defined by the build"
#endif

namespace convoca::http {
namespace {

// RFC 9309 2.5: crawlers must parse at least 500 KiB of robots.txt; the rest is ignored.
constexpr std::size_t kRobotsBytes = 500 * 1024;
constexpr int kRobotsRedirects = 5;
// A Crawl-delay beyond this is honoured as this, so one odd robots.txt cannot park a harvest.
constexpr double kMaxCrawlDelaySec = 60.0;

// Headers the client owns: what a caller sets for these is dropped.
bool isClientOwnedHeader(const std::string& name) {
  static const char* const owned[] = {"User-Agent", "Host",       "Accept-Encoding",  "Content-Length",
                                      "Connection", "Keep-Alive", "Transfer-Encoding"};
  return std::any_of(std::begin(owned), std::end(owned),
                     [&](const char* own) { return Poco::icompare(name, own) == 0; });
}

bool hasHeader(const Headers& headers, const std::string& name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& header) { return Poco::icompare(header.first, name) == 0; });
}

void requireHttpUrl(const Request& request) {
  const std::string what = request.method + " " + request.url;
  Poco::URI uri;
  try {
    uri = Poco::URI(request.url);
  } catch (const Poco::SyntaxException& error) {
    throw HttpError(ErrorKind::BadUrl, what + ": not a URL (" + error.displayText() + ")");
  }
  const std::string scheme = Poco::toLower(uri.getScheme());
  if ((scheme != "http" && scheme != "https") || uri.getHost().empty())
    throw HttpError(ErrorKind::BadUrl, what + ": only absolute http(s) URLs can be fetched");
}

Response toResponse(detail::Fetcher::Outcome&& outcome) {
  Response response;
  response.status = outcome.response.status;
  response.headers = std::move(outcome.response.headers);
  response.body = std::move(outcome.response.body);
  response.contentType = detail::headerValue(response.headers, "Content-Type");
  response.finalUrl = std::move(outcome.finalUrl);
  response.attempts = outcome.attempts;
  return response;
}

} // namespace

std::string Response::header(const std::string& name) const {
  return detail::headerValue(headers, name);
}

const char* errorKindName(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::Network:
    return "network";
  case ErrorKind::Timeout:
    return "timeout";
  case ErrorKind::RobotsDisallowed:
    return "robots-disallowed";
  case ErrorKind::TooLarge:
    return "too-large";
  case ErrorKind::Cancelled:
    return "cancelled";
  case ErrorKind::NoRecording:
    return "no-recording";
  case ErrorKind::BadUrl:
    return "bad-url";
  case ErrorKind::TooManyRedirects:
    return "too-many-redirects";
  case ErrorKind::RetryAfterTooLong:
    return "retry-after-too-long";
  }
  return "unknown";
}

std::string defaultUserAgent() {
  return std::string("convoca/") + CONVOCA_VERSION + " (+https://github.com/convoca; funding-call harvester)";
}

class Client::Impl {
public:
  explicit Impl(ClientOptions options);
  Response fetch(const Request& request);

private:
  Response fetchFromNetwork(const Request& request);
  Response replay(const Request& request);
  bool usesCache(const Request& request) const;
  Headers headersFor(const Request& request, const std::optional<detail::CachedAnswer>& cached) const;
  Response answerFromCache(detail::CachedAnswer&& cached, int attempts) const;
  void storeInCache(const Request& request, const Response& response) const;
  void record(const Request& request, const Response& response);
  detail::RobotsRules loadRobotsFromNetwork(const std::string& origin);
  detail::RobotsRules loadRobotsFromReplay(const std::string& origin);
  detail::WireLimits limits() const;
  void log(int level, const std::string& message) const;

  const ClientOptions options_;
  const detail::Liveness liveness_;
  detail::Fetcher fetcher_;
  std::unique_ptr<detail::ConditionalCache> cache_;
  std::unique_ptr<detail::ExchangeRecorder> recorder_;
  std::unique_ptr<detail::ExchangeReplayer> replayer_;
  std::unique_ptr<detail::RobotsGate> robots_;
};

Client::Impl::Impl(ClientOptions options)
    : options_(std::move(options)), liveness_(options_.cancelled, options_.heartbeat),
      fetcher_(options_, liveness_) {
  if (!options_.replayDir.empty()) {
    replayer_ = std::make_unique<detail::ExchangeReplayer>(options_.replayDir);
  } else {
    try {
      if (!options_.cacheDir.empty()) cache_ = std::make_unique<detail::ConditionalCache>(options_.cacheDir);
      if (!options_.recordDir.empty())
        recorder_ = std::make_unique<detail::ExchangeRecorder>(options_.recordDir);
    } catch (const Poco::Exception& error) {
      throw std::runtime_error("HTTP client: cannot use the cache or record directory: " +
                               error.displayText());
    }
  }
  if (options_.obeyRobots) {
    auto loader = [this](const std::string& origin) {
      return replayer_ ? loadRobotsFromReplay(origin) : loadRobotsFromNetwork(origin);
    };
    auto onCrawlDelay = [this](const std::string& origin, double seconds) {
      const double honoured = std::min(seconds, kMaxCrawlDelaySec);
      std::ostringstream note;
      note << "robots.txt of " << origin << ": Crawl-delay " << honoured << " s";
      log(1, note.str());
      fetcher_.raiseHostGap(detail::hostKeyOf(origin),
                            std::chrono::milliseconds(static_cast<long long>(honoured * 1000)));
    };
    robots_ = std::make_unique<detail::RobotsGate>(loader, onCrawlDelay);
  }
}

void Client::Impl::log(int level, const std::string& message) const {
  if (options_.log) options_.log(level, message);
}

detail::WireLimits Client::Impl::limits() const {
  detail::WireLimits limits;
  limits.connectTimeout = std::chrono::milliseconds(options_.connectTimeoutMs);
  limits.readTimeout = std::chrono::milliseconds(options_.readTimeoutMs);
  limits.maxBodyBytes = options_.maxResponseBytes;
  return limits;
}

Response Client::Impl::fetch(const Request& request) {
  requireHttpUrl(request);
  liveness_.throwIfCancelled(request.method + " " + request.url);
  if (replayer_) return replay(request);
  Response response = fetchFromNetwork(request);
  if (recorder_) record(request, response);
  return response;
}

Response Client::Impl::fetchFromNetwork(const Request& request) {
  std::optional<detail::CachedAnswer> cached;
  if (usesCache(request)) cached = cache_->load(request.url);

  const detail::EncodedBody body = detail::encodeRequestBody(request);
  detail::WireRequest wire{Poco::toUpper(request.method), request.url, headersFor(request, cached),
                           body.bytes, body.contentType};
  detail::Fetcher::HopCheck checkRobots;
  if (robots_) checkRobots = [this](const std::string& url) { robots_->check(url); };

  Response response =
      toResponse(fetcher_.fetch(std::move(wire), limits(), options_.maxRedirects, checkRobots));
  if (cached && response.status == 304) {
    log(0, request.method + " " + request.url + ": not modified, answered from the cache");
    return answerFromCache(std::move(*cached), response.attempts);
  }
  if (usesCache(request) && response.status == 200) storeInCache(request, response);
  return response;
}

bool Client::Impl::usesCache(const Request& request) const {
  // A caller that sends its own validators wants to see the 304 itself.
  return cache_ && !request.noCache && Poco::toUpper(request.method) == "GET" &&
         !hasHeader(request.headers, "If-None-Match") && !hasHeader(request.headers, "If-Modified-Since");
}

Headers Client::Impl::headersFor(const Request& request,
                                 const std::optional<detail::CachedAnswer>& cached) const {
  Headers headers{{"User-Agent", options_.userAgent}, {"Accept-Encoding", "gzip"}};
  for (const auto& header : request.headers)
    if (!isClientOwnedHeader(header.first)) headers.push_back(header);
  if (cached) {
    const Headers validators = detail::ConditionalCache::validatorsFor(*cached);
    headers.insert(headers.end(), validators.begin(), validators.end());
  }
  return headers;
}

Response Client::Impl::answerFromCache(detail::CachedAnswer&& cached, int attempts) const {
  Response response;
  response.status = cached.status;
  response.headers = std::move(cached.headers);
  response.body = std::move(cached.body);
  response.contentType = detail::headerValue(response.headers, "Content-Type");
  response.finalUrl = std::move(cached.finalUrl);
  response.fromCache = true;
  response.attempts = attempts;
  return response;
}

void Client::Impl::storeInCache(const Request& request, const Response& response) const {
  detail::CachedAnswer answer{response.header("ETag"), response.header("Last-Modified"),
                              response.status,         response.headers,
                              response.finalUrl,       response.body};
  try {
    cache_->store(request.url, answer);
  } catch (const Poco::Exception& error) {
    log(2, "cannot cache " + request.url + ": " + error.displayText());
  }
}

void Client::Impl::record(const Request& request, const Response& response) {
  try {
    recorder_->save(request, response);
  } catch (const Poco::Exception& error) {
    // A recording with holes would replay wrongly; say so loudly but keep harvesting.
    log(3, "cannot record " + request.method + " " + request.url + ": " + error.displayText());
  }
}

Response Client::Impl::replay(const Request& request) {
  if (robots_) robots_->check(request.url);
  std::optional<Response> answer = replayer_->answer(request);
  if (!answer)
    throw HttpError(ErrorKind::NoRecording,
                    "no recorded exchange for " + Poco::toUpper(request.method) + " " + request.url);
  return std::move(*answer);
}

detail::RobotsRules Client::Impl::loadRobotsFromNetwork(const std::string& origin) {
  Request request;
  request.url = origin + "/robots.txt";
  detail::WireRequest wire{"GET", request.url, headersFor(request, std::nullopt), "", ""};
  detail::WireLimits robotsLimits = limits();
  robotsLimits.maxBodyBytes = std::min(robotsLimits.maxBodyBytes, kRobotsBytes);
  robotsLimits.truncateAtLimit = true;
  Response response;
  try {
    response = toResponse(fetcher_.fetch(std::move(wire), robotsLimits, kRobotsRedirects, nullptr));
  } catch (const HttpError& error) {
    if (error.kind() != ErrorKind::TooManyRedirects) throw;
    log(2, error.what() + std::string("; treating robots.txt as absent (RFC 9309 2.3.1.2)"));
    return detail::RobotsRules::allowAll();
  }
  if (recorder_) record(request, response);
  log(0, request.url + ": HTTP " + std::to_string(response.status));
  return detail::rulesFromAnswer(request.url, response.status, response.body, options_.robotsToken);
}

detail::RobotsRules Client::Impl::loadRobotsFromReplay(const std::string& origin) {
  Request request;
  request.url = origin + "/robots.txt";
  const std::optional<Response> answer = replayer_->answer(request);
  if (!answer) return detail::RobotsRules::allowAll();
  return detail::rulesFromAnswer(request.url, answer->status, answer->body, options_.robotsToken);
}

Client::Client(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Client::~Client() = default;

Response Client::fetch(const Request& request) {
  return impl_->fetch(request);
}

} // namespace convoca::http
