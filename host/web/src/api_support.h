// What every list route of the JSON API shares: offset/limit, the list
// envelope {"total","offset","limit","results"}, and `format=csv`.
#pragma once

#include "exchange.h"

#include <Poco/JSON/Array.h>
#include <initializer_list>
#include <string>
#include <vector>

namespace convoca::web {

inline constexpr size_t kDefaultListLimit = 20;
inline constexpr size_t kCsvRowLimit = 10000;

struct ListWindow {
  size_t offset = 0;
  size_t limit = kDefaultListLimit;
  bool csv = false; // format=csv: offset 0 and up to kCsvRowLimit rows
};

// Reads offset, limit (1..maxLimit) and format (json|csv). Throws BadRequest
// for a malformed value, and for any parameter that is neither one of these nor
// in `allowed` (a misspelt filter must not widen a list silently).
ListWindow listWindowFrom(const Request& request, size_t maxLimit,
                          std::initializer_list<const char*> allowed = {});

// The parameters without the list ones (offset, limit, format) and without `drop`.
QueryParameters parametersWithout(const QueryParameters& parameters, std::initializer_list<const char*> drop);

// {"total": N, "offset": N, "limit": N, "results": [...]}
Reply listReply(size_t total, const ListWindow& window, const Poco::JSON::Array::Ptr& results);

// text/csv; charset=utf-8 with the BOM, as an attachment named convoca-<name>.csv.
Reply csvReply(const std::string& name, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows);

// 201/204 helpers for the routes that change state.
Reply createdReply(const Poco::JSON::Object::Ptr& json, const std::string& location);
Reply noContentReply();

// A JSON value as text for a CSV cell: strings as they are, null as "", arrays joined with "; ".
std::string cellText(const Poco::Dynamic::Var& value);

} // namespace convoca::web
