#include "convoca/index/record.h"

#include "convoca/index/timeutil.h"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/SHA2Engine.h>
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace convoca::index {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr size_t kMaxTextBytes = 4u << 20;  // one record's text
constexpr size_t kMaxShortBytes = 8u << 10; // titles, ids, urls...
constexpr size_t kMaxListItems = 10000;

[[noreturn]] void fail(const std::string& field, const std::string& problem) {
  throw RecordError("field '" + field + "': " + problem);
}

std::string optionalString(const Object& object, const std::string& field, size_t maxBytes = kMaxShortBytes) {
  if (!object.has(field) || object.isNull(field)) return {};
  Poco::Dynamic::Var value = object.get(field);
  if (!value.isString()) fail(field, "must be a string");
  std::string text = value.extract<std::string>();
  if (text.size() > maxBytes) fail(field, "longer than " + std::to_string(maxBytes) + " bytes");
  return text;
}

bool optionalBool(const Object& object, const std::string& field) {
  if (!object.has(field) || object.isNull(field)) return false;
  Poco::Dynamic::Var value = object.get(field);
  if (!value.isBoolean()) fail(field, "must be true or false");
  return value.extract<bool>();
}

Array::Ptr optionalArray(const Object& object, const std::string& field) {
  if (!object.has(field) || object.isNull(field)) return nullptr;
  Array::Ptr array = object.getArray(field);
  if (!array) fail(field, "must be an array");
  if (array->size() > kMaxListItems) fail(field, "has more than " + std::to_string(kMaxListItems) + " items");
  return array;
}

std::vector<std::string> stringList(const Object& object, const std::string& field) {
  std::vector<std::string> out;
  Array::Ptr array = optionalArray(object, field);
  if (!array) return out;
  for (size_t i = 0; i < array->size(); ++i) {
    Poco::Dynamic::Var item = array->get(i);
    if (!item.isString()) fail(field + "[" + std::to_string(i) + "]", "must be a string");
    std::string text = item.extract<std::string>();
    if (text.size() > kMaxShortBytes) fail(field + "[" + std::to_string(i) + "]", "too long");
    if (!text.empty() && std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
  }
  return out;
}

std::string requireInstant(const std::string& field, const std::string& text) {
  if (!timeutil::parseInstant(text)) fail(field, "'" + text + "' is not an RFC 3339 timestamp with offset");
  return text;
}

bool isHttpUrl(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

bool isSourceId(const std::string& id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

void readIdentity(const Object& object, Record& record) {
  record.id = optionalString(object, "id");
  record.source = optionalString(object, "source");
  if (record.source.empty()) fail("source", "is required");
  if (!isSourceId(record.source)) fail("source", "'" + record.source + "' is not a plugin id ([a-z0-9_-]+)");
  if (record.id.empty()) fail("id", "is required");
  if (record.id.rfind(record.source + ":", 0) != 0 || record.id.size() == record.source.size() + 1)
    fail("id", "'" + record.id + "' must be '" + record.source + ":<external id>'");
  record.kind = optionalString(object, "kind");
  static const std::set<std::string> kKinds{"call", "topic", "tender", "document"};
  if (!kKinds.count(record.kind)) fail("kind", "must be one of call, topic, tender, document");
  record.title = optionalString(object, "title");
  if (record.title.empty()) fail("title", "is required");
}

void readTexts(const Object& object, Record& record) {
  record.summary = optionalString(object, "summary", kMaxTextBytes);
  record.text = optionalString(object, "text", kMaxTextBytes);
  record.url = optionalString(object, "url");
  if (!record.url.empty() && !isHttpUrl(record.url)) fail("url", "must be an http(s) URL");
  record.language = optionalString(object, "language");
  if (!record.language.empty() && (record.language.size() < 2 || record.language.size() > 3 ||
                                   !std::all_of(record.language.begin(), record.language.end(),
                                                [](char c) { return c >= 'a' && c <= 'z'; })))
    fail("language", "must be an ISO 639 code such as 'en' or 'ca'");
  record.programme = optionalString(object, "programme");
  record.programmeCode = optionalString(object, "programme_code");
  record.callId = optionalString(object, "call_id");
  record.callTitle = optionalString(object, "call_title");
  record.topicId = optionalString(object, "topic_id");
  record.sourceStatus = optionalString(object, "source_status");
  record.fetchedAt = optionalString(object, "fetched_at");
  if (!record.fetchedAt.empty()) requireInstant("fetched_at", record.fetchedAt);
  record.contentHash = optionalString(object, "content_hash");
}

void readDates(const Object& object, Record& record) {
  std::string opening = optionalString(object, "opening");
  if (!opening.empty()) record.opening = requireInstant("opening", opening);
  record.openingTimeAssumed = optionalBool(object, "opening_time_assumed");
  std::string published = optionalString(object, "published");
  if (!published.empty()) record.published = requireInstant("published", published);
  std::vector<std::pair<int64_t, std::string>> deadlines;
  for (const auto& text : stringList(object, "deadlines"))
    deadlines.emplace_back(*timeutil::parseInstant(requireInstant("deadlines", text)), text);
  std::sort(deadlines.begin(), deadlines.end());
  for (auto& d : deadlines) record.deadlines.push_back(std::move(d.second));
  record.deadlinesTimeAssumed = optionalBool(object, "deadlines_time_assumed");
  record.deadlinesRaw = stringList(object, "deadlines_raw");
}

void readBudget(const Object& object, Record& record) {
  if (!object.has("budget") || object.isNull("budget")) return;
  Object::Ptr budget = object.getObject("budget");
  if (!budget) fail("budget", "must be an object {amount, currency}");
  Poco::Dynamic::Var amount = budget->get("amount");
  if (!amount.isNumeric()) fail("budget.amount", "must be a number");
  double value = amount.convert<double>();
  if (!std::isfinite(value) || value < 0) fail("budget.amount", "must be a finite, non-negative number");
  std::string currency = optionalString(*budget, "currency");
  if (currency.size() != 3 ||
      !std::all_of(currency.begin(), currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    fail("budget.currency", "must be an ISO 4217 code such as 'EUR'");
  record.budget = Budget{value, currency};
}

void readLists(const Object& object, Record& record) {
  record.eligibleCountries = stringList(object, "eligible_countries");
  record.eligibleEntities = stringList(object, "eligible_entities");
  record.keywords = stringList(object, "keywords");
  record.tags = stringList(object, "tags");
  record.actionTypes = stringList(object, "action_types");
  record.priorities = stringList(object, "priorities");
  record.documents = stringList(object, "documents");
  for (const auto& url : record.documents)
    if (!isHttpUrl(url)) fail("documents", "'" + url + "' is not an http(s) URL");
  record.parent = optionalString(object, "parent");
  if (!record.parent.empty() && record.parent.find(':') == std::string::npos)
    fail("parent", "'" + record.parent + "' is not a record id");
  record.documentsText = optionalString(object, "documents_text", kMaxTextBytes);
  record.aliases = stringList(object, "aliases");
  for (const auto& alias : record.aliases) {
    const auto colon = alias.find(':');
    if (colon == std::string::npos || colon + 1 == alias.size() || !isSourceId(alias.substr(0, colon)))
      fail("aliases", "'" + alias + "' is not '<source>:<external id>'");
  }
  if (Array::Ptr sdgs = optionalArray(object, "sdgs")) {
    for (size_t i = 0; i < sdgs->size(); ++i) {
      Poco::Dynamic::Var item = sdgs->get(i);
      if (!item.isInteger()) fail("sdgs", "must hold integers 1-17");
      int goal = item.convert<int>();
      if (goal < 1 || goal > 17) fail("sdgs", std::to_string(goal) + " is not an SDG (1-17)");
      if (std::find(record.sdgs.begin(), record.sdgs.end(), goal) == record.sdgs.end())
        record.sdgs.push_back(goal);
    }
    std::sort(record.sdgs.begin(), record.sdgs.end());
  }
}

Array::Ptr toArray(const std::vector<std::string>& values) {
  Array::Ptr array = new Array;
  for (const auto& v : values) array->add(v);
  return array;
}

void setIfNotEmpty(Object& object, const std::string& field, const std::string& value) {
  if (!value.empty()) object.set(field, value);
}

void setIfNotEmpty(Object& object, const std::string& field, const std::vector<std::string>& values) {
  if (!values.empty()) object.set(field, toArray(values));
}

// The fields in schema order; fetched_at and content_hash are added by the callers that want them.
Object::Ptr contentObject(const Record& r) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", r.id);
  o->set("source", r.source);
  o->set("kind", r.kind);
  o->set("title", r.title);
  setIfNotEmpty(*o, "summary", r.summary);
  setIfNotEmpty(*o, "text", r.text);
  setIfNotEmpty(*o, "url", r.url);
  setIfNotEmpty(*o, "language", r.language);
  setIfNotEmpty(*o, "programme", r.programme);
  setIfNotEmpty(*o, "programme_code", r.programmeCode);
  setIfNotEmpty(*o, "call_id", r.callId);
  setIfNotEmpty(*o, "call_title", r.callTitle);
  setIfNotEmpty(*o, "topic_id", r.topicId);
  if (r.opening) o->set("opening", *r.opening);
  if (r.openingTimeAssumed) o->set("opening_time_assumed", true);
  if (r.published) o->set("published", *r.published);
  setIfNotEmpty(*o, "deadlines", r.deadlines);
  if (r.deadlinesTimeAssumed) o->set("deadlines_time_assumed", true);
  setIfNotEmpty(*o, "deadlines_raw", r.deadlinesRaw);
  if (r.budget) {
    Object::Ptr budget = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    budget->set("amount", r.budget->amount);
    budget->set("currency", r.budget->currency);
    o->set("budget", budget);
  }
  setIfNotEmpty(*o, "eligible_countries", r.eligibleCountries);
  setIfNotEmpty(*o, "eligible_entities", r.eligibleEntities);
  if (!r.sdgs.empty()) {
    Array::Ptr sdgs = new Array;
    for (int goal : r.sdgs) sdgs->add(goal);
    o->set("sdgs", sdgs);
  }
  setIfNotEmpty(*o, "keywords", r.keywords);
  setIfNotEmpty(*o, "tags", r.tags);
  setIfNotEmpty(*o, "action_types", r.actionTypes);
  setIfNotEmpty(*o, "priorities", r.priorities);
  setIfNotEmpty(*o, "documents", r.documents);
  setIfNotEmpty(*o, "aliases", r.aliases);
  setIfNotEmpty(*o, "parent", r.parent);
  setIfNotEmpty(*o, "documents_text", r.documentsText);
  setIfNotEmpty(*o, "source_status", r.sourceStatus);
  return o;
}

Object::Ptr analysisObject(const Analysis& analysis) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  setIfNotEmpty(*o, "language", analysis.language);
  setIfNotEmpty(*o, "english", analysis.english);
  if (!analysis.sdgTags.empty()) {
    Array::Ptr tags = new Array;
    for (const SdgTagEvidence& tag : analysis.sdgTags) {
      Object::Ptr item = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
      item->set("goal", tag.goal);
      item->set("score", tag.score);
      item->set("why", toArray(tag.why));
      tags->add(item);
    }
    o->set("sdg_tags", tags);
  }
  setIfNotEmpty(*o, "concepts", analysis.concepts);
  if (!analysis.conceptWords.empty()) {
    Object::Ptr words = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [conceptId, surfaces] : analysis.conceptWords) words->set(conceptId, toArray(surfaces));
    o->set("concept_words", words);
  }
  return o;
}

// Lenient on purpose: the analysis is convoca's own output read back from the
// index; anything odd in it is dropped, never a reason to refuse the record.
Analysis readAnalysis(const Object& object) {
  Analysis analysis;
  Object::Ptr o = object.has("analysis") ? object.getObject("analysis") : nullptr;
  if (!o) return analysis;
  analysis.language = o->optValue<std::string>("language", "");
  analysis.english = o->optValue<std::string>("english", "");
  analysis.concepts = stringList(*o, "concepts");
  if (Object::Ptr words = o->getObject("concept_words"))
    for (const auto& entry : *words) {
      try {
        std::vector<std::string> surfaces = stringList(*words, entry.first);
        if (!surfaces.empty()) analysis.conceptWords[entry.first] = std::move(surfaces);
      } catch (const RecordError&) { // an odd entry is dropped
      }
    }
  if (Array::Ptr tags = o->getArray("sdg_tags")) {
    for (size_t i = 0; i < tags->size(); ++i) {
      Object::Ptr item = tags->getObject(static_cast<unsigned>(i));
      if (!item) continue;
      SdgTagEvidence tag;
      tag.goal = item->optValue<int>("goal", 0);
      tag.score = item->optValue<double>("score", 0.0);
      tag.why = stringList(*item, "why");
      if (tag.goal >= 1 && tag.goal <= 17) analysis.sdgTags.push_back(std::move(tag));
    }
  }
  return analysis;
}

std::string compact(const Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

} // namespace

Record recordFromJson(const std::string& json) {
  Poco::Dynamic::Var parsed;
  try {
    Poco::JSON::Parser parser;
    parsed = parser.parse(json);
  } catch (const Poco::Exception& e) {
    throw RecordError("not valid JSON: " + e.displayText());
  }
  Object::Ptr object = parsed.type() == typeid(Object::Ptr) ? parsed.extract<Object::Ptr>() : nullptr;
  if (!object) throw RecordError("a record must be a JSON object");
  Record record;
  try {
    readIdentity(*object, record);
    readTexts(*object, record);
    readDates(*object, record);
    readBudget(*object, record);
    readLists(*object, record);
    record.analysis = readAnalysis(*object);
  } catch (const Poco::Exception& e) {
    throw RecordError("record " + (record.id.empty() ? std::string("?") : record.id) + ": " +
                      e.displayText());
  }
  if (record.contentHash.empty()) record.contentHash = contentHashOf(record);
  return record;
}

std::string recordToJson(const Record& record, const std::optional<std::string>& status) {
  Object::Ptr object = contentObject(record);
  if (status) object->set("status", *status);
  setIfNotEmpty(*object, "fetched_at", record.fetchedAt);
  setIfNotEmpty(*object, "content_hash", record.contentHash);
  if (!record.analysis.empty()) object->set("analysis", analysisObject(record.analysis));
  return compact(*object);
}

std::string contentHashOf(const Record& record) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(compact(*contentObject(record)));
  return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string clusterKeyOf(const Record& record) {
  std::string key = record.id;
  for (const auto& alias : record.aliases) key = std::min(key, alias);
  return key;
}

std::vector<FieldChange> diffRecords(const Record& before, const Record& after) {
  Object::Ptr old = contentObject(before);
  Object::Ptr now = contentObject(after);
  auto textOf = [](const Object& object, const std::string& field) {
    if (!object.has(field)) return std::string();
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(object.get(field), out);
    return out.str();
  };
  // Schema order: the fields of the new version, then those that disappeared.
  std::vector<std::string> fields;
  for (const auto& name : now->getNames()) fields.push_back(name);
  for (const auto& name : old->getNames())
    if (!now->has(name)) fields.push_back(name);
  std::vector<FieldChange> changes;
  for (const auto& field : fields) {
    std::string was = textOf(*old, field), is = textOf(*now, field);
    if (was == is) continue;
    if (field == "documents_text") { // megabytes of text: the log says that it changed, not how
      was = "\"" + std::to_string(before.documentsText.size()) + " bytes\"";
      is = "\"" + std::to_string(after.documentsText.size()) + " bytes\"";
    }
    changes.push_back({field, std::move(was), std::move(is)});
  }
  return changes;
}

CallStatus statusAt(const Record& record, int64_t nowUnix) {
  std::optional<int64_t> opening = record.opening ? timeutil::parseInstant(*record.opening) : std::nullopt;
  std::optional<int64_t> lastDeadline =
      record.deadlines.empty() ? std::nullopt : timeutil::parseInstant(record.deadlines.back());
  if (opening && nowUnix < *opening) return CallStatus::Forthcoming;
  if (lastDeadline) return nowUnix <= *lastDeadline ? CallStatus::Open : CallStatus::Closed;
  if (opening) return CallStatus::Open; // opened, no deadline known (continuous calls)
  return CallStatus::Unknown;
}

const char* statusName(CallStatus status) {
  switch (status) {
  case CallStatus::Forthcoming:
    return "forthcoming";
  case CallStatus::Open:
    return "open";
  case CallStatus::Closed:
    return "closed";
  case CallStatus::Unknown:
    break;
  }
  return "unknown";
}

} // namespace convoca::index
