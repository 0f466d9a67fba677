#include "match_gates.h"

#include "../index/eligibility.h"
#include "../index/index_support.h"
#include "../index/query_builder.h"
#include "convoca/index/schema.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace convoca::index::detail {
namespace {

namespace s = schema;

Xapian::Query anyOf(std::vector<Xapian::Query> parts) {
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query hasAnyTermWithPrefix(const std::string& prefix) {
  return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix);
}

// Records stating nothing for a gate pass it ("unknown is absent", not "no").
Xapian::Query unlessUnstated(const std::string& prefix, Xapian::Query accepted) {
  return anyOf(
      {Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, hasAnyTermWithPrefix(prefix)),
       accepted});
}

Xapian::Query deadlineWithin(double from, double to) {
  std::vector<Xapian::Query> slots;
  for (unsigned i = 0; i < s::kDeadlineSlots; ++i)
    slots.emplace_back(Xapian::Query::OP_VALUE_RANGE, s::kFirstDeadline + i, serialiseNumber(from),
                       serialiseNumber(to));
  return anyOf(slots);
}

Xapian::Query hasValue(Xapian::valueno slot, double atLeast) {
  return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, serialiseNumber(atLeast));
}

// Open or forthcoming, with a deadline inside the horizon or none at all
// (a continuous call that opened, or will open).
Xapian::Query timeGate(const Profile& profile, int64_t now) {
  const Xapian::Query current =
      anyOf({statusQuery(CallStatus::Open, now), statusQuery(CallStatus::Forthcoming, now)});
  const double horizonEnd = static_cast<double>(now) + profile.horizonDays * 86400.0;
  const Xapian::Query noDeadline(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                                 hasValue(s::kLastDeadline, s::kDistantPast));
  return Xapian::Query(Xapian::Query::OP_AND, current,
                       anyOf({deadlineWithin(static_cast<double>(now), horizonEnd), noDeadline}));
}

// NUTS is hierarchical: the office in ES51 may apply where the call names
// ES, ES5, ES51 or a part of ES51 (ES511); a country alone accepts its codes.
Xapian::Query placeGate(const ProfileEligibility& eligibility) {
  std::vector<Xapian::Query> accepted;
  auto addCodeAndParents = [&accepted](const std::string& code) {
    for (size_t length = 2; length <= code.size(); ++length)
      accepted.emplace_back(booleanTerm(s::kCountry, code.substr(0, length)));
    accepted.emplace_back(Xapian::Query::OP_WILDCARD, booleanTerm(s::kCountry, code));
  };
  std::set<std::string> countriesWithRegions;
  for (const auto& region : eligibility.regions) {
    addCodeAndParents(region);
    countriesWithRegions.insert(region.substr(0, 2));
  }
  for (const auto& country : eligibility.countries)
    if (!countriesWithRegions.count(country)) addCodeAndParents(country);
  return unlessUnstated(s::kCountry, anyOf(accepted));
}

Xapian::Query entityGate(const ProfileEligibility& eligibility) {
  std::vector<Xapian::Query> accepted;
  for (const auto& type : eligibility.entityTypes)
    for (const auto& entityClass : classesAcceptedFor(type))
      accepted.emplace_back(booleanTerm(s::kEntityClass, entityClass));
  return unlessUnstated(s::kEntityClass, anyOf(accepted));
}

std::string money(double amount) {
  return std::to_string(static_cast<long long>(std::llround(amount))) + " EUR";
}

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const auto& value : values) text += (text.empty() ? "" : ", ") + value;
  return text;
}

} // namespace

bool hasTimeGate(const MatchRequest& request) {
  return request.gates && !request.profile.includeClosed;
}

Xapian::Query gateQuery(const MatchRequest& request, int64_t now, TimeGate where) {
  const Profile& profile = request.profile;
  std::vector<Xapian::Query> gates{Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                                                 Xapian::Query(booleanTerm(s::kKind, "document")))};
  if (!profile.includeClosed && where == TimeGate::InQuery) gates.push_back(timeGate(profile, now));
  if (!profile.programmes.empty()) {
    std::vector<Xapian::Query> programmes;
    for (const auto& code : profile.programmes) programmes.emplace_back(booleanTerm(s::kProgramme, code));
    gates.push_back(anyOf(programmes));
  }
  if (profile.budget && profile.budget->min)
    gates.push_back(
        anyOf({Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, hasValue(s::kBudgetEur, 0)),
               hasValue(s::kBudgetEur, *profile.budget->min)}));
  if (!profile.eligibility.entityTypes.empty()) gates.push_back(entityGate(profile.eligibility));
  if (!profile.eligibility.countries.empty() || !profile.eligibility.regions.empty())
    gates.push_back(placeGate(profile.eligibility));
  Xapian::Query passing(Xapian::Query::OP_AND, gates.begin(), gates.end());
  std::vector<Xapian::Query> excluded;
  for (const auto& id : request.feedback.notRelevant) excluded.emplace_back(uniqueTerm(id));
  for (const auto& code : request.feedback.mutedProgrammes)
    excluded.emplace_back(booleanTerm(s::kProgramme, code));
  if (excluded.empty()) return passing;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, passing, anyOf(excluded));
}

TimeGateDecider::TimeGateDecider(const Profile& profile, int64_t now)
    : now_(serialiseNumber(static_cast<double>(now))),
      afterNow_(serialiseNumber(static_cast<double>(now) + 1)),
      horizonEnd_(serialiseNumber(static_cast<double>(now) + profile.horizonDays * 86400.0)),
      distantPast_(serialiseNumber(s::kDistantPast)) {}

// timeGate() on values: an empty value is no value, as in Xapian's value range queries.
bool TimeGateDecider::operator()(const Xapian::Document& document) const {
  const std::string from = document.get_value(s::kOpenFrom);
  const std::string until = document.get_value(s::kOpenUntil);
  const bool forthcoming = !from.empty() && from >= afterNow_;
  const bool open = !from.empty() && from <= now_ && !until.empty() && until >= now_;
  if (!forthcoming && !open) return false;
  const std::string last = document.get_value(s::kLastDeadline);
  if (last.empty() || last < distantPast_) return true; // no deadline stated
  for (unsigned i = 0; i < s::kDeadlineSlots; ++i) {
    const std::string deadline = document.get_value(s::kFirstDeadline + i);
    if (!deadline.empty() && deadline >= now_ && deadline <= horizonEnd_) return true;
  }
  return false;
}

std::vector<PassedGate> explainGates(const Hit& hit, const MatchRequest& request) {
  const Profile& profile = request.profile;
  const Record& record = hit.record;
  std::vector<PassedGate> gates;
  if (profile.includeClosed) {
    gates.push_back({"status", hit.status + " (the profile includes closed calls)"});
  } else {
    gates.push_back({"status", hit.status == "forthcoming" && record.opening
                                   ? "forthcoming, opens " + *record.opening
                                   : hit.status});
    gates.push_back({"horizon", hit.nextDeadline ? "next deadline " + *hit.nextDeadline + " within " +
                                                       std::to_string(profile.horizonDays) + " days"
                                                 : "no deadline stated (continuous call)"});
  }
  gates.push_back(
      {"programme", profile.programmes.empty()
                        ? "any programme (the profile names none)"
                        : (record.programmeCode.empty() ? std::string("?") : record.programmeCode) +
                              " is one of " + joined(profile.programmes)});
  if (profile.budget && profile.budget->min)
    gates.push_back({"budget", record.budget && record.budget->currency == "EUR"
                                   ? money(record.budget->amount) + " >= " + money(*profile.budget->min)
                                   : "budget not stated in EUR by the source"});
  if (!profile.eligibility.entityTypes.empty())
    gates.push_back({"entity", record.eligibleEntities.empty()
                                   ? "eligible entities not stated by the source"
                                   : "eligible: " + joined(record.eligibleEntities)});
  if (!profile.eligibility.countries.empty() || !profile.eligibility.regions.empty())
    gates.push_back({"place", record.eligibleCountries.empty()
                                  ? "eligible places not stated by the source"
                                  : "eligible places: " + joined(record.eligibleCountries)});
  if (!request.feedback.notRelevant.empty() || !request.feedback.mutedProgrammes.empty())
    gates.push_back({"feedback", "not dismissed, programme not muted"});
  return gates;
}

} // namespace convoca::index::detail
