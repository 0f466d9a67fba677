// Routing (ClickHouse style: a list of routes, thin handlers): a request's
// path picks a route, the route's controller turns the Request into a Reply,
// and exceptions become JSON errors with the right status.
#pragma once

#include "exchange.h"
#include "metrics_http.h"
#include "security.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <functional>
#include <string>
#include <vector>

namespace convoca::web {

using Controller = std::function<Reply(const Request&)>;

enum class PathMatch { Exact, Prefix };

struct Route {
  std::string path;
  PathMatch match = PathMatch::Exact;
  std::vector<std::string> methods; // e.g. {"GET", "HEAD"}
  Controller controller;
  Access read = Access::Viewer;  // GET and HEAD
  Access write = Access::Editor; // every other method
};

// What the router feeds GET /metrics with, and who may read it
// (metrics_endpoint.h): `http` counts every request when not null; `token` is
// the bearer token non-loopback clients need ("" = loopback only).
struct RouterMetrics {
  metrics::HttpMetrics* http = nullptr;
  std::string token;
};

class Router {
public:
  // `gate` may be null (tests of routing alone): every request is then the
  // local admin and nothing is checked.
  explicit Router(std::vector<Route> routes, SecurityGate* gate = nullptr, RouterMetrics metrics = {})
      : routes_(std::move(routes)), gate_(gate), metrics_(std::move(metrics)) {}

  // 404 when no route has the path, 405 with Allow when none of those that do
  // takes the method; then the gate (401/403); then the controller. Maps
  // exceptions: HttpError to its status, BadRequest and index::QueryError to
  // 400, anything else to a generic 500 (details logged).
  Reply dispatch(Request request) const;
  // The same, also naming the route that took the request for the metrics:
  // its path pattern ("/api/calls/*" for a prefix route), or
  // metrics::kUnroutedLabel when none did.
  Reply dispatch(Request request, std::string& routeLabel) const;
  SecurityGate* gate() const { return gate_; }
  const RouterMetrics& metrics() const { return metrics_; }

private:
  std::vector<Route> routes_;
  SecurityGate* gate_;
  RouterMetrics metrics_;
};

// Hands each request to the router. Before routing it refuses what no route
// should see: a body over the size limit (413), an overlong URI (414), a Host
// header that is not a loopback name when authentication is off (400: DNS
// rebinding), a malformed URI (400), a client over its rate (429), a
// non-loopback client without the metrics token on GET /metrics (401).
// Counts every request and its time in the router's HttpMetrics.
class RouterHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
  explicit RouterHandlerFactory(const Router& router) : router_(router) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
  const Router& router_;
};

} // namespace convoca::web
