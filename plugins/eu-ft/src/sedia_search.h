// Parser of one SEDIA search API response page (apiKey=SEDIA).
#pragma once

#include "emitter.h"
#include "parse_context.h"

#include <Poco/JSON/Object.h>
#include <vector>

namespace euft {

// True for {"results":[{"metadata":{...}}, ...]}: a results array whose items
// are objects carrying a "metadata" object (an empty page qualifies).
bool isSearchResponse(const Poco::JSON::Object& root);

// One candidate per result the plugin reads (types 0, 1, 2, 8; FAQ rows and
// rows without an identifier are skipped). Duplicates are left to the collector.
std::vector<Candidate> candidatesFromSearchResponse(const Poco::JSON::Object& root, ParseContext& context);

} // namespace euft
