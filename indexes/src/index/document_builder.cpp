#include "document_builder.h"

#include "convoca/index/schema.h"
#include "convoca/index/timeutil.h"
#include "eligibility.h"
#include "facet_pack.h"
#include "facet_values.h"
#include "index_support.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace convoca::index::detail {
namespace {

namespace s = schema;

// omindex's habits: the title weighs five times the body; a gap of 100
// positions keeps phrases from matching across two fields.
constexpr Xapian::termcount kTitleWeight = 5;
constexpr Xapian::termcount kKeywordWeight = 2;
constexpr Xapian::termcount kFieldGap = 100;

void addBooleanTerms(Xapian::Document& document, const char* prefix, const std::vector<std::string>& values) {
  for (const auto& value : values)
    if (!value.empty()) document.add_boolean_term(booleanTerm(prefix, value));
}

void addBooleanTerm(Xapian::Document& document, const char* prefix, const std::string& value) {
  if (!value.empty()) document.add_boolean_term(booleanTerm(prefix, value));
}

void addFilterTerms(Xapian::Document& document, const Record& record) {
  document.add_boolean_term(uniqueTerm(record.id));
  addBooleanTerm(document, s::kSource, record.source);
  addBooleanTerm(document, s::kKind, record.kind);
  addBooleanTerm(document, s::kLanguage, record.language);
  addBooleanTerm(document, s::kProgramme, record.programmeCode);
  addBooleanTerm(document, s::kCallId, record.callId);
  addBooleanTerm(document, s::kTopicId, record.topicId);
  // A URL's path is case-sensitive: kept verbatim, unlike the other values.
  if (!record.url.empty()) document.add_boolean_term(boundedTerm(s::kUrl, record.url));
  for (int goal : record.sdgs) document.add_boolean_term(s::kSdgGiven + std::to_string(goal));
  addBooleanTerms(document, s::kKeyword, record.keywords);
  addBooleanTerms(document, s::kTag, record.tags);
  addBooleanTerms(document, s::kPriority, record.priorities);
  addBooleanTerms(document, s::kActionType, record.actionTypes);
  addBooleanTerms(document, s::kCountry, record.eligibleCountries);
  addBooleanTerms(document, s::kEntityType, record.eligibleEntities);
}

// Free text stemmed with the record's language (STEM_SOME keeps the exact
// words too, so other languages' queries still match them unstemmed).
void addText(Xapian::Document& document, const Record& record) {
  Xapian::TermGenerator generator;
  const std::string& language = record.analysis.language.empty() ? record.language : record.analysis.language;
  generator.set_stemmer(stemmerFor(language));
  // Stopwords keep their exact term (phrases still match) but get no stem:
  // a query word never ranks a call because both say "de la".
  generator.set_stopper(stopperFor(language));
  generator.set_document(document);
  auto field = [&generator](const std::string& text, Xapian::termcount weight, const char* prefix) {
    if (text.empty()) return;
    const std::string words = splitElisions(text);
    if (*prefix) generator.index_text(words, 1, prefix);
    generator.index_text(words, weight);
    generator.increase_termpos(kFieldGap);
  };
  field(record.title, kTitleWeight, s::kTitle);
  field(record.summary, 1, s::kSummary);
  field(record.text, 1, "");
  field(record.documentsText, 1, ""); // the linked documents: a call matches on them too
  for (const auto& keyword : record.keywords) field(keyword, kKeywordWeight, "");
  // Identifiers and programme names as words too: "GOVERNANCE" or a pasted
  // "HORIZON-CL6-2026-04-GOVERNANCE-01" (a phrase to the query parser) find the call.
  for (const std::string* text :
       {&record.programme, &record.programmeCode, &record.callId, &record.callTitle, &record.topicId})
    field(*text, 1, "");
  // The machine-translated English form, stemmed as English: a Catalan
  // profile's translation and an English query meet Catalan calls here.
  if (!record.analysis.english.empty()) {
    generator.set_stemmer(stemmerFor("en"));
    generator.set_stopper(stopperFor("en"));
    field(record.analysis.english, 1, "");
  }
}

// Concepts weigh by how often the text names them; SDG tags by their score
// (0.2..1 -> wdf 2..10) so a strong tag ranks above a weak one.
void addAnalysisTerms(Xapian::Document& document, const Record& record) {
  for (const auto& conceptId : record.analysis.concepts)
    document.add_term(booleanTerm(s::kConcept, conceptId), 1);
  for (const auto& tag : record.analysis.sdgTags)
    document.add_term(s::kSdgTagged + std::to_string(tag.goal),
                      static_cast<Xapian::termcount>(std::max(1.0, tag.score * 10)));
  for (const auto& entity : record.eligibleEntities)
    for (const auto& entityClass : entityClassesOf(entity))
      document.add_boolean_term(booleanTerm(s::kEntityClass, entityClass));
  // The "sdg" facet: the source's goals and the tagger's, each once.
  std::set<int> goals(record.sdgs.begin(), record.sdgs.end());
  for (const auto& tag : record.analysis.sdgTags) goals.insert(tag.goal);
  if (!goals.empty()) document.add_value(s::kSdgGoals, sdgGoalsValue(goals));
}

std::vector<int64_t> deadlineInstants(const Record& record) {
  std::vector<int64_t> instants;
  for (const auto& deadline : record.deadlines)
    if (auto instant = timeutil::parseInstant(deadline)) instants.push_back(*instant);
  std::sort(instants.begin(), instants.end());
  return instants;
}

void addDateValues(Xapian::Document& document, const Record& record) {
  const std::vector<int64_t> deadlines = deadlineInstants(record);
  const std::optional<int64_t> opening =
      record.opening ? timeutil::parseInstant(*record.opening) : std::nullopt;
  const std::optional<int64_t> fetched = timeutil::parseInstant(record.fetchedAt);

  // The last cut-offs matter most (earlier ones are past sooner).
  const size_t firstKept = deadlines.size() > s::kDeadlineSlots ? deadlines.size() - s::kDeadlineSlots : 0;
  for (size_t i = firstKept; i < deadlines.size(); ++i)
    document.add_value(s::kFirstDeadline + static_cast<unsigned>(i - firstKept),
                       serialiseNumber(deadlines[i]));
  if (!deadlines.empty()) {
    document.add_value(s::kLastDeadline, serialiseNumber(deadlines.back()));
    document.add_value(s::kDeadlineList, deadlineListValue(deadlines));
  }
  if (opening) document.add_value(s::kOpening, serialiseNumber(*opening));
  if (fetched) document.add_value(s::kFetchedAt, serialiseNumber(*fetched));
  if (opening || fetched) document.add_value(s::kRecency, serialiseNumber(opening ? *opening : *fetched));

  if (opening || !deadlines.empty()) {
    document.add_value(s::kOpenFrom, serialiseNumber(opening ? *opening : s::kDistantPast));
    document.add_value(s::kOpenUntil,
                       serialiseNumber(deadlines.empty() ? s::kDistantFuture : deadlines.back()));
  }
}

void addOtherValues(Xapian::Document& document, const Record& record) {
  if (record.budget && record.budget->currency == "EUR")
    document.add_value(s::kBudgetEur, serialiseNumber(record.budget->amount));
  document.add_value(s::kContentHash, record.contentHash);
  document.add_value(s::kTieBreak, record.id);
  auto facet = [&document](Xapian::valueno slot, const std::string& value) {
    if (!value.empty()) document.add_value(slot, value);
  };
  facet(s::kFacetSource, record.source);
  facet(s::kFacetProgramme, record.programmeCode);
  facet(s::kFacetLanguage, record.language);
  facet(s::kFacetKind, record.kind);
  if (!record.parent.empty()) document.add_boolean_term(booleanTerm(s::kParent, record.parent));
  const std::string cluster = clusterKeyOf(record);
  document.add_value(s::kCollapseKey, cluster);
  document.add_boolean_term(booleanTerm(s::kCluster, cluster));
}

} // namespace

Xapian::Document buildDocument(const Record& record) {
  Xapian::Document document;
  addFilterTerms(document, record);
  addText(document, record);
  addAnalysisTerms(document, record);
  addDateValues(document, record);
  addOtherValues(document, record);
  document.add_value(s::kFacetPack, facetPackOf(document)); // after every slot it copies
  document.set_data(recordToJson(record));
  return document;
}

} // namespace convoca::index::detail
