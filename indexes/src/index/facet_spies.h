// The facets a ValueCountMatchSpy cannot count: "sdg" (several goals per
// record, in one slot) and "deadline_month" (depends on the request's now).
//
// A ValueCountMatchSpy counts one value per document, and 17 extra count
// queries (one per goal, as statusFacet does for 4 statuses) would each run
// the whole match again; one spy reading one slot per matched record does not.
//
// Both are full Xapian::MatchSpy subclasses with name(), clone(), serialise(),
// unserialise(), serialise_results() and merge_results(), so they work through
// Xapian's remote backend: the server rebuilds them from a Registry filled by
// registerFacetSpies() and the local spy merges what each server counted.
// Counts travel as decimal text ("11:4,13:2"), the same on every platform.
// The stock xapian-tcpsrv knows only Xapian's own spies: a convoca search
// server (issue 6) must register these in the registry it serves with.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <xapian.h>

namespace convoca::index::detail {

// The kSdgGoals value of a record's goals: "2,11,15" (ascending, each once).
std::string sdgGoalsValue(const std::set<int>& goals);

// Counts each matched record once per goal of its kSdgGoals slot.
class SdgGoalSpy : public Xapian::MatchSpy {
public:
  explicit SdgGoalSpy(Xapian::valueno slot);

  void operator()(const Xapian::Document& document, double weight) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override;
  std::string serialise() const override;
  Xapian::MatchSpy* unserialise(const std::string& serialised,
                                const Xapian::Registry& context) const override;
  std::string serialise_results() const override;
  void merge_results(const std::string& serialised) override;
  std::string get_description() const override;

  // Goal -> matched records with that goal (goals with none are absent).
  const std::map<int64_t, Xapian::doccount>& counts() const { return counts_; }

private:
  Xapian::valueno slot_;
  std::map<int64_t, Xapian::doccount> counts_;
};

// Counts matched records by their next deadline at `now`: the first of the
// deadline slots (ascending, kFirstDeadline on) at or after now. Records with
// no upcoming deadline are not counted. It counts instants, not months: many
// records share a deadline, so turning instants into Madrid months once per
// distinct instant afterwards (monthCounts) is cheaper than once per record,
// and the spy itself needs no time zone data on a remote server.
class NextDeadlineSpy : public Xapian::MatchSpy {
public:
  NextDeadlineSpy(Xapian::valueno firstSlot, unsigned slotCount, int64_t now);

  void operator()(const Xapian::Document& document, double weight) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override;
  std::string serialise() const override;
  Xapian::MatchSpy* unserialise(const std::string& serialised,
                                const Xapian::Registry& context) const override;
  std::string serialise_results() const override;
  void merge_results(const std::string& serialised) override;
  std::string get_description() const override;

  // "YYYY-MM" in `zone` -> records whose next deadline falls in that month,
  // chronological (the keys sort as dates).
  std::map<std::string, Xapian::doccount> monthCounts(const std::string& zone) const;

private:
  Xapian::valueno firstSlot_;
  unsigned slotCount_;
  int64_t now_;
  std::map<int64_t, Xapian::doccount> counts_; // next deadline instant -> records
};

// Makes the spies above known to a Registry, e.g. the one a remote server
// (issue 6) unserialises match spies with.
void registerFacetSpies(Xapian::Registry& registry);

} // namespace convoca::index::detail
