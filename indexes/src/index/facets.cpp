#include "facets.h"

#include "convoca/index/schema.h"
#include "convoca/index/timeutil.h"
#include "query_builder.h"

#include <algorithm>

namespace convoca::index::detail {

FacetSpies::FacetSpies(int64_t now)
    : sdg_(std::make_unique<Xapian::ValueCountMatchSpy>(schema::kSdgGoals)),
      deadlines_(std::make_unique<Xapian::ValueCountMatchSpy>(schema::kDeadlineList)), now_(now) {
  const std::pair<const char*, Xapian::valueno> facetSlots[] = {{"source", schema::kFacetSource},
                                                                {"programme", schema::kFacetProgramme},
                                                                {"language", schema::kFacetLanguage},
                                                                {"kind", schema::kFacetKind}};
  for (const auto& [name, slot] : facetSlots)
    spies_.emplace_back(name, std::make_unique<Xapian::ValueCountMatchSpy>(slot));
}

void FacetSpies::attachTo(Xapian::Enquire& enquire) const {
  for (const auto& [name, spy] : spies_) enquire.add_matchspy(spy.get());
  enquire.add_matchspy(sdg_.get());
  enquire.add_matchspy(deadlines_.get());
}

void FacetSpies::collectInto(std::map<std::string, std::vector<FacetValue>>& facets) const {
  for (const auto& [name, spy] : spies_) {
    std::vector<FacetValue>& values = facets[name];
    for (auto it = spy->values_begin(); it != spy->values_end(); ++it)
      values.push_back(FacetValue{*it, static_cast<size_t>(it.get_termfreq())});
    std::stable_sort(values.begin(), values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  }
  // Both maps are already in their display order: goal numbers, then months.
  std::vector<FacetValue>& goals = facets["sdg"];
  for (const auto& [goal, count] : goalCounts(*sdg_))
    goals.push_back(FacetValue{std::to_string(goal), count});
  std::vector<FacetValue>& months = facets["deadline_month"];
  for (const auto& [month, count] : nextDeadlineMonthCounts(*deadlines_, now_, timeutil::kHomeZone))
    months.push_back(FacetValue{month, count});
}

std::vector<FacetValue> statusFacet(const Xapian::Database& database, const Xapian::Query& query,
                                    int64_t now) {
  std::vector<FacetValue> values;
  for (CallStatus status :
       {CallStatus::Open, CallStatus::Forthcoming, CallStatus::Closed, CallStatus::Unknown}) {
    Xapian::Enquire enquire(database);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, statusQuery(status, now)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // Asking for no documents but checking all of them gives an exact count.
    const Xapian::MSet counted = enquire.get_mset(0, 0, database.get_doccount());
    const size_t count = counted.get_matches_estimated();
    if (count > 0 || status != CallStatus::Unknown) values.push_back(FacetValue{statusName(status), count});
  }
  return values;
}

} // namespace convoca::index::detail
