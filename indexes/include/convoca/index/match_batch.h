// Many profiles against one index, on every core: the nightly digest matches
// each stored profile after a harvest, and one profile's match is a single
// thread's work (Xapian runs one query on one thread).
//
//   std::vector<BatchMatch> results = matchEach(dataDir + "/index", requests);
//   for (size_t i = 0; i < results.size(); ++i)
//     if (results[i].result) use(requests[i], *results[i].result); else log(results[i].error);
#pragma once

#include "convoca/index/matcher.h"

#include <optional>
#include <string>
#include <vector>

namespace convoca::index {

// The outcome of one request: its result, or why matching it failed (the
// other requests are unaffected).
struct BatchMatch {
  std::optional<MatchResult> result;
  std::string error;
};

// Matches every request against the index at `indexPath` on `threads` threads
// (0: one per core, never more than there are requests), each with its own
// Matcher: a Xapian database handle is not shared between threads. Results
// come back in the order of `requests`, equal to what one Matcher gives one
// request after another. Throws IndexError when the index cannot be opened.
std::vector<BatchMatch> matchEach(const std::string& indexPath, const std::vector<MatchRequest>& requests,
                                  unsigned threads = 0);

} // namespace convoca::index
