#include "json_io.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/String.h>
#include <sstream>

namespace convoca::http::detail {

Poco::JSON::Array::Ptr headersToJson(const Headers& headers) {
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
  for (const auto& [name, value] : headers) {
    Poco::JSON::Array::Ptr pair = new Poco::JSON::Array;
    pair->add(name);
    pair->add(value);
    array->add(pair);
  }
  return array;
}

Headers headersFromJson(const Poco::JSON::Array::Ptr& array) {
  Headers headers;
  if (!array) return headers;
  for (std::size_t i = 0; i < array->size(); ++i) {
    Poco::JSON::Array::Ptr pair = array->getArray(static_cast<unsigned>(i));
    if (!pair || pair->size() != 2 || !pair->get(0).isString() || !pair->get(1).isString()) continue;
    headers.emplace_back(pair->getElement<std::string>(0), pair->getElement<std::string>(1));
  }
  return headers;
}

Poco::JSON::Object::Ptr orderedObject() {
  return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::string toJsonText(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream text;
  Poco::JSON::Stringifier::stringify(object, text, 2);
  text << '\n';
  return text.str();
}

Poco::JSON::Object::Ptr parseJsonObject(const std::string& text) {
  Poco::JSON::Parser parser;
  const Poco::Dynamic::Var parsed = parser.parse(text);
  return parsed.extract<Poco::JSON::Object::Ptr>();
}

std::string headerValue(const Headers& headers, const std::string& name) {
  for (const auto& [key, value] : headers)
    if (Poco::icompare(key, name) == 0) return value;
  return "";
}

} // namespace convoca::http::detail
