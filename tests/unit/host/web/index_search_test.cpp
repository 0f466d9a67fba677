// The server in front of a real (small) Xapian index: what `convoca serve`
// does, minus the harvest.
#include "convoca/index/indexer.h"
#include "convoca/index/record.h"
#include "web_test_support.h"

#include <Poco/JSON/Array.h>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>

namespace convoca::web::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRecords[] = {
    R"({"id": "test:soil", "source": "test", "kind": "topic", "language": "en",
        "title": "A Soil Deal for Europe: living labs for healthy soils",
        "summary": "Living labs and lighthouses to restore soil health in cities and farms.",
        "url": "https://example.org/soil", "programme": "Horizon Europe", "programme_code": "HORIZON",
        "opening": "2030-01-10T00:00:00+01:00", "deadlines": ["2030-09-24T17:00:00+02:00"]})",
    R"({"id": "test:mobility", "source": "test", "kind": "call", "language": "en",
        "title": "Zero-emission urban mobility", "summary": "Clean buses and cycling for metropolitan areas.",
        "url": "https://example.org/mobility", "programme": "LIFE", "programme_code": "LIFE",
        "deadlines": ["2020-03-01T17:00:00+01:00"]})",
};

// One index and server for the suite: building and stopping take a while.
class IndexedServerTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    // Under the test temporary directory (TEST_TMPDIR, else /tmp).
    std::string pattern = ::testing::TempDir() + "convoca-web-index-XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    const std::string indexPath = (dir_ / "index").string();
    {
      index::Indexer indexer(indexPath);
      for (const char* json : kRecords) indexer.upsert(index::recordFromJson(json));
      indexer.commit();
    }
    server_ = startedServer(makeIndexSearchService(indexPath));
  }
  static void TearDownTestSuite() {
    server_.reset();
    fs::remove_all(dir_);
  }

  static HttpResult get(const std::string& uri) {
    return httpRequest(server_->port(), Poco::Net::HTTPRequest::HTTP_GET, uri);
  }

  static inline fs::path dir_;
  static inline std::unique_ptr<WebServer> server_;
};

TEST_F(IndexedServerTest, FindsSoilWithAMarkedSnippet) {
  HttpResult result = get("/api/search?q=soil");
  ASSERT_EQ(result.status, 200) << result.body;
  Poco::JSON::Object::Ptr json = result.json();
  EXPECT_EQ(json->getValue<int>("total"), 1);
  Poco::JSON::Object::Ptr hit = json->getArray("results")->getObject(0);
  EXPECT_EQ(hit->getValue<std::string>("id"), "test:soil");
  EXPECT_EQ(hit->getValue<std::string>("url"), "https://example.org/soil");
  EXPECT_NE(hit->getValue<std::string>("snippet_html").find("<mark>"), std::string::npos)
      << hit->getValue<std::string>("snippet_html");
}

TEST_F(IndexedServerTest, FiltersByProgrammeAndCountsFacets) {
  Poco::JSON::Object::Ptr json = get("/api/search?programme=LIFE").json();
  EXPECT_EQ(json->getValue<int>("total"), 1);
  EXPECT_EQ(json->getArray("results")->getObject(0)->getValue<std::string>("id"), "test:mobility");
  Poco::JSON::Array::Ptr kinds = get("/api/search").json()->getObject("facets")->getArray("kind");
  EXPECT_EQ(kinds->size(), 2u);
}

TEST_F(IndexedServerTest, ComputesStatusAtQueryTime) {
  Poco::JSON::Object::Ptr json = get("/api/search?status=closed").json();
  ASSERT_EQ(json->getValue<int>("total"), 1);
  Poco::JSON::Object::Ptr hit = json->getArray("results")->getObject(0);
  EXPECT_EQ(hit->getValue<std::string>("id"), "test:mobility");
  EXPECT_EQ(hit->getValue<std::string>("status"), "closed");
}

TEST_F(IndexedServerTest, AnswersASyntaxErrorWith400) {
  HttpResult result = get("/api/search?q=soil%20AND%20(");
  EXPECT_EQ(result.status, 400) << result.body;
}

TEST_F(IndexedServerTest, HealthCountsTheIndexedDocuments) {
  EXPECT_EQ(get("/api/health").json()->getValue<int>("documents"), 2);
}

TEST(IndexSearchService, ReportsAMissingIndexAtOnce) {
  EXPECT_THROW(makeIndexSearchService("/nonexistent/convoca/index"), index::IndexError);
}

} // namespace
} // namespace convoca::web::testing
