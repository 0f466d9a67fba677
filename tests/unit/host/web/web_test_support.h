// Helpers shared by the web tests: a SearchService with canned answers, a
// server on 127.0.0.1 with an ephemeral port, and a small HTTP client.
#pragma once

#include "convoca/web/search_service.h"
#include "convoca/web/server.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <functional>
#include <gtest/gtest.h>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace convoca::web::testing {

inline const std::string kAssetDir = CONVOCA_SOURCE_DIR "/host/web/assets";

// Queries with special meanings for the fake.
inline const std::string kBadQuery = "soil AND (";
inline const std::string kFailingQuery = "explode";
inline const std::string kSecretDetail = "/var/lib/convoca/index is corrupt";

class FakeSearchService : public SearchService {
public:
  explicit FakeSearchService(index::SearchResult canned) : canned_(std::move(canned)) {}

  index::SearchResult search(const index::SearchRequest& request) override {
    std::lock_guard<std::mutex> lock(mutex_);
    lastRequest_ = request;
    ++calls_;
    if (request.query == kBadQuery) throw index::QueryError("Syntax: <expression> AND <expression>");
    if (request.query == kFailingQuery) throw std::runtime_error(kSecretDetail);
    return canned_;
  }

  size_t documentCount() override { return 42; }

  // The canned hit with this id, if any; similar() answers every other canned hit.
  std::optional<index::Hit> findById(const std::string& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const index::Hit& hit : canned_.hits)
      if (hit.record.id == id) return hit;
    return std::nullopt;
  }

  std::vector<index::Hit> similar(const std::string& id, size_t limit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<index::Hit> others;
    for (const index::Hit& hit : canned_.hits)
      if (hit.record.id != id && others.size() < limit) others.push_back(hit);
    return others;
  }

  index::SearchRequest lastRequest() {
    std::lock_guard<std::mutex> lock(mutex_);
    return lastRequest_;
  }

  int calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

private:
  std::mutex mutex_;
  index::SearchResult canned_;
  index::SearchRequest lastRequest_;
  int calls_ = 0;
};

struct HttpResult {
  int status = 0;
  Poco::Net::HTTPResponse response;
  std::string body;

  std::string header(const std::string& name) const { return response.get(name, ""); }
  Poco::JSON::Object::Ptr json() const {
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
  }
};

using RequestSetup = std::function<void(Poco::Net::HTTPRequest&)>;

inline HttpResult httpRequest(uint16_t port, const std::string& method, const std::string& uri,
                              const RequestSetup& setup = {}) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  // Generous: a sanitizer build on a loaded 2-core machine needs seconds for
  // a login (600,000 PBKDF2 rounds); no test here waits for this timeout.
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
  if (setup) setup(request);
  session.sendRequest(request);
  HttpResult result;
  std::istream& body = session.receiveResponse(result.response);
  Poco::StreamCopier::copyToString(body, result.body);
  result.status = result.response.getStatus();
  return result;
}

// Two hits: a harmless one and one whose title and snippet try to inject markup.
inline index::SearchResult cannedResult() {
  index::SearchResult result;
  result.total = 57;

  index::Hit soil;
  soil.record.id = "eu-ft:HORIZON-MISS-2024-SOIL-01";
  soil.record.source = "eu-ft";
  soil.record.kind = "topic";
  soil.record.title = "Soil health living labs";
  soil.record.url = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/topic-details/soil-01";
  soil.record.language = "en";
  soil.record.programme = "Horizon Europe";
  soil.record.programmeCode = "HORIZON";
  soil.record.callId = "HORIZON-MISS-2024-SOIL";
  soil.record.topicId = "HORIZON-MISS-2024-SOIL-01";
  soil.record.opening = "2024-01-10T00:00:00Z";
  soil.record.deadlines = {"2024-09-24T17:00:00+02:00", "2025-02-05T17:00:00+01:00"};
  soil.record.budget = index::Budget{12000000, "EUR"};
  soil.percent = 91;
  soil.status = "open";
  soil.nextDeadline = "2024-09-24T17:00:00+02:00";
  soil.snippet.text = "Living labs for soil health in cities";
  soil.snippet.highlights = {{16, 4}};
  result.hits.push_back(soil);

  index::Hit hostile;
  hostile.record.id = "test:xss";
  hostile.record.source = "test";
  hostile.record.title = "<script>alert(1)</script>";
  hostile.record.url = "javascript:alert(1)";
  hostile.percent = 12;
  hostile.status = "unknown";
  hostile.snippet.text = "soil <img src=x onerror=alert(1)> & \"quotes\"";
  hostile.snippet.highlights = {{0, 4}};
  result.hits.push_back(hostile);

  result.facets["source"] = {{"eu-ft", 50}, {"test", 7}};
  result.facets["programme"] = {{"HORIZON", 40}, {"LIFE", 10}};
  result.facets["status"] = {{"open", 30}, {"closed", 27}};
  result.facets["language"] = {{"en", 57}};
  result.facets["kind"] = {{"topic", 50}, {"call", 7}};
  return result;
}

inline std::unique_ptr<WebServer> startedServer(std::unique_ptr<SearchService> search) {
  WebServerOptions options;
  options.listen = "127.0.0.1:0";
  options.assetDir = kAssetDir;
  options.maxThreads = 2;
  auto server = std::make_unique<WebServer>(options, std::move(search));
  server->start();
  return server;
}

// One server on 127.0.0.1 (ephemeral port) with the fake searcher, shared by
// the suite: stopping a Poco server takes a quarter of a second.
class ServerTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    auto fake = std::make_unique<FakeSearchService>(cannedResult());
    fake_ = fake.get();
    server_ = startedServer(std::move(fake));
  }
  static void TearDownTestSuite() {
    server_.reset();
    fake_ = nullptr;
  }

  static uint16_t port() { return server_->port(); }

  static HttpResult get(const std::string& uri, const RequestSetup& setup = {}) {
    return httpRequest(port(), Poco::Net::HTTPRequest::HTTP_GET, uri, setup);
  }

  static inline std::unique_ptr<WebServer> server_;
  static inline FakeSearchService* fake_ = nullptr; // owned by server_
};

} // namespace convoca::web::testing
