#include "api_support.h"

#include "formats/csv.h"

#include <Poco/NumberParser.h>
#include <algorithm>
#include <cstring>

namespace convoca::web {

namespace {

bool listed(std::initializer_list<const char*> names, const std::string& name) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return name == n; });
}

size_t numberParameter(const std::string& name, const std::string& value, size_t low, size_t high) {
  unsigned parsed = 0;
  if (!Poco::NumberParser::tryParseUnsigned(value, parsed) || parsed < low || parsed > high)
    throw BadRequest(name + " must be a whole number from " + std::to_string(low) + " to " +
                     std::to_string(high) + ", not \"" + value + "\"");
  return parsed;
}

} // namespace

ListWindow listWindowFrom(const Request& request, size_t maxLimit,
                          std::initializer_list<const char*> allowed) {
  ListWindow window;
  window.limit = std::min(kDefaultListLimit, maxLimit);
  for (const auto& [name, value] : request.query) {
    if (name == "offset") {
      window.offset = numberParameter(name, value, 0, 1000000);
    } else if (name == "limit") {
      window.limit = numberParameter(name, value, 1, maxLimit);
    } else if (name == "format") {
      if (value != "json" && value != "csv")
        throw BadRequest("format must be json or csv, not \"" + value + "\"");
      window.csv = value == "csv";
    } else if (!listed(allowed, name)) {
      throw BadRequest("unknown parameter \"" + name + "\"");
    }
  }
  if (window.csv) {
    window.offset = 0;
    window.limit = kCsvRowLimit;
  }
  return window;
}

QueryParameters parametersWithout(const QueryParameters& parameters,
                                  std::initializer_list<const char*> drop) {
  QueryParameters kept;
  for (const auto& pair : parameters) {
    if (pair.first == "offset" || pair.first == "limit" || pair.first == "format" || listed(drop, pair.first))
      continue;
    kept.push_back(pair);
  }
  return kept;
}

Reply listReply(size_t total, const ListWindow& window, const Poco::JSON::Array::Ptr& results) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("total", total);
  json->set("offset", window.offset);
  json->set("limit", window.limit);
  json->set("results", results);
  return jsonReply(json);
}

Reply csvReply(const std::string& name, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows) {
  Reply reply;
  reply.contentType = "text/csv; charset=utf-8";
  reply.body = csvDocument(header, rows);
  reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"convoca-" + name + ".csv\"");
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

Reply createdReply(const Poco::JSON::Object::Ptr& json, const std::string& location) {
  Reply reply = jsonReply(json, HttpStatus::HTTP_CREATED);
  reply.headers.emplace_back("Location", location);
  return reply;
}

Reply noContentReply() {
  Reply reply;
  reply.status = HttpStatus::HTTP_NO_CONTENT;
  return reply;
}

std::string cellText(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return "";
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    std::string joined;
    for (const auto& item : *value.extract<Poco::JSON::Array::Ptr>())
      joined += (joined.empty() ? "" : "; ") + cellText(item);
    return joined;
  }
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) return "";
  return value.convert<std::string>();
}

} // namespace convoca::web
