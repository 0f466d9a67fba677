#include "profile_api.h"

#include "api_support.h"
#include "calendar_api.h"
#include "convoca/index/timeutil.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/NumberParser.h>
#include <Poco/SAX/AttributesImpl.h>
#include <Poco/XML/XMLWriter.h>
#include <sstream>

namespace convoca::web {
namespace {

constexpr size_t kDefaultLimit = 20;
constexpr size_t kMaxProfileLimit = 200; // matches and digest entries
constexpr size_t kMaxListLimit = 100;    // profiles and feedback, like every list
const std::string kPrefix = "/api/profiles";
const std::string kAtomNamespace = "http://www.w3.org/2005/Atom";

size_t limitFrom(const Request& request) {
  for (const auto& [name, value] : request.query) {
    if (name != "limit") continue;
    unsigned parsed = 0;
    if (!Poco::NumberParser::tryParseUnsigned(value, parsed) || parsed == 0 || parsed > kMaxProfileLimit)
      throw HttpError(HttpStatus::HTTP_BAD_REQUEST,
                      "limit must be a number from 1 to " + std::to_string(kMaxProfileLimit));
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

namespace {

Reply profileListReply(const Request& request, ProfileService& profiles) {
  const ListWindow window = listWindowFrom(request, kMaxListLimit);
  const std::vector<ProfileSummary> all = profiles.profiles();
  if (window.csv) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& profile : all) rows.push_back({profile.id, profile.title, profile.language});
    return csvReply("profiles", {"id", "title", "language"}, rows);
  }
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (size_t i = window.offset; i < all.size() && i < window.offset + window.limit; ++i) {
    Poco::JSON::Object::Ptr item = newJsonObject();
    item->set("id", all[i].id);
    item->set("title", all[i].title);
    item->set("language", all[i].language);
    list->add(item);
  }
  return listReply(all.size(), window, list);
}

Poco::JSON::Object::Ptr parsedObject(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

std::string stringified(const Poco::JSON::Object::Ptr& json) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(json, out);
  return out.str();
}

std::string savedDocument(ProfileService& profiles, const Poco::JSON::Object::Ptr& document) {
  try {
    return profiles.saveProfile(stringified(document));
  } catch (const InvalidProfile& error) {
    throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY, error.what());
  }
}

Reply createProfile(const Request& request, ProfileService& profiles) {
  Poco::JSON::Object::Ptr document = jsonBody(request);
  const std::string id = document->optValue<std::string>("id", "");
  if (!id.empty() && profiles.profileDocument(id))
    throw HttpError(HttpStatus::HTTP_CONFLICT, "a profile '" + id + "' exists already; PUT replaces it");
  Poco::JSON::Object::Ptr saved = parsedObject(savedDocument(profiles, document));
  return createdReply(saved, kPrefix + "/" + saved->optValue<std::string>("id", ""));
}

Reply replaceProfile(const Request& request, ProfileService& profiles, const std::string& id) {
  Poco::JSON::Object::Ptr document = jsonBody(request);
  const std::string given = document->optValue<std::string>("id", id);
  if (given != id)
    throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY,
                    "the document's id '" + given + "' is not the profile's '" + id + "'");
  document->set("id", id);
  if (!profiles.profileDocument(id)) throw noSuchProfile(id);
  return jsonReply(parsedObject(savedDocument(profiles, document)));
}

Reply profileDocumentRoute(const Request& request, ProfileService& profiles, const std::string& id) {
  if (request.method == "PUT") return replaceProfile(request, profiles, id);
  if (request.method == "DELETE") {
    if (!profiles.removeProfile(id)) throw noSuchProfile(id);
    return noContentReply();
  }
  if (request.method == "POST") throw MethodNotAllowed({"GET", "HEAD", "PUT", "DELETE"});
  const std::optional<std::string> document = profiles.profileDocument(id);
  if (!document) throw noSuchProfile(id);
  return jsonReply(parsedObject(*document));
}

Reply matchesReply(const Request& request, ProfileService& profiles, const std::string& id) {
  const ListWindow window = listWindowFrom(request, kMaxProfileLimit, {"include_closed"});
  const std::string includeClosed = parameter(request, "include_closed", "false");
  if (includeClosed != "true" && includeClosed != "false")
    throw BadRequest("include_closed must be true or false");
  const auto result =
      profiles.matches(id, window.csv ? kMaxProfileLimit : window.limit, includeClosed == "true");
  if (!result) throw noSuchProfile(id);
  if (!window.csv) return jsonReply(*result);
  std::vector<std::vector<std::string>> rows;
  Poco::JSON::Array::Ptr matches = (*result)->getArray("matches");
  for (size_t i = 0; matches && i < matches->size(); ++i) {
    Poco::JSON::Object::Ptr m = matches->getObject(static_cast<unsigned>(i));
    rows.push_back({cellText(m->get("id")), cellText(m->get("title")), cellText(m->get("programme")),
                    cellText(m->get("status")), cellText(m->get("next_deadline")), cellText(m->get("fit")),
                    cellText(m->get("url"))});
  }
  return csvReply("matches-" + id, {"id", "title", "programme", "status", "next_deadline", "fit", "url"},
                  rows);
}

Reply matchesCalendar(ProfileService& profiles, SearchService& search, const std::string& id) {
  const auto result = profiles.matches(id, kMaxProfileLimit, false);
  if (!result) throw noSuchProfile(id);
  std::vector<index::Hit> hits;
  Poco::JSON::Array::Ptr matches = (*result)->getArray("matches");
  for (size_t i = 0; matches && i < matches->size(); ++i) {
    const std::string recordId =
        matches->getObject(static_cast<unsigned>(i))->optValue<std::string>("id", "");
    if (std::optional<index::Hit> hit = search.findById(recordId)) hits.push_back(std::move(*hit));
  }
  Reply reply;
  reply.contentType = "text/calendar; charset=utf-8";
  reply.body = deadlinesIcs("convoca — " + (*result)->optValue<std::string>("title", id), hits,
                            index::timeutil::now());
  return reply;
}

Poco::JSON::Object::Ptr feedbackJson(const FeedbackItem& item) {
  Poco::JSON::Object::Ptr json = newJsonObject();
  json->set("kind", item.kind);
  json->set("subject", item.subject);
  json->set("verdict", item.verdict);
  json->set("given_at", item.givenAt);
  return json;
}

Reply feedbackRoute(const Request& request, ProfileService& profiles, const std::string& id) {
  if (request.method == "POST") {
    Poco::JSON::Object::Ptr body = jsonBody(request);
    FeedbackItem item;
    item.kind = body->optValue<std::string>("kind", "record");
    item.subject = body->optValue<std::string>("subject", "");
    item.verdict = body->optValue<std::string>("verdict", "");
    if (item.subject.empty()) throw BadRequest("subject (a record id or programme code) is required");
    bool found = false;
    try {
      found = profiles.setFeedback(id, item);
    } catch (const InvalidProfile& error) {
      throw HttpError(HttpStatus::HTTP_UNPROCESSABLE_ENTITY, error.what());
    }
    if (!found) throw noSuchProfile(id);
    return noContentReply();
  }
  const ListWindow window = listWindowFrom(request, kMaxListLimit);
  const auto items = profiles.feedback(id);
  if (!items) throw noSuchProfile(id);
  if (window.csv) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& item : *items) rows.push_back({item.kind, item.subject, item.verdict, item.givenAt});
    return csvReply("feedback-" + id, {"kind", "subject", "verdict", "given_at"}, rows);
  }
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (size_t i = window.offset; i < items->size() && i < window.offset + window.limit; ++i)
    list->add(feedbackJson((*items)[i]));
  return listReply(items->size(), window, list);
}

void onlyReads(const Request& request) {
  if (request.method != "GET" && request.method != "HEAD") throw MethodNotAllowed({"GET", "HEAD"});
}

} // namespace

Reply profileController(const Request& request, ProfileService& profiles, SearchService& search,
                        const std::string& assetDir) {
  if (request.path == kPrefix || request.path == kPrefix + "/") {
    if (request.method == "POST") return createProfile(request, profiles);
    return profileListReply(request, profiles);
  }
  // /api/profiles/{id} or /api/profiles/{id}/{what}
  const std::string rest = request.path.substr(kPrefix.size() + 1);
  const size_t slash = rest.find('/');
  const std::string id = rest.substr(0, slash);
  if (slash == std::string::npos) return profileDocumentRoute(request, profiles, id);
  const std::string what = rest.substr(slash + 1);
  if (what == "feedback") return feedbackRoute(request, profiles, id);
  onlyReads(request);
  if (what == "matches") return matchesReply(request, profiles, id);
  if (what == "calendar.ics") return matchesCalendar(profiles, search, id);
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
