#include "fetcher.h"

#include "json_io.h"
#include "retry_policy.h"

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <algorithm>
#include <set>

namespace convoca::http::detail {
namespace {

bool isRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string describe(const WireRequest& request) {
  return request.method + " " + request.url;
}

std::string formatSeconds(std::chrono::milliseconds wait) {
  return std::to_string(wait.count() / 1000) + "." + std::to_string(wait.count() % 1000 / 100) + " s";
}

// The request to send after a redirect: RFC 9110 15.4 lets 301/302 turn a POST
// into a GET (every browser does, and servers expect it); 303 always does;
// 307/308 repeat the request as it was. Credentials never follow to another host.
WireRequest redirected(const WireRequest& previous, int status, const std::string& location) {
  Poco::URI target(previous.url);
  try {
    target.resolve(location);
  } catch (const Poco::SyntaxException&) {
    throw HttpError(ErrorKind::BadUrl, describe(previous) + ": unreadable redirect Location " + location);
  }
  if (target.getScheme() != "http" && target.getScheme() != "https")
    throw HttpError(ErrorKind::BadUrl, describe(previous) + ": redirect to unsupported URL " + location);

  WireRequest next = previous;
  next.url = target.toString();
  const bool becomesGet = status == 303 || ((status == 301 || status == 302) && previous.method == "POST");
  if (becomesGet && previous.method != "HEAD") {
    next.method = "GET";
    next.body.clear();
    next.contentType.clear();
  }
  if (hostKeyOf(next.url) != hostKeyOf(previous.url)) {
    next.headers.erase(std::remove_if(next.headers.begin(), next.headers.end(),
                                      [](const auto& header) {
                                        return Poco::icompare(header.first, "Authorization") == 0 ||
                                               Poco::icompare(header.first, "Cookie") == 0;
                                      }),
                       next.headers.end());
  }
  return next;
}

} // namespace

std::string hostKeyOf(const std::string& url) {
  const Poco::URI uri(url);
  return Poco::toLower(uri.getHost()) + ":" + std::to_string(uri.getPort());
}

Fetcher::Fetcher(const ClientOptions& options, const Liveness& liveness)
    : options_(options), liveness_(liveness),
      pacer_(std::chrono::milliseconds(static_cast<long long>(options.perHostMinIntervalSec * 1000))),
      random_(std::random_device{}()) {}

void Fetcher::log(int level, const std::string& message) const {
  if (options_.log) options_.log(level, message);
}

Fetcher::Outcome Fetcher::fetch(WireRequest request, const WireLimits& limits, int maxRedirects,
                                const HopCheck& beforeEachHop) {
  std::set<std::string> visited;
  for (int redirects = 0;; ++redirects) {
    if (beforeEachHop) beforeEachHop(request.url);
    visited.insert(describe(request));
    Attempted attempted = sendWithRetries(request, limits);
    const int status = attempted.response.status;
    const std::string location = headerValue(attempted.response.headers, "Location");
    if (!isRedirect(status) || location.empty())
      return {std::move(attempted.response), request.url, attempted.attempts};

    WireRequest next = redirected(request, status, location);
    if (visited.count(describe(next)))
      throw HttpError(ErrorKind::TooManyRedirects, describe(request) + ": redirect loop (" +
                                                       std::to_string(status) + " back to " + next.url + ")");
    if (redirects >= maxRedirects)
      throw HttpError(ErrorKind::TooManyRedirects,
                      describe(request) + ": more than " + std::to_string(maxRedirects) + " redirects");
    log(0, describe(request) + ": " + std::to_string(status) + " redirect to " + next.url);
    request = std::move(next);
  }
}

Fetcher::Attempted Fetcher::sendWithRetries(const WireRequest& request, const WireLimits& limits) {
  const std::string host = hostKeyOf(request.url);
  auto notBefore = Clock::now();
  for (int attempt = 1;; ++attempt) {
    liveness_.throwIfCancelled(describe(request));
    liveness_.sleepUntil(pacer_.book(host, notBefore), describe(request));
    const bool retriesLeft = attempt <= options_.maxRetries;
    const int retry = attempt - 1;
    std::string reason; // "GET <url>: why", for the retry log line
    std::chrono::milliseconds wait{0};
    try {
      WireResponse response = transferOnce(request, limits);
      if (!isRetryableStatus(response.status)) return {std::move(response), attempt};
      if (!retriesLeft) {
        // A 5xx or 429 with no retries left is still an answer: the caller gets the status.
        log(2, describe(request) + ": HTTP " + std::to_string(response.status) + " after " +
                   std::to_string(attempt) + " attempts; giving up");
        return {std::move(response), attempt};
      }
      reason = describe(request) + ": HTTP " + std::to_string(response.status);
      wait = waitAfterStatus(request, response, retry);
    } catch (const HttpError& error) {
      const bool transient = error.kind() == ErrorKind::Network || error.kind() == ErrorKind::Timeout;
      if (!transient) throw;
      if (!retriesLeft)
        throw HttpError(error.kind(), std::string(error.what()) + " (gave up after " +
                                          std::to_string(attempt) +
                                          (attempt == 1 ? " attempt)" : " attempts)"));
      reason = error.what();
      wait = backoff(retry);
    }
    log(2, reason + "; retry " + std::to_string(attempt) + "/" + std::to_string(options_.maxRetries) +
               " in " + formatSeconds(wait));
    notBefore = Clock::now() + wait;
  }
}

WireResponse Fetcher::transferOnce(const WireRequest& request, const WireLimits& limits) {
  TransferAbort abort; // runWatched returns only after the transfer thread is done with it
  return liveness_.runWatched([&] { return exchangeOnce(request, limits, abort); }, [&] { abort.abort(); },
                              describe(request));
}

std::chrono::milliseconds Fetcher::waitAfterStatus(const WireRequest& request, const WireResponse& response,
                                                   int retry) {
  const std::string header = headerValue(response.headers, "Retry-After");
  const auto retryAfter = parseRetryAfter(header, std::chrono::system_clock::now());
  if (!retryAfter) return backoff(retry);
  if (retryAfter->count() > options_.retryAfterMaxSec)
    throw HttpError(ErrorKind::RetryAfterTooLong,
                    describe(request) + ": HTTP " + std::to_string(response.status) +
                        " asks to retry after " + std::to_string(retryAfter->count()) + " s, more than the " +
                        std::to_string(options_.retryAfterMaxSec) + " s this client waits; giving up");
  return *retryAfter;
}

std::chrono::milliseconds Fetcher::backoff(int retry) {
  std::lock_guard<std::mutex> lock(randomMutex_);
  return backoffDelay(retry, options_.backoffBaseMs, options_.backoffMaxMs, random_);
}

} // namespace convoca::http::detail
