#include "oai/document_record.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/String.h>
#include <sstream>

namespace oai {
namespace {

void setText(Poco::JSON::Object& object, const char* key, const std::string& value) {
  if (!value.empty()) object.set(key, value);
}

void setList(Poco::JSON::Object& object, const char* key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  auto array = Poco::makeShared<Poco::JSON::Array>();
  for (const auto& value : values) array->add(value);
  object.set(key, array);
}

} // namespace

std::string toJson(const DocumentRecord& record) {
  Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
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
