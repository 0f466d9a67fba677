#include "grants_tenders.h"

#include "json_fields.h"
#include "portal.h"
#include "text.h"

#include <cctype>

namespace euft {
namespace {

using Poco::JSON::Object;

// frameworkProgramme is {id, abbreviation, description}: the table decides by
// id; for an id it lacks, the object's own description is the best name.
void setProgramme(CallRecord& record, const Object& object, ParseContext& context) {
  const auto framework = objectOf(object, "frameworkProgramme");
  if (!framework) return;
  const std::string id = firstTextOf(*framework, "id");
  if (const Programme* programme = programmeByCode(id)) {
    record.programme = programme->name;
    record.programmeCode = programme->code;
    return;
  }
  record.programme = collapseSpaces(firstTextOf(*framework, "description"));
  record.programmeCode = collapseSpaces(firstTextOf(*framework, "abbreviation"));
  if (record.programme.empty()) context.programme(id); // logs the unknown code once
}

// Grants carry midnight-UTC days; tenders carry real instants.
EpochMeaning epochMeaningFor(const std::string& kind) {
  return kind == "tender" ? EpochMeaning::Instant : EpochMeaning::MidnightUtcIsDate;
}

void addEpochDeadlines(std::vector<Moment>& deadlines, const std::vector<std::string>& values,
                       EpochMeaning meaning, const PortalTime& time) {
  for (const auto& value : values)
    if (auto ms = integerFrom(value))
      if (auto deadline = time.deadlineFromEpoch(*ms, meaning)) deadlines.push_back(*deadline);
}

void setDates(CallRecord& record, const Object& object, const PortalTime& time) {
  const EpochMeaning meaning = epochMeaningFor(record.kind);
  // A tender is open from its publication; a grant from its planned opening.
  const char* openingField = record.kind == "tender" ? "publicationDateLong" : "plannedOpeningDateLong";
  std::optional<Moment> opening;
  if (auto ms = integerFrom(firstTextOf(object, openingField)))
    opening = time.openingFromEpoch(*ms, EpochMeaning::MidnightUtcIsDate);
  setOpening(record, opening);

  std::vector<Moment> deadlines;
  addEpochDeadlines(deadlines, textsOf(object, "deadlineDatesLong"), meaning, time);
  if (deadlines.empty())
    for (const auto& action : objectsOf(arrayOf(object, "actions")))
      addEpochDeadlines(deadlines, textsOf(*action, "deadlineDates"), meaning, time);
  setDeadlines(record, std::move(deadlines));
}

// Grants have no description in the dump; their "latest information" notes
// (HTML) are the only text the portal gives about them.
std::string latestInfoText(const Object& object, const ParseContext& context) {
  std::string text;
  for (const auto& info : objectsOf(arrayOf(object, "latestInfos"))) {
    const std::string note = context.plainText(firstTextOf(*info, "content"));
    if (note.empty()) continue;
    if (!text.empty()) text += "\n\n";
    text += note;
  }
  return text;
}

void setTexts(CallRecord& record, const Object& object, const ParseContext& context) {
  if (record.kind == "tender") {
    // descriptionTender is plain text already; an HTML pass would eat "<" and "&".
    record.text = collapseSpaces(firstTextOf(object, "descriptionTender"));
    record.summary = summaryOf(record.text);
  } else {
    record.text = latestInfoText(object, context);
  }
}

void setActionTypes(CallRecord& record, const Object& object) {
  for (const auto& action : objectsOf(arrayOf(object, "actions")))
    for (const auto& type : objectsOf(arrayOf(*action, "types")))
      addUnique(record.actionTypes, firstTextOf(*type, "typeOfAction"));
}

void setVocabulary(CallRecord& record, const std::string& identifier, const Object& object) {
  for (const auto& keyword : textsOf(object, "keywords")) {
    const std::string clean = collapseSpaces(keyword);
    if (clean == identifier || clean == record.callId) continue;
    addUnique(record.keywords, clean);
  }
  for (const auto& tag : textsOf(object, "tags")) addUnique(record.tags, tag);
}

// placesOfDeliveryOrPerformance mixes ISO country codes ("RS") with NUTS codes
// ("BE10", "BE100"); only the two-letter country codes are kept.
void setCountries(CallRecord& record, const Object& object) {
  for (const auto& place : textsOf(object, "placesOfDeliveryOrPerformance")) {
    const std::string code = collapseSpaces(place);
    const bool isCountry = code.size() == 2 && std::isupper(static_cast<unsigned char>(code[0])) &&
                           std::isupper(static_cast<unsigned char>(code[1]));
    if (isCountry) addUnique(record.eligibleCountries, code);
  }
}

} // namespace

std::optional<Candidate> candidateFromGrantTender(const Object& object, ParseContext& context) {
  const std::string identifier = collapseSpaces(firstTextOf(object, "identifier"));
  const std::string kind = kindOfType(firstTextOf(object, "type"));
  if (identifier.empty() || kind.empty()) return std::nullopt;

  Candidate candidate;
  candidate.identifier = identifier;
  candidate.rank = SourceRank::Dump;
  CallRecord& record = candidate.record;
  record.kind = kind;
  record.id = recordIdFor(identifier);
  record.title = collapseSpaces(firstTextOf(object, "title"));
  if (record.title.empty()) record.title = identifier; // the schema requires a title
  record.callId = firstTextOf(object, "callIdentifier");
  record.callTitle = collapseSpaces(firstTextOf(object, "callTitle"));
  if (kind == "topic") record.topicId = identifier;
  if (kind == "call" && record.callId.empty()) record.callId = identifier;
  record.url = displayUrl(firstTextOf(object, "url"), identifier, kind);
  setTexts(record, object, context);
  setProgramme(record, object, context);
  setDates(record, object, context.time());
  setActionTypes(record, object);
  setVocabulary(record, identifier, object);
  setCountries(record, object);
  if (const auto status = objectOf(object, "status"))
    record.sourceStatus = statusWordOf(firstTextOf(*status, "id"));
  return candidate;
}

} // namespace euft
