#include "definition.h"

#include "dates.h"
#include "json_pointer.h"
#include "markup.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <optional>
#include <regex>
#include <set>

namespace declarative {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// One JSON object of a definition, read strictly: every key it holds must be
// read (or the object is refused), and every error names the key path.
class StrictObject {
public:
  StrictObject(Object::Ptr object, std::string path, const std::string& origin)
      : object_(std::move(object)), path_(std::move(path)), origin_(origin) {}

  [[noreturn]] void fail(const std::string& key, const std::string& reason) const {
    throw DefinitionError(origin_ + ": " + pathOf(key) + ": " + reason);
  }

  bool has(const std::string& key) const { return object_->has(key); }

  std::string text(const std::string& key, const std::string& fallback = "") {
    seen_.insert(key);
    if (!object_->has(key)) return fallback;
    const auto value = object_->get(key);
    if (!value.isString()) fail(key, "must be a string");
    const std::string out = value.toString();
    if (out.empty()) fail(key, "must not be empty");
    return out;
  }

  // A string that may be empty: "" is the JSON pointer of the whole document.
  std::optional<std::string> anyText(const std::string& key) {
    seen_.insert(key);
    if (!object_->has(key)) return std::nullopt;
    const auto value = object_->get(key);
    if (!value.isString()) fail(key, "must be a string");
    return value.toString();
  }

  std::string requiredText(const std::string& key) {
    if (!object_->has(key)) fail(key, "is required");
    return text(key);
  }

  int integer(const std::string& key, int fallback, int min, int max) {
    seen_.insert(key);
    if (!object_->has(key)) return fallback;
    const auto value = object_->get(key);
    if (!value.isInteger()) fail(key, "must be a whole number");
    const auto number = value.convert<long long>();
    if (number < min || number > max)
      fail(key, "must be from " + std::to_string(min) + " to " + std::to_string(max));
    return static_cast<int>(number);
  }

  bool boolean(const std::string& key, bool fallback) {
    seen_.insert(key);
    if (!object_->has(key)) return fallback;
    const auto value = object_->get(key);
    if (!value.isBoolean()) fail(key, "must be true or false");
    return value.convert<bool>();
  }

  std::vector<std::string> textList(const std::string& key) {
    seen_.insert(key);
    const auto array = object_->getArray(key);
    if (!array || array->size() == 0) fail(key, "must be a non-empty array of strings");
    std::vector<std::string> out;
    for (const auto& value : *array) {
      if (!value.isString() || value.toString().empty()) fail(key, "must hold non-empty strings only");
      out.push_back(value.toString());
    }
    return out;
  }

  StrictObject child(const std::string& key) {
    seen_.insert(key);
    const auto object = object_->getObject(key);
    if (!object) fail(key, "must be an object");
    return StrictObject(object, pathOf(key), origin_);
  }

  std::map<std::string, std::string> textMap(const std::string& key) {
    StrictObject map = child(key);
    std::map<std::string, std::string> out;
    for (const auto& name : map.object_->getNames()) out[name] = map.text(name);
    return out;
  }

  // Refuses keys nobody read: a misspelt key must not be silently ignored.
  void refuseUnknownKeys() const {
    for (const auto& name : object_->getNames())
      if (!seen_.count(name)) fail(name, "unknown key");
  }

private:
  std::string pathOf(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  Object::Ptr object_;
  std::string path_;
  const std::string& origin_;
  std::set<std::string> seen_;
};

// Checks selectors in the language of the definition's page format.
class SelectorCheck {
public:
  SelectorCheck(PageFormat format, std::map<std::string, std::string> namespaces)
      : format_(format), namespaces_(std::move(namespaces)) {}

  std::string selector(StrictObject& object, const std::string& key, bool required) {
    const auto found = object.anyText(key);
    if (!found && required) object.fail(key, "is required");
    const std::string value = found.value_or("");
    if (!found) return value;
    // Only the item selector may be "", the JSON pointer of a document that is itself the list.
    if (value.empty() && !(format_ == PageFormat::Json && key == "items"))
      object.fail(key, "must not be empty");
    if (value.empty()) return value;
    const auto error =
        format_ == PageFormat::Json ? pointerSyntaxError(value) : xpathError(value, namespaces_);
    if (error)
      object.fail(key, std::string(format_ == PageFormat::Json ? "bad JSON pointer" : "bad XPath") + " '" +
                           value + "': " + *error);
    return value;
  }

private:
  PageFormat format_;
  std::map<std::string, std::string> namespaces_;
};

PageFormat readFormat(StrictObject& object) {
  const std::string format = object.requiredText("format");
  if (format == "html") return PageFormat::Html;
  if (format == "xml") return PageFormat::Xml;
  if (format == "json") return PageFormat::Json;
  object.fail("format", "must be html, xml or json, not '" + format + "'");
}

std::string readTimeOfDay(StrictObject& object, const std::string& fallback) {
  const std::string time = object.text("time_if_missing", fallback);
  static const std::regex hhmm(R"(^([01]\d|2[0-3]):[0-5]\d$)");
  if (!std::regex_match(time, hhmm)) object.fail("time_if_missing", "must be HH:MM, not '" + time + "'");
  return time;
}

DateRule readDateRule(StrictObject object, SelectorCheck& check, const char* defaultTime,
                      const ZoneCheck& zoneIsKnown) {
  DateRule rule;
  rule.selector = check.selector(object, "selector", true);
  rule.formats = object.textList("formats");
  for (const auto& format : rule.formats)
    if (const auto error = dateFormatError(format)) object.fail("formats", "'" + format + "': " + *error);
  rule.zone = object.text("zone", rule.zone);
  if (!zoneIsKnown(rule.zone)) object.fail("zone", "unknown IANA time zone '" + rule.zone + "'");
  rule.timeIfMissing = readTimeOfDay(object, defaultTime);
  rule.all = object.boolean("all", false);
  object.refuseUnknownKeys();
  return rule;
}

FieldRules readFields(StrictObject object, SelectorCheck& check, bool listing, const ZoneCheck& zoneIsKnown) {
  FieldRules fields;
  fields.key = listing ? check.selector(object, "key", true) : "";
  fields.title = check.selector(object, "title", listing);
  fields.url = listing ? check.selector(object, "url", false) : "";
  fields.summary = check.selector(object, "summary", false);
  fields.text = check.selector(object, "text", false);
  fields.callId = check.selector(object, "call_id", false);
  fields.status = check.selector(object, "status", false);
  fields.keywords = check.selector(object, "keywords", false);
  if (object.has("deadline"))
    fields.deadline = readDateRule(object.child("deadline"), check, "17:00", zoneIsKnown);
  if (object.has("opening"))
    fields.opening = readDateRule(object.child("opening"), check, "00:00", zoneIsKnown);
  object.refuseUnknownKeys();
  return fields;
}

PaginationRule readPagination(StrictObject& parent, const std::string& url, SelectorCheck& check) {
  PaginationRule rule;
  if (parent.has("pagination")) {
    StrictObject object = parent.child("pagination");
    const std::string type = object.requiredText("type");
    if (type == "none")
      rule.type = PaginationType::None;
    else if (type == "page")
      rule.type = PaginationType::Page;
    else if (type == "offset")
      rule.type = PaginationType::Offset;
    else if (type == "next-link")
      rule.type = PaginationType::NextLink;
    else
      object.fail("type", "must be none, page, offset or next-link, not '" + type + "'");
    rule.start = object.integer("start", rule.type == PaginationType::Offset ? 0 : 1, 0, 1000000);
    rule.step = object.integer("step", 1, 1, 100000);
    rule.maxPages = object.integer("max_pages", rule.maxPages, 1, 1000);
    rule.pageSize = object.integer("page_size", 0, 1, 100000);
    rule.next = check.selector(object, "next", rule.type == PaginationType::NextLink);
    if (rule.type != PaginationType::NextLink && !rule.next.empty())
      object.fail("next", "is only for pagination type next-link");
    if (rule.type == PaginationType::Offset && !object.has("step"))
      object.fail("step", "is required for offset pagination (the page size)");
    object.refuseUnknownKeys();
  }
  const bool wantsPage = rule.type == PaginationType::Page, wantsOffset = rule.type == PaginationType::Offset;
  if (wantsPage != (url.find("{page}") != std::string::npos))
    parent.fail("url", wantsPage ? "must contain {page} for page pagination"
                                 : "has {page} but the pagination type is not page");
  if (wantsOffset != (url.find("{offset}") != std::string::npos))
    parent.fail("url", wantsOffset ? "must contain {offset} for offset pagination"
                                   : "has {offset} but the pagination type is not offset");
  return rule;
}

void readIdentity(StrictObject& object, Definition& definition) {
  static const std::regex idPattern("^[a-z0-9][a-z0-9-]{0,47}$");
  definition.id = object.requiredText("id");
  if (!std::regex_match(definition.id, idPattern))
    object.fail("id", "must be lower-case letters, digits and '-' (up to 48), not '" + definition.id + "'");
  definition.title = object.text("title");
  definition.programme = object.text("programme");
  definition.programmeCode = object.text("programme_code");
  definition.language = object.text("language");
  static const std::regex language("^[a-z]{2}$");
  if (!definition.language.empty() && !std::regex_match(definition.language, language))
    object.fail("language", "must be an ISO 639-1 code such as en, ca, es, fr");
  definition.kind = object.text("kind", definition.kind);
  static const std::set<std::string> kinds{"call", "topic", "tender", "document"};
  if (!kinds.count(definition.kind)) object.fail("kind", "must be call, topic, tender or document");
  definition.url = object.requiredText("url");
  if (definition.url.rfind("http://", 0) != 0 && definition.url.rfind("https://", 0) != 0)
    object.fail("url", "must be an http(s) URL");
}

Definition readDefinition(const Object::Ptr& json, const std::string& path, const std::string& origin,
                          const ZoneCheck& zoneIsKnown) {
  StrictObject object(json, path, origin);
  Definition definition;
  definition.origin = origin;
  readIdentity(object, definition);
  definition.format = readFormat(object);
  if (object.has("namespaces")) {
    if (definition.format != PageFormat::Xml) object.fail("namespaces", "is only for format xml");
    definition.namespaces = object.textMap("namespaces");
  }
  SelectorCheck check(definition.format, definition.namespaces);
  definition.pagination = readPagination(object, definition.url, check);
  definition.items = check.selector(object, "items", true);
  definition.fields = readFields(object.child("fields"), check, true, zoneIsKnown);
  if (object.has("detail")) {
    StrictObject detail = object.child("detail");
    definition.detail = readFields(detail.child("fields"), check, false, zoneIsKnown);
    detail.refuseUnknownKeys();
    if (definition.fields.url.empty()) object.fail("detail", "needs fields.url to know each item's page");
  }
  object.refuseUnknownKeys();
  return definition;
}

} // namespace

std::vector<Definition> loadDefinitions(const std::string& jsonText, const std::string& origin,
                                        const ZoneCheck& zoneIsKnown) {
  Poco::Dynamic::Var parsed;
  try {
    parsed = Poco::JSON::Parser().parse(jsonText);
  } catch (const Poco::Exception& e) {
    throw DefinitionError(origin + ": not valid JSON: " + e.displayText());
  }
  std::vector<Definition> definitions;
  std::set<std::string> ids;
  auto add = [&](const Object::Ptr& object, const std::string& path) {
    Definition definition = readDefinition(object, path, origin, zoneIsKnown);
    if (!ids.insert(definition.id).second)
      throw DefinitionError(origin + ": " + path + (path.empty() ? "" : ".") + "id: '" + definition.id +
                            "' is defined twice");
    definitions.push_back(std::move(definition));
  };
  if (parsed.type() == typeid(Object::Ptr)) {
    add(parsed.extract<Object::Ptr>(), "");
  } else if (parsed.type() == typeid(Array::Ptr)) {
    const auto array = parsed.extract<Array::Ptr>();
    for (unsigned i = 0; i < array->size(); ++i) {
      const auto object = array->getObject(i);
      if (!object) throw DefinitionError(origin + ": [" + std::to_string(i) + "]: must be an object");
      add(object, "[" + std::to_string(i) + "]");
    }
  } else {
    throw DefinitionError(origin + ": must be a definition object or an array of them");
  }
  return definitions;
}

const char* formatName(PageFormat format) {
  switch (format) {
  case PageFormat::Html:
    return "html";
  case PageFormat::Xml:
    return "xml";
  case PageFormat::Json:
    return "json";
  }
  return "?";
}

} // namespace declarative
