// Reading Poco::JSON values the way infosubvenciones.es writes them.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace bdns {

// A field that does not have the expected type; what() names it.
class FieldError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The trimmed text of a string or number member; nullopt when absent or null.
// Throws FieldError for an object, array or boolean.
std::optional<std::string> scalarText(const Poco::JSON::Object& object, const std::string& key);

// scalarText(), or "" when absent.
std::string textOf(const Poco::JSON::Object& object, const std::string& key);

// The `descripcion` of each object of the array `key` (BDNS writes code lists
// as [{descripcion: …}]); bare strings count as descriptions. Empty when
// absent; throws FieldError when `key` is not an array.
std::vector<std::string> descriptionsOf(const Poco::JSON::Object& object, const std::string& key);

// Appends value unless empty or already present.
void addOnce(std::vector<std::string>& values, const std::string& value);

} // namespace bdns
