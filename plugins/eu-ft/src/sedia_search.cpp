#include "sedia_search.h"

#include "budget.h"
#include "json_fields.h"
#include "portal.h"
#include "text.h"

#include <optional>

namespace euft {
namespace {

using Poco::JSON::Object;

constexpr const char* kCurrentDatasource = "SEDIA";
constexpr const char* kFaqDatasource = "SEDIA_FAQ";

std::string datasourceOf(const Object& metadata) {
  std::string datasource = firstTextOf(metadata, "DATASOURCE");
  return datasource.empty() ? firstTextOf(metadata, "datasource") : datasource;
}

// The parsed `actions` string: [{types[{typeOfAction}], plannedOpeningDate, deadlineDates[]}].
std::vector<Object::Ptr> actionsOf(const Object& metadata) {
  return objectsOf(parseEmbeddedArray(firstTextOf(metadata, "actions")));
}

// Legacy rows hold all keywords in one JSON-encoded string: ["[\"a\",\"b\"]"].
std::vector<std::string> decodedKeywords(const Object& metadata) {
  std::vector<std::string> keywords = textsOf(metadata, "keywords");
  if (keywords.size() != 1 || keywords.front().rfind('[', 0) != 0) return keywords;
  const auto decoded = parseEmbeddedArray(keywords.front());
  if (!decoded) return keywords;
  std::vector<std::string> texts;
  for (const auto& item : *decoded)
    if (item.isString()) texts.push_back(item.extract<std::string>());
  return texts;
}

// The schema requires a title: a row without one is named by its identifier.
void setTitles(CallRecord& record, const std::string& identifier, const Object& result,
               const Object& metadata) {
  record.title = collapseSpaces(firstTextOf(metadata, "title"));
  if (record.title.empty()) record.title = collapseSpaces(firstTextOf(result, "summary"));
  if (record.title.empty()) record.title = collapseSpaces(firstTextOf(result, "title"));
  if (record.title.empty()) record.title = identifier;
  record.callTitle = collapseSpaces(firstTextOf(metadata, "callTitle"));
}

void setIdentifiers(CallRecord& record, const std::string& identifier, const Object& metadata) {
  record.id = recordIdFor(identifier);
  record.callId = firstTextOf(metadata, "callIdentifier");
  if (record.kind == "topic") record.topicId = identifier;
  if (record.kind == "call" && record.callId.empty()) record.callId = identifier;
}

void setTexts(CallRecord& record, const Object& metadata, const ParseContext& context) {
  record.text = context.plainText(firstTextOf(metadata, "descriptionByte"));
  record.summary = summaryOf(record.text);
  if (record.summary.empty())
    record.summary = summaryOf(context.plainText(firstTextOf(metadata, "destinationDescription")));
}

void setProgramme(CallRecord& record, const Object& metadata, ParseContext& context) {
  if (const Programme* programme = context.programme(firstTextOf(metadata, "frameworkProgramme"))) {
    record.programme = programme->name;
    record.programmeCode = programme->code;
  }
}

void setDates(CallRecord& record, const Object& metadata, const std::vector<Object::Ptr>& actions,
              const PortalTime& time) {
  std::optional<Moment> opening = time.openingFromText(firstTextOf(metadata, "startDate"));
  std::vector<Moment> deadlines;
  for (const auto& raw : textsOf(metadata, "deadlineDate"))
    if (auto deadline = time.deadlineFromText(raw)) deadlines.push_back(*deadline);
  // Without the top-level fields, fall back to the dates (days only) inside `actions`.
  for (const auto& action : actions) {
    if (!opening) opening = time.openingFromText(firstTextOf(*action, "plannedOpeningDate"));
    if (textsOf(metadata, "deadlineDate").empty())
      for (const auto& raw : textsOf(*action, "deadlineDates"))
        if (auto deadline = time.deadlineFromText(raw)) deadlines.push_back(*deadline);
  }
  setOpening(record, opening);
  setDeadlines(record, std::move(deadlines));
}

void setActionTypes(CallRecord& record, const Object& metadata, const std::vector<Object::Ptr>& actions) {
  for (const auto& type : textsOf(metadata, "typesOfAction")) addUnique(record.actionTypes, type);
  if (!record.actionTypes.empty()) return;
  for (const auto& action : actions)
    for (const auto& type : objectsOf(arrayOf(*action, "types")))
      addUnique(record.actionTypes, firstTextOf(*type, "typeOfAction"));
}

// Keywords without the topic's and the call's own identifiers, which the
// portal lists among them.
void setVocabulary(CallRecord& record, const std::string& identifier, const Object& metadata) {
  for (const auto& keyword : decodedKeywords(metadata)) {
    const std::string clean = collapseSpaces(keyword);
    if (clean == identifier || clean == record.callId) continue;
    addUnique(record.keywords, clean);
  }
  for (const auto& tag : textsOf(metadata, "tags")) addUnique(record.tags, tag);
  for (const auto& priority : textsOf(metadata, "crossCuttingPriorities"))
    addUnique(record.priorities, priority);
}

std::optional<Candidate> candidateFromResult(const Object& result, ParseContext& context) {
  const auto metadata = objectOf(result, "metadata");
  if (!metadata) return std::nullopt;
  const std::string identifier = collapseSpaces(firstTextOf(*metadata, "identifier"));
  const std::string kind = kindOfType(firstTextOf(*metadata, "type"));
  const std::string datasource = datasourceOf(*metadata);
  if (identifier.empty() || kind.empty() || datasource == kFaqDatasource) return std::nullopt;

  Candidate candidate;
  candidate.identifier = identifier;
  candidate.rank = datasource == kCurrentDatasource ? SourceRank::Search : SourceRank::SearchLegacy;
  CallRecord& record = candidate.record;
  record.kind = kind;
  const auto actions = actionsOf(*metadata);
  setIdentifiers(record, identifier, *metadata);
  setTitles(record, identifier, result, *metadata);
  setTexts(record, *metadata, context);
  std::string url = firstTextOf(*metadata, "url");
  record.url = displayUrl(url.empty() ? firstTextOf(result, "url") : url, identifier, kind);
  setProgramme(record, *metadata, context);
  setDates(record, *metadata, actions, context.time());
  record.budgetEur = topicBudgetFromOverview(firstTextOf(*metadata, "budgetOverview"), identifier);
  setActionTypes(record, *metadata, actions);
  setVocabulary(record, identifier, *metadata);
  record.sourceStatus = statusWordOf(firstTextOf(*metadata, "status"));
  return candidate;
}

} // namespace

bool isSearchResponse(const Object& root) {
  const auto results = arrayOf(root, "results");
  if (!results) return false;
  for (const auto& item : *results) {
    if (item.type() != typeid(Object::Ptr)) return false;
    if (!objectOf(*item.extract<Object::Ptr>(), "metadata")) return false;
  }
  return true;
}

std::vector<Candidate> candidatesFromSearchResponse(const Object& root, ParseContext& context) {
  std::vector<Candidate> candidates;
  size_t skipped = 0;
  for (const auto& result : objectsOf(arrayOf(root, "results"))) {
    try {
      if (auto candidate = candidateFromResult(*result, context))
        candidates.push_back(std::move(*candidate));
      else
        ++skipped;
    } catch (const Poco::Exception& e) { // a value of an unexpected type: lose the row, not the page
      context.host().warn("skipped a search result: " + e.displayText());
    }
  }
  if (skipped > 0)
    context.host().debug("skipped " + std::to_string(skipped) +
                         " search results without an identifier or of a type not read (FAQ, updates)");
  return candidates;
}

} // namespace euft
