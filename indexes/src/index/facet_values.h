// The multi-valued facets ("sdg": several goals per record; "deadline_month":
// each record's next deadline, which depends on the request's now) counted
// per distinct value of one slot: by the facet-pack spy on a local database
// (facets.h), by Xapian's own ValueCountMatchSpy on remote shards (the stock
// xapian-tcpsrv of the remote backend can only rebuild the spies Xapian ships).
//
// Each record stores the whole combination in one slot: its goals
// ("2,11,15") and its deadlines ("1735689600,1767225600"). The spy counts
// records per distinct combination; splitting the combinations afterwards
// gives exact per-goal and per-month counts, since every record is counted
// once per combination it has. Records share few distinct combinations, so
// the splitting is cheap beside the match itself.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>
#include <xapian.h>

namespace convoca::index::detail {

// The kSdgGoals value of a record's goals: "2,11,15" (ascending, each once).
std::string sdgGoalsValue(const std::set<int>& goals);

// The kDeadlineList value: the record's deadline instants (ascending, seconds
// since the epoch, comma-separated).
std::string deadlineListValue(const std::vector<int64_t>& instants);

// Records per distinct value of one slot, as Xapian's ValueCountMatchSpy
// counts them (empty values are not counted); std::less<> finds a
// std::string_view without making a string.
using ValueCounts = std::map<std::string, Xapian::doccount, std::less<>>;

// The counts a ValueCountMatchSpy gathered.
ValueCounts countsOf(const Xapian::ValueCountMatchSpy& spy);

// Goal -> records with that goal, from the counts of kSdgGoals (ascending goals).
std::map<int, Xapian::doccount> goalCounts(const ValueCounts& combinations);

// "YYYY-MM" in `zone` -> records whose next deadline at `now` falls in that
// month (chronological), from the counts of kDeadlineList. Records with no
// upcoming deadline are not counted.
std::map<std::string, Xapian::doccount> nextDeadlineMonthCounts(const ValueCounts& combinations, int64_t now,
                                                                const std::string& zone);

} // namespace convoca::index::detail
