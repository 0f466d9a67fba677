#include "convoca/state/state_db.h"
#include "temp_db.h"

#include <gtest/gtest.h>
#include <regex>

namespace convoca::state {
namespace {

class StateDbTest : public testing::TempDbTest {
protected:
  void SetUp() override {
    TempDbTest::SetUp();
    db_ = std::make_unique<StateDb>(dbPath());
  }
  void TearDown() override {
    db_.reset();
    TempDbTest::TearDown();
  }

  StateDb& db() { return *db_; }

  SourceRun sourceRun(const std::string& source, RunOutcome outcome) {
    SourceRun run;
    run.source = source;
    run.outcome = outcome;
    return run;
  }

  std::unique_ptr<StateDb> db_;
};

bool isRfc3339Utc(const std::string& text) {
  static const std::regex kPattern(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  return std::regex_match(text, kPattern);
}

SourceInfo findSource(const std::vector<SourceInfo>& sources, const std::string& id) {
  for (const SourceInfo& source : sources)
    if (source.id == id) return source;
  throw std::runtime_error("source not listed: " + id);
}

TEST(RunOutcomeNames, RoundTripThroughTheirStoredNames) {
  for (RunOutcome outcome : {RunOutcome::Running, RunOutcome::Succeeded, RunOutcome::Failed,
                             RunOutcome::Crashed, RunOutcome::TimedOut, RunOutcome::Refused})
    EXPECT_EQ(parseRunOutcome(toString(outcome)), outcome) << toString(outcome);
  EXPECT_STREQ(toString(RunOutcome::Succeeded), "ok");
  EXPECT_STREQ(toString(RunOutcome::TimedOut), "timeout");
  EXPECT_EQ(parseRunOutcome("succeeded"), std::nullopt);
}

TEST_F(StateDbTest, CursorsRoundTripPerSource) {
  db().saveCursors("eu-ft", {{"modified_since", "2024-05-01T00:00:00Z"}, {"page", "7"}});
  db().saveCursors("boe", {{"last_id", "BOE-A-2024-1234"}});

  EXPECT_EQ(db().cursors("eu-ft"),
            (std::map<std::string, std::string>{{"modified_since", "2024-05-01T00:00:00Z"}, {"page", "7"}}));
  EXPECT_EQ(db().cursors("boe"), (std::map<std::string, std::string>{{"last_id", "BOE-A-2024-1234"}}));
  EXPECT_TRUE(db().cursors("never-saved").empty());
}

TEST_F(StateDbTest, SavingCursorsReplacesOnlyThatSourcesWholeSet) {
  db().saveCursors("eu-ft", {{"modified_since", "2024-05-01"}, {"page", "7"}});
  db().saveCursors("boe", {{"last_id", "1"}});

  db().saveCursors("eu-ft", {{"modified_since", "2024-06-01"}});

  EXPECT_EQ(db().cursors("eu-ft"), (std::map<std::string, std::string>{{"modified_since", "2024-06-01"}}));
  EXPECT_EQ(db().cursors("boe"), (std::map<std::string, std::string>{{"last_id", "1"}}));
}

TEST_F(StateDbTest, SavingAnEmptyMapClearsTheSourcesCursors) {
  db().saveCursors("eu-ft", {{"page", "7"}});
  db().saveCursors("eu-ft", {});
  EXPECT_TRUE(db().cursors("eu-ft").empty());
}

TEST_F(StateDbTest, QuotesAndSqlFragmentsAreStoredVerbatim) {
  const std::string source = "o'brien\"; DROP TABLE sources; --";
  const std::map<std::string, std::string> cursors = {
      {"key'with\"quotes", "value'); DELETE FROM cursors; --"}, {"unicode", "Convocatòria «Horitzó» €"}};
  db().upsertSource(source, "/p/it's.so", "1'0");
  db().saveCursors(source, cursors);
  const int64_t runId = db().beginRun("harvest'; --");
  SourceRun run = sourceRun(source, RunOutcome::Failed);
  run.message = "HTTP 500: '\"<>&";
  db().recordSourceRun(runId, run);

  EXPECT_EQ(db().cursors(source), cursors);
  const SourceInfo info = findSource(db().sources(), source);
  EXPECT_EQ(info.pluginPath, "/p/it's.so");
  EXPECT_EQ(info.version, "1'0");
  const std::optional<HarvestRun> last = db().lastRun();
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->mode, "harvest'; --");
  ASSERT_EQ(last->sources.size(), 1u);
  EXPECT_EQ(last->sources[0].source, source);
  EXPECT_EQ(last->sources[0].message, "HTTP 500: '\"<>&");
}

TEST_F(StateDbTest, RunsRoundTripWithPerSourceCounts) {
  const int64_t runId = db().beginRun("replay");
  SourceRun good = sourceRun("eu-ft", RunOutcome::Succeeded);
  good.counts = {120, 10, 5, 100, 3, 2, 0, 0};
  good.durationMs = 4321;
  good.startedAt = "2024-05-01T10:00:00Z";
  good.finishedAt = "2024-05-01T10:00:04Z";
  SourceRun bad = sourceRun("boe", RunOutcome::TimedOut);
  bad.counts.fetched = 4;
  bad.counts.errors = 1;
  bad.counts.kept = 900;
  bad.message = "killed after 600 s";
  db().recordSourceRun(runId, good);
  db().recordSourceRun(runId, bad);
  db().finishRun(runId, false);

  const std::optional<HarvestRun> run = db().lastRun();
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->id, runId);
  EXPECT_EQ(run->mode, "replay");
  EXPECT_FALSE(run->ok);
  EXPECT_TRUE(run->finished());
  EXPECT_TRUE(isRfc3339Utc(run->startedAt)) << run->startedAt;
  EXPECT_TRUE(isRfc3339Utc(run->finishedAt)) << run->finishedAt;
  ASSERT_EQ(run->sources.size(), 2u);

  const SourceRun& boe = run->sources[0]; // ordered by source id
  EXPECT_EQ(boe.runId, runId);
  EXPECT_EQ(boe.source, "boe");
  EXPECT_EQ(boe.outcome, RunOutcome::TimedOut);
  EXPECT_EQ(boe.counts.fetched, 4);
  EXPECT_EQ(boe.counts.errors, 1);
  EXPECT_EQ(boe.counts.kept, 900);
  EXPECT_EQ(boe.message, "killed after 600 s");

  const SourceRun& euft = run->sources[1];
  EXPECT_EQ(euft.source, "eu-ft");
  EXPECT_EQ(euft.outcome, RunOutcome::Succeeded);
  EXPECT_EQ(euft.counts.fetched, 120);
  EXPECT_EQ(euft.counts.added, 10);
  EXPECT_EQ(euft.counts.updated, 5);
  EXPECT_EQ(euft.counts.unchanged, 100);
  EXPECT_EQ(euft.counts.rejected, 3);
  EXPECT_EQ(euft.counts.errors, 2);
  EXPECT_EQ(euft.durationMs, 4321);
  EXPECT_EQ(euft.startedAt, "2024-05-01T10:00:00Z");
  EXPECT_EQ(euft.finishedAt, "2024-05-01T10:00:04Z");
}

TEST_F(StateDbTest, FillsMissingSourceRunTimesWithRfc3339Utc) {
  const int64_t runId = db().beginRun("harvest");
  SourceRun run = sourceRun("eu-ft", RunOutcome::Succeeded);
  run.durationMs = 2000;
  db().recordSourceRun(runId, run);

  const SourceRun stored = db().lastRun()->sources.at(0);
  EXPECT_TRUE(isRfc3339Utc(stored.startedAt)) << stored.startedAt;
  EXPECT_TRUE(isRfc3339Utc(stored.finishedAt)) << stored.finishedAt;
  EXPECT_LT(stored.startedAt, stored.finishedAt);
}

TEST_F(StateDbTest, RunIsUnfinishedUntilFinishRun) {
  const int64_t runId = db().beginRun("harvest");
  EXPECT_FALSE(db().lastRun()->finished());
  EXPECT_FALSE(db().lastRun()->ok);
  db().finishRun(runId, true);
  EXPECT_TRUE(db().lastRun()->finished());
  EXPECT_TRUE(db().lastRun()->ok);
}

TEST_F(StateDbTest, RecentRunsAreNewestFirstAndLimited) {
  EXPECT_TRUE(db().recentRuns(5).empty());
  EXPECT_FALSE(db().lastRun().has_value());
  std::vector<int64_t> ids;
  for (int i = 0; i < 4; ++i) {
    ids.push_back(db().beginRun("harvest"));
    db().recordSourceRun(ids.back(), sourceRun("src-" + std::to_string(i), RunOutcome::Succeeded));
    db().finishRun(ids.back(), true);
  }

  const std::vector<HarvestRun> recent = db().recentRuns(3);
  ASSERT_EQ(recent.size(), 3u);
  EXPECT_EQ(recent[0].id, ids[3]);
  EXPECT_EQ(recent[1].id, ids[2]);
  EXPECT_EQ(recent[2].id, ids[1]);
  ASSERT_EQ(recent[0].sources.size(), 1u);
  EXPECT_EQ(recent[0].sources[0].source, "src-3");
  EXPECT_EQ(db().lastRun()->id, ids[3]);
  EXPECT_TRUE(db().recentRuns(0).empty());
}

TEST_F(StateDbTest, CountsConsecutiveFailuresAndResetsThemOnSuccess) {
  const auto runWith = [&](RunOutcome outcome) {
    const int64_t runId = db().beginRun("harvest");
    db().recordSourceRun(runId, sourceRun("boe", outcome));
    db().finishRun(runId, outcome == RunOutcome::Succeeded);
    return findSource(db().sources(), "boe");
  };

  EXPECT_EQ(runWith(RunOutcome::Failed).consecutiveFailures, 1);
  EXPECT_EQ(runWith(RunOutcome::Crashed).consecutiveFailures, 2);
  const SourceInfo afterTimeout = runWith(RunOutcome::TimedOut);
  EXPECT_EQ(afterTimeout.consecutiveFailures, 3);
  EXPECT_EQ(afterTimeout.lastOutcome, RunOutcome::TimedOut);
  EXPECT_TRUE(isRfc3339Utc(afterTimeout.lastRunAt)) << afterTimeout.lastRunAt;

  const SourceInfo afterSuccess = runWith(RunOutcome::Succeeded);
  EXPECT_EQ(afterSuccess.consecutiveFailures, 0);
  EXPECT_EQ(afterSuccess.lastOutcome, RunOutcome::Succeeded);
  EXPECT_EQ(runWith(RunOutcome::Refused).consecutiveFailures, 1);
}

TEST_F(StateDbTest, RunningRowIsReplacedByTheFinalOneWithoutTouchingTheStreak) {
  const int64_t runId = db().beginRun("harvest");
  db().recordSourceRun(runId, sourceRun("boe", RunOutcome::Running));
  const SourceInfo whileRunning = findSource(db().sources(), "boe");
  EXPECT_EQ(whileRunning.lastOutcome, std::nullopt);
  EXPECT_EQ(whileRunning.consecutiveFailures, 0);

  db().recordSourceRun(runId, sourceRun("boe", RunOutcome::Failed));
  const HarvestRun run = *db().lastRun();
  ASSERT_EQ(run.sources.size(), 1u);
  EXPECT_EQ(run.sources[0].outcome, RunOutcome::Failed);
  EXPECT_EQ(findSource(db().sources(), "boe").consecutiveFailures, 1);
}

TEST_F(StateDbTest, RunsLeftUnfinishedByAKilledHarvestAreClosedAsFailed) {
  const int64_t done = db().beginRun("harvest");
  db().recordSourceRun(done, sourceRun("boe", RunOutcome::Succeeded));
  db().finishRun(done, true);
  const int64_t killed = db().beginRun("harvest");
  db().recordSourceRun(killed, sourceRun("boe", RunOutcome::Succeeded));
  db().recordSourceRun(killed, sourceRun("bdns", RunOutcome::Running));

  EXPECT_EQ(db().closeInterruptedRuns(), 1);
  const HarvestRun run = *db().lastRun();
  EXPECT_EQ(run.id, killed);
  EXPECT_TRUE(run.finished());
  EXPECT_FALSE(run.ok);
  ASSERT_EQ(run.sources.size(), 2u);
  for (const SourceRun& source : run.sources) {
    if (source.source == "boe") {
      EXPECT_EQ(source.outcome, RunOutcome::Succeeded);
      continue;
    }
    EXPECT_EQ(source.source, "bdns");
    EXPECT_EQ(source.outcome, RunOutcome::Failed);
    EXPECT_NE(source.message.find("stopped before"), std::string::npos) << source.message;
  }
  EXPECT_TRUE(db().recentRuns(2).back().ok) << "a finished run is left as it was";
  EXPECT_EQ(db().closeInterruptedRuns(), 0);
}

TEST_F(StateDbTest, UpsertSourceUpdatesPluginButKeepsFirstSeen) {
  db().upsertSource("eu-ft", "/old/eu_ft.so", "1.0.0");
  const SourceInfo first = findSource(db().sources(), "eu-ft");
  db().upsertSource("eu-ft", "/new/eu_ft.so", "1.1.0");
  const SourceInfo second = findSource(db().sources(), "eu-ft");

  EXPECT_EQ(second.pluginPath, "/new/eu_ft.so");
  EXPECT_EQ(second.version, "1.1.0");
  EXPECT_EQ(second.firstSeen, first.firstSeen);
  EXPECT_TRUE(isRfc3339Utc(second.firstSeen)) << second.firstSeen;
  EXPECT_TRUE(second.lastRunAt.empty());
  EXPECT_EQ(second.lastOutcome, std::nullopt);
}

TEST_F(StateDbTest, SourcesSeenOnlyInRunsOrCursorsAreListed) {
  db().saveCursors("boe", {{"page", "1"}});
  db().recordSourceRun(db().beginRun("harvest"), sourceRun("eu-ft", RunOutcome::Succeeded));

  const std::vector<SourceInfo> sources = db().sources();
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0].id, "boe");
  EXPECT_EQ(sources[0].pluginPath, "");
  EXPECT_EQ(sources[1].id, "eu-ft");
}

TEST_F(StateDbTest, RecordingIntoAnUnknownRunFailsWithTheOperationNamed) {
  try {
    db().recordSourceRun(424242, sourceRun("boe", RunOutcome::Succeeded));
    FAIL() << "recorded a source run for a run that does not exist";
  } catch (const StateError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("boe"), std::string::npos) << message;
    EXPECT_NE(message.find(dbPath()), std::string::npos) << message;
  }
  EXPECT_TRUE(db().sources().empty()) << "the failed transaction must leave nothing behind";
}

TEST_F(StateDbTest, FinishingAnUnknownRunFails) {
  EXPECT_THROW(db().finishRun(424242, true), StateError);
}

} // namespace
} // namespace convoca::state
