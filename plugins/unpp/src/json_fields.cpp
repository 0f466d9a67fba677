#include "json_fields.h"

#include <Poco/String.h>
#include <algorithm>
#include <stdexcept>

namespace unpp {

std::optional<std::string> scalarText(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key) || object.isNull(key)) return std::nullopt;
  const Poco::Dynamic::Var value = object.get(key);
  if (!value.isString() && !value.isNumeric()) return std::nullopt;
  return Poco::trim(value.convert<std::string>());
}

std::string nameOf(const Poco::Dynamic::Var& value) {
  if (value.isString()) return Poco::trim(value.convert<std::string>());
  if (value.type() != typeid(Poco::JSON::Object::Ptr)) return {};
  const auto object = value.extract<Poco::JSON::Object::Ptr>();
  return scalarText(*object, "name").value_or("");
}

Poco::JSON::Array::Ptr optionalArray(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key) || object.isNull(key)) return nullptr;
  const Poco::Dynamic::Var value = object.get(key);
  if (value.type() != typeid(Poco::JSON::Array::Ptr)) throw std::invalid_argument(key + " is not an array");
  return value.extract<Poco::JSON::Array::Ptr>();
}

void addOnce(std::vector<std::string>& values, const std::string& value) {
  if (value.empty() || std::find(values.begin(), values.end(), value) != values.end()) return;
  values.push_back(value);
}

} // namespace unpp
