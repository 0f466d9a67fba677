#include "call_record.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <sstream>

namespace unpp {
namespace {

constexpr const char* kSourceId = "unpp";

void setText(Poco::JSON::Object& json, const char* name, const std::string& value) {
  if (!value.empty()) json.set(name, value);
}

void setList(Poco::JSON::Object& json, const char* name, const std::vector<std::string>& values) {
  if (values.empty()) return;
  Poco::JSON::Array array;
  for (const auto& value : values) array.add(value);
  json.set(name, array);
}

} // namespace

std::string recordIdFor(const std::string& identifier) {
  return std::string(kSourceId) + ":" + identifier;
}

std::string toJson(const CallRecord& record) {
  Poco::JSON::Object json(Poco::JSON_PRESERVE_KEY_ORDER);
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
