// The server's view of one HTTP exchange, independent of Poco's classes so the
// router and controllers are plain functions from a Request to a Reply.
#pragma once

#include "convoca/state/state_db.h"
#include "convoca/web/search_api.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPResponse.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace Poco::Net {
class HTTPServerResponse;
}

namespace convoca::web {

using HttpStatus = Poco::Net::HTTPResponse::HTTPStatus;

// How long an idle keep-alive connection stays open. Short, since it holds a
// server thread while it waits; announced in a Keep-Alive header so clients
// do not reuse a connection the server is about to close.
inline constexpr int kKeepAliveSeconds = 2;

// Who is asking, as the security gate established it (security.h). On a
// loopback server without `web.auth=required` every visitor is the local
// user: no name, role admin.
// Roles are the state DB's (state::Role: viewer < editor < admin).
using Role = state::Role;
struct Identity {
  std::string user; // empty for the local user
  Role role = Role::Viewer;
};

struct Request {
  std::string method;
  std::string path; // percent-decoded, without the query
  QueryParameters query;
  std::string ifNoneMatch;
  std::string contentType; // media type without parameters, lower case
  std::string body;        // read only for methods that carry one (POST, PUT, PATCH)
  std::string clientAddress;
  std::string sessionToken;         // the convoca_session cookie, "" when absent
  std::string csrfToken;            // the X-CSRF-Token header
  std::string origin;               // the Origin header, "" when absent
  std::string host;                 // the Host header
  std::optional<Identity> identity; // set by the gate; absent for anonymous visitors
};

struct Reply {
  HttpStatus status = HttpStatus::HTTP_OK;
  std::string contentType;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// A controller's way to answer with an error status; what() is shown to the
// client, so it must not carry internal details.
class HttpError : public std::runtime_error {
public:
  HttpError(HttpStatus status, const std::string& message) : std::runtime_error(message), status_(status) {}
  HttpStatus status() const { return status_; }

private:
  HttpStatus status_;
};

// A JSON object that keeps its keys in insertion order, so responses read in
// the documented order.
Poco::JSON::Object::Ptr newJsonObject();

Reply jsonReply(const Poco::JSON::Object::Ptr& json, HttpStatus status = HttpStatus::HTTP_OK);

// {"error":{"status":N,"message":"..."}}
Reply errorReply(HttpStatus status, const std::string& message);

// A method the resource does not take; the reply's Allow header lists `allowed`.
class MethodNotAllowed : public HttpError {
public:
  explicit MethodNotAllowed(std::vector<std::string> allowed)
      : HttpError(HttpStatus::HTTP_METHOD_NOT_ALLOWED, "method not allowed"), allowed_(std::move(allowed)) {}
  const std::vector<std::string>& allowed() const { return allowed_; }

private:
  std::vector<std::string> allowed_;
};

// The request body as a JSON object: 415 when the body is not
// application/json, 400 (with the parser's message) when it is not an object.
Poco::JSON::Object::Ptr jsonBody(const Request& request);

// The value of a query parameter, or `fallback` when absent.
std::string parameter(const Request& request, const std::string& name, const std::string& fallback = "");

// Writes the reply with the security headers every response carries.
void sendReply(const Reply& reply, Poco::Net::HTTPServerResponse& response);

} // namespace convoca::web
