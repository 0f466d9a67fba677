// Hostile plugins harvested together with eu-ft (issue 7, "Hostile plugins"):
// each misbehaves one way; the host must survive, exit as designed, report the
// plugin's failure with a reason, index every eu-ft record, and leave no
// process behind. The plugins are C files in tests/plugins.
#include "cli_runner.h"
#include "convoca/plugin_host/address_sanitizer.h"
#include "convoca/state/state_db.h"
#include "harvest_support.h"
#include "scenario_report.h"
#include "test_server.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/RegularExpression.h>
#include <algorithm>
#include <cstdlib>
#include <gtest/gtest.h>
#include <unistd.h>

namespace convoca::testing {
namespace {

// Every process a scenario's harvest starts inherits this variable: whatever
// still carries it after the harvest returned was left behind.
constexpr const char* kMarker = "CONVOCA_HARDENING_SCENARIO";

class HostilePlugins : public ::testing::Test {
protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    marker_ = std::to_string(::getpid()) + "-" + info->name();
    data_ = freshDirectory(std::string("hostile-") + info->name());
    server_.on("/search", respond(200, demoSearchBody(), {}, "application/json"));
    server_.on("/ping", respond(200, "pong"));
  }

  void TearDown() override {
    // Whatever a failed scenario left running must not outlive the test.
    killProcesses(processesWithEnvironment(kMarker, marker_));
  }

  // A plugin directory holding only `plugin` (a copy of the built test plugin):
  // the host then describes one test plugin at start, not all of them.
  std::string pluginDirWith(const std::string& plugin) {
    const std::string dir = data_ + "/plugins";
    Poco::File(dir).createDirectories();
    const std::string copy = dir + "/" + plugin + ".so";
    if (!Poco::File(copy).exists()) Poco::File(testPluginDir() + "/" + plugin + ".so").copyTo(copy);
    return dir;
  }

  // `convoca harvest --source <plugin> --source eu-ft`, eu-ft from the local server.
  CliResult harvestWith(const std::string& plugin, const std::string& extraConfig = "") {
    const std::string config = data_ + "/convoca.properties";
    {
      Poco::FileOutputStream out(config);
      out << "source.eu-ft.option.search_url = " << server_.url("/search") << "\n"
          << "http.per_host_interval_seconds = 0\n"
          << "http.backoff_base_ms = 20\n"
          << "harvest.timeout_seconds = 30\n"
          << "harvest.fetch_documents = false\n"
          << "translation.enabled = false\n"
          << extraConfig;
    }
    ::setenv(kMarker, marker_.c_str(), 1);
    CliResult r = runConvoca(data_, {"--config", config, "--plugin-dir", pluginDirWith(plugin), "harvest",
                                     "--source", plugin, "--source", "eu-ft"});
    ::unsetenv(kMarker);
    return r;
  }

  // The host itself came through: it exited with `exitCode` (not a signal).
  void expectHostExited(const CliResult& r, int exitCode) {
    EXPECT_EQ(r.exitCode, exitCode) << r.err;
    if (!HasFailure()) held("the host exited normally with code " + std::to_string(exitCode));
  }

  void expectRun(const std::string& source, const std::string& outcome, const std::string& reason) {
    const LastRun run = lastRunOf(data_, source);
    ASSERT_TRUE(run.found) << source;
    EXPECT_EQ(run.outcome, outcome) << run.message;
    EXPECT_NE(run.message.find(reason), std::string::npos) << run.message;
    if (!HasFailure())
      held(source + " run counted '" + run.outcome + "'" + (run.message.empty() ? "" : ": " + run.message));
  }

  // eu-ft ran after the hostile plugin and indexed every one of its records.
  void expectEuFtWhole() {
    const LastRun run = lastRunOf(data_, "eu-ft");
    EXPECT_EQ(run.outcome, "ok") << run.message;
    const Snapshot records = snapshotOf(data_, "eu-ft");
    EXPECT_EQ(records.size(), kDemoRecords);
    if (!HasFailure())
      held("eu-ft, harvested after it, ok with all " + std::to_string(kDemoRecords) + " records");
  }

  void expectNoProcessLeft() {
    const std::vector<int> left = processesWithEnvironment(kMarker, marker_);
    EXPECT_TRUE(left.empty()) << left.size() << " process(es) of the harvest still running, first pid "
                              << (left.empty() ? 0 : left.front());
    if (!HasFailure()) held("no process of the harvest is left running");
  }

  std::string marker_;
  std::string data_;
  TestServer server_;
};

// The largest "holding N MiB" the memory hog logged before it was stopped.
int largestHolding(const std::string& log) {
  Poco::RegularExpression holding("holding ([0-9]+) MiB");
  int largest = 0;
  std::vector<std::string> groups;
  for (std::string::size_type at = 0; holding.split(log, at, groups) > 1; groups.clear()) {
    largest = std::max(largest, std::stoi(groups[1]));
    at = log.find("holding ", at) + 8;
  }
  return largest;
}

TEST_F(HostilePlugins, MemoryHogIsStoppedByItsMemoryLimit) {
  injected("test-memory-hog allocates and touches 16 MiB blocks without end (harvest.memory_limit_mb = 512)");
  const CliResult r = harvestWith("test-memory-hog", "harvest.memory_limit_mb = 512\n");
  expectHostExited(r, 1);
#ifdef CONVOCA_ADDRESS_SANITIZER
  // No RLIMIT_AS under ASan: its hard_rss_limit_mb (checked periodically) ends the worker.
  expectRun("test-memory-hog", "crashed", "before finishing");
  EXPECT_LT(largestHolding(r.err), 1024) << r.err;
  if (!HasFailure())
    held("ASan build: stopped by hard_rss_limit_mb while holding " + std::to_string(largestHolding(r.err)) +
         " MiB");
#else
  expectRun("test-memory-hog", "crashed", "killed by signal 6");
  Poco::RegularExpression refused("allocation refused after ([0-9]+) MiB");
  std::vector<std::string> groups;
  ASSERT_TRUE(refused.split(r.err, groups)) << r.err;
  EXPECT_LT(std::stoi(groups[1]), 512);
  EXPECT_LT(largestHolding(r.err), 512);
  if (!HasFailure())
    held("RLIMIT_AS refused its allocations after " + groups[1] + " MiB, under the 512 MiB limit");
#endif
  expectEuFtWhole();
  expectNoProcessLeft();
}

TEST_F(HostilePlugins, EnormousAndMalformedRecordsAreRejectedWithReasons) {
  injected("test-enormous-record emits a 9 MiB record, JSON nested 200000 deep, invalid UTF-8, a JSON "
           "array, a record cut at a NUL, a NULL pointer, between two good records");
  const CliResult r = harvestWith("test-enormous-record");
  expectHostExited(r, 0);
  expectRun("test-enormous-record", "ok", "");
  for (const char* name : {"huge", "deep", "utf8", "array", "nul", "null-pointer"}) {
    const std::string refused = std::string("emit ") + name + " (";
    const std::size_t at = r.err.find(refused);
    ASSERT_NE(at, std::string::npos) << "the plugin did not get to emit " << name << "\n" << r.err;
    EXPECT_EQ(r.err.substr(r.err.find(" returned ", at), 12), " returned 3\n")
        << name << " was not rejected (CONVOCA_SOURCE_FORMAT)";
  }
  EXPECT_NE(r.err.find("exceeds the 8 MiB limit"), std::string::npos) << r.err;
  if (!HasFailure()) held("each of the 6 was rejected (CONVOCA_SOURCE_FORMAT) with a logged reason");
  const LastRun run = lastRunOf(data_, "test-enormous-record");
  EXPECT_EQ(run.rejected, 6);
  const Snapshot records = snapshotOf(data_, "test-enormous-record");
  EXPECT_EQ(records.size(), 2u);
  EXPECT_EQ(records.count("test-enormous-record:1") + records.count("test-enormous-record:2"), 2u);
  if (!HasFailure()) held("the run counts 6 rejected; only its 2 good records are indexed");
  expectEuFtWhole();
  expectNoProcessLeft();
}

TEST_F(HostilePlugins, StdoutFloodDoesNotCorruptTheRecordStream) {
  injected("test-stdout-flood writes 2.5 MiB to stdout and 640 KiB to stderr (binary, fake frame headers) "
           "around its 40 records");
  const CliResult r = harvestWith("test-stdout-flood");
  expectHostExited(r, 0);
  expectRun("test-stdout-flood", "ok", "");
  const LastRun run = lastRunOf(data_, "test-stdout-flood");
  EXPECT_EQ(run.fetched, 40);
  EXPECT_EQ(run.rejected, 0);
  const Snapshot records = snapshotOf(data_, "test-stdout-flood");
  ASSERT_EQ(records.size(), 40u);
  for (int i = 1; i <= 40; ++i) {
    const auto found = records.find("test-stdout-flood:" + std::to_string(i));
    ASSERT_NE(found, records.end()) << i;
    EXPECT_NE(found->second.find("\"title\":\"Test call " + std::to_string(i) + " about soil\""),
              std::string::npos)
        << found->second;
  }
  EXPECT_EQ(records.count("test-stdout-flood:fake"), 0u);
  EXPECT_NE(r.err.find("plain stdout line 40"), std::string::npos) << "the plugin's prints reach the log";
  if (!HasFailure())
    held("all 40 records indexed intact, none rejected, the fake frames stayed in the log as output");
  expectEuFtWhole();
  expectNoProcessLeft();
}

TEST_F(HostilePlugins, ForkedChildNeitherHoldsTheHarvestNorOutlivesIt) {
  injected("test-fork forks a child that keeps the worker's pipes, prints and lives 20 s; the plugin "
           "returns ok at once");
  const CliResult r = harvestWith("test-fork", "source.test-fork.option.child_seconds = 20\n");
  expectHostExited(r, 0);
  expectRun("test-fork", "ok", "");
  const LastRun run = lastRunOf(data_, "test-fork");
  // The child lives 20 s; a host waiting for it used to be cut by the 3 s
  // heartbeat check ("timeout", caught above). Loose for sanitizer builds.
  EXPECT_LT(run.durationMs, 15000) << "the host waited for the child";
  if (!HasFailure())
    held("the host did not wait for the child: the test-fork run took " + std::to_string(run.durationMs) +
         " ms");
  expectEuFtWhole();
  expectNoProcessLeft();
}

TEST_F(HostilePlugins, HostCallsAfterHarvestReturnedAreRefused) {
  injected("test-after-cancel returns from harvest() while its own thread goes on calling emit_record, "
           "cursor_put and http until destroy() returns");
  const CliResult r = harvestWith("test-after-cancel", "source.test-after-cancel.option.mode = late\n"
                                                       "source.test-after-cancel.option.url = " +
                                                           server_.url("/ping") + "\n");
  expectHostExited(r, 0);
  expectRun("test-after-cancel", "ok", "");
  ASSERT_NE(r.err.find("late calls: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("late calls: emit accepted 0,"), std::string::npos) << r.err;
  const Snapshot records = snapshotOf(data_, "test-after-cancel");
  EXPECT_EQ(records.size(), 1u) << "only the record emitted during harvest()";
  state::StateDb stateDb(data_ + "/state.db");
  const auto cursors = stateDb.cursors("test-after-cancel");
  EXPECT_EQ(cursors.count("position"), 0u) << "a cursor put after harvest() returned was saved";
  if (!HasFailure()) held("records and cursors handed over after harvest() returned were refused");
  expectEuFtWhole();
  expectNoProcessLeft();
}

TEST_F(HostilePlugins, PluginIgnoringTheDeadlineIsKilledAndItsCursorIsNotSaved) {
  injected("test-after-cancel loops forever over emit_record, cursor_put, http and cancelled(), "
           "ignoring them (source.test-after-cancel.timeout_seconds = 2)");
  const CliResult r =
      harvestWith("test-after-cancel", "source.test-after-cancel.option.mode = ignore-deadline\n"
                                       "source.test-after-cancel.option.url = " +
                                           server_.url("/ping") +
                                           "\n"
                                           "source.test-after-cancel.timeout_seconds = 2\n");
  expectHostExited(r, 1);
  expectRun("test-after-cancel", "timeout", "deadline");
  EXPECT_LT(r.elapsedMs, 30000) << "the 2 s deadline did not hold"; // loose: sanitizer builds start slowly
  state::StateDb stateDb(data_ + "/state.db");
  EXPECT_TRUE(stateDb.cursors("test-after-cancel").empty()) << "a killed run's cursor was saved";
  EXPECT_FALSE(server_.requestsTo("/ping").empty()) << "the plugin did reach the host's HTTP client";
  const Snapshot records = snapshotOf(data_, "test-after-cancel");
  EXPECT_EQ(records.count("test-after-cancel:1"), 1u) << "a failed run keeps what it emitted";
  if (!HasFailure())
    held("killed at its 2 s deadline; its cursor not saved; the record it emitted before is kept");
  expectEuFtWhole();
  expectNoProcessLeft();
}

TEST_F(HostilePlugins, EveryHostilePluginInOneHarvestLeavesEuFtWhole) {
  injected("one harvest of every test plugin (crash, hang, bad ABI, bad records, memory hog, enormous "
           "records, stdout flood, fork, late calls) and then eu-ft");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"test-crash", "crashed"},      {"test-hang", "timeout"},
      {"test-bad-abi", "refused"},    {"test-bad-records", "ok"},
      {"test-memory-hog", "crashed"}, {"test-enormous-record", "ok"},
      {"test-stdout-flood", "ok"},    {"test-fork", "ok"},
      {"test-after-cancel", "ok"}};
  const std::string config = data_ + "/convoca.properties";
  {
    Poco::FileOutputStream out(config);
    out << "source.eu-ft.option.search_url = " << server_.url("/search") << "\n"
        << "source.test-after-cancel.option.url = " << server_.url("/ping") << "\n"
        << "source.test-fork.option.child_seconds = 20\n"
        << "http.per_host_interval_seconds = 0\n"
        << "harvest.stall_seconds = 1\n"
        << "harvest.memory_limit_mb = 512\n"
        << "harvest.timeout_seconds = 30\n"
        << "harvest.fetch_documents = false\n"
        << "translation.enabled = false\n";
  }
  std::vector<std::string> args{"--config", config, "--plugin-dir", testPluginDir(), "harvest"};
  for (const auto& [plugin, outcome] : expected) args.insert(args.end(), {"--source", plugin});
  args.insert(args.end(), {"--source", "eu-ft"});
  ::setenv(kMarker, marker_.c_str(), 1);
  const CliResult r = runConvoca(data_, args);
  ::unsetenv(kMarker);

  expectHostExited(r, 1);
  for (const auto& [plugin, outcome] : expected) {
    const LastRun run = lastRunOf(data_, plugin);
    EXPECT_EQ(run.outcome, outcome) << plugin << ": " << run.message;
  }
  if (!HasFailure()) held("each plugin's run counted as designed (crashed, timeout, refused or ok)");
  expectEuFtWhole();
  expectNoProcessLeft();
}

} // namespace
} // namespace convoca::testing
