// Turns a SearchRequest into one Xapian query: the user's text parsed in each
// working language, the boolean filters, the status, deadline and budget ranges.
#pragma once

#include "convoca/index/record.h"
#include "convoca/index/searcher.h"

#include <cstdint>
#include <optional>
#include <string>
#include <xapian.h>

namespace convoca::index::detail {

// Records whose status at `now` is `status`, as value ranges on the open
// interval slots (mirrors statusAt()). Unknown: records without any date.
Xapian::Query statusQuery(CallStatus status, int64_t now);

// "open" -> CallStatus::Open ...; throws QueryError for anything else.
CallStatus parseStatus(const std::string& word);

// One "field:value" filter (any boolean field of schema.h, "id" or "status").
// Throws QueryError for an unknown field or an unusable value.
Xapian::Query fieldQuery(const std::string& field, const std::string& value, int64_t now);

// The whole request: text AND filters AND ranges. Throws QueryError.
Xapian::Query buildQuery(const Xapian::Database& database, const SearchRequest& request, int64_t now);

// The request's query with misspelt words corrected from the index's spelling
// data (spelling.h); nullopt when there is nothing to correct or the query
// cannot be parsed.
std::optional<std::string> spellingSuggestion(const Xapian::Database& database, const SearchRequest& request,
                                              int64_t now);

} // namespace convoca::index::detail
