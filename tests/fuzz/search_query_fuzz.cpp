// The search front end (convoca::index::Searcher::search): the user's query
// text through Xapian's QueryParser with convoca's fields, ranges and
// concepts, plus boolean filters, against a small real index. Input: the
// first line is the query, every further line a filter "field=value".
// The documented error is QueryError (HTTP 400); anything else escaping,
// Xapian's own exceptions included, is a finding.
#include "fuzz_host.h"
#include "search_index.h"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream lines(convoca::fuzz::textOf(data, size));
  convoca::index::SearchRequest request;
  request.now = convoca::fuzz::kFixedNow;
  std::getline(lines, request.query);
  for (std::string line; std::getline(lines, line);) {
    const auto equals = line.find('=');
    if (equals != std::string::npos)
      request.filters.emplace_back(line.substr(0, equals), line.substr(equals + 1));
  }
  try {
    convoca::fuzz::fixtureSearcher().search(request);
  } catch (const convoca::index::QueryError&) {
  }
  return 0;
}
