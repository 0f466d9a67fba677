// The hard gates of matching, as one Xapian filter applied before ranking,
// and the evidence each passed gate shows in a match's explanation.
#pragma once

#include "convoca/index/matcher.h"

#include <cstdint>
#include <vector>
#include <xapian.h>

namespace convoca::index::detail {

// Calls (not documents) that pass every gate of the request at `now`:
// status open or forthcoming and next deadline within the horizon (unless the
// profile includes closed calls), programme, budget, eligible entities and
// places (a source that states none passes), feedback exclusions.
Xapian::Query gateQuery(const MatchRequest& request, int64_t now);

// What each gate saw in this hit (which passed them all).
std::vector<PassedGate> explainGates(const Hit& hit, const MatchRequest& request);

} // namespace convoca::index::detail
