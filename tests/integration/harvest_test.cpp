// `convoca harvest` with workers: a crashing and a hanging plugin beside eu-ft
// replaying recorded exchanges; then a run in which eu-ft fails.
#include "cli_runner.h"

#include <Poco/FileStream.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

namespace convoca::testing {
namespace {

const std::string kDemoExchanges = CONVOCA_SOURCE_DIR "/fixtures/eu-ft/exchanges";
const std::string kTruncatedExchanges = CONVOCA_SOURCE_DIR "/fixtures/faults/eu-ft-truncated-page";

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

TEST(Harvest, ReplayingTheSameExchangesTwiceChangesNothing) {
  const std::string data = freshDirectory("harvest-idempotent");
  ASSERT_EQ(runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kDemoExchanges}).exitCode, 0);
  const size_t before = documentCount(data);
  CliResult again = runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kDemoExchanges});
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_EQ(documentCount(data), before);
  EXPECT_NE(again.err.find(" 0       0"), std::string::npos) << "no new, no updated records:\n" << again.err;
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
