#include "json_fields.h"

#include <Poco/String.h>
#include <algorithm>

namespace bdns {

std::optional<std::string> scalarText(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key) || object.isNull(key)) return std::nullopt;
  const Poco::Dynamic::Var value = object.get(key);
  if (!value.isString() && !value.isNumeric()) throw FieldError(key + " is not a string or a number");
  return Poco::trim(value.convert<std::string>());
}

std::string textOf(const Poco::JSON::Object& object, const std::string& key) {
  return scalarText(object, key).value_or("");
}

std::vector<std::string> descriptionsOf(const Poco::JSON::Object& object, const std::string& key) {
  std::vector<std::string> descriptions;
  if (!object.has(key) || object.isNull(key)) return descriptions;
  const Poco::Dynamic::Var value = object.get(key);
  if (value.type() != typeid(Poco::JSON::Array::Ptr)) throw FieldError(key + " is not an array");
  const auto array = value.extract<Poco::JSON::Array::Ptr>();
  for (size_t i = 0; i < array->size(); ++i) {
    const Poco::Dynamic::Var item = array->get(static_cast<unsigned>(i));
    const std::string where = key + "[" + std::to_string(i) + "]";
    if (item.isString()) {
      addOnce(descriptions, Poco::trim(item.convert<std::string>()));
    } else if (item.type() == typeid(Poco::JSON::Object::Ptr)) {
      const auto entry = item.extract<Poco::JSON::Object::Ptr>();
      try {
        addOnce(descriptions, textOf(*entry, "descripcion"));
      } catch (const FieldError& e) {
        throw FieldError(where + "." + e.what());
      }
    } else {
      throw FieldError(where + " is neither an object nor a string");
    }
  }
  return descriptions;
}

void addOnce(std::vector<std::string>& values, const std::string& value) {
  if (value.empty() || std::find(values.begin(), values.end(), value) != values.end()) return;
  values.push_back(value);
}

} // namespace bdns
