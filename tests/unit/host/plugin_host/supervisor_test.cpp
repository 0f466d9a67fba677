#include "convoca/plugin_host/supervisor.h"
#include "test_paths.h"

#include <gtest/gtest.h>

namespace convoca::plugin_host {
namespace {

using testing::convocaExecutable;
using testing::testPlugin;

struct Collected : WorkerListener {
  std::vector<std::string> records, rejections, logs;
  void record(const std::string& json) override { records.push_back(json); }
  void rejected(const std::string& reason) override { rejections.push_back(reason); }
  void log(int, const std::string& message) override { logs.push_back(message); }
};

WorkerJob quickJob(const std::string& plugin) {
  WorkerJob job;
  job.pluginPath = testPlugin(plugin);
  job.heartbeatMs = 100;
  job.stallMs = 600;
  job.deadlineMs = 5000;
  return job;
}

TEST(Supervisor, ACrashingPluginIsReportedWithItsSignalAndKeepsWhatItSent) {
  Collected collected;
  WorkerResult result = runWorker(convocaExecutable(), quickJob("test-crash"), collected);
  EXPECT_EQ(result.end, WorkerEnd::Crashed);
  EXPECT_NE(result.message.find("signal 11"), std::string::npos) << result.message;
  EXPECT_EQ(collected.records.size(), 3u);
  EXPECT_FALSE(result.ok());
}

TEST(Supervisor, AHangingPluginIsKilledWhenItStopsShowingLife) {
  Collected collected;
  WorkerResult result = runWorker(convocaExecutable(), quickJob("test-hang"), collected);
  EXPECT_EQ(result.end, WorkerEnd::Stalled) << result.message;
  EXPECT_LT(result.durationMs, 5000);
  EXPECT_EQ(collected.records.size(), 1u);
}

TEST(Supervisor, TheWallClockDeadlineHoldsEvenWithHeartbeats) {
  Collected collected;
  WorkerJob job = quickJob("test-hang");
  job.stallMs = 60000; // heartbeats keep flowing; only the deadline can stop it
  job.deadlineMs = 1500;
  WorkerResult result = runWorker(convocaExecutable(), job, collected);
  EXPECT_EQ(result.end, WorkerEnd::TimedOut) << result.message;
  EXPECT_GE(result.durationMs, 1500);
  EXPECT_LT(result.durationMs, 4000);
}

TEST(Supervisor, InvalidRecordsAreRejectedAndStdoutCannotForgeFrames) {
  Collected collected;
  WorkerResult result = runWorker(convocaExecutable(), quickJob("test-bad-records"), collected);
  ASSERT_EQ(result.end, WorkerEnd::Finished) << result.message;
  EXPECT_EQ(result.status, CONVOCA_OK) << result.message;
  EXPECT_EQ(collected.records.size(), 1u);
  EXPECT_EQ(collected.rejections.size(), 3u);
  EXPECT_EQ(result.cursors.at("last"), "run-1");
  bool printedLineLogged = false;
  for (const auto& line : collected.logs)
    printedLineLogged |= line.find("hello garbage on stdout") != std::string::npos;
  EXPECT_TRUE(printedLineLogged);
}

TEST(Supervisor, WrongAbiIsRefusedInsideTheWorkerBeforeAnyPluginCode) {
  Collected collected;
  WorkerResult result = runWorker(convocaExecutable(), quickJob("test-bad-abi"), collected);
  ASSERT_EQ(result.end, WorkerEnd::Finished) << result.message;
  EXPECT_EQ(result.status, CONVOCA_CONFIG);
  EXPECT_NE(result.message.find("ABI 2.0"), std::string::npos) << result.message;
  EXPECT_FALSE(result.plugin.usable);
}

TEST(Supervisor, OutputThatIsNotFramesIsAProtocolError) {
  // /bin/echo prints "__worker": the parent must refuse it, not guess.
  Collected collected;
  WorkerResult result = runWorker("/bin/echo", quickJob("test-crash"), collected);
  EXPECT_EQ(result.end, WorkerEnd::ProtocolError) << result.message;
  EXPECT_NE(result.message.find("protocol error"), std::string::npos) << result.message;
  EXPECT_TRUE(collected.records.empty());
}

TEST(Supervisor, MissingExecutableIsASpawnFailure) {
  Collected collected;
  WorkerResult result = runWorker("/nonexistent/convoca", quickJob("test-crash"), collected);
  EXPECT_NE(result.end, WorkerEnd::Finished);
  EXPECT_FALSE(result.ok());
}

} // namespace
} // namespace convoca::plugin_host
