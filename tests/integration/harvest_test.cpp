// `convoca harvest` with workers: a crashing and a hanging plugin beside eu-ft
// replaying recorded exchanges; then a run in which eu-ft fails.
#include "cli_runner.h"

#include <Poco/FileStream.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace convoca::testing {
namespace {

const std::string kDemoExchanges = CONVOCA_SOURCE_DIR "/fixtures/eu-ft/exchanges";
const std::string kTruncatedExchanges = CONVOCA_SOURCE_DIR "/fixtures/faults/eu-ft-truncated-page";
const std::string kMovedDeadlineExchanges = CONVOCA_SOURCE_DIR "/fixtures/changes/eu-ft-deadline-moved";

std::string writeConfig(const std::string& dir) {
  const std::string path = dir + "/convoca.properties";
  Poco::FileOutputStream(path) << "harvest.sources = eu-ft, test-crash, test-hang\n"
                                  "harvest.timeout_seconds = 6\n";
  return path;
}

TEST(Harvest, FailingPluginsAreReportedWhileEuFtIsIndexed) {
  const std::string data = freshDirectory("harvest");
  CliResult r = runConvoca(data, {"--config", writeConfig(data), "--plugin-dir", testPluginDir(), "harvest",
                                  "--replay", kDemoExchanges});
  EXPECT_EQ(r.exitCode, 1) << r.err;
  EXPECT_LT(r.elapsedMs, 6000 + 10000) << "the hanging plugin must be stopped by the configured timeout";
  EXPECT_NE(r.err.find("test-crash: worker killed by signal 11"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("test-hang: killed after the 6 s deadline"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("eu-ft           ok"), std::string::npos) << r.err;
  EXPECT_GE(documentCount(data), 40u + 3u + 1u)
      << "eu-ft's calls plus what the failing plugins sent before dying";
}

TEST(Harvest, ASecondRunWithEuFtFailingKeepsEveryEarlierRecord) {
  const std::string data = freshDirectory("harvest-keeps");
  CliResult first = runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kDemoExchanges});
  ASSERT_EQ(first.exitCode, 0) << first.err;
  const size_t before = documentCount(data);
  ASSERT_GE(before, 40u);

  CliResult failing = runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kTruncatedExchanges});
  EXPECT_EQ(failing.exitCode, 1) << failing.err;
  EXPECT_NE(failing.err.find("eu-ft: source-format"), std::string::npos) << failing.err;
  EXPECT_EQ(documentCount(data), before);

  CliResult unreachable =
      runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", freshDirectory("empty")});
  EXPECT_EQ(unreachable.exitCode, 1);
  EXPECT_EQ(documentCount(data), before);
}

TEST(Harvest, AnUnreadableSecretFileRefusesThatSourceOnlyAndKeepsItsRecords) {
  const std::string data = freshDirectory("harvest-secret");
  ASSERT_EQ(runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kDemoExchanges}).exitCode, 0);
  const size_t before = documentCount(data);
  const std::string config = freshDirectory("harvest-secret-config") + "/convoca.properties";
  std::ofstream(config) << "source.eu-ft.option.mode.file = " << data << "/no-such-secret\n";
  const CliResult refused =
      runConvoca(data, {"--config", config, "harvest", "--source", "eu-ft", "--replay", kDemoExchanges});
  EXPECT_EQ(refused.exitCode, 1) << "a failed source, not a usage error: " << refused.err;
  EXPECT_NE(refused.err.find("source.eu-ft.option.mode.file"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("refused"), std::string::npos) << refused.err;
  EXPECT_EQ(documentCount(data), before);
}

TEST(Harvest, ReplayingTheSameExchangesTwiceChangesNothing) {
  const std::string data = freshDirectory("harvest-idempotent");
  ASSERT_EQ(runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kDemoExchanges}).exitCode, 0);
  const size_t before = documentCount(data);
  CliResult again = runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kDemoExchanges});
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_EQ(documentCount(data), before);
  EXPECT_NE(again.err.find(" 0       0"), std::string::npos) << "no new, no updated records:\n" << again.err;
}

TEST(Harvest, HistoryShowsTheFieldsAReHarvestChanged) {
  const std::string data = freshDirectory("harvest-history");
  const std::string id = "eu-ft:HORIZON-MISS-2027-SOIL-01-01";
  ASSERT_EQ(runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kDemoExchanges}).exitCode, 0);
  CliResult changed = runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kMovedDeadlineExchanges});
  ASSERT_EQ(changed.exitCode, 0) << changed.err;

  CliResult history = runConvoca(data, {"history", "--json", id});
  ASSERT_EQ(history.exitCode, 0) << history.err;
  auto changes =
      Poco::JSON::Parser().parse(history.out).extract<Poco::JSON::Object::Ptr>()->getArray("changes");
  std::map<std::string, std::pair<std::string, std::string>> byField;
  for (size_t i = 0; i < changes->size(); ++i) {
    auto change = changes->getObject(i);
    byField[change->getValue<std::string>("field")] = {change->getValue<std::string>("before"),
                                                       change->getValue<std::string>("after")};
  }
  ASSERT_TRUE(byField.count("record")) << history.out;
  EXPECT_EQ(byField["deadlines"].first, R"(["2027-04-15T17:00:00+02:00"])") << history.out;
  EXPECT_EQ(byField["deadlines"].second, R"(["2027-05-20T17:00:00+02:00"])") << history.out;
  EXPECT_NE(byField["budget"].first.find("6000000"), std::string::npos) << history.out;
  EXPECT_NE(byField["budget"].second.find("7500000"), std::string::npos) << history.out;
  EXPECT_FALSE(byField.count("title")) << "only what changed is logged";

  CliResult text = runConvoca(data, {"history", id});
  EXPECT_NE(text.out.find("deadlines: [\"2027-04-15T17:00:00+02:00\"] -> [\"2027-05-20T17:00:00+02:00\"]"),
            std::string::npos)
      << text.out;
  CliResult unchanged = runConvoca(data, {"history", "eu-ft:HORIZON-MISS-2027-SOIL-01-02"});
  EXPECT_NE(unchanged.out.find("first seen"), std::string::npos) << unchanged.out;
  EXPECT_EQ(unchanged.out.find("->"), std::string::npos) << unchanged.out;
}

TEST(Harvest, ACallReachingTheIndexThroughTwoSourcesIsOneResultListingBoth) {
  const std::string data = freshDirectory("harvest-dedup");
  for (const std::string source : {"bdns", "raisc"}) {
    const std::string dir = CONVOCA_SOURCE_DIR "/fixtures/" + source;
    CliResult r = runConvoca(data, {"--config", dir + "/demo.properties", "harvest", "--source", source,
                                    "--replay", dir + "/exchanges"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
  }
  CliResult r = runConvoca(data, {"search", "--json", "--limit", "50", "enllumenat"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto results = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>()->getArray("results");
  size_t resultsOfTheCall = 0;
  std::set<std::string> sources;
  for (size_t i = 0; i < results->size(); ++i) {
    auto hit = results->getObject(i);
    auto refs = hit->getArray("sources");
    std::set<std::string> ids;
    for (size_t j = 0; j < refs->size(); ++j) ids.insert(refs->getObject(j)->getValue<std::string>("id"));
    if (!ids.count("bdns:892877") && !ids.count("raisc:109322")) continue;
    ++resultsOfTheCall;
    for (size_t j = 0; j < refs->size(); ++j)
      sources.insert(refs->getObject(j)->getValue<std::string>("source"));
  }
  EXPECT_EQ(resultsOfTheCall, 1u) << r.out;
  EXPECT_EQ(sources, (std::set<std::string>{"bdns", "raisc"})) << r.out;
}

TEST(Harvest, UnknownSourceAndConflictingOptionsAreUsageErrors) {
  const std::string data = freshDirectory("harvest-usage");
  EXPECT_EQ(runConvoca(data, {"harvest", "--replay", "a", "--record", "b"}).exitCode, 2);
  CliResult unknown = runConvoca(data, {"harvest", "--source", "nope", "--replay", kDemoExchanges});
  EXPECT_EQ(unknown.exitCode, 1);
  EXPECT_NE(unknown.err.find("nope"), std::string::npos);
}

} // namespace
} // namespace convoca::testing
