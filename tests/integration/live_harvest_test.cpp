// `convoca harvest` of eu-ft against a local HTTP server (127.0.0.1), through the
// worker and the host's HTTP client: retry on 503 + Retry-After, robots.txt,
// the size cap, and --record followed by --replay with the server gone.
#include "cli_runner.h"
#include "test_server.h"

#include <Poco/FileStream.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/StreamCopier.h>
#include <cstdlib>
#include <gtest/gtest.h>

namespace convoca::testing {
namespace {

std::string demoSearchPage() {
  Poco::FileInputStream in(CONVOCA_SOURCE_DIR
                           "/fixtures/eu-ft/exchanges/0002-api.tech.ec.europa.eu-search.body");
  std::string body;
  Poco::StreamCopier::copyToString(in, body);
  return body;
}

class LiveHarvest : public ::testing::Test {
protected:
  std::string configFor(const std::string& dir, const std::string& extra = "") {
    const std::string path = dir + "/convoca.properties";
    Poco::FileOutputStream(path) << "source.eu-ft.option.search_url = " << server_.url("/search") << "\n"
                                 << "http.per_host_interval_seconds = 0\n"
                                 << "http.backoff_base_ms = 20\n"
                                 << extra;
    return path;
  }
  TestServer server_;
};

TEST_F(LiveHarvest, RetriesAfter503ThenRecordsAndReplaysWithoutTheServer) {
  server_.onSequence("/search", {respond(503, "busy", {{"Retry-After", "1"}}),
                                 respond(200, demoSearchPage(), {}, "application/json")});
  const std::string data = freshDirectory("live");
  const std::string recordings = freshDirectory("live-recordings");
  CliResult r =
      runConvoca(data, {"--config", configFor(data), "harvest", "--source", "eu-ft", "--record", recordings});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto seen = server_.requestsTo("/search");
  ASSERT_EQ(seen.size(), 2u) << "one 503, one retry";
  EXPECT_GE(seen[1].receivedAt - seen[0].receivedAt, std::chrono::milliseconds(950))
      << "Retry-After honoured";
  EXPECT_EQ(seen[1].header("User-Agent").rfind("convoca/", 0), 0u) << seen[1].header("User-Agent");
  ASSERT_EQ(seen[1].parts.size(), 3u);
  EXPECT_EQ(seen[1].parts[1].name, "languages");
  EXPECT_EQ(seen[1].parts[1].data, R"(["en"])");
  EXPECT_EQ(documentCount(data), 53u);

  server_.stop();
  const std::string replayed = freshDirectory("live-replayed");
  CliResult replay = runConvoca(
      replayed, {"--config", configFor(replayed), "harvest", "--source", "eu-ft", "--replay", recordings});
  ASSERT_EQ(replay.exitCode, 0) << replay.err;
  EXPECT_EQ(documentCount(replayed), 53u);
}

TEST_F(LiveHarvest, PolitenessSettingsArePerSource) {
  server_.on("/search", respond(200, demoSearchPage(), {}, "application/json"));
  const std::string data = freshDirectory("live-per-source");
  CliResult r =
      runConvoca(data, {"--config", configFor(data, "source.eu-ft.http.user_agent = office-harvester/1.0\n"),
                        "harvest", "--source", "eu-ft"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  ASSERT_FALSE(server_.requestsTo("/search").empty());
  EXPECT_EQ(server_.requestsTo("/search").front().header("User-Agent"), "office-harvester/1.0");
}

TEST_F(LiveHarvest, ASourceOutsideItsHarvestWindowIsSkippedNotFailed) {
  server_.on("/search", respond(200, demoSearchPage(), {}, "application/json"));
  const std::string data = freshDirectory("live-window");
  setenv("CONVOCA_NOW", "2026-11-27T12:00:00+01:00", 1); // inherited by the child: noon in Barcelona
  CliResult r = runConvoca(data, {"--config", configFor(data, "source.eu-ft.harvest_hours = 1-6\n"),
                                  "harvest", "--source", "eu-ft"});
  unsetenv("CONVOCA_NOW");
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("outside its harvest window 1-6 h (now 12 h)"), std::string::npos) << r.err;
  EXPECT_TRUE(server_.requestsTo("/search").empty());
}

TEST_F(LiveHarvest, RobotsDisallowStopsTheSourceBeforeItsRequest) {
  server_.on("/robots.txt", respond(200, "User-agent: *\nDisallow: /search\n"));
  server_.on("/search", respond(200, demoSearchPage(), {}, "application/json"));
  const std::string data = freshDirectory("live-robots");
  CliResult r = runConvoca(data, {"--config", configFor(data), "harvest", "--source", "eu-ft"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("robots.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Disallow: /search"), std::string::npos) << "names the rule: " << r.err;
  EXPECT_TRUE(server_.requestsTo("/search").empty());
}

TEST_F(LiveHarvest, AnOversizedAnswerFailsTheSourceWithAReason) {
  server_.on("/search", respond(200, std::string(2u << 20, ' ') + demoSearchPage(), {}, "application/json"));
  const std::string data = freshDirectory("live-big");
  CliResult r = runConvoca(
      data, {"--config", configFor(data, "http.max_response_mb = 1\n"), "harvest", "--source", "eu-ft"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("eu-ft"), std::string::npos);
  EXPECT_NE(r.err.find("exceeds the 1048576-byte limit"), std::string::npos) << r.err;
  EXPECT_EQ(documentCount(data), 0u);
}

TEST_F(LiveHarvest, ConditionalGetAnswersFromTheCacheOn304) {
  // The dump is fetched with GET, so it goes through the ETag cache.
  int served = 0;
  server_.on("/dump.json", [&](const SeenRequest& request, Poco::Net::HTTPServerResponse& response) {
    ++served;
    if (request.header("If-None-Match") == "\"v1\"") {
      response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
      response.send();
      return;
    }
    response.set("ETag", "\"v1\"");
    response.setContentType("application/json");
    const std::string body =
        R"({"fundingData":{"GrantTenderObj":[{"type":1,"identifier":"LIFE-2027-TEST","title":"Urban greening pilots","deadlineDatesLong":[4102444800000],"frameworkProgramme":{"id":43252405,"abbreviation":"LIFE","description":"LIFE"}}]}})";
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
  });
  const std::string data = freshDirectory("live-304");
  const std::string config = configFor(
      data,
      "source.eu-ft.option.mode = dump\nsource.eu-ft.option.dump_url = " + server_.url("/dump.json") + "\n");
  ASSERT_EQ(runConvoca(data, {"--config", config, "harvest", "--source", "eu-ft"}).exitCode, 0);
  CliResult second = runConvoca(data, {"--config", config, "harvest", "--source", "eu-ft"});
  ASSERT_EQ(second.exitCode, 0) << second.err;
  EXPECT_EQ(served, 2);
  EXPECT_EQ(server_.requestsTo("/dump.json").back().header("If-None-Match"), "\"v1\"");
  EXPECT_EQ(documentCount(data), 1u);
}

} // namespace
} // namespace convoca::testing
