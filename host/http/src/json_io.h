// Poco::JSON helpers shared by the cache and the recordings, which both store
// header lists as [["Name", "value"], ...] in human-readable JSON files.
#pragma once

#include "convoca/http/client.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <string>

namespace convoca::http::detail {

Poco::JSON::Array::Ptr headersToJson(const Headers& headers);
// Ignores entries that are not two-string arrays.
Headers headersFromJson(const Poco::JSON::Array::Ptr& array);

// An object that keeps the order keys were set in (files read top-down).
Poco::JSON::Object::Ptr orderedObject();
// Indented JSON text.
std::string toJsonText(const Poco::JSON::Object::Ptr& object);
// Throws Poco::Exception (e.g. Poco::JSON::JSONException) on bad JSON or a non-object.
Poco::JSON::Object::Ptr parseJsonObject(const std::string& text);

// First value of header `name` (case-insensitive), or "" when absent.
std::string headerValue(const Headers& headers, const std::string& name);

} // namespace convoca::http::detail
