// The server's view of one HTTP exchange, independent of Poco's classes so the
// router and controllers are plain functions from a Request to a Reply.
#pragma once

#include "convoca/web/search_api.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPResponse.h>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace Poco::Net {
class HTTPServerResponse;
}

namespace convoca::web {

using HttpStatus = Poco::Net::HTTPResponse::HTTPStatus;

struct Request {
  std::string method;
  std::string path; // percent-decoded, without the query
  QueryParameters query;
  std::string ifNoneMatch;
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

// Writes the reply with the security headers every response carries.
void sendReply(const Reply& reply, Poco::Net::HTTPServerResponse& response);

} // namespace convoca::web
