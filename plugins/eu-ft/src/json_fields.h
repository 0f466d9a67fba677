// Reading Poco::JSON values the way the portal writes them.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace euft {

// Every value of the search API's `metadata` is an array of strings, even
// scalars. Returns the strings of `key` (a bare scalar counts as one); numbers
// are written as text; empty when absent.
std::vector<std::string> textsOf(const Poco::JSON::Object& object, const std::string& key);

// The first of textsOf(), or "" when there is none.
std::string firstTextOf(const Poco::JSON::Object& object, const std::string& key);

// A nested object or array, or nullptr when absent or of another type.
Poco::JSON::Object::Ptr objectOf(const Poco::JSON::Object& object, const std::string& key);
Poco::JSON::Array::Ptr arrayOf(const Poco::JSON::Object& object, const std::string& key);

// The objects of an array, skipping other values.
std::vector<Poco::JSON::Object::Ptr> objectsOf(const Poco::JSON::Array::Ptr& array);

// A decimal integer ("1651536000000"); nullopt for anything else.
std::optional<int64_t> integerFrom(const std::string& text);

// Parses JSON embedded in a string (the portal's `actions`, legacy `keywords`);
// nullptr when it does not parse or is not an array.
Poco::JSON::Array::Ptr parseEmbeddedArray(const std::string& json);

} // namespace euft
