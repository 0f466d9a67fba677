#include "profile_api.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>
#include <Poco/SAX/AttributesImpl.h>
#include <Poco/XML/XMLWriter.h>
#include <sstream>

namespace convoca::web {
namespace {

constexpr size_t kDefaultLimit = 20;
constexpr size_t kMaxLimit = 200;
const std::string kPrefix = "/api/profiles";
const std::string kAtomNamespace = "http://www.w3.org/2005/Atom";

size_t limitFrom(const Request& request) {
  for (const auto& [name, value] : request.query) {
    if (name != "limit") continue;
    unsigned parsed = 0;
    if (!Poco::NumberParser::tryParseUnsigned(value, parsed) || parsed == 0 || parsed > kMaxLimit)
      throw HttpError(HttpStatus::HTTP_BAD_REQUEST,
                      "limit must be a number from 1 to " + std::to_string(kMaxLimit));
    return parsed;
  }
  return kDefaultLimit;
}

std::optional<ProfileSummary> findProfile(ProfileService& profiles, const std::string& id) {
  for (const auto& profile : profiles.profiles())
    if (profile.id == id) return profile;
  return std::nullopt;
}

HttpError noSuchProfile(const std::string& id) {
  return HttpError(HttpStatus::HTTP_NOT_FOUND, "no profile '" + id + "'");
}

Reply listReply(ProfileService& profiles) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (const auto& profile : profiles.profiles()) {
    Poco::JSON::Object::Ptr item = newJsonObject();
    item->set("id", profile.id);
    item->set("title", profile.title);
    item->set("language", profile.language);
    list->add(item);
  }
  json->set("profiles", list);
  return jsonReply(json);
}

Reply digestJsonReply(const std::string& id, const std::vector<DigestItem>& items) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("profile", id);
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (const auto& item : items) {
    Poco::JSON::Object::Ptr entry = newJsonObject();
    entry->set("id", item.id);
    entry->set("created_at", item.createdAt);
    entry->set("change", item.change);
    entry->set("record", item.recordId);
    entry->set("title", item.title);
    entry->set("url", item.url);
    entry->set("summary", item.summary);
    list->add(entry);
  }
  json->set("entries", list);
  return jsonReply(json);
}

void textElement(Poco::XML::XMLWriter& writer, const std::string& name, const std::string& text,
                 const Poco::XML::AttributesImpl& attributes = Poco::XML::AttributesImpl()) {
  writer.startElement(kAtomNamespace, name, "", attributes);
  writer.characters(text);
  writer.endElement(kAtomNamespace, name, "");
}

void linkElement(Poco::XML::XMLWriter& writer, const std::string& rel, const std::string& href) {
  Poco::XML::AttributesImpl attributes;
  attributes.addAttribute("", "rel", "", "CDATA", rel);
  attributes.addAttribute("", "href", "", "CDATA", href);
  writer.emptyElement(kAtomNamespace, "link", "", attributes);
}

std::string nowRfc3339() {
  return Poco::DateTimeFormatter::format(Poco::DateTime(), Poco::DateTimeFormat::ISO8601_FORMAT);
}

std::string parameter(const Request& request, const std::string& name, const std::string& fallback) {
  for (const auto& [key, value] : request.query)
    if (key == name) return value;
  return fallback;
}

} // namespace

FeedWords feedWordsFor(const std::string& assetDir, const std::string& language) {
  if (language != "ca" && language != "es" && language != "en")
    throw HttpError(HttpStatus::HTTP_BAD_REQUEST, "lang must be ca, es or en");
  FeedWords words;
  Poco::FileInputStream in(assetDir + "/i18n/" + language + ".json");
  Poco::JSON::Object::Ptr strings = Poco::JSON::Parser().parse(in).extract<Poco::JSON::Object::Ptr>();
  words.title = strings->optValue<std::string>("feed.title", words.title);
  words.isNew = strings->optValue<std::string>("feed.new", words.isNew);
  words.changed = strings->optValue<std::string>("feed.changed", words.changed);
  return words;
}

std::string digestAtom(const ProfileSummary& profile, const std::vector<DigestItem>& items,
                       const std::string& selfUrl, const FeedWords& words) {
  std::ostringstream out;
  Poco::XML::XMLWriter writer(out, Poco::XML::XMLWriter::WRITE_XML_DECLARATION |
                                       Poco::XML::XMLWriter::PRETTY_PRINT);
  writer.setNewLine("\n");
  writer.startDocument();
  writer.startPrefixMapping("", kAtomNamespace);
  writer.startElement(kAtomNamespace, "feed", "");
  // Stable ids: a tag URI per profile and per digest entry (RFC 4151), never the server's address.
  textElement(writer, "id", "tag:convoca,2026:profile:" + profile.id);
  std::string title = words.title;
  if (const size_t slot = title.find("{title}"); slot != std::string::npos)
    title.replace(slot, 7, profile.title);
  textElement(writer, "title", title);
  textElement(writer, "updated", items.empty() ? nowRfc3339() : items.front().createdAt);
  writer.startElement(kAtomNamespace, "author", "");
  textElement(writer, "name", "convoca");
  writer.endElement(kAtomNamespace, "author", "");
  linkElement(writer, "self", selfUrl);
  for (const auto& item : items) {
    writer.startElement(kAtomNamespace, "entry", "");
    textElement(writer, "id", "tag:convoca,2026:digest:" + profile.id + ":" + std::to_string(item.id));
    textElement(writer, "title",
                "[" + (item.change == "new" ? words.isNew : words.changed) + "] " + item.title);
    textElement(writer, "updated", item.createdAt);
    if (!item.url.empty()) linkElement(writer, "alternate", item.url);
    Poco::XML::AttributesImpl type;
    type.addAttribute("", "type", "", "CDATA", "text");
    textElement(writer, "summary", item.summary, type);
    writer.endElement(kAtomNamespace, "entry", "");
  }
  writer.endElement(kAtomNamespace, "feed", "");
  writer.endPrefixMapping("");
  writer.endDocument();
  return out.str();
}

Reply profileController(const Request& request, ProfileService& profiles, const std::string& assetDir) {
  if (request.path == kPrefix || request.path == kPrefix + "/") return listReply(profiles);
  // /api/profiles/{id}/{what}
  const std::string rest = request.path.substr(kPrefix.size() + 1);
  const size_t slash = rest.find('/');
  if (slash == std::string::npos) throw HttpError(HttpStatus::HTTP_NOT_FOUND, "no such resource");
  const std::string id = rest.substr(0, slash);
  const std::string what = rest.substr(slash + 1);
  if (what == "matches") {
    const auto result = profiles.matches(id, limitFrom(request));
    if (!result) throw noSuchProfile(id);
    return jsonReply(*result);
  }
  if (what == "digest" || what == "digest.atom") {
    const auto items = profiles.digest(id, limitFrom(request));
    if (!items) throw noSuchProfile(id);
    if (what == "digest") return digestJsonReply(id, *items);
    const std::optional<ProfileSummary> profile = findProfile(profiles, id);
    if (!profile) throw noSuchProfile(id);
    Reply reply;
    reply.contentType = "application/atom+xml; charset=utf-8";
    reply.body =
        digestAtom(*profile, *items, request.path, feedWordsFor(assetDir, parameter(request, "lang", "ca")));
    return reply;
  }
  throw HttpError(HttpStatus::HTTP_NOT_FOUND, "no such resource: " + what);
}

} // namespace convoca::web
