#include "router.h"

#include "connection_guard.h"
#include "convoca/index/searcher.h"
#include "metrics_endpoint.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <algorithm>
#include <chrono>
#include <memory>

namespace convoca::web {

namespace {

// The largest body a route takes is a profile (a few KiB); anything larger
// than this is refused unread.
constexpr std::streamsize kMaxBodyBytes = 256 * 1024;
// Poco refuses 16 KiB itself (with a bare 400); a search URL is far shorter.
constexpr size_t kMaxUriBytes = 8 * 1024;

Poco::Logger& logger() {
  return Poco::Logger::get("web");
}

bool pathMatches(const Route& route, const std::string& path) {
  if (route.match == PathMatch::Exact) return path == route.path;
  return path.size() > route.path.size() && path.compare(0, route.path.size(), route.path) == 0;
}

std::string labelOf(const Route& route) {
  return route.match == PathMatch::Prefix ? route.path + "*" : route.path;
}

std::string joined(const std::vector<std::string>& methods) {
  std::string text;
  for (const std::string& method : methods) text += (text.empty() ? "" : ", ") + method;
  return text;
}

Reply methodNotAllowed(const std::vector<std::string>& allowed) {
  Reply reply = errorReply(HttpStatus::HTTP_METHOD_NOT_ALLOWED, "method not allowed");
  reply.headers.emplace_back("Allow", joined(allowed));
  return reply;
}

Reply runController(const Route& route, const Request& request) {
  try {
    return route.controller(request);
  } catch (const MethodNotAllowed& error) {
    return methodNotAllowed(error.allowed());
  } catch (const HttpError& error) {
    return errorReply(error.status(), error.what());
  } catch (const BadRequest& error) {
    return errorReply(HttpStatus::HTTP_BAD_REQUEST, error.what());
  } catch (const index::QueryError& error) {
    return errorReply(HttpStatus::HTTP_BAD_REQUEST, error.what());
  } catch (const std::exception& error) {
    logger().error("%s %s failed: %s", request.method, request.path, std::string(error.what()));
    return errorReply(HttpStatus::HTTP_INTERNAL_SERVER_ERROR, "internal error; see the server log");
  }
}

// A browser that a hostile page tricked into resolving its own name to
// 127.0.0.1 (DNS rebinding) still sends that name as Host.
bool isLoopbackHost(const Poco::Net::HTTPServerRequest& request) {
  if (!request.has("Host")) return true; // HTTP/1.0 clients; no browser omits it
  std::string host = request.getHost();
  if (!host.empty() && host.front() == '[') {
    host = host.substr(1, host.find(']') - 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (Poco::icompare(host, "localhost") == 0) return true;
  Poco::Net::IPAddress address;
  return Poco::Net::IPAddress::tryParse(host, address) && address.isLoopback();
}

bool hasBody(const Poco::Net::HTTPServerRequest& request) {
  return request.getChunkedTransferEncoding() || request.getContentLength() > 0;
}

bool bodyTooLarge(const Poco::Net::HTTPServerRequest& request) {
  return request.getContentLength() > kMaxBodyBytes;
}

bool takesBody(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

std::string mediaType(const std::string& contentType) {
  std::string type = Poco::toLower(Poco::trim(contentType.substr(0, contentType.find(';'))));
  return type;
}

std::string readBody(Poco::Net::HTTPServerRequest& request) {
  std::string body;
  Poco::StreamCopier::copyToString(request.stream(), body);
  return body;
}

class RouteHandler : public Poco::Net::HTTPRequestHandler {
public:
  explicit RouteHandler(const Router& router) : router_(router) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    ConnectionGuard::requestArrived(); // the request deadline no longer runs while we answer
    bool bodyRead = false;
    Reply reply = replyTo(request, bodyRead);
    // An unread body would be taken for the next request on the connection.
    if (hasBody(request) && !bodyRead) response.setKeepAlive(false);
    try {
      sendReply(reply, response);
    } catch (const std::exception& error) {
      logger().debug("could not send the response: %s", std::string(error.what()));
    }
    if (metrics::HttpMetrics* http = router_.metrics().http) {
      const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
      http->record(routeLabel_, request.getMethod(), static_cast<int>(reply.status), seconds.count());
    }
    ConnectionGuard::answerSent(); // the next request on this connection has the deadline to arrive
  }

private:
  Reply replyTo(Poco::Net::HTTPServerRequest& request, bool& bodyRead) {
    // A body must announce its length, so the limit holds before anything is read.
    if (request.getChunkedTransferEncoding())
      return errorReply(HttpStatus::HTTP_LENGTH_REQUIRED, "send the body with a Content-Length");
    if (bodyTooLarge(request))
      return errorReply(HttpStatus::HTTP_REQUEST_ENTITY_TOO_LARGE, "request too large");
    if (request.getURI().size() > kMaxUriBytes) {
      return errorReply(HttpStatus::HTTP_REQUEST_URI_TOO_LONG, "request URI too long");
    }
    const bool authRequired = router_.gate() && router_.gate()->authRequired();
    if (!authRequired && !isLoopbackHost(request)) {
      return errorReply(HttpStatus::HTTP_BAD_REQUEST,
                        "this server answers only to localhost or a loopback address");
    }
    Request parsed;
    parsed.method = request.getMethod();
    parsed.ifNoneMatch = request.get("If-None-Match", "");
    parsed.contentType = mediaType(request.getContentType());
    parsed.clientAddress = request.clientAddress().host().toString();
    parsed.sessionToken = cookieValue(request.get("Cookie", ""), kSessionCookie);
    parsed.csrfToken = request.get(kCsrfHeader, "");
    parsed.origin = request.get("Origin", "");
    parsed.host = request.getHost();
    if (router_.gate()) {
      if (std::optional<Reply> refusal = router_.gate()->admit(parsed)) return *refusal;
    }
    if (takesBody(parsed.method) && hasBody(request)) {
      parsed.body = readBody(request);
      bodyRead = true;
    }
    try {
      Poco::URI uri(request.getURI());
      parsed.path = uri.getPath();
      parsed.query = uri.getQueryParameters();
    } catch (const Poco::SyntaxException&) {
      return errorReply(HttpStatus::HTTP_BAD_REQUEST, "malformed request URI");
    }
    if (parsed.path == metrics::kMetricsPath &&
        !metrics::mayReadMetrics(parsed.clientAddress, request.get("Authorization", ""),
                                 router_.metrics().token)) {
      Reply refusal = errorReply(HttpStatus::HTTP_UNAUTHORIZED,
                                 "metrics need Authorization: Bearer with the web.metrics_token_file token");
      refusal.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"convoca metrics\"");
      return refusal;
    }
    return router_.dispatch(parsed, routeLabel_);
  }

  const Router& router_;
  std::string routeLabel_ = metrics::kUnroutedLabel;
};

} // namespace

Reply Router::dispatch(Request request) const {
  std::string routeLabel;
  return dispatch(std::move(request), routeLabel);
}

Reply Router::dispatch(Request request, std::string& routeLabel) const {
  routeLabel = metrics::kUnroutedLabel;
  std::vector<std::string> allowed;
  for (const Route& route : routes_) {
    if (!pathMatches(route, request.path)) continue;
    routeLabel = labelOf(route);
    const auto& methods = route.methods;
    if (std::find(methods.begin(), methods.end(), request.method) != methods.end()) {
      const bool reads = request.method == "GET" || request.method == "HEAD";
      if (gate_) {
        if (std::optional<Reply> refusal = gate_->authorise(request, reads ? route.read : route.write))
          return *refusal;
      } else {
        request.identity = Identity{"", Role::Admin};
      }
      return runController(route, request);
    }
    allowed.insert(allowed.end(), methods.begin(), methods.end());
  }
  if (!allowed.empty()) return methodNotAllowed(allowed);
  return errorReply(HttpStatus::HTTP_NOT_FOUND, "not found");
}

Poco::Net::HTTPRequestHandler*
RouterHandlerFactory::createRequestHandler(const Poco::Net::HTTPServerRequest&) {
  // Poco takes ownership of the handler and deletes it after the request.
  return std::make_unique<RouteHandler>(router_).release();
}

} // namespace convoca::web
