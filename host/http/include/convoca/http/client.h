// convoca's one HTTP client: the seam through which every source plugin reaches
// the network (the host maps plugin.h's http() service onto Client::fetch).
//
// One fetch() is a polite, bounded exchange:
//   - robots.txt (RFC 9309) of each scheme://host:port is fetched once per Client
//     and obeyed for the product token "convoca" (else "*"); Crawl-delay raises
//     that host's request interval;
//   - request starts to one host are at least perHostMinIntervalSec apart;
//   - 429, 500, 502, 503, 504, timeouts and connection errors are retried with
//     exponential backoff and full jitter, or after the server's Retry-After;
//   - redirects (301, 302, 303, 307, 308) are followed up to maxRedirects;
//   - with a cacheDir, GETs are conditional (If-None-Match / If-Modified-Since)
//     and a 304 is answered from the cache;
//   - bodies are capped at maxResponseBytes, also after gzip decompression
//     (the client asks for gzip and decodes it; the Response holds the decoded
//     body and no Content-Encoding header);
//   - recordDir saves every exchange, replayDir answers from saved exchanges and
//     never touches the network (format below).
//
// Outcomes:
//   - any HTTP status comes back as a Response: 2xx, 3xx without Location, 4xx
//     (not retried, except 429), and the last 429/5xx once retries are spent;
//   - HttpError is thrown when there is no HTTP answer to give: connection
//     errors and timeouts after all retries, robots.txt refusal, size cap,
//     cancellation, redirect loops, a Retry-After beyond retryAfterMaxSec,
//     a missing recording in replay mode, a URL that is not absolute http(s).
//
// Record/replay format (fixtures are written by hand too, keep it so): DIR holds
// pairs <name>.exchange.json + <name>.body, <name> = 4-digit sequence number,
// host and a slug of the path ("0003-api.tech.ec.europa.eu-search"):
//   {"request": {"method": "POST", "url": "https://host/path?query",
//                "parts": [{"name": "query", "content_type": "application/json", "data": "..."}],
//                "body": "raw body text, only for non-multipart requests with a body"},
//    "response": {"status": 200, "headers": [["Content-Type", "application/json"]],
//                 "body_file": "<name>.body", "final_url": "only when redirected"}}
// "parts", "body" and "final_url" are omitted when absent. A request matches an
// exchange when method, url, the parts' names and data (in order) or the raw
// body are equal; several matches are served in file order, the last repeating.
//
// fetch() may be called from several threads of one process.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace convoca::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

// One part of a multipart/form-data body.
struct Part {
  std::string name;
  std::string contentType; // empty = text/plain
  std::string data;
};

struct Request {
  std::string method = "GET";
  std::string url; // absolute http(s) URL, query string included
  Headers headers; // extra headers; User-Agent, Host, Accept-Encoding are the client's
  std::string body;
  std::string contentType; // of body; ignored when parts are given
  std::vector<Part> parts; // non-empty: the body is multipart/form-data
  bool noCache = false;    // skip the conditional-GET cache for this request
};

struct Response {
  int status = 0;
  std::string body; // decoded (gzip removed)
  std::string contentType;
  std::string finalUrl;   // after redirects
  bool fromCache = false; // the server answered 304 and body is the cached copy
  Headers headers;
  int attempts = 0; // network attempts for the final URL; 0 when replayed

  // First header of that name (case-insensitive), or "" when absent.
  std::string header(const std::string& name) const;
};

enum class ErrorKind {
  Network,          // connection failed or broke, after all retries
  Timeout,          // connect or read timed out, after all retries
  RobotsDisallowed, // robots.txt forbids the URL (or is unreachable: RFC 9309)
  TooLarge,         // body larger than maxResponseBytes
  Cancelled,        // ClientOptions::cancelled() turned true
  NoRecording,      // replay mode and no recorded exchange matches
  BadUrl,           // not an absolute http(s) URL
  TooManyRedirects, // more than maxRedirects, or a redirect loop
  RetryAfterTooLong // the server asked to wait longer than retryAfterMaxSec
};

// "network", "timeout", "robots-disallowed", ... for logs and reports.
const char* errorKindName(ErrorKind kind);

class HttpError : public std::runtime_error {
public:
  HttpError(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

private:
  ErrorKind kind_;
};

// "convoca/<version> (+https://github.com/convoca; funding-call harvester)"
std::string defaultUserAgent();

struct ClientOptions {
  std::string userAgent = defaultUserAgent();
  std::string robotsToken = "convoca"; // the product token robots.txt groups are matched against
  int connectTimeoutMs = 15000;
  int readTimeoutMs = 60000; // longest silence while waiting for or reading a response
  int maxRetries = 4;        // retries after the first attempt
  int backoffBaseMs = 1000;  // retry n waits uniform(0, min(backoffMaxMs, base * 2^n))
  int backoffMaxMs = 60000;
  int retryAfterMaxSec = 300;         // a longer Retry-After gives up (RetryAfterTooLong)
  double perHostMinIntervalSec = 1.0; // min gap between request starts to one host
  std::size_t maxResponseBytes = std::size_t{256} << 20;
  int maxRedirects = 5;
  bool obeyRobots = true;
  std::string cacheDir;  // set: conditional GET cache lives here
  std::string recordDir; // set: every exchange is saved here
  std::string replayDir; // set: answers come from here, never the network; cacheDir, recordDir unused
  std::function<bool()> cancelled;                        // checked before attempts and while waiting
  std::function<void(int level, const std::string&)> log; // 0 debug, 1 info, 2 warning, 3 error
  std::function<void()> heartbeat; // called at least every second while waiting or transferring
};

class Client {
public:
  // Throws HttpError(NoRecording) when replayDir is missing or holds an unreadable
  // exchange, std::runtime_error when cacheDir or recordDir cannot be created.
  explicit Client(ClientOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  Response fetch(const Request& request);

private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace convoca::http
