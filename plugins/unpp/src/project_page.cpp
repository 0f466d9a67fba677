#include "project_page.h"

#include "json_fields.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

namespace unpp {
namespace {

using convoca::sdk::Error;

constexpr const char* kExpected =
    "expected a project list page {count, next, results[]} of the UN Partner Portal";

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

std::optional<int64_t> countOf(const Poco::JSON::Object& page) {
  if (!page.has("count") || !page.get("count").isInteger()) return std::nullopt;
  return page.get("count").convert<int64_t>();
}

} // namespace

ProjectPage readProjectPage(const std::string& name, const std::string& body, ProjectReader& reader) {
  const auto root = parseObject(name, body);
  if (!root->has("results") || root->get("results").type() != typeid(Poco::JSON::Array::Ptr))
    throw Error(CONVOCA_SOURCE_FORMAT, name + ": no results array; " + kExpected);
  const auto results = root->getArray("results");
  ProjectPage page;
  page.count = countOf(*root);
  page.next = scalarText(*root, "next").value_or("");
  for (size_t i = 0; i < results->size(); ++i) {
    const std::string where = "results[" + std::to_string(i) + "]";
    const auto row = results->getObject(static_cast<unsigned>(i));
    if (!row) throw Error(CONVOCA_SOURCE_FORMAT, name + ": " + where + " is not an object");
    try {
      page.records.push_back(reader.read(*row, where));
    } catch (const RowError& e) {
      throw Error(CONVOCA_SOURCE_FORMAT, name + ": " + e.what());
    }
  }
  return page;
}

} // namespace unpp
