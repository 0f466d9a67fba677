#include "call_record.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <sstream>

namespace unpp {
namespace {

// The record's containers, nested ones too (each stringifies with its own options),
// carry JSON_ESCAPE_UNICODE: without it Poco 1.11 writes a string one character per
// ostream::write. Measured on the fixtures (issue 8): records serialise 1.4x faster,
// parse() 3-18 % faster. Non-ASCII goes out as \uXXXX and '/' as \/: the same text parsed.
constexpr int kObjectOptions = Poco::JSON_PRESERVE_KEY_ORDER | Poco::JSON_ESCAPE_UNICODE;
constexpr int kArrayOptions = Poco::JSON_ESCAPE_UNICODE;

constexpr const char* kSourceId = "unpp";

void setText(Poco::JSON::Object& json, const char* name, const std::string& value) {
  if (!value.empty()) json.set(name, value);
}

void setList(Poco::JSON::Object& json, const char* name, const std::vector<std::string>& values) {
  if (values.empty()) return;
  Poco::JSON::Array array(kArrayOptions);
  for (const auto& value : values) array.add(value);
  json.set(name, array);
}

} // namespace

std::string recordIdFor(const std::string& identifier) {
  return std::string(kSourceId) + ":" + identifier;
}

std::string toJson(const CallRecord& record) {
  Poco::JSON::Object json(kObjectOptions);
  json.set("id", record.id);
  json.set("source", std::string(kSourceId));
  json.set("kind", std::string("call"));
  json.set("title", record.title);
  setText(json, "text", record.text);
  setText(json, "url", record.url);
  // The portal is run in English; calls are written in English.
  json.set("language", std::string("en"));
  json.set("programme", std::string("UN Partner Portal"));
  json.set("programme_code", std::string("UNPP"));
  setText(json, "call_id", record.callId);
  if (record.opening) {
    json.set("opening", *record.opening);
    json.set("opening_time_assumed", record.openingTimeAssumed);
  }
  if (!record.deadlines.empty()) {
    setList(json, "deadlines", record.deadlines);
    json.set("deadlines_time_assumed", record.deadlinesTimeAssumed);
  }
  setList(json, "deadlines_raw", record.deadlinesRaw);
  setList(json, "eligible_countries", record.eligibleCountries);
  setList(json, "keywords", record.keywords);
  setList(json, "tags", record.tags);
  setList(json, "documents", record.documents);
  std::ostringstream out;
  json.stringify(out);
  return out.str();
}

} // namespace unpp
