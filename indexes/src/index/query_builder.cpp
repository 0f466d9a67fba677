#include "query_builder.h"

#include "convoca/index/concepts.h"
#include "convoca/index/schema.h"
#include "convoca/index/timeutil.h"
#include "index_support.h"
#include "spelling.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace convoca::index::detail {
namespace {

namespace s = schema;

constexpr unsigned kQueryFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                                 Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PURE_NOT;
// A wildcard such as "a*" would otherwise expand to every term in the index.
constexpr Xapian::termcount kMaxWildcardTerms = 200;
constexpr const char* kQueryLanguages[] = {"ca", "es", "en", "fr"};

const char* booleanPrefix(const std::string& field) {
  for (const auto& known : s::kBooleanFields)
    if (field == known.name) return known.prefix;
  return nullptr;
}

// "11", "SDG11", "ods 11", "sdg-11" -> "11".
std::string sdgNumber(const std::string& value) {
  std::string digits;
  for (char c : value)
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  const bool known =
      !digits.empty() && digits.size() <= 2 && std::stoi(digits) >= 1 && std::stoi(digits) <= 17;
  if (!known) throw QueryError("sdg: '" + value + "' is not a Sustainable Development Goal (1-17)");
  return std::to_string(std::stoi(digits));
}

// A goal given by the source or found by convoca's tagger, as the "sdg" facet
// counts it: clicking a facet value finds as many records as it showed.
Xapian::Query sdgQuery(const std::string& goal) {
  return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(s::kSdgGiven + goal),
                       Xapian::Query(s::kSdgTagged + goal));
}

Xapian::Query idQuery(const std::string& value) {
  const std::vector<Xapian::Query> alternatives{Xapian::Query(uniqueTerm(value)),
                                                Xapian::Query(booleanTerm(s::kCallId, value)),
                                                Xapian::Query(booleanTerm(s::kTopicId, value))};
  return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

// The key filters of the same meaning share: "lang" and "language" are one group.
std::string filterGroup(const std::string& field) {
  const char* prefix = booleanPrefix(field);
  return prefix ? prefix : field;
}

// Lets "field:value" in the query text mean exactly what the filter (field, value) means.
// An exception thrown through Xapian's parser leaks its parse state, so a bad
// value is remembered here and thrown once parse_query() has returned.
class FieldQueryProcessor : public Xapian::FieldProcessor {
public:
  FieldQueryProcessor(std::string field, int64_t now) : field_(std::move(field)), now_(now) {}

  Xapian::Query operator()(const std::string& value) override {
    try {
      return fieldQuery(field_, value, now_);
    } catch (const QueryError& e) {
      if (!error_) error_ = e.what();
      return Xapian::Query::MatchNothing;
    }
  }

  const std::optional<std::string>& error() const { return error_; }

private:
  std::string field_;
  int64_t now_;
  std::optional<std::string> error_;
};

// The QueryParser only borrows its processors; these own them for one parse.
struct QueryProcessors {
  std::vector<std::pair<std::string, std::unique_ptr<FieldQueryProcessor>>> fields;
  std::unique_ptr<Xapian::NumberRangeProcessor> budget;

  explicit QueryProcessors(int64_t now)
      : budget(std::make_unique<Xapian::NumberRangeProcessor>(s::kBudgetEur, s::kBudgetField)) {
    for (const auto& field : s::kBooleanFields)
      fields.emplace_back(field.name, std::make_unique<FieldQueryProcessor>(field.name, now));
    fields.emplace_back(s::kIdField, std::make_unique<FieldQueryProcessor>(s::kIdField, now));
    fields.emplace_back(s::kStatusField, std::make_unique<FieldQueryProcessor>(s::kStatusField, now));
  }

  void addTo(Xapian::QueryParser& parser) const {
    for (const auto& field : s::kTextFields) parser.add_prefix(field.name, field.prefix);
    for (const auto& [name, processor] : fields) {
      const std::string group = filterGroup(name);
      parser.add_boolean_prefix(name, processor.get(), &group);
    }
    parser.add_rangeprocessor(budget.get());
  }

  void throwFirstError() const {
    for (const auto& [name, processor] : fields)
      if (processor->error()) throw QueryError(*processor->error());
  }
};

// A parser in `language` ("" = unstemmed, every word required as written):
// its stemmer, and its stopwords dropped from the words the query requires.
void configureParser(Xapian::QueryParser& parser, const Xapian::Database& database,
                     const std::string& language, const QueryProcessors& processors) {
  parser.set_database(database);
  parser.set_stemmer(stemmerFor(language));
  if (const Xapian::Stopper* stopper = stopperFor(language)) parser.set_stopper(stopper);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  // Words narrow the result, as in web search engines; OR is one keyword away.
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  processors.addTo(parser);
}

Xapian::Query parseOnce(const Xapian::Database& database, const std::string& text,
                        const std::string& language, const QueryProcessors& processors) {
  Xapian::QueryParser parser;
  configureParser(parser, database, language, processors);
  return parser.parse_query(splitElisions(text), kQueryFlags);
}

// Plain words only: no field, phrase, boolean, love/hate or wildcard syntax.
// Concepts are added to such queries only; with operators the user said
// exactly what they want.
bool isPlainWords(const std::string& text) {
  if (text.find_first_of(":\"()+-*") != std::string::npos) return false;
  for (const char* word : {" AND ", " OR ", " NOT ", " XOR ", " NEAR ", "NOT "})
    if ((" " + text + " ").find(word) != std::string::npos) return false;
  return true;
}

bool isBlank(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

// One QueryParser stems with one language, so the text is parsed once per
// working language and once unstemmed (exact words then count twice), and the
// distinct parses are ORed.
// The text parsed once per working language and once unstemmed (exact words
// then count twice), the distinct parses ORed. Empty for a text of no words.
Xapian::Query parseInEveryLanguage(const Xapian::Database& database, const std::string& text,
                                   const std::vector<std::string>& languages,
                                   const QueryProcessors& processors) {
  std::vector<Xapian::Query> parses;
  std::set<std::string> distinct;
  try {
    for (const auto& language : languages) {
      Xapian::Query parse = parseOnce(database, text, language, processors);
      processors.throwFirstError();
      if (!parse.empty() && distinct.insert(parse.get_description()).second) parses.push_back(parse);
    }
  } catch (const Xapian::QueryParserError& e) {
    throw QueryError("cannot read the query '" + text + "': " + e.get_msg());
  }
  if (parses.size() == 1) return parses.front();
  return Xapian::Query(Xapian::Query::OP_OR, parses.begin(), parses.end());
}

// A plain query's words that name a concept match the concept too, in any of
// the four languages: "habitatge assequible" also finds "affordable housing".
// Each concept is an alternative for its own words only, so the words of the
// query stay ANDed: (habitatge assequible OR XChousing.affordable) AND ...
std::optional<Xapian::Query> conceptAwareQuery(const Xapian::Database& database, const std::string& text,
                                               const std::vector<std::string>& languages,
                                               const QueryProcessors& processors) {
  if (!isPlainWords(text)) return std::nullopt;
  const std::vector<ConceptHit> hits = ConceptVocabulary::builtin().find(text, "");
  if (hits.empty()) return std::nullopt;
  std::vector<Xapian::Query> parts;
  size_t position = 0;
  for (size_t i = 0; i < hits.size();) {
    const size_t begin = hits[i].begin, length = hits[i].length;
    if (begin < position) { // overlaps a span already covered
      ++i;
      continue;
    }
    const Xapian::Query before =
        parseInEveryLanguage(database, text.substr(position, begin - position), languages, processors);
    if (!before.empty()) parts.push_back(before);
    std::vector<Xapian::Query> alternatives{
        parseInEveryLanguage(database, text.substr(begin, length), languages, processors)};
    // Different concepts named by the very same words are all alternatives.
    for (; i < hits.size() && hits[i].begin == begin && hits[i].length == length; ++i)
      alternatives.emplace_back(booleanTerm(s::kConcept, hits[i].conceptId));
    parts.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    position = begin + length;
  }
  const Xapian::Query after = parseInEveryLanguage(database, text.substr(position), languages, processors);
  if (!after.empty()) parts.push_back(after);
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query textQuery(const Xapian::Database& database, const SearchRequest& request, int64_t now) {
  if (isBlank(request.query)) return Xapian::Query::MatchAll;
  std::vector<std::string> languages{""};
  for (const auto& language : request.languages) {
    if (std::find(std::begin(kQueryLanguages), std::end(kQueryLanguages), language) ==
        std::end(kQueryLanguages))
      throw QueryError("language '" + language + "' is not one of ca, es, en, fr");
    languages.push_back(language);
  }
  const QueryProcessors processors(now);
  if (auto withConcepts = conceptAwareQuery(database, request.query, languages, processors))
    return *withConcepts;
  return parseInEveryLanguage(database, request.query, languages, processors);
}

Xapian::Query filtersQuery(const SearchRequest& request, int64_t now) {
  std::map<std::string, std::vector<Xapian::Query>> groups;
  for (const auto& [field, value] : request.filters)
    groups[filterGroup(field)].push_back(fieldQuery(field, value, now));
  std::vector<Xapian::Query> anded;
  for (const auto& [group, alternatives] : groups)
    anded.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  return Xapian::Query(Xapian::Query::OP_AND, anded.begin(), anded.end());
}

int64_t dayBoundary(const std::string& field, const std::string& day, const char* time) {
  std::optional<std::string> local =
      day.size() == 10 ? timeutil::localToRfc3339(timeutil::kHomeZone, day + "T" + time) : std::nullopt;
  std::optional<int64_t> instant = local ? timeutil::parseInstant(*local) : std::nullopt;
  if (!instant) throw QueryError(field + ": '" + day + "' is not a date YYYY-MM-DD");
  return *instant;
}

Xapian::Query valueRange(Xapian::valueno slot, const std::optional<double>& low,
                         const std::optional<double>& high) {
  if (low && high)
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, serialiseNumber(*low), serialiseNumber(*high));
  if (low) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, serialiseNumber(*low));
  return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, serialiseNumber(*high));
}

// Any deadline slot inside the range: a two-stage call matches on either stage.
Xapian::Query deadlineQuery(const SearchRequest& request) {
  std::optional<double> from, to;
  if (request.deadlineFrom) from = dayBoundary("deadline_from", *request.deadlineFrom, "00:00:00");
  if (request.deadlineTo) to = dayBoundary("deadline_to", *request.deadlineTo, "23:59:59");
  std::vector<Xapian::Query> slots;
  for (unsigned i = 0; i < s::kDeadlineSlots; ++i)
    slots.push_back(valueRange(s::kFirstDeadline + i, from, to));
  return Xapian::Query(Xapian::Query::OP_OR, slots.begin(), slots.end());
}

// The query with each elided apostrophe ("d'habitatges") turned into a
// control character, which splits words for the parser as splitElisions()
// does, yet survives in the corrected text, where restore() turns it back:
// the suggestion reads "d'habitatges", not "d habitatges".
class ElisionMarks {
public:
  explicit ElisionMarks(const std::string& query) {
    const std::string split = splitElisions(query);
    for (size_t i = 0, j = 0; i < query.size(); ++i, ++j) {
      if (split[j] == ' ' && query[i] == '\'') {
        marked_ += kAsciiMark;
      } else if (split[j] == ' ' && query.compare(i, kRightQuote.size(), kRightQuote) == 0) {
        marked_ += kQuoteMark;
        i += kRightQuote.size() - 1;
      } else {
        marked_ += query[i];
      }
    }
  }

  const std::string& marked() const { return marked_; }

  static std::string restore(const std::string& text) {
    std::string restored;
    for (char c : text) {
      if (c == kAsciiMark)
        restored += '\'';
      else if (c == kQuoteMark)
        restored += kRightQuote;
      else
        restored += c;
    }
    return restored;
  }

private:
  inline static const std::string kRightQuote = "\xE2\x80\x99"; // U+2019, as splitElisions() knows it
  static constexpr char kAsciiMark = '\x01';
  static constexpr char kQuoteMark = '\x02';
  std::string marked_;
};

} // namespace

Xapian::Query statusQuery(CallStatus status, int64_t now) {
  const auto openFromAtMost = [](double t) {
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, s::kOpenFrom, serialiseNumber(t));
  };
  const auto openUntilAtLeast = [](double t) {
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, s::kOpenUntil, serialiseNumber(t));
  };
  const auto openUntilAtMost = [](double t) {
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, s::kOpenUntil, serialiseNumber(t));
  };
  const double moment = static_cast<double>(now);
  switch (status) {
  case CallStatus::Forthcoming:
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, s::kOpenFrom, serialiseNumber(moment + 1));
  case CallStatus::Open:
    return Xapian::Query(Xapian::Query::OP_AND, openFromAtMost(moment), openUntilAtLeast(moment));
  case CallStatus::Closed:
    return Xapian::Query(Xapian::Query::OP_AND, openFromAtMost(moment), openUntilAtMost(moment - 1));
  case CallStatus::Unknown:
    break;
  }
  return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, openFromAtMost(s::kDistantFuture));
}

CallStatus parseStatus(const std::string& word) {
  const std::string lower = lowerCase(word);
  for (CallStatus status :
       {CallStatus::Forthcoming, CallStatus::Open, CallStatus::Closed, CallStatus::Unknown})
    if (lower == statusName(status)) return status;
  throw QueryError("status: '" + word + "' is not one of open, forthcoming, closed, unknown");
}

Xapian::Query fieldQuery(const std::string& field, const std::string& value, int64_t now) {
  if (value.empty()) throw QueryError(field + ": a value is required");
  if (field == s::kStatusField) return statusQuery(parseStatus(value), now);
  if (field == s::kIdField) return idQuery(value);
  const char* prefix = booleanPrefix(field);
  if (!prefix) throw QueryError("unknown filter field '" + field + "'");
  if (std::string(prefix) == s::kSdgGiven) return sdgQuery(sdgNumber(value));
  return Xapian::Query(booleanTerm(prefix, value));
}

Xapian::Query buildQuery(const Xapian::Database& database, const SearchRequest& request, int64_t now) {
  std::vector<Xapian::Query> filters;
  if (!request.filters.empty()) filters.push_back(filtersQuery(request, now));
  if (request.deadlineFrom || request.deadlineTo) filters.push_back(deadlineQuery(request));
  if (request.budgetMin || request.budgetMax)
    filters.push_back(valueRange(s::kBudgetEur, request.budgetMin, request.budgetMax));
  if (request.postedSince)
    filters.push_back(valueRange(s::kRecency, static_cast<double>(*request.postedSince), std::nullopt));
  Xapian::Query text = textQuery(database, request, now);
  if (filters.empty()) return text;
  return Xapian::Query(Xapian::Query::OP_FILTER, text,
                       Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

std::optional<std::string> spellingSuggestion(const Xapian::Database& database, const SearchRequest& request,
                                              int64_t now) {
  if (isBlank(request.query) || everyWordIsIndexed(database, request.query)) return std::nullopt;
  // Unstemmed, with the fields of a search, so "source:eu-ft" stays a filter
  // and only the words of free text are checked.
  const QueryProcessors processors(now);
  Xapian::QueryParser parser;
  configureParser(parser, database, "", processors);
  const ElisionMarks marks(request.query);
  try {
    parser.parse_query(marks.marked(), kQueryFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
  } catch (const Xapian::QueryParserError&) {
    return std::nullopt; // the search itself reports the syntax error
  }
  const std::string corrected = parser.get_corrected_query_string();
  if (corrected.empty()) return std::nullopt;
  return acceptedCorrection(database, request.query, marks.restore(corrected));
}

} // namespace convoca::index::detail
