#include "json_fields.h"

#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>

namespace euft {
namespace {

std::optional<std::string> scalarText(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return std::nullopt;
  if (value.isString() || value.isNumeric() || value.isBoolean()) return value.convert<std::string>();
  return std::nullopt;
}

} // namespace

std::vector<std::string> textsOf(const Poco::JSON::Object& object, const std::string& key) {
  std::vector<std::string> texts;
  if (!object.has(key)) return texts;
  const Poco::Dynamic::Var value = object.get(key);
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    for (const auto& item : *value.extract<Poco::JSON::Array::Ptr>())
      if (auto text = scalarText(item)) texts.push_back(*text);
  } else if (auto text = scalarText(value)) {
    texts.push_back(*text);
  }
  return texts;
}

std::string firstTextOf(const Poco::JSON::Object& object, const std::string& key) {
  auto texts = textsOf(object, key);
  return texts.empty() ? std::string() : texts.front();
}

Poco::JSON::Object::Ptr objectOf(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key)) return nullptr;
  const Poco::Dynamic::Var value = object.get(key);
  if (value.type() != typeid(Poco::JSON::Object::Ptr)) return nullptr;
  return value.extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr arrayOf(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key)) return nullptr;
  const Poco::Dynamic::Var value = object.get(key);
  if (value.type() != typeid(Poco::JSON::Array::Ptr)) return nullptr;
  return value.extract<Poco::JSON::Array::Ptr>();
}

std::vector<Poco::JSON::Object::Ptr> objectsOf(const Poco::JSON::Array::Ptr& array) {
  std::vector<Poco::JSON::Object::Ptr> objects;
  if (!array) return objects;
  for (const auto& item : *array)
    if (item.type() == typeid(Poco::JSON::Object::Ptr))
      objects.push_back(item.extract<Poco::JSON::Object::Ptr>());
  return objects;
}

std::optional<int64_t> integerFrom(const std::string& text) {
  Poco::Int64 value = 0;
  if (!Poco::NumberParser::tryParse64(text, value)) return std::nullopt;
  return static_cast<int64_t>(value);
}

Poco::JSON::Array::Ptr parseEmbeddedArray(const std::string& json) {
  try {
    Poco::JSON::Parser parser;
    const Poco::Dynamic::Var value = parser.parse(json);
    if (value.type() != typeid(Poco::JSON::Array::Ptr)) return nullptr;
    return value.extract<Poco::JSON::Array::Ptr>();
  } catch (const Poco::Exception&) {
    return nullptr;
  }
}

} // namespace euft
