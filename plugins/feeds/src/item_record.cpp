#include "item_record.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <sstream>

namespace feeds {
namespace {

// The record's containers, nested ones too (each stringifies with its own options),
// carry JSON_ESCAPE_UNICODE: without it Poco 1.11 writes a string one character per
// ostream::write. Measured on the fixtures (issue 8): records serialise 1.4x faster,
// parse() 3-18 % faster. Non-ASCII goes out as \uXXXX and '/' as \/: the same text parsed.
constexpr int kObjectOptions = Poco::JSON_PRESERVE_KEY_ORDER | Poco::JSON_ESCAPE_UNICODE;
constexpr int kArrayOptions = Poco::JSON_ESCAPE_UNICODE;

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

std::string toJson(const ItemRecord& record) {
  Poco::JSON::Object json(kObjectOptions);
  json.set("id", record.id);
  json.set("source", std::string(kSourceId));
  json.set("kind", record.kind);
  setText(json, "title", record.title);
  setText(json, "summary", record.summary);
  setText(json, "text", record.text);
  setText(json, "url", record.url);
  setText(json, "language", record.language);
  setText(json, "programme", record.programme);
  setText(json, "programme_code", record.programmeCode);
  setList(json, "keywords", record.keywords);
  setList(json, "documents", record.documents);
  if (record.published) json.set("published", *record.published);
  std::ostringstream out;
  json.stringify(out);
  return out.str();
}

} // namespace feeds
