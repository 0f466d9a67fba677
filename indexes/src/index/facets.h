// Facet counts over the whole filtered result set: value-count match spies on
// the facet slots and on the SDG and deadline combinations (facet_values.h), and
// a spy classifying each record's status at the query's moment (status is never
// stored); on remote shards, one count query per status instead.
#pragma once

#include "convoca/index/searcher.h"
#include "facet_values.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <xapian.h>

namespace convoca::index::detail {

// Counts forthcoming, open, closed and unknown records in the main match, by
// the value comparisons statusQuery() makes (query_builder.cpp): one pass
// instead of four count queries. A custom spy cannot cross the stock
// xapian-tcpsrv (it has no name to serialise: get_mset throws
// Xapian::UnimplementedError), so remote shards use statusFacet().
class StatusCountSpy : public Xapian::MatchSpy {
public:
  explicit StatusCountSpy(int64_t now);
  void operator()(const Xapian::Document& document, double weight) override;
  // Open, forthcoming, closed always; unknown when any.
  std::vector<FacetValue> values() const;

private:
  std::string nowValue_;       // serialised now: open from at most, open until at least
  std::string afterNowValue_;  // now + 1 s: forthcoming from at least
  std::string beforeNowValue_; // now - 1 s: closed until at most
  std::string distantFutureValue_;
  size_t open_ = 0, forthcoming_ = 0, closed_ = 0, unknown_ = 0;
};

class FacetSpies {
public:
  // `now` decides which deadline is each record's next one, and each record's
  // status when `countStatus` (local databases only: StatusCountSpy).
  FacetSpies(int64_t now, bool countStatus);
  // Whether collectInto() gives "status"; if not, ask statusFacet().
  bool countsStatus() const { return status_ != nullptr; }
  // The spies must outlive the get_mset() call of `enquire`.
  void attachTo(Xapian::Enquire& enquire) const;
  // "source", "programme", "language", "kind" -> values by count, highest first;
  // "sdg" -> goals by number; "deadline_month" -> YYYY-MM (Europe/Madrid), chronological;
  // "status" -> open, forthcoming, closed, unknown (when countsStatus()).
  void collectInto(std::map<std::string, std::vector<FacetValue>>& facets) const;

private:
  std::vector<std::pair<std::string, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> sdg_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> deadlines_;
  std::unique_ptr<StatusCountSpy> status_;
  int64_t now_;
};

// How many records matching `query` are forthcoming, open, closed (and unknown) at `now`.
std::vector<FacetValue> statusFacet(const Xapian::Database& database, const Xapian::Query& query,
                                    int64_t now);

} // namespace convoca::index::detail
