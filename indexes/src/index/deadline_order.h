// Sorting by next deadline where Xapian runs no KeyMaker: the remote backend
// (shards behind xapian-tcpsrv) refuses the NextDeadlineKey of ranking.h.
//
// A record's next deadline is the first of its ascending deadline slots at or
// after now, so the records split into partitions by which slot that is:
// partition i holds those with slot i >= now and slot i-1 < now, sorted by the
// value of slot i (then relevance) — plain value sorts and value ranges, which
// the remote backend runs. A last partition holds the records with no upcoming
// deadline, by relevance. Merging the partitions by (deadline, weight, docid)
// and collapsing duplicates across them gives the order the KeyMaker gives.
// It costs one query per non-empty partition; only sharded indexes use it.
#pragma once

#include <cstdint>
#include <vector>
#include <xapian.h>

namespace convoca::index::detail {

// One match and the result set it came from (snippets are made from the set).
struct RankedMatch {
  Xapian::MSet set;
  Xapian::MSetIterator match;
};

// The matches of `query` ranked offset..offset+limit by next deadline at `now`,
// one per collapse key. Percentages are relative to each partition's best.
std::vector<RankedMatch> deadlineOrderedPage(const Xapian::Database& database, const Xapian::Query& query,
                                             int64_t now, size_t offset, size_t limit);

} // namespace convoca::index::detail
