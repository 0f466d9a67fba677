// The harvest process writes while the web server reads the same file. Two
// StateDb objects on one file stand in for the two processes: SQLite locks per
// connection, so this exercises the same WAL and busy-timeout path.
#include "convoca/state/state_db.h"
#include "temp_db.h"

#include <atomic>
#include <exception>
#include <gtest/gtest.h>
#include <thread>

namespace convoca::state {
namespace {

class ConcurrencyTest : public testing::TempDbTest {};

// Runs `body` on a thread and hands back its exception, if any, for the test to report.
class Worker {
public:
  template <typename Body>
  explicit Worker(Body body)
      : thread_([this, body] {
          try {
            body();
          } catch (...) {
            error_ = std::current_exception();
          }
        }) {}

  std::string join() {
    thread_.join();
    if (!error_) return "";
    try {
      std::rethrow_exception(error_);
    } catch (const std::exception& e) {
      return e.what();
    }
  }

private:
  std::exception_ptr error_;
  std::thread thread_;
};

void harvestOnce(StateDb& db, int round) {
  const int64_t runId = db.beginRun("harvest");
  SourceRun run;
  run.source = "eu-ft";
  run.outcome = RunOutcome::Succeeded;
  run.counts.fetched = round;
  db.recordSourceRun(runId, run);
  db.saveCursors("eu-ft", {{"round", std::to_string(round)}});
  db.finishRun(runId, true);
}

TEST_F(ConcurrencyTest, HarvestWriterAndWebReaderDoNotSeeLockedErrors) {
  constexpr int kRounds = 60;
  StateDb harvest(dbPath());
  StateDb web(dbPath());
  std::atomic<bool> writing{true};

  Worker writer([&] {
    for (int round = 1; round <= kRounds; ++round) harvestOnce(harvest, round);
    writing = false;
  });
  Worker reader([&] {
    int reads = 0;
    while (writing || reads < 5) {
      for (const HarvestRun& run : web.recentRuns(5))
        if (run.finished() && run.sources.size() != 1)
          throw std::runtime_error("a finished run lost its source");
      web.cursors("eu-ft");
      web.sources();
      ++reads;
    }
  });

  EXPECT_EQ(writer.join(), "");
  EXPECT_EQ(reader.join(), "");
  EXPECT_EQ(web.recentRuns(1000).size(), static_cast<size_t>(kRounds));
  EXPECT_EQ(web.cursors("eu-ft").at("round"), std::to_string(kRounds));
}

TEST_F(ConcurrencyTest, TwoWritersInterleaveWithoutLockedErrors) {
  constexpr int kRounds = 40;
  StateDb first(dbPath());
  StateDb second(dbPath());

  Worker a([&] {
    for (int round = 1; round <= kRounds; ++round) harvestOnce(first, round);
  });
  Worker b([&] {
    for (int round = 1; round <= kRounds; ++round) harvestOnce(second, round);
  });

  EXPECT_EQ(a.join(), "");
  EXPECT_EQ(b.join(), "");
  EXPECT_EQ(first.recentRuns(1000).size(), static_cast<size_t>(2 * kRounds));
  ASSERT_EQ(first.sources().size(), 1u);
  EXPECT_EQ(first.sources()[0].consecutiveFailures, 0);
}

TEST_F(ConcurrencyTest, SimultaneousFirstOpensAllMigrateTheSameFile) {
  constexpr int kOpeners = 4;
  std::vector<std::unique_ptr<Worker>> openers;
  for (int i = 0; i < kOpeners; ++i)
    openers.push_back(std::make_unique<Worker>([this] { StateDb db(dbPath()); }));
  for (auto& opener : openers) EXPECT_EQ(opener->join(), "");

  StateDb db(dbPath());
  EXPECT_EQ(db.schemaVersion(), StateDb::latestSchemaVersion());
  EXPECT_TRUE(db.integrityOk());
}

TEST_F(ConcurrencyTest, OneObjectIsSafeToShareBetweenThreads) {
  constexpr int kRounds = 30;
  StateDb db(dbPath());
  Worker a([&] {
    for (int round = 1; round <= kRounds; ++round) harvestOnce(db, round);
  });
  Worker b([&] {
    for (int round = 0; round < kRounds; ++round) db.recentRuns(3);
  });
  EXPECT_EQ(a.join(), "");
  EXPECT_EQ(b.join(), "");
  EXPECT_EQ(db.recentRuns(1000).size(), static_cast<size_t>(kRounds));
}

} // namespace
} // namespace convoca::state
