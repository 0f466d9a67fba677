// `convoca status [--json]` after real harvests replaying recorded exchanges:
// index size, the last run per source, warnings and the exit code (0 without
// warnings, 1 with any).
#include "cli_runner.h"
#include "convoca/state/state_db.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Timestamp.h>
#include <cstdlib>
#include <gtest/gtest.h>

namespace convoca::testing {
namespace {

const std::string kDemoExchanges = CONVOCA_SOURCE_DIR "/fixtures/eu-ft/exchanges";
const std::string kTruncatedExchanges = CONVOCA_SOURCE_DIR "/fixtures/faults/eu-ft-truncated-page";

Poco::JSON::Object::Ptr jsonOf(const CliResult& result) {
  return Poco::JSON::Parser().parse(result.out).extract<Poco::JSON::Object::Ptr>();
}

std::string configWith(const std::string& dir, const std::string& properties) {
  const std::string path = dir + "/status.properties";
  Poco::FileOutputStream(path) << properties;
  return path;
}

std::vector<std::string> warningKinds(const Poco::JSON::Object::Ptr& status) {
  std::vector<std::string> kinds;
  Poco::JSON::Array::Ptr warnings = status->getArray("warnings");
  for (size_t i = 0; i < warnings->size(); ++i)
    kinds.push_back(warnings->getObject(i)->getValue<std::string>("kind"));
  return kinds;
}

// Runs status with the clock of every date decision pinned `hoursAhead` from now.
CliResult statusLater(const std::string& data, int hoursAhead, std::vector<std::string> args) {
  const Poco::Timestamp later = Poco::Timestamp() + Poco::Timespan(hoursAhead * Poco::Timespan::HOURS);
  setenv("CONVOCA_NOW", Poco::DateTimeFormatter::format(later, Poco::DateTimeFormat::ISO8601_FORMAT).c_str(),
         1);
  CliResult result = runConvoca(data, args);
  unsetenv("CONVOCA_NOW");
  return result;
}

// One harvest for the whole suite; the tests that need failures make their own.
class StatusTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    data_ = freshDirectory("status-ok");
    const CliResult harvest = runConvoca(data_, {"harvest", "--source", "eu-ft", "--replay", kDemoExchanges});
    ASSERT_EQ(harvest.exitCode, 0) << harvest.err;
  }
  static inline std::string data_;
};

TEST_F(StatusTest, AfterASuccessfulHarvestPrintsTheIndexAndLastRunAndExitsZero) {
  const CliResult status = runConvoca(data_, {"status"});
  EXPECT_EQ(status.exitCode, 0) << status.out << status.err;
  EXPECT_NE(status.out.find("index: " + data_ + "/index-1: "), std::string::npos) << status.out;
  EXPECT_NE(status.out.find(" documents, "), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("eu-ft"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("  ok  fetched "), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("no warnings"), std::string::npos) << status.out;
}

TEST_F(StatusTest, JsonGivesDocumentsBytesAndTheLastRunOfEachSource) {
  const CliResult status = runConvoca(data_, {"status", "--json"});
  ASSERT_EQ(status.exitCode, 0) << status.out << status.err;
  const Poco::JSON::Object::Ptr json = jsonOf(status);
  const Poco::JSON::Object::Ptr index = json->getObject("index");
  EXPECT_EQ(index->getValue<size_t>("documents"), documentCount(data_));
  EXPECT_GT(index->getValue<uint64_t>("size_bytes"), 0u);
  EXPECT_TRUE(json->isNull("running"));
  const Poco::JSON::Array::Ptr sources = json->getArray("sources");
  ASSERT_EQ(sources->size(), 1u);
  const Poco::JSON::Object::Ptr euFt = sources->getObject(0);
  EXPECT_EQ(euFt->getValue<std::string>("source"), "eu-ft");
  EXPECT_EQ(euFt->getObject("last_run")->getValue<std::string>("outcome"), "ok");
  EXPECT_GE(euFt->getObject("last_run")->getValue<int64_t>("new"), 40);
  EXPECT_FALSE(euFt->getValue<std::string>("last_success_at").empty());
  EXPECT_TRUE(json->getArray("warnings")->size() == 0);
}

TEST_F(StatusTest, WarnsThatDeadlinesAreStaleWhenNoRunSucceededForTooLong) {
  const CliResult later = statusLater(data_, 49, {"status", "--json"});
  EXPECT_EQ(later.exitCode, 1) << later.out;
  EXPECT_EQ(warningKinds(jsonOf(later)), std::vector<std::string>{"stale"});
  const CliResult text = statusLater(data_, 49, {"status"});
  EXPECT_NE(text.out.find("eu-ft has not harvested successfully for 49 hours"), std::string::npos)
      << text.out;

  const std::string relaxed = configWith(freshDirectory("status-config"), "status.stale_hours = 72\n");
  EXPECT_EQ(statusLater(data_, 49, {"--config", relaxed, "status"}).exitCode, 0);
  EXPECT_EQ(statusLater(data_, 47, {"status"}).exitCode, 0);
}

TEST(Status, WarnsAboutASourceFailingSeveralRunsInARow) {
  const std::string data = freshDirectory("status-failing");
  ASSERT_EQ(runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kDemoExchanges}).exitCode, 0);
  for (int night = 0; night < 3; ++night)
    ASSERT_EQ(runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kTruncatedExchanges}).exitCode,
              1);

  const CliResult status = runConvoca(data, {"status", "--json"});
  EXPECT_EQ(status.exitCode, 1) << status.out;
  const Poco::JSON::Object::Ptr json = jsonOf(status);
  EXPECT_EQ(warningKinds(json), std::vector<std::string>{"failing"});
  const Poco::JSON::Object::Ptr euFt = json->getArray("sources")->getObject(0);
  EXPECT_EQ(euFt->getValue<int64_t>("consecutive_failures"), 3);
  EXPECT_EQ(euFt->getObject("last_run")->getValue<std::string>("outcome"), "failed");
  const CliResult text = runConvoca(data, {"status"});
  EXPECT_NE(text.out.find("eu-ft failed 3 runs in a row (last: failed: "), std::string::npos) << text.out;

  const std::string patient = configWith(data, "status.failing_runs_warning = 4\n");
  EXPECT_EQ(runConvoca(data, {"--config", patient, "status"}).exitCode, 0);
  const std::string invalid = configWith(data, "status.failing_runs_warning = 0\n");
  EXPECT_EQ(runConvoca(data, {"--config", invalid, "status"}).exitCode, 2);
}

TEST(Status, WithNothingHarvestedSaysSoAndExitsOne) {
  const std::string data = freshDirectory("status-empty");
  const CliResult status = runConvoca(data, {"status"});
  EXPECT_EQ(status.exitCode, 1);
  EXPECT_NE(status.out.find("none yet"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("no harvest has run yet"), std::string::npos) << status.out;
}

TEST(Status, ShowsAHarvestInProgressWithTheSourcesItHasDone) {
  const std::string data = freshDirectory("status-running");
  ASSERT_EQ(runConvoca(data, {"harvest", "--source", "eu-ft", "--replay", kDemoExchanges}).exitCode, 0);
  state::StateDb db(data + "/state.db");
  const int64_t run = db.beginRun("harvest");
  state::SourceRun done;
  done.source = "eu-ft";
  done.outcome = state::RunOutcome::Succeeded;
  db.recordSourceRun(run, done);

  const CliResult json = runConvoca(data, {"status", "--json"});
  const Poco::JSON::Object::Ptr running = jsonOf(json)->getObject("running");
  ASSERT_TRUE(running) << json.out;
  EXPECT_EQ(running->getValue<int64_t>("run"), run);
  EXPECT_EQ(running->getArray("sources")->size(), 1u);
  const CliResult text = runConvoca(data, {"status"});
  EXPECT_NE(text.out.find("harvest running: run " + std::to_string(run)), std::string::npos) << text.out;
}

} // namespace
} // namespace convoca::testing
