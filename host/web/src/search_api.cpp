#include "convoca/web/search_api.h"

#include "convoca/index/schema.h"
#include "convoca/index/timeutil.h"
#include "exchange.h"

#include <Poco/JSON/Array.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace convoca::web {

namespace {

namespace schema = index::schema;

// The facets every response lists, in this order, even when empty.
constexpr const char* kFacetOrder[] = {"source", "programme", "status", "language", "kind"};

// Xapian pays for every skipped document; nobody pages this far by hand.
constexpr size_t kMaxOffset = 100000;
constexpr size_t kMaxPostedDays = 3650;

constexpr const char* kQueryLanguages[] = {"ca", "es", "en", "fr"};

// Filter parameters are the index's own filter field names, except `lang`,
// which the API keeps for the languages the query is read in (as the CLI's
// --lang); records are filtered by language with `language`.
bool isFilterField(const std::string& name) {
  if (name == "lang") return false;
  if (name == schema::kStatusField || name == schema::kIdField) return true;
  return std::any_of(std::begin(schema::kBooleanFields), std::end(schema::kBooleanFields),
                     [&](const schema::FieldPrefix& field) { return name == field.name; });
}

size_t parseCount(const std::string& name, const std::string& value, size_t max) {
  size_t count = 0;
  const char* end = value.data() + value.size();
  auto [stop, error] = std::from_chars(value.data(), end, count);
  if (value.empty() || error != std::errc() || stop != end || count > max) {
    throw BadRequest(name + " must be a whole number from 0 to " + std::to_string(max) + ", not \"" + value +
                     "\"");
  }
  return count;
}

double parseAmount(const std::string& name, const std::string& value) {
  double amount = 0;
  const char* end = value.data() + value.size();
  auto [stop, error] = std::from_chars(value.data(), end, amount);
  if (value.empty() || error != std::errc() || stop != end || !std::isfinite(amount)) {
    throw BadRequest(name + " must be an amount in EUR, not \"" + value + "\"");
  }
  return amount;
}

index::SortOrder parseSort(const std::string& value) {
  if (value == "relevance") return index::SortOrder::Relevance;
  if (value == "deadline") return index::SortOrder::Deadline;
  if (value == "newest") return index::SortOrder::Newest;
  throw BadRequest("sort must be relevance, deadline or newest, not \"" + value + "\"");
}

const char* sortName(index::SortOrder sort) {
  switch (sort) {
  case index::SortOrder::Deadline:
    return "deadline";
  case index::SortOrder::Newest:
    return "newest";
  case index::SortOrder::Relevance:
    break;
  }
  return "relevance";
}

// "ca,en" or repeated lang=...: each a language with a stemmer, no duplicates.
void addQueryLanguages(const std::string& value, std::vector<std::string>& languages) {
  Poco::StringTokenizer tokens(value, ",",
                               Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  if (tokens.count() == 0) throw BadRequest("lang must name at least one of ca, es, en, fr");
  for (const std::string& token : tokens) {
    std::string language = Poco::toLower(token);
    if (std::find(std::begin(kQueryLanguages), std::end(kQueryLanguages), language) ==
        std::end(kQueryLanguages)) {
      throw BadRequest("lang must be ca, es, en or fr, not \"" + token + "\"");
    }
    if (std::find(languages.begin(), languages.end(), language) == languages.end())
      languages.push_back(language);
  }
}

// Parameters that take one value: giving them twice is ambiguous.
void requireOnce(const std::string& name, std::set<std::string>& seen) {
  if (!seen.insert(name).second) throw BadRequest("parameter " + name + " given more than once");
}

Poco::Dynamic::Var orNull(const std::string& text) {
  if (text.empty()) return {};
  return text;
}

// The same instant in the office's zone, so the page shows Barcelona's offset.
std::string inHomeZone(const std::string& instant) {
  std::optional<int64_t> seconds = index::timeutil::parseInstant(instant);
  if (!seconds) return instant;
  return index::timeutil::formatInstant(*seconds, index::timeutil::kHomeZone);
}

Poco::Dynamic::Var instantOrNull(const std::optional<std::string>& instant) {
  if (!instant || instant->empty()) return {};
  return inHomeZone(*instant);
}

Poco::JSON::Array::Ptr instantsJson(const std::vector<std::string>& instants) {
  auto array = Poco::makeShared<Poco::JSON::Array>();
  for (const std::string& instant : instants) array->add(inHomeZone(instant));
  return array;
}

Poco::Dynamic::Var budgetJson(const std::optional<index::Budget>& budget) {
  if (!budget) return {};
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("amount", budget->amount);
  json->set("currency", orNull(budget->currency));
  return json;
}

Poco::JSON::Array::Ptr facetValuesJson(const std::vector<index::FacetValue>& values) {
  auto array = Poco::makeShared<Poco::JSON::Array>();
  for (const index::FacetValue& value : values) {
    Poco::JSON::Object::Ptr json = newJsonObject();
    json->set("value", value.value);
    json->set("count", value.count);
    array->add(json);
  }
  return array;
}

Poco::JSON::Object::Ptr facetsJson(const std::map<std::string, std::vector<index::FacetValue>>& facets) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  for (const char* name : kFacetOrder) {
    auto found = facets.find(name);
    json->set(name,
              facetValuesJson(found == facets.end() ? std::vector<index::FacetValue>{} : found->second));
  }
  for (const auto& [name, values] : facets) {
    if (!json->has(name)) json->set(name, facetValuesJson(values));
  }
  return json;
}

// Sorted, inside the text, non-empty and non-overlapping.
std::vector<index::Highlight> normalisedHighlights(const index::Snippet& snippet) {
  std::vector<index::Highlight> ranges;
  const size_t size = snippet.text.size();
  for (const index::Highlight& highlight : snippet.highlights) {
    if (highlight.begin >= size || highlight.length == 0) continue;
    ranges.push_back({highlight.begin, std::min(highlight.length, size - highlight.begin)});
  }
  std::sort(ranges.begin(), ranges.end(),
            [](const index::Highlight& a, const index::Highlight& b) { return a.begin < b.begin; });
  std::vector<index::Highlight> merged;
  for (const index::Highlight& range : ranges) {
    if (!merged.empty() && range.begin <= merged.back().begin + merged.back().length) {
      index::Highlight& last = merged.back();
      last.length = std::max(last.begin + last.length, range.begin + range.length) - last.begin;
    } else {
      merged.push_back(range);
    }
  }
  return merged;
}

} // namespace

index::SearchRequest searchRequestFromParameters(const QueryParameters& parameters) {
  index::SearchRequest request;
  std::set<std::string> seen;
  std::vector<std::string> languages;
  for (const auto& [name, value] : parameters) {
    if (isFilterField(name)) {
      request.filters.emplace_back(name, value);
      continue;
    }
    if (name == "lang") {
      addQueryLanguages(value, languages);
      continue;
    }
    requireOnce(name, seen);
    if (name == "q")
      request.query = value;
    else if (name == "sort")
      request.sort = parseSort(value);
    else if (name == "offset")
      request.offset = parseCount(name, value, kMaxOffset);
    else if (name == "limit")
      request.limit = parseCount(name, value, kMaxLimit);
    else if (name == "deadline_from")
      request.deadlineFrom = value;
    else if (name == "deadline_to")
      request.deadlineTo = value;
    else if (name == "budget_min")
      request.budgetMin = parseAmount(name, value);
    else if (name == "budget_max")
      request.budgetMax = parseAmount(name, value);
    else if (name == "posted_within_days")
      request.postedSince =
          index::timeutil::now() - static_cast<int64_t>(parseCount(name, value, kMaxPostedDays)) * 86400;
    else
      throw BadRequest("unknown parameter \"" + name + "\"");
  }
  if (!languages.empty()) request.languages = languages;
  return request;
}

// Every source the call was found in (de-duplicated results list them all).
Poco::JSON::Array::Ptr sourcesJson(const std::vector<index::SourceRef>& sources) {
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (const auto& ref : sources) {
    Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    item->set("source", ref.source);
    item->set("id", ref.id);
    item->set("url", ref.url);
    list->add(item);
  }
  return list;
}

Poco::JSON::Object::Ptr hitJson(const index::Hit& hit) {
  const index::Record& record = hit.record;
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("id", record.id);
  json->set("title", record.title);
  json->set("url", orNull(record.url));
  json->set("programme", orNull(record.programme));
  json->set("programme_code", orNull(record.programmeCode));
  json->set("source", record.source);
  json->set("kind", orNull(record.kind));
  json->set("language", orNull(record.language));
  json->set("status", orNull(hit.status));
  json->set("next_deadline", instantOrNull(hit.nextDeadline));
  json->set("deadlines", instantsJson(record.deadlines));
  json->set("deadlines_time_assumed", record.deadlinesTimeAssumed);
  json->set("opening", instantOrNull(record.opening));
  json->set("budget", budgetJson(record.budget));
  json->set("call_id", orNull(record.callId));
  json->set("topic_id", orNull(record.topicId));
  json->set("snippet_html", snippetHtml(hit.snippet));
  json->set("score", hit.percent);
  json->set("sources", sourcesJson(hit.sources));
  return json;
}

Poco::JSON::Object::Ptr searchResponseJson(const index::SearchRequest& request,
                                           const index::SearchResult& result) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("query", request.query);
  json->set("total", result.total);
  json->set("offset", request.offset);
  json->set("limit", request.limit);
  json->set("sort", sortName(request.sort));
  auto results = Poco::makeShared<Poco::JSON::Array>();
  for (const index::Hit& hit : result.hits) results->add(hitJson(hit));
  json->set("results", results);
  json->set("facets", facetsJson(result.facets));
  json->set("suggestion", result.suggestion ? Poco::Dynamic::Var(*result.suggestion) : Poco::Dynamic::Var());
  return json;
}

std::string snippetHtml(const index::Snippet& snippet) {
  const std::string& text = snippet.text;
  std::string html;
  size_t at = 0;
  for (const index::Highlight& range : normalisedHighlights(snippet)) {
    html += escapeHtml(std::string_view(text).substr(at, range.begin - at));
    html += "<mark>";
    html += escapeHtml(std::string_view(text).substr(range.begin, range.length));
    html += "</mark>";
    at = range.begin + range.length;
  }
  html += escapeHtml(std::string_view(text).substr(at));
  return html;
}

std::string escapeHtml(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&':
      escaped += "&amp;";
      break;
    case '<':
      escaped += "&lt;";
      break;
    case '>':
      escaped += "&gt;";
      break;
    case '"':
      escaped += "&quot;";
      break;
    case '\'':
      escaped += "&#39;";
      break;
    default:
      escaped += c;
    }
  }
  return escaped;
}

} // namespace convoca::web
