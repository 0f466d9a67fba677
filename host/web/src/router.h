// Routing (ClickHouse style: a list of routes, thin handlers): a request's
// path picks a route, the route's controller turns the Request into a Reply,
// and exceptions become JSON errors with the right status.
#pragma once

#include "exchange.h"
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

class Router {
public:
  // `gate` may be null (tests of routing alone): every request is then the
  // local admin and nothing is checked.
  explicit Router(std::vector<Route> routes, SecurityGate* gate = nullptr)
      : routes_(std::move(routes)), gate_(gate) {}

  // 404 when no route has the path, 405 with Allow when none of those that do
  // takes the method; then the gate (401/403); then the controller. Maps
  // exceptions: HttpError to its status, BadRequest and index::QueryError to
  // 400, anything else to a generic 500 (details logged).
  Reply dispatch(Request request) const;
  SecurityGate* gate() const { return gate_; }

private:
  std::vector<Route> routes_;
  SecurityGate* gate_;
};

// Hands each request to the router. Before routing it refuses what no route
// should see: a body over the size limit (413), an overlong URI (414), a Host
// header that is not a loopback name when authentication is off (400: DNS
// rebinding), a malformed URI (400), a client over its rate (429).
class RouterHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
  explicit RouterHandlerFactory(const Router& router) : router_(router) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
  const Router& router_;
};

} // namespace convoca::web
