// Facet counts over the whole filtered result set: on a local database one
// spy reading each record's packed facet value (facet_pack.h), which also
// classifies the record's status at the query's moment (status is never
// stored); on remote shards, Xapian's value-count spies on the facet slots and
// on the SDG and deadline combinations (facet_values.h), and one count query
// per status.
#pragma once

#include "convoca/index/searcher.h"
#include "facet_pack.h"
#include "facet_values.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

namespace convoca::index::detail {

// Counts forthcoming, open, closed and unknown records by the value
// comparisons statusQuery() makes (query_builder.cpp), so a count always
// equals what the status filter finds.
class StatusCounter {
public:
  explicit StatusCounter(int64_t now);
  // `from`, `until`: the record's kOpenFrom and kOpenUntil values ("" = none).
  void count(std::string_view from, std::string_view until);
  // Open, forthcoming, closed always; unknown when any.
  std::vector<FacetValue> values() const;

private:
  std::string nowValue_;       // serialised now: open from at most, open until at least
  std::string afterNowValue_;  // now + 1 s: forthcoming from at least
  std::string beforeNowValue_; // now - 1 s: closed until at most
  std::string distantFutureValue_;
  size_t open_ = 0, forthcoming_ = 0, closed_ = 0, unknown_ = 0;
};

// Every facet of the main match from one value per record, kFacetPack
// (facet_pack.h), the status included: one pass instead of four count
// queries. A custom spy cannot cross the stock xapian-tcpsrv (it has no name
// to serialise: get_mset throws Xapian::UnimplementedError), so remote shards
// count with Xapian's own spies and statusFacet().
class FacetPackSpy : public Xapian::MatchSpy {
public:
  explicit FacetPackSpy(int64_t now);
  // last_ points into this spy's own maps: a copy would point into another's.
  FacetPackSpy(const FacetPackSpy&) = delete;
  FacetPackSpy& operator=(const FacetPackSpy&) = delete;
  void operator()(const Xapian::Document& document, double weight) override;
  // Records per value of a packed slot other than OpenFrom and OpenUntil.
  const ValueCounts& counts(PackedFacet field) const { return counts_[static_cast<size_t>(field)]; }
  const StatusCounter& statuses() const { return statuses_; }

private:
  void count(size_t field, std::string_view value);

  std::array<ValueCounts, static_cast<size_t>(PackedFacet::OpenFrom)> counts_;
  // Each facet's entry counted last: neighbouring documents (one source's
  // records arrive together) often share a value, and a comparison with it is
  // cheaper than a search of the map (std::map iterators survive inserts).
  std::array<ValueCounts::iterator, static_cast<size_t>(PackedFacet::OpenFrom)> last_;
  StatusCounter statuses_;
};

class FacetSpies {
public:
  // `now` decides which deadline is each record's next one, and each record's
  // status when `local` (local databases only: FacetPackSpy; otherwise one
  // ValueCountMatchSpy per slot, which the remote backend can rebuild).
  FacetSpies(int64_t now, bool local);
  // Whether collectInto() gives "status"; if not, ask statusFacet().
  bool countsStatus() const { return packed_ != nullptr; }
  // The spies must outlive the get_mset() call of `enquire`.
  void attachTo(Xapian::Enquire& enquire) const;
  // "source", "programme", "language", "kind" -> values by count, highest first;
  // "sdg" -> goals by number; "deadline_month" -> YYYY-MM (Europe/Madrid), chronological;
  // "status" -> open, forthcoming, closed, unknown (when countsStatus()).
  void collectInto(std::map<std::string, std::vector<FacetValue>>& facets) const;

private:
  // The counts of a packed slot, from whichever spy counted it (`scratch`
  // holds them when Xapian's spy did).
  const ValueCounts& countsOf(PackedFacet field, ValueCounts& scratch) const;

  std::unique_ptr<FacetPackSpy> packed_;
  std::map<PackedFacet, std::unique_ptr<Xapian::ValueCountMatchSpy>> perSlot_;
  int64_t now_;
};

// How many records matching `query` are forthcoming, open, closed (and unknown) at `now`.
std::vector<FacetValue> statusFacet(const Xapian::Database& database, const Xapian::Query& query,
                                    int64_t now);

} // namespace convoca::index::detail
