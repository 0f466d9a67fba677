// Reading Poco::JSON values the way the portal writes them.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <optional>
#include <string>
#include <vector>

namespace unpp {

// The text of a string or number member; nullopt when absent, null or of another type.
std::optional<std::string> scalarText(const Poco::JSON::Object& object, const std::string& key);

// A name given either as a string or as an object with a "name" member
// (DRF writes a related object both ways); "" otherwise.
std::string nameOf(const Poco::Dynamic::Var& value);

// The array member `key`, or nullptr when absent or null. Throws std::invalid_argument
// when the member is present with another type.
Poco::JSON::Array::Ptr optionalArray(const Poco::JSON::Object& object, const std::string& key);

// Appends value unless empty or already present.
void addOnce(std::vector<std::string>& values, const std::string& value);

} // namespace unpp
