// Helpers of the API tests (security_test, api_routes_test, openapi_test): a
// browser-like client that keeps the session cookie and CSRF token, canned
// calls with deadlines relative to now, a profile service in memory, and a
// scratch directory for the state DB.
#pragma once

#include "convoca/index/timeutil.h"
#include "convoca/state/state_db.h"
#include "convoca/web/profile_service.h"
#include "web_test_support.h"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/SHA1Engine.h>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace convoca::web::testing {

// ---- files ------------------------------------------------------------------

// A fresh directory under the test temporary directory, removed with its content.
class ScratchDir {
public:
  ScratchDir() {
    std::string pattern = ::testing::TempDir() + "convoca-web-api-XXXXXX";
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
  std::filesystem::path path_;
};

// ---- HTTP -------------------------------------------------------------------

// Options for a test server: loopback, ephemeral port, and rate limits far
// above what a suite sends, so only the rate-limit tests ever see a 429.
inline WebServerOptions testServerOptions() {
  WebServerOptions options;
  options.listen = "127.0.0.1:0";
  options.assetDir = kAssetDir;
  options.maxThreads = 2;
  options.requestsPerSecond = 1e6;
  options.requestBurst = 1e6;
  return options;
}

// A request with a body (httpRequest of web_test_support.h sends none).
inline HttpResult httpSend(uint16_t port, const std::string& method, const std::string& uri,
                           const std::string& body, const std::string& contentType,
                           const RequestSetup& setup = {}) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  // Generous: a sanitizer build on a loaded 2-core machine needs seconds for
  // a login (600,000 PBKDF2 rounds); no test here waits for this timeout.
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!contentType.empty()) request.setContentType(contentType);
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  if (setup) setup(request);
  session.sendRequest(request) << body;
  HttpResult result;
  std::istream& in = session.receiveResponse(result.response);
  Poco::StreamCopier::copyToString(in, result.body);
  result.status = result.response.getStatus();
  return result;
}

// The value of the session cookie a response sets, "" when it sets none.
inline std::string sessionCookieSet(const HttpResult& result) {
  std::vector<Poco::Net::HTTPCookie> cookies;
  result.response.getCookies(cookies);
  for (const auto& cookie : cookies)
    if (cookie.getName() == "convoca_session") return cookie.getValue();
  return "";
}

// The message of a JSON error body, "" when the body is not one.
inline std::string errorMessage(const HttpResult& result) {
  try {
    Poco::JSON::Object::Ptr error = result.json()->getObject("error");
    return error ? error->getValue<std::string>("message") : "";
  } catch (const std::exception&) {
    return "";
  }
}

inline std::string jsonText(const Poco::JSON::Object::Ptr& json) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(json, out);
  return out.str();
}

// What a browser tab does: keeps the session cookie and sends the CSRF token
// with every state-changing request.
class ApiClient {
public:
  explicit ApiClient(uint16_t port) : port_(port) {}

  // GET /api/session: takes the cookie it sets (if any) and the CSRF token.
  HttpResult openSession() {
    HttpResult result = get("/api/session");
    adopt(result);
    return result;
  }

  // Takes the session a response describes (GET or POST /api/session).
  void adopt(const HttpResult& result) {
    if (const std::string token = sessionCookieSet(result); !token.empty()) cookie = token;
    if (result.status == 200) csrfToken = result.json()->optValue<std::string>("csrf_token", "");
  }

  HttpResult get(const std::string& uri, const RequestSetup& setup = {}) const {
    return httpRequest(port_, Poco::Net::HTTPRequest::HTTP_GET, uri, withSession(setup));
  }

  // A state-changing request with the session cookie and the CSRF token.
  HttpResult send(const std::string& method, const std::string& uri, const std::string& body = "",
                  const std::string& contentType = "application/json", const RequestSetup& setup = {}) const {
    return httpSend(port_, method, uri, body, contentType,
                    withSession([this, setup](Poco::Net::HTTPRequest& r) {
                      if (!csrfToken.empty()) r.set("X-CSRF-Token", csrfToken);
                      if (setup) setup(r);
                    }));
  }

  HttpResult login(const std::string& user, const std::string& password) {
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("username", user);
    body->set("password", password);
    HttpResult result = send("POST", "/api/session", jsonText(body));
    adopt(result);
    return result;
  }

  std::string cookie;
  std::string csrfToken;

private:
  RequestSetup withSession(const RequestSetup& setup) const {
    return [this, setup](Poco::Net::HTTPRequest& r) {
      if (!cookie.empty()) r.set("Cookie", std::string("convoca_session=") + cookie);
      if (setup) setup(r);
    };
  }

  uint16_t port_;
};

// ---- canned calls -----------------------------------------------------------

inline constexpr int64_t kDay = 86400;

// `days` from now, as a source would write it (RFC 3339, Europe/Madrid's offset).
inline std::string daysFromNow(int64_t days) {
  return index::timeutil::formatInstant(index::timeutil::now() + days * kDay, index::timeutil::kHomeZone);
}

inline const std::string kSoilId = "eu-ft:HORIZON-CL6-2027-SOIL-01"; // two stages, both within a year
inline const std::string kHousingId = "bdns:716352";                 // one deadline in 10 days
inline const std::string kCutoffId = "eu-ft:LIFE-2027-CUTOFF";       // a passed cut-off, the next in 200 days
inline const std::string kSlashId = "oai:repositori.upf.edu/10230/777"; // an id with slashes
inline const std::string kDocumentsText = "TEXT OF THE LINKED DOCUMENTS";

inline index::Hit routeHit(const std::string& id, const std::string& title, const std::string& programme,
                           std::vector<std::string> deadlines) {
  index::Hit hit;
  hit.record.id = id;
  hit.record.source = id.substr(0, id.find(':'));
  hit.record.kind = "topic";
  hit.record.title = title;
  hit.record.summary = "Summary of " + title;
  hit.record.url = "https://example.org/calls/" + id;
  hit.record.language = "en";
  hit.record.programme = programme;
  hit.record.programmeCode = programme.substr(0, programme.find(' '));
  hit.record.deadlines = std::move(deadlines);
  hit.record.fetchedAt = "2026-11-20T03:00:00Z";
  hit.record.documentsText = kDocumentsText;
  hit.record.budget = index::Budget{1500000, "EUR"};
  hit.sources = {{hit.record.source, id, hit.record.url}};
  hit.percent = 80;
  hit.status = hit.record.deadlines.empty() ? "unknown" : "open";
  for (const std::string& deadline : hit.record.deadlines) {
    if (index::timeutil::parseInstant(deadline).value_or(0) < index::timeutil::now()) continue;
    hit.nextDeadline = deadline;
    break;
  }
  hit.snippet.text = "Snippet of " + title;
  return hit;
}

// Four calls in relevance order (not deadline order, so sorting shows).
inline index::SearchResult routeResult() {
  index::SearchResult result;
  result.hits.push_back(
      routeHit(kSoilId, "Soil health living labs", "Horizon Europe", {daysFromNow(30), daysFromNow(90)}));
  result.hits.push_back(routeHit(kHousingId, "Ajuts \"Habitatge\", 2026 — Àrea metropolitana",
                                 "Pla d'habitatge", {daysFromNow(10)}));
  result.hits.push_back(
      routeHit(kCutoffId, "LIFE cut-off series", "LIFE", {daysFromNow(-20), daysFromNow(200)}));
  result.hits.push_back(routeHit(kSlashId, "Repository call", "Open science", {}));
  result.total = result.hits.size();
  result.facets["source"] = {{"eu-ft", 2}, {"bdns", 1}, {"oai", 1}};
  result.facets["status"] = {{"open", 4}};
  return result;
}

// The day `days` from now in Europe/Madrid, as the API writes days (YYYY-MM-DD).
inline std::string dayFromNow(int64_t days) {
  const std::string key =
      index::timeutil::dayKey(index::timeutil::now() + days * kDay, index::timeutil::kHomeZone); // YYYYMMDD
  return key.substr(0, 4) + "-" + key.substr(4, 2) + "-" + key.substr(6, 2);
}

// The UID the plan gives a deadline: sha1(record id + "|" + stage index) @convoca.
inline std::string deadlineUid(const std::string& recordId, size_t stageIndex) {
  Poco::SHA1Engine sha1;
  sha1.update(recordId + "|" + std::to_string(stageIndex));
  return Poco::DigestEngine::digestToHex(sha1.digest()) + "@convoca";
}

// The `key` of each object of a results array, in order.
inline std::vector<std::string> resultIds(const Poco::JSON::Array::Ptr& results, const std::string& key) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < results->size(); ++i)
    ids.push_back(results->getObject(static_cast<unsigned>(i))->getValue<std::string>(key));
  return ids;
}

// ---- profiles ---------------------------------------------------------------

inline const std::string kProfileId = "amb-habitatge";

// Profiles kept in memory. A document is valid when it has an "id" and a
// "title"; matches are the first two canned calls.
class MemoryProfileService : public ProfileService {
public:
  MemoryProfileService() {
    documents_[kProfileId] = R"({"id":"amb-habitatge","title":"Habitatge assequible","language":"ca"})";
  }

  std::vector<ProfileSummary> profiles() override {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<ProfileSummary> list;
    for (const auto& [id, document] : documents_)
      list.push_back({id, parse(document)->optValue<std::string>("title", ""), "ca"});
    return list;
  }

  std::optional<Poco::JSON::Object::Ptr> matches(const std::string& id, size_t limit, bool) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!documents_.count(id)) return std::nullopt;
    Poco::JSON::Object::Ptr json = new Poco::JSON::Object;
    json->set("profile", id);
    json->set("title", "Habitatge assequible");
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    const index::SearchResult canned = routeResult();
    for (size_t i = 0; i < 2 && i < limit; ++i) {
      const index::Record& record = canned.hits[i].record;
      Poco::JSON::Object::Ptr match = new Poco::JSON::Object;
      match->set("id", record.id);
      match->set("title", record.title);
      match->set("programme", record.programme);
      match->set("status", "open");
      match->set("next_deadline", record.deadlines.front());
      match->set("fit", i == 0 ? 0.82 : 0.61);
      match->set("url", record.url);
      list->add(match);
    }
    json->set("matches", list);
    json->set("total", list->size());
    return json;
  }

  std::optional<std::string> profileDocument(const std::string& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = documents_.find(id);
    if (found == documents_.end()) return std::nullopt;
    return found->second;
  }

  std::string saveProfile(const std::string& document) override {
    Poco::JSON::Object::Ptr json = parse(document);
    const std::string id = json->optValue<std::string>("id", "");
    if (id.empty()) throw InvalidProfile("profile field 'id': is required");
    if (json->optValue<std::string>("title", "").empty())
      throw InvalidProfile("profile field 'title': is required");
    std::lock_guard<std::mutex> lock(mutex_);
    documents_[id] = document;
    return document;
  }

  bool removeProfile(const std::string& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    feedback_.erase(id);
    return documents_.erase(id) > 0;
  }

  std::optional<std::vector<FeedbackItem>> feedback(const std::string& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!documents_.count(id)) return std::nullopt;
    return feedback_[id];
  }

  bool setFeedback(const std::string& id, const FeedbackItem& item) override {
    if (item.kind != "record" && item.kind != "programme")
      throw InvalidProfile("kind must be record or programme");
    if (item.verdict != "relevant" && item.verdict != "not-relevant" && item.verdict != "muted" &&
        item.verdict != "clear")
      throw InvalidProfile("verdict must be relevant, not-relevant, muted or clear");
    std::lock_guard<std::mutex> lock(mutex_);
    if (!documents_.count(id)) return false;
    std::vector<FeedbackItem>& items = feedback_[id];
    for (auto it = items.begin(); it != items.end();)
      it = it->kind == item.kind && it->subject == item.subject ? items.erase(it) : it + 1;
    if (item.verdict != "clear")
      items.push_back({item.kind, item.subject, item.verdict, "2026-11-27T10:00:00Z"});
    return true;
  }

  std::optional<std::vector<DigestItem>> digest(const std::string& id, size_t) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!documents_.count(id)) return std::nullopt;
    return std::vector<DigestItem>{{1, "2026-11-26T03:10:00Z", "new", kHousingId, "Ajuts", "", "habitatge"}};
  }

private:
  static Poco::JSON::Object::Ptr parse(const std::string& document) {
    return Poco::JSON::Parser().parse(document).extract<Poco::JSON::Object::Ptr>();
  }

  std::mutex mutex_;
  std::map<std::string, std::string> documents_;
  std::map<std::string, std::vector<FeedbackItem>> feedback_;
};

// ---- body checks ------------------------------------------------------------

inline constexpr const char* kUtf8Bom = "\xEF\xBB\xBF";

inline bool startsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

inline size_t occurrences(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
    ++count;
  return count;
}

// Every line break is CRLF (RFC 4180 and RFC 5545 alike).
inline bool onlyCrlfLineEnds(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) return false;
  return true;
}

} // namespace convoca::web::testing
