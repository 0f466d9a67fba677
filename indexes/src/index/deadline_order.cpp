#include "deadline_order.h"

#include "convoca/index/schema.h"
#include "index_support.h"

#include <algorithm>
#include <set>
#include <string>

namespace convoca::index::detail {
namespace s = schema;
namespace {

// Above every serialised number: the records with no upcoming deadline come last.
const std::string kNoUpcomingDeadline(10, '\xff');

struct Candidate {
  RankedMatch ranked;
  std::string key; // the next deadline, serialised
  double weight;
};

Xapian::Query upcoming(Xapian::valueno slot, const std::string& now) {
  return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, now);
}

// Partition `slotIndex` of the docstring, or the no-deadline one when it is kDeadlineSlots.
Xapian::Query partition(const Xapian::Query& query, unsigned slotIndex, const std::string& now) {
  if (slotIndex == s::kDeadlineSlots)
    return Xapian::Query(Xapian::Query::OP_AND_NOT, query, upcoming(s::kLastDeadline, now));
  Xapian::Query inSlot(Xapian::Query::OP_FILTER, query, upcoming(s::kFirstDeadline + slotIndex, now));
  if (slotIndex == 0) return inSlot;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, inSlot, upcoming(s::kFirstDeadline + slotIndex - 1, now));
}

} // namespace

std::vector<RankedMatch> deadlineOrderedPage(const Xapian::Database& database, const Xapian::Query& query,
                                             int64_t now, size_t offset, size_t limit) {
  const std::string nowValue = serialiseNumber(static_cast<double>(now));
  // Each partition is collapsed on its own; a call split over two partitions
  // loses one entry in the merge, so each gives a little more than the page.
  const auto wanted = static_cast<Xapian::doccount>(2 * (offset + limit) + 10);
  std::vector<Candidate> candidates;
  for (unsigned slotIndex = 0; slotIndex <= s::kDeadlineSlots; ++slotIndex) {
    // A record has slot i only when it has slot i - 1: the first empty slot ends the deadlines.
    if (slotIndex < s::kDeadlineSlots && database.get_value_freq(s::kFirstDeadline + slotIndex) == 0)
      slotIndex = s::kDeadlineSlots;
    Xapian::Enquire enquire(database);
    enquire.set_query(partition(query, slotIndex, nowValue));
    enquire.set_collapse_key(s::kCollapseKey);
    if (slotIndex < s::kDeadlineSlots)
      enquire.set_sort_by_value_then_relevance(s::kFirstDeadline + slotIndex, /*reverse=*/false);
    const Xapian::MSet matches = enquire.get_mset(0, wanted);
    for (auto it = matches.begin(); it != matches.end(); ++it)
      candidates.push_back({{matches, it},
                            slotIndex < s::kDeadlineSlots ? it.get_sort_key() : kNoUpcomingDeadline,
                            it.get_weight()});
  }
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.weight != b.weight) return a.weight > b.weight;
    return *a.ranked.match < *b.ranked.match;
  });
  std::vector<RankedMatch> page;
  std::set<std::string> seenCalls;
  size_t position = 0;
  for (const Candidate& candidate : candidates) {
    if (!seenCalls.insert(candidate.ranked.match.get_collapse_key()).second) continue;
    if (position++ < offset) continue;
    if (page.size() == limit) break;
    page.push_back(candidate.ranked);
  }
  return page;
}

} // namespace convoca::index::detail
