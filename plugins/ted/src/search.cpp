#include "search.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <convoca/plugin.hpp>
#include <sstream>

namespace ted {
namespace {

using convoca::sdk::Error;

constexpr const char* kFields[] = {"publication-number", "publication-date", "notice-type"};

// A field the API may give as a string or as a list of strings (it does so for multi-valued fields).
std::string firstString(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key) || object.isNull(key)) return {};
  const Poco::Dynamic::Var value = object.get(key);
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    const auto array = value.extract<Poco::JSON::Array::Ptr>();
    return array && array->size() > 0 && array->get(0).isString() ? array->get(0).toString() : std::string();
  }
  return value.isString() ? value.toString() : std::string();
}

} // namespace

std::string searchBody(const SearchRequest& request) {
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("query", request.query);
  Poco::JSON::Array fields;
  for (const char* field : kFields) fields.add(std::string(field));
  body.set("fields", fields);
  body.set("limit", request.limit);
  body.set("scope", std::string("ALL"));
  body.set("checkQuerySyntax", false);
  body.set("paginationMode", std::string("ITERATION"));
  if (!request.iterationNextToken.empty()) body.set("iterationNextToken", request.iterationNextToken);
  std::ostringstream out;
  body.stringify(out);
  return out.str();
}

SearchPage readSearchPage(const std::string& name, const std::string& body) {
  Poco::JSON::Object::Ptr root;
  try {
    const Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(body);
    if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) root = parsed.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& error) {
    throw Error(CONVOCA_SOURCE_FORMAT, name + ": not JSON: " + error.displayText());
  }
  const Poco::JSON::Array::Ptr notices = root ? root->getArray("notices") : nullptr;
  if (!notices) throw Error(CONVOCA_SOURCE_FORMAT, name + ": not a TED search answer (no \"notices\" array)");

  SearchPage page;
  for (unsigned i = 0; i < notices->size(); ++i) {
    const Poco::JSON::Object::Ptr notice = notices->getObject(i);
    FoundNotice found;
    if (notice) {
      found.publicationNumber = firstString(*notice, "publication-number");
      found.publicationDate = firstString(*notice, "publication-date");
      found.noticeType = firstString(*notice, "notice-type");
    }
    if (found.publicationNumber.empty())
      throw Error(CONVOCA_SOURCE_FORMAT,
                  name + ": notices[" + std::to_string(i) + "] has no \"publication-number\"");
    page.notices.push_back(std::move(found));
  }
  if (root->has("totalNoticeCount") && !root->isNull("totalNoticeCount"))
    page.totalNoticeCount = root->getValue<Poco::Int64>("totalNoticeCount");
  page.iterationNextToken = firstString(*root, "iterationNextToken");
  page.timedOut = root->optValue<bool>("timedOut", false);
  return page;
}

} // namespace ted
