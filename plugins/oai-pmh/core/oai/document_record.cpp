#include "oai/document_record.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/String.h>
#include <sstream>

namespace oai {
namespace {

// The record's containers, nested ones too (each stringifies with its own options),
// carry JSON_ESCAPE_UNICODE: without it Poco 1.11 writes a string one character per
// ostream::write. Measured on the fixtures (issue 8): records serialise 1.4x faster,
// parse() 3-18 % faster. Non-ASCII goes out as \uXXXX and '/' as \/: the same text parsed.
constexpr int kObjectOptions = Poco::JSON_PRESERVE_KEY_ORDER | Poco::JSON_ESCAPE_UNICODE;
constexpr int kArrayOptions = Poco::JSON_ESCAPE_UNICODE;

void setText(Poco::JSON::Object& object, const char* key, const std::string& value) {
  if (!value.empty()) object.set(key, value);
}

void setList(Poco::JSON::Object& object, const char* key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  auto array = Poco::makeShared<Poco::JSON::Array>(kArrayOptions);
  for (const auto& value : values) array->add(value);
  object.set(key, array);
}

} // namespace

std::string toJson(const DocumentRecord& record) {
  Poco::JSON::Object object(kObjectOptions);
  setText(object, "id", record.id);
  setText(object, "source", record.source);
  setText(object, "kind", record.kind);
  setText(object, "title", record.title);
  setText(object, "summary", record.summary);
  setText(object, "text", record.text);
  setText(object, "url", record.url);
  setText(object, "language", record.language);
  setList(object, "keywords", record.keywords);
  setList(object, "tags", record.tags);
  setList(object, "documents", record.documents);
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

void addUnique(std::vector<std::string>& values, const std::string& value) {
  if (value.empty()) return;
  for (const auto& present : values)
    if (Poco::icompare(present, value) == 0) return;
  values.push_back(value);
}

bool RecordEmitter::emitOnce(const DocumentRecord& record) {
  if (!ids_.insert(record.id).second) return false;
  if (!host_.emit(toJson(record))) ++rejected_;
  return true;
}

} // namespace oai
