// The documents a call links to (its `documents` URLs): fetched by the host
// through the same polite HTTP client, turned into text, stored as child
// records of kind "document" (parent = the call) and folded into the call's
// documents_text so the call matches on them.
#pragma once

#include "convoca/http/client.h"
#include "convoca/index/record.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace convoca::plugin_host {

struct DocumentPolicy {
  bool fetch = true;
  size_t perRecord = 5;                       // at most this many documents per call
  size_t maxBytes = size_t{20} << 20;         // a larger document is skipped
  size_t maxTextBytes = size_t{1} << 20;      // text kept per document
  size_t maxTotalTextBytes = size_t{2} << 20; // documents_text of one call
};

using LogFunction = std::function<void(int level, const std::string& message)>;

// Fetches and reads `call.documents`, fills call.documentsText and returns one
// child record per readable document. A document that cannot be fetched or read
// is logged and skipped: it never fails the call.
std::vector<index::Record> fetchLinkedDocuments(index::Record& call, http::Client& client,
                                                const DocumentPolicy& policy, const LogFunction& log);

} // namespace convoca::plugin_host
