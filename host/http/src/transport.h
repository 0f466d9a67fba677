// One request and its response on the wire, with Poco's HTTP(S) sessions: no
// retries, no redirects, no politeness — the client builds those on top.
#pragma once

#include "convoca/http/client.h"

#include <Poco/Net/Net.h>
#include <Poco/Net/SocketDefs.h>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace convoca::http::detail {

struct WireRequest {
  std::string method;
  std::string url; // absolute http(s)
  Headers headers; // sent as given (User-Agent included)
  std::string body;
  std::string contentType;
};

struct WireResponse {
  int status = 0;
  Headers headers; // hop-by-hop headers removed; no Content-Encoding once decoded
  std::string body;
};

struct WireLimits {
  std::chrono::milliseconds connectTimeout{15000};
  std::chrono::milliseconds readTimeout{60000}; // longest silence from the server
  std::size_t maxBodyBytes = 0;                 // raw and decoded
  bool truncateAtLimit = false;                 // false: exceeding it is HttpError(TooLarge)
};

// Lets the thread that waits for a transfer break it off: shutting the socket
// down makes a blocked connect/send/receive on the transfer thread return.
class TransferAbort {
public:
  void attach(poco_socket_t socket);
  void detach();
  void abort();
  bool aborted() const;

private:
  mutable std::mutex mutex_; // the socket is never shut down after detach() (its number may be reused)
  poco_socket_t socket_ = POCO_INVALID_SOCKET;
  bool aborted_ = false;
};

// The path and query of an absolute URL as the caller wrote them ("/" when
// empty, no fragment), with only bytes that may not appear in a request line
// percent-encoded. Poco::URI would decode and re-encode the path, turning a
// meaningful "%2F" into "/".
std::string requestTargetOf(const std::string& url);

// Sends `request` on a fresh connection (Connection: close) and reads the whole
// answer, gunzipping a gzip body. Throws HttpError: Timeout, Network (refused,
// reset, TLS failure, a body shorter than its Content-Length, broken gzip) or
// TooLarge. `abort` may be triggered from another thread. Limitation: a chunked
// body cut off mid-stream ends silently in Poco 1.11's chunked stream, so only
// bodies with a Content-Length are checked for completeness.
WireResponse exchangeOnce(const WireRequest& request, const WireLimits& limits, TransferAbort& abort);

} // namespace convoca::http::detail
