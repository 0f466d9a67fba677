// The hard gates of matching, as a Xapian filter applied before ranking (and
// the time gate as a MatchDecider), and the evidence each passed gate shows in
// a match's explanation.
#pragma once

#include "convoca/index/matcher.h"

#include <cstdint>
#include <string>
#include <vector>
#include <xapian.h>

namespace convoca::index::detail {

// Where the time gate is applied.
enum class TimeGate {
  InQuery, // in gateQuery(): a value-range filter every matching document goes through
  Decider, // left to a TimeGateDecider
};

// Calls (not documents) that pass every gate of the request at `now`:
// status open or forthcoming and next deadline within the horizon (unless the
// profile includes closed calls; with TimeGate::Decider this part is left
// out), programme, budget, eligible entities and places (a source that
// states none passes), feedback exclusions.
Xapian::Query gateQuery(const MatchRequest& request, int64_t now, TimeGate timeGate);

// Whether the request has a time gate at all.
bool hasTimeGate(const MatchRequest& request);

// The time gate of gateQuery() tested on one document's values. Xapian calls a
// decider only for a document whose weight would place it in the result so far,
// where the value-range filter reads the values of every document the profile's
// words match (at 100k records, a third of a profile's matching time). Remote
// databases cannot run it (UnimplementedError): the matcher then puts the gate
// back in the query. Must agree with the query; the shards test compares the two.
class TimeGateDecider : public Xapian::MatchDecider {
public:
  TimeGateDecider(const Profile& profile, int64_t now);
  bool operator()(const Xapian::Document& document) const override;

private:
  std::string now_;         // open from at most, open until at least; a deadline at least
  std::string afterNow_;    // forthcoming: open from at least
  std::string horizonEnd_;  // a deadline at most
  std::string distantPast_; // a last deadline below it is none
};

// What each gate saw in this hit (which passed them all).
std::vector<PassedGate> explainGates(const Hit& hit, const MatchRequest& request);

} // namespace convoca::index::detail
