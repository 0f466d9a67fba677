#include "exchange.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <sstream>

namespace convoca::web {

namespace {

// No inline script or style anywhere: the page loads /static/app.js and
// /static/style.css only, so injected markup cannot run or restyle.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

void setSecurityHeaders(Poco::Net::HTTPServerResponse& response) {
  response.set("Content-Security-Policy", kContentSecurityPolicy);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "no-referrer");
  response.set("X-Frame-Options", "DENY");
}

} // namespace

Poco::JSON::Object::Ptr newJsonObject() {
  return Poco::makeShared<Poco::JSON::Object>(Poco::JSON_PRESERVE_KEY_ORDER);
}

Reply jsonReply(const Poco::JSON::Object::Ptr& json, HttpStatus status) {
  std::ostringstream body;
  Poco::JSON::Stringifier::condense(json, body);
  Reply reply;
  reply.status = status;
  reply.contentType = "application/json; charset=utf-8";
  reply.body = body.str();
  // Search results change with every harvest and with the clock (status).
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

Reply errorReply(HttpStatus status, const std::string& message) {
  Poco::JSON::Object::Ptr error = newJsonObject();
  error->set("status", static_cast<int>(status));
  error->set("message", message);
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("error", error);
  return jsonReply(json, status);
}

void sendReply(const Reply& reply, Poco::Net::HTTPServerResponse& response) {
  response.setStatusAndReason(reply.status);
  setSecurityHeaders(response);
  if (response.getKeepAlive()) response.set("Keep-Alive", "timeout=" + std::to_string(kKeepAliveSeconds));
  for (const auto& [name, value] : reply.headers) response.set(name, value);
  if (!reply.contentType.empty()) response.setContentType(reply.contentType);
  response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
  // Poco leaves the body out by itself for HEAD requests.
  response.sendBuffer(reply.body.data(), reply.body.size());
}

Poco::JSON::Object::Ptr jsonBody(const Request& request) {
  if (request.contentType != "application/json")
    throw HttpError(HttpStatus::HTTP_UNSUPPORTED_MEDIA_TYPE, "the request body must be application/json");
  try {
    Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(request.body);
    if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) return parsed.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& error) {
    throw HttpError(HttpStatus::HTTP_BAD_REQUEST, "the request body is not valid JSON: " + error.message());
  }
  throw HttpError(HttpStatus::HTTP_BAD_REQUEST, "the request body must be a JSON object");
}

std::string parameter(const Request& request, const std::string& name, const std::string& fallback) {
  for (const auto& [key, value] : request.query)
    if (key == name) return value;
  return fallback;
}

} // namespace convoca::web
