// Reading Socrata row columns. SODA 2 writes every value as a string (numbers
// and timestamps included) and URL columns as {"url": "...", "description": "..."}.
#pragma once

#include <Poco/JSON/Object.h>
#include <string>
#include <vector>

namespace raisc {

// The column's text, trimmed; "" when absent, null or not a scalar. A number is
// written in its JSON form.
std::string stringField(const Poco::JSON::Object& row, const std::string& column);

// A URL column: the "url" member of a URL object, or a plain string.
std::string urlField(const Poco::JSON::Object& row, const std::string& column);

// "CATALUNYA; BARCELONA" → {"CATALUNYA", "BARCELONA"}: trimmed, empty items dropped.
std::vector<std::string> splitList(const std::string& text, char separator);

// Appends the trimmed value unless it is empty or already there.
void addUnique(std::vector<std::string>& list, const std::string& value);

} // namespace raisc
