#include "payload.h"

#include "convocatoria.h"
#include "json_fields.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

namespace bdns {
namespace {

using convoca::sdk::Error;

constexpr const char* kExpected =
    "expected a BDNS search page {content[], totalElements, totalPages, number, last} or a convocatoria "
    "detail {codigoBDNS, descripcion, …}";

std::optional<int64_t> integerMember(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key) || !object.get(key).isInteger()) return std::nullopt;
  return object.get(key).convert<int64_t>();
}

} // namespace

Poco::JSON::Object::Ptr parseObject(const std::string& name, const std::string& body) {
  Poco::Dynamic::Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(body);
  } catch (const Poco::Exception& e) {
    throw Error(CONVOCA_SOURCE_FORMAT, name + " is not valid JSON (" + e.displayText() + "); " + kExpected);
  }
  if (root.type() != typeid(Poco::JSON::Object::Ptr))
    throw Error(CONVOCA_SOURCE_FORMAT, name + ": the top level is not an object; " + kExpected);
  return root.extract<Poco::JSON::Object::Ptr>();
}

bool isSearchPage(const Poco::JSON::Object& payload) {
  return payload.has("content");
}

SearchPage readSearchPage(const std::string& name, const Poco::JSON::Object& payload) {
  const auto content = payload.getArray("content");
  if (!content) throw Error(CONVOCA_SOURCE_FORMAT, name + ": content is not an array; " + kExpected);
  SearchPage page;
  for (size_t i = 0; i < content->size(); ++i) {
    const std::string where = "content[" + std::to_string(i) + "]";
    const auto row = content->getObject(static_cast<unsigned>(i));
    if (!row) throw Error(CONVOCA_SOURCE_FORMAT, name + ": " + where + " is not an object");
    try {
      recordFromSearchRow(*row); // checks the row has what a row needs
    } catch (const FieldError& e) {
      throw Error(CONVOCA_SOURCE_FORMAT, name + ": " + where + "." + e.what());
    }
    page.rows.push_back(row);
  }
  page.totalElements = integerMember(payload, "totalElements");
  page.totalPages = integerMember(payload, "totalPages");
  page.last = payload.has("last") && payload.get("last").isBoolean() && payload.get("last").convert<bool>();
  return page;
}

CallRecord readDetail(const convoca::sdk::Host& host, const std::string& name,
                      const Poco::JSON::Object& payload) {
  if (!payload.has("codigoBDNS")) throw Error(CONVOCA_SOURCE_FORMAT, name + ": no codigoBDNS; " + kExpected);
  try {
    return recordFromDetail(host, payload);
  } catch (const FieldError& e) {
    throw Error(CONVOCA_SOURCE_FORMAT, name + ": " + e.what());
  }
}

std::vector<CallRecord> recordsOfPayload(const convoca::sdk::Host& host, const std::string& name,
                                         const std::string& body) {
  const auto payload = parseObject(name, body);
  if (!isSearchPage(*payload)) return {readDetail(host, name, *payload)};
  std::vector<CallRecord> records;
  for (const auto& row : readSearchPage(name, *payload).rows) records.push_back(recordFromSearchRow(*row));
  return records;
}

} // namespace bdns
