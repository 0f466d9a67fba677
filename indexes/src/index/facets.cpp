#include "facets.h"

#include "convoca/index/schema.h"
#include "convoca/index/timeutil.h"
#include "index_support.h"
#include "query_builder.h"

#include <algorithm>

namespace convoca::index::detail {

namespace {

// The facets counted by value, with the name the search result gives each.
constexpr std::pair<const char*, PackedFacet> kValueFacets[] = {{"source", PackedFacet::Source},
                                                                {"programme", PackedFacet::Programme},
                                                                {"language", PackedFacet::Language},
                                                                {"kind", PackedFacet::Kind}};

} // namespace

StatusCounter::StatusCounter(int64_t now)
    : nowValue_(serialiseNumber(static_cast<double>(now))),
      afterNowValue_(serialiseNumber(static_cast<double>(now) + 1)),
      beforeNowValue_(serialiseNumber(static_cast<double>(now) - 1)),
      distantFutureValue_(serialiseNumber(schema::kDistantFuture)) {}

void StatusCounter::count(std::string_view from, std::string_view until) {
  // An empty value is no value, as in Xapian's value range queries.
  const bool hasFrom = !from.empty();
  const bool hasUntil = !until.empty();
  if (hasFrom && from >= afterNowValue_) ++forthcoming_;
  if (hasFrom && from <= nowValue_ && hasUntil && until >= nowValue_) ++open_;
  if (hasFrom && from <= nowValue_ && hasUntil && until <= beforeNowValue_) ++closed_;
  if (!(hasFrom && from <= distantFutureValue_)) ++unknown_;
}

std::vector<FacetValue> StatusCounter::values() const {
  std::vector<FacetValue> values{{statusName(CallStatus::Open), open_},
                                 {statusName(CallStatus::Forthcoming), forthcoming_},
                                 {statusName(CallStatus::Closed), closed_}};
  if (unknown_ > 0) values.push_back({statusName(CallStatus::Unknown), unknown_});
  return values;
}

FacetPackSpy::FacetPackSpy(int64_t now) : statuses_(now) {
  for (size_t field = 0; field < counts_.size(); ++field) last_[field] = counts_[field].end();
}

void FacetPackSpy::operator()(const Xapian::Document& document, double) {
  const std::string packed = document.get_value(schema::kFacetPack);
  const std::optional<FacetPackFields> fields = unpackFacets(packed);
  if (!fields) return; // every document of this schema has one
  for (size_t i = 0; i < counts_.size(); ++i) count(i, (*fields)[i]);
  statuses_.count((*fields)[static_cast<size_t>(PackedFacet::OpenFrom)],
                  (*fields)[static_cast<size_t>(PackedFacet::OpenUntil)]);
}

void FacetPackSpy::count(size_t field, std::string_view value) {
  if (value.empty()) return; // as ValueCountMatchSpy: an empty value is no value
  ValueCounts& counts = counts_[field];
  ValueCounts::iterator& last = last_[field];
  if (last == counts.end() || last->first != value) {
    last = counts.find(value);
    if (last == counts.end()) last = counts.emplace(std::string(value), 0).first;
  }
  ++last->second;
}

FacetSpies::FacetSpies(int64_t now, bool local) : now_(now) {
  if (local) {
    packed_ = std::make_unique<FacetPackSpy>(now);
    return;
  }
  for (PackedFacet field : {PackedFacet::Source, PackedFacet::Programme, PackedFacet::Language,
                            PackedFacet::Kind, PackedFacet::SdgGoals, PackedFacet::DeadlineList})
    perSlot_.emplace(field, std::make_unique<Xapian::ValueCountMatchSpy>(slotOf(field)));
}

void FacetSpies::attachTo(Xapian::Enquire& enquire) const {
  if (packed_) enquire.add_matchspy(packed_.get());
  for (const auto& [field, spy] : perSlot_) enquire.add_matchspy(spy.get());
}

const ValueCounts& FacetSpies::countsOf(PackedFacet field, ValueCounts& scratch) const {
  if (packed_) return packed_->counts(field);
  scratch = detail::countsOf(*perSlot_.at(field));
  return scratch;
}

void FacetSpies::collectInto(std::map<std::string, std::vector<FacetValue>>& facets) const {
  ValueCounts scratch;
  for (const auto& [name, field] : kValueFacets) {
    std::vector<FacetValue>& values = facets[name];
    for (const auto& [value, count] : countsOf(field, scratch)) values.push_back(FacetValue{value, count});
    std::stable_sort(values.begin(), values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  }
  // Both maps are already in their display order: goal numbers, then months.
  std::vector<FacetValue>& goals = facets["sdg"];
  for (const auto& [goal, count] : goalCounts(countsOf(PackedFacet::SdgGoals, scratch)))
    goals.push_back(FacetValue{std::to_string(goal), count});
  std::vector<FacetValue>& months = facets["deadline_month"];
  for (const auto& [month, count] :
       nextDeadlineMonthCounts(countsOf(PackedFacet::DeadlineList, scratch), now_, timeutil::kHomeZone))
    months.push_back(FacetValue{month, count});
  if (packed_) facets["status"] = packed_->statuses().values();
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
