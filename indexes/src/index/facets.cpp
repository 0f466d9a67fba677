#include "facets.h"

#include "convoca/index/schema.h"
#include "convoca/index/timeutil.h"
#include "index_support.h"
#include "query_builder.h"

#include <algorithm>

namespace convoca::index::detail {

FacetSpies::FacetSpies(int64_t now, bool countStatus)
    : sdg_(std::make_unique<Xapian::ValueCountMatchSpy>(schema::kSdgGoals)),
      deadlines_(std::make_unique<Xapian::ValueCountMatchSpy>(schema::kDeadlineList)),
      status_(countStatus ? std::make_unique<StatusCountSpy>(now) : nullptr), now_(now) {
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
  if (status_) enquire.add_matchspy(status_.get());
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
  if (status_) facets["status"] = status_->values();
}

StatusCountSpy::StatusCountSpy(int64_t now)
    : nowValue_(serialiseNumber(static_cast<double>(now))),
      afterNowValue_(serialiseNumber(static_cast<double>(now) + 1)),
      beforeNowValue_(serialiseNumber(static_cast<double>(now) - 1)),
      distantFutureValue_(serialiseNumber(schema::kDistantFuture)) {}

void StatusCountSpy::operator()(const Xapian::Document& document, double) {
  // An empty value is no value, as in Xapian's value range queries.
  const std::string from = document.get_value(schema::kOpenFrom);
  const std::string until = document.get_value(schema::kOpenUntil);
  const bool hasFrom = !from.empty();
  const bool hasUntil = !until.empty();
  if (hasFrom && from >= afterNowValue_) ++forthcoming_;
  if (hasFrom && from <= nowValue_ && hasUntil && until >= nowValue_) ++open_;
  if (hasFrom && from <= nowValue_ && hasUntil && until <= beforeNowValue_) ++closed_;
  if (!(hasFrom && from <= distantFutureValue_)) ++unknown_;
}

std::vector<FacetValue> StatusCountSpy::values() const {
  std::vector<FacetValue> values{{statusName(CallStatus::Open), open_},
                                 {statusName(CallStatus::Forthcoming), forthcoming_},
                                 {statusName(CallStatus::Closed), closed_}};
  if (unknown_ > 0) values.push_back({statusName(CallStatus::Unknown), unknown_});
  return values;
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
