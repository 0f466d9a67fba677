// GET /metrics of a running WebServer on 127.0.0.1:0, in front of a real
// Xapian index and state DB: the output must pass the strict parser of
// metrics_parser.h and move when a harvest records runs and indexes records.
#include "api_test_support.h"
#include "convoca/index/index_store.h"
#include "convoca/index/indexer.h"
#include "convoca/index/record.h"
#include "convoca/state/state_db.h"
#include "convoca/web/password.h"
#include "metrics_endpoint.h"
#include "metrics_parser.h"
#include "web_test_support.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace convoca::web::testing {
namespace {

namespace fs = std::filesystem;
using L = std::map<std::string, std::string>;

// Deadlines far from today, so each record's status holds for decades.
constexpr const char* kOpenRecord =
    R"({"id": "test:open", "source": "test", "kind": "topic", "language": "en", "title": "Open soil call",
        "url": "https://example.org/open", "opening": "2020-01-10T00:00:00+01:00",
        "deadlines": ["2090-09-24T17:00:00+02:00"]})";
constexpr const char* kClosedRecord =
    R"({"id": "test:closed", "source": "test", "kind": "call", "language": "en", "title": "Closed mobility call",
        "url": "https://example.org/closed", "deadlines": ["2020-03-01T17:00:00+01:00"]})";
constexpr const char* kForthcomingRecord =
    R"({"id": "other:soon", "source": "other", "kind": "call", "language": "en", "title": "Forthcoming water call",
        "url": "https://example.org/soon", "opening": "2089-01-10T00:00:00+01:00",
        "deadlines": ["2090-03-01T17:00:00+01:00"]})";

class MetricsServerTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "convoca-metrics-XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    index::IndexStore(dir_.string()).ensure(); // the layout `convoca serve` prepares
    index({kOpenRecord, kClosedRecord});
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }

  std::string indexPath() const { return index::IndexStore(dir_.string()).stubPath(); }
  std::string statePath() const { return (dir_ / "state.db").string(); }

  // What a harvest process does to the index: its own writer, then a commit.
  void index(const std::vector<const char*>& records) {
    index::Indexer indexer(indexPath());
    for (const char* json : records) indexer.upsert(index::recordFromJson(json));
    indexer.commit();
  }

  void start(WebServerOptions options = testServerOptions()) {
    server_ = std::make_unique<WebServer>(options, makeIndexSearchService(indexPath()), nullptr,
                                          std::make_unique<state::StateDb>(statePath()));
    server_->start();
  }

  HttpResult scrape(const RequestSetup& setup = {}) {
    return httpRequest(server_->port(), Poco::Net::HTTPRequest::HTTP_GET, "/metrics", setup);
  }

  Exposition parsedScrape() {
    const HttpResult result = scrape();
    EXPECT_EQ(result.status, 200) << result.body;
    return parseExposition(result.body);
  }

  fs::path dir_;
  std::unique_ptr<WebServer> server_;
};

// What a harvest process records in its own connection to the state DB.
void recordRun(const std::string& statePath, const std::string& source, state::RunOutcome outcome,
               int64_t added) {
  state::StateDb db(statePath);
  const int64_t run = db.beginRun("harvest");
  state::SourceRun sourceRun;
  sourceRun.source = source;
  sourceRun.outcome = outcome;
  sourceRun.counts.added = added;
  db.recordSourceRun(run, sourceRun);
  db.finishRun(run, outcome == state::RunOutcome::Succeeded);
}

TEST_F(MetricsServerTest, ServesTheTextFormatThatAStrictParserAccepts) {
  recordRun(statePath(), "test", state::RunOutcome::Succeeded, 2);
  start();
  const HttpResult result = scrape();
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(result.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const Exposition parsed = parseExposition(result.body);
  const std::map<std::string, std::string> expectedTypes{
      {"convoca_harvest_source_runs_total", "counter"},
      {"convoca_harvest_source_failures_total", "counter"},
      {"convoca_harvest_worker_crashes_total", "counter"},
      {"convoca_harvest_worker_timeouts_total", "counter"},
      {"convoca_harvest_source_consecutive_failures", "gauge"},
      {"convoca_harvest_last_success_timestamp_seconds", "gauge"},
      {"convoca_harvest_running", "gauge"},
      {"convoca_index_records", "gauge"},
      {"convoca_index_documents", "gauge"},
      {"convoca_index_size_bytes", "gauge"},
      {"convoca_http_requests_total", "counter"},
      {"convoca_http_request_duration_seconds", "histogram"},
      {"convoca_metrics_errors_total", "counter"},
  };
  for (const auto& [name, type] : expectedTypes) {
    ASSERT_TRUE(parsed.families.count(name)) << name << " missing in\n" << result.body;
    EXPECT_EQ(parsed.families.at(name).type, type) << name;
    EXPECT_FALSE(parsed.families.at(name).help.empty()) << name;
  }
  for (const auto& [name, family] : parsed.families) EXPECT_EQ(name.rfind("convoca_", 0), 0u) << name;
  if (std::system("command -v promtool >/dev/null 2>&1") == 0) {
    const fs::path file = dir_ / "scrape.txt";
    std::ofstream(file) << result.body;
    EXPECT_EQ(std::system(("promtool check metrics < " + file.string()).c_str()), 0) << result.body;
  }
}

TEST_F(MetricsServerTest, CountsRecordsBySourceAndStatusAtScrapeTime) {
  index({kForthcomingRecord});
  start();
  const Exposition parsed = parsedScrape();
  EXPECT_EQ(parsed.value("convoca_index_records", L{{"source", "test"}, {"status", "open"}}), 1);
  EXPECT_EQ(parsed.value("convoca_index_records", L{{"source", "test"}, {"status", "closed"}}), 1);
  EXPECT_EQ(parsed.value("convoca_index_records", L{{"source", "other"}, {"status", "forthcoming"}}), 1);
  EXPECT_FALSE(parsed.value("convoca_index_records", L{{"source", "other"}, {"status", "open"}}));
  EXPECT_EQ(parsed.value("convoca_index_documents"), 3);
  EXPECT_GT(*parsed.value("convoca_index_size_bytes"), 0);
}

TEST_F(MetricsServerTest, MovesWhenAHarvestRuns) {
  recordRun(statePath(), "test", state::RunOutcome::Succeeded, 2);
  start();
  const Exposition before = parsedScrape();

  recordRun(statePath(), "test", state::RunOutcome::Succeeded, 0);
  recordRun(statePath(), "other", state::RunOutcome::Crashed, 0);
  recordRun(statePath(), "other", state::RunOutcome::TimedOut, 0);
  index({kForthcomingRecord});
  const Exposition after = parsedScrape();

  EXPECT_EQ(before.value("convoca_harvest_source_runs_total", L{{"source", "test"}, {"outcome", "ok"}}), 1);
  EXPECT_EQ(after.value("convoca_harvest_source_runs_total", L{{"source", "test"}, {"outcome", "ok"}}), 2);
  EXPECT_EQ(after.value("convoca_harvest_source_runs_total", L{{"source", "other"}, {"outcome", "crashed"}}),
            1);
  EXPECT_EQ(after.value("convoca_harvest_worker_crashes_total", L{{"source", "other"}}), 1);
  EXPECT_EQ(after.value("convoca_harvest_worker_timeouts_total", L{{"source", "other"}}), 1);
  EXPECT_EQ(after.value("convoca_harvest_source_failures_total", L{{"source", "other"}}), 2);
  EXPECT_EQ(after.value("convoca_harvest_source_failures_total", L{{"source", "test"}}), 0);
  EXPECT_EQ(after.value("convoca_harvest_source_consecutive_failures", L{{"source", "other"}}), 2);
  EXPECT_FALSE(after.value("convoca_harvest_last_success_timestamp_seconds", L{{"source", "other"}}));
  const double lastSuccess =
      *after.value("convoca_harvest_last_success_timestamp_seconds", L{{"source", "test"}});
  EXPECT_NEAR(lastSuccess, static_cast<double>(std::time(nullptr)), 120);
  EXPECT_EQ(before.value("convoca_index_documents"), 2);
  EXPECT_EQ(after.value("convoca_index_documents"), 3);
  EXPECT_EQ(after.value("convoca_index_records", L{{"source", "other"}, {"status", "forthcoming"}}), 1);
  // The first scrape is counted in the second.
  EXPECT_EQ(after.value("convoca_http_requests_total",
                        L{{"route", "/metrics"}, {"method", "GET"}, {"code", "200"}}),
            1);
  EXPECT_EQ(after.value("convoca_http_request_duration_seconds_count", L{{"route", "/metrics"}}), 1);
}

TEST_F(MetricsServerTest, ShowsAHarvestInProgress) {
  state::StateDb db(statePath());
  const int64_t run = db.beginRun("harvest");
  start();
  EXPECT_EQ(parsedScrape().value("convoca_harvest_running"), 1);
  db.finishRun(run, true);
  EXPECT_EQ(parsedScrape().value("convoca_harvest_running"), 0);
}

TEST_F(MetricsServerTest, LabelsRequestsByRoutePatternNotByRawPath) {
  start();
  httpRequest(server_->port(), "GET", "/api/calls/test:open");
  httpRequest(server_->port(), "GET", "/api/calls/test:closed");
  httpRequest(server_->port(), "GET", "/no/such/page/12345");
  httpRequest(server_->port(), "DELETE", "/api/search");
  const Exposition parsed = parsedScrape();
  EXPECT_EQ(parsed.value("convoca_http_requests_total",
                         L{{"route", "/api/calls/*"}, {"method", "GET"}, {"code", "200"}}),
            2);
  EXPECT_EQ(parsed.value("convoca_http_requests_total",
                         L{{"route", "unrouted"}, {"method", "GET"}, {"code", "404"}}),
            1);
  EXPECT_EQ(parsed.value("convoca_http_requests_total",
                         L{{"route", "/api/search"}, {"method", "DELETE"}, {"code", "405"}}),
            1);
  for (const ParsedSample& sample : parsed.families.at("convoca_http_requests_total").samples)
    EXPECT_EQ(sample.labels.at("route").find("12345"), std::string::npos);
}

TEST_F(MetricsServerTest, LoopbackScrapesWithoutASessionEvenWhenLoginsAreRequired) {
  {
    state::StateDb db(statePath());
    db.saveUser({"ana", state::Role::Admin, hashPassword("a long enough password", 1000), "", ""});
  }
  WebServerOptions options = testServerOptions();
  options.authRequired = true;
  start(options);
  EXPECT_EQ(httpRequest(server_->port(), "GET", "/api/search").status, 401);
  EXPECT_EQ(scrape().status, 200);
  EXPECT_EQ(httpRequest(server_->port(), "POST", "/metrics").status, 405);
}

TEST(MetricsAccess, LoopbackClientsNeedNoToken) {
  EXPECT_TRUE(metrics::mayReadMetrics("127.0.0.1", "", ""));
  EXPECT_TRUE(metrics::mayReadMetrics("::1", "", "secret"));
}

TEST(MetricsAccess, OtherClientsNeedTheBearerToken) {
  EXPECT_FALSE(metrics::mayReadMetrics("192.0.2.7", "", "s3cret-token"));
  EXPECT_FALSE(metrics::mayReadMetrics("192.0.2.7", "Bearer wrong-token", "s3cret-token"));
  EXPECT_FALSE(metrics::mayReadMetrics("192.0.2.7", "Basic s3cret-token", "s3cret-token"));
  EXPECT_TRUE(metrics::mayReadMetrics("192.0.2.7", "Bearer s3cret-token", "s3cret-token"));
  EXPECT_TRUE(metrics::mayReadMetrics("2001:db8::1", "bearer s3cret-token", "s3cret-token"));
  // Without a configured token nobody off loopback gets in, not even with an empty bearer.
  EXPECT_FALSE(metrics::mayReadMetrics("192.0.2.7", "Bearer ", ""));
}

TEST(MetricsAccess, ReadsTheTokenFileTrimmedAndRefusesAnEmptyOne) {
  const fs::path dir = fs::path(::testing::TempDir());
  const fs::path file = dir / "convoca-metrics-token";
  std::ofstream(file) << "  s3cret-token\n";
  EXPECT_EQ(metrics::readMetricsToken(file.string()), "s3cret-token");
  std::ofstream(file) << "\n";
  EXPECT_THROW(metrics::readMetricsToken(file.string()), std::runtime_error);
  fs::remove(file);
  try {
    metrics::readMetricsToken(file.string());
    FAIL() << "a missing file must throw";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(file.string()), std::string::npos);
  }
}

} // namespace
} // namespace convoca::web::testing
