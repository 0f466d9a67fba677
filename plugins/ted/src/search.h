// The TED Search API v3: the request body this plugin sends and the page it reads.
#pragma once

#include <Poco/Types.h>
#include <optional>
#include <string>
#include <vector>

namespace ted {

struct SearchRequest {
  std::string query;              // expert query, publication-date window included
  int limit = 100;                // notices per page, at most 250
  std::string iterationNextToken; // "" on the first page
};

// Compact JSON with a fixed key order, so recorded exchanges replay byte for byte:
// {"query":…,"fields":["publication-number","publication-date","notice-type"],"limit":N,
//  "scope":"ALL","checkQuerySyntax":false,"paginationMode":"ITERATION"[,"iterationNextToken":…]}
std::string searchBody(const SearchRequest& request);

struct FoundNotice {
  std::string publicationNumber; // "712345-2026"
  std::string publicationDate;   // "2026-11-20+01:00" as the API writes it, or ""
  std::string noticeType;
};

struct SearchPage {
  std::vector<FoundNotice> notices;
  std::optional<Poco::Int64> totalNoticeCount;
  std::string iterationNextToken; // "" when absent or null: the last page
  bool timedOut = false;
};

// Reads one answer. Throws Error(CONVOCA_SOURCE_FORMAT) starting with `name` when
// it is not JSON, has no "notices" array, or a notice has no publication-number.
SearchPage readSearchPage(const std::string& name, const std::string& body);

} // namespace ted
