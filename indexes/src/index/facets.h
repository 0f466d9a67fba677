// Facet counts over the whole filtered result set: value-count match spies on
// the facet slots and on the SDG and deadline combinations (facet_values.h), and one
// count query per status (status is never stored).
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

class FacetSpies {
public:
  // `now` decides which deadline is each record's next one.
  explicit FacetSpies(int64_t now);
  // The spies must outlive the get_mset() call of `enquire`.
  void attachTo(Xapian::Enquire& enquire) const;
  // "source", "programme", "language", "kind" -> values by count, highest first;
  // "sdg" -> goals by number; "deadline_month" -> YYYY-MM (Europe/Madrid), chronological.
  void collectInto(std::map<std::string, std::vector<FacetValue>>& facets) const;

private:
  std::vector<std::pair<std::string, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> sdg_;
  std::unique_ptr<Xapian::ValueCountMatchSpy> deadlines_;
  int64_t now_;
};

// How many records matching `query` are forthcoming, open, closed (and unknown) at `now`.
std::vector<FacetValue> statusFacet(const Xapian::Database& database, const Xapian::Query& query,
                                    int64_t now);

} // namespace convoca::index::detail
