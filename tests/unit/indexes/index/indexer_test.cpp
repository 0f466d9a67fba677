#include "convoca/index/indexer.h"
#include "convoca/index/searcher.h"
#include "test_records.h"

#include <gtest/gtest.h>
#include <string>
#include <xapian.h>

namespace convoca::index {
namespace {

// A maintenance purge with the given retention window.
IndexerOptions purgingOptions(int64_t retentionSeconds) {
  IndexerOptions options;
  options.closedRetentionSeconds = retentionSeconds;
  options.purgeUnseen = true;
  return options;
}

using testing::daysFromNow;
using testing::kDay;
using testing::kNow;
using testing::makeRecord;
using testing::TempDir;

Record recordWithDeadline(const std::string& key, int64_t daysAhead) {
  Record r = makeRecord("eu-ft", key, "Call " + key);
  r.deadlines = {daysFromNow(daysAhead)};
  return r;
}

void indexRun(Indexer& indexer, const std::vector<Record>& records) {
  indexer.beginSource("eu-ft");
  for (const auto& r : records) indexer.upsert(r);
  indexer.endSource(true, kNow);
}

TEST(Indexer, UpsertTwiceKeepsDocumentCountAndReportsUnchanged) {
  TempDir dir;
  Indexer indexer(dir.path());
  const auto records = testing::sampleRecords();
  for (const auto& r : records) EXPECT_EQ(indexer.upsert(r), UpsertOutcome::Added);
  indexer.commit();
  const size_t count = indexer.documentCount();
  EXPECT_EQ(count, records.size());
  for (const auto& r : records) EXPECT_EQ(indexer.upsert(r), UpsertOutcome::Unchanged);
  EXPECT_EQ(indexer.documentCount(), count);
}

TEST(Indexer, ChangedContentIsUpdatedInPlace) {
  TempDir dir;
  Indexer indexer(dir.path());
  Record r = makeRecord("eu-ft", "A", "Urban soil");
  indexer.upsert(r);
  r.summary = "Now with a summary";
  EXPECT_EQ(indexer.upsert(r), UpsertOutcome::Updated);
  indexer.commit();
  EXPECT_EQ(indexer.documentCount(), 1u);

  Searcher searcher(dir.path());
  auto hit = searcher.findById(r.id, kNow);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->record.summary, "Now with a summary");
}

TEST(Indexer, OnlyFetchTimeChangedCountsAsUnchanged) {
  TempDir dir;
  Indexer indexer(dir.path());
  Record r = makeRecord("eu-ft", "A", "Urban soil");
  indexer.upsert(r);
  r.fetchedAt = daysFromNow(0);
  EXPECT_EQ(indexer.upsert(r), UpsertOutcome::Unchanged);
}

TEST(Indexer, AnEditedCallWithoutOpeningKeepsItsFirstFetchTimeAsPostedTime) {
  TempDir dir;
  Record first = makeRecord("bdns", "1", "Ajuts a la mobilitat");
  first.fetchedAt = daysFromNow(-10);
  Record edited = first;
  edited.title = "Ajuts a la mobilitat sostenible";
  edited.fetchedAt = daysFromNow(-1);
  {
    Indexer indexer(dir.path());
    indexer.upsert(first);
    ASSERT_EQ(indexer.upsert(edited), UpsertOutcome::Updated);
  }
  SearchRequest request;
  request.now = kNow;
  request.postedSince = kNow - 5 * kDay;
  EXPECT_EQ(Searcher(dir.path()).search(request).total, 0u) << "posted 10 days ago, edited yesterday";
  request.postedSince = kNow - 11 * kDay;
  EXPECT_EQ(Searcher(dir.path()).search(request).total, 1u);
}

TEST(Indexer, RunSummaryCountsOutcomes) {
  TempDir dir;
  Indexer indexer(dir.path());
  indexRun(indexer, {recordWithDeadline("A", 10), recordWithDeadline("B", 10)});

  Record changed = recordWithDeadline("B", 11);
  indexer.beginSource("eu-ft");
  indexer.upsert(recordWithDeadline("A", 10));
  indexer.upsert(changed);
  indexer.upsert(recordWithDeadline("C", 10));
  const SourceSummary summary = indexer.endSource(true, kNow);
  EXPECT_EQ(summary.source, "eu-ft");
  EXPECT_EQ(summary.added, 1u);
  EXPECT_EQ(summary.updated, 1u);
  EXPECT_EQ(summary.unchanged, 1u);
  EXPECT_EQ(summary.removed, 0u);
  EXPECT_TRUE(summary.swept);
}

TEST(Indexer, KeepsEarlierRecordsWhenSourceFails) {
  TempDir dir;
  Indexer indexer(dir.path());
  indexRun(indexer, {recordWithDeadline("A", -500), makeRecord("eu-ft", "B", "No dates"),
                     recordWithDeadline("C", 10)});

  indexer.beginSource("eu-ft");
  indexer.upsert(recordWithDeadline("D", 10)); // received before the failure
  const SourceSummary summary = indexer.endSource(false, kNow);

  EXPECT_FALSE(summary.swept);
  EXPECT_EQ(summary.removed, 0u);
  EXPECT_EQ(summary.added, 1u);
  Searcher searcher(dir.path()); // a reader sees the committed upsert
  EXPECT_EQ(searcher.documentCount(), 4u);
  EXPECT_TRUE(searcher.findById("eu-ft:D", kNow));
}

TEST(Indexer, CompletedRunKeepsEveryUnseenRecordByDefault) {
  TempDir dir;
  Indexer indexer(dir.path());
  indexRun(indexer, {recordWithDeadline("closed-long-ago", -400), makeRecord("eu-ft", "undated", "Undated")});
  indexer.beginSource("eu-ft");
  const SourceSummary summary = indexer.endSource(true, kNow);
  EXPECT_TRUE(summary.swept);
  EXPECT_EQ(summary.removed, 0u);
  EXPECT_EQ(summary.kept, 2u);
  EXPECT_EQ(indexer.documentCount(), 2u);
}

TEST(Indexer, PurgingRunSweepsUnseenRecordsButNeverOnesStillAhead) {
  TempDir dir;
  Indexer indexer(dir.path(), purgingOptions(365 * kDay));
  Record forthcomingWithoutDeadline = makeRecord("eu-ft", "opens-later", "Opens later");
  forthcomingWithoutDeadline.opening = daysFromNow(30);
  indexRun(indexer, {recordWithDeadline("ahead", 10), recordWithDeadline("closed-recently", -30),
                     recordWithDeadline("closed-long-ago", -400), makeRecord("eu-ft", "undated", "Undated"),
                     forthcomingWithoutDeadline});

  indexer.beginSource("eu-ft");
  indexer.upsert(recordWithDeadline("new", 10));
  const SourceSummary summary = indexer.endSource(true, kNow);

  EXPECT_EQ(summary.removed, 2u);
  EXPECT_EQ(summary.kept, 3u);
  Searcher searcher(dir.path());
  EXPECT_TRUE(searcher.findById("eu-ft:ahead", kNow));
  EXPECT_TRUE(searcher.findById("eu-ft:closed-recently", kNow));
  EXPECT_TRUE(searcher.findById("eu-ft:opens-later", kNow));
  EXPECT_FALSE(searcher.findById("eu-ft:closed-long-ago", kNow));
  EXPECT_FALSE(searcher.findById("eu-ft:undated", kNow));
  EXPECT_TRUE(searcher.findById("eu-ft:new", kNow));
}

TEST(Indexer, RetentionWindowIsAnOption) {
  TempDir dir;
  Indexer indexer(dir.path(), purgingOptions(7 * kDay));
  indexRun(indexer, {recordWithDeadline("closed-recently", -30), recordWithDeadline("ahead", 1)});
  indexer.beginSource("eu-ft");
  const SourceSummary summary = indexer.endSource(true, kNow);
  EXPECT_EQ(summary.removed, 1u);
  EXPECT_EQ(summary.kept, 1u);
}

TEST(Indexer, SweepLeavesOtherSourcesAlone) {
  TempDir dir;
  Indexer indexer(dir.path(), purgingOptions(365 * kDay));
  indexer.beginSource("bdns");
  indexer.upsert(makeRecord("bdns", "1", "Undated"));
  indexer.endSource(true, kNow);
  indexRun(indexer, {makeRecord("eu-ft", "2", "Undated too")});
  indexer.beginSource("eu-ft");
  EXPECT_EQ(indexer.endSource(true, kNow).removed, 1u);
  EXPECT_EQ(indexer.documentCount(), 1u);
}

TEST(Indexer, DestructorCommitsAnUnfinishedRunWithoutSweeping) {
  TempDir dir;
  {
    Indexer indexer(dir.path());
    indexRun(indexer, {makeRecord("eu-ft", "old", "Undated")});
    indexer.beginSource("eu-ft");
    indexer.upsert(makeRecord("eu-ft", "new", "Undated"));
  }
  Searcher searcher(dir.path());
  EXPECT_EQ(searcher.documentCount(), 2u);
}

TEST(Indexer, LongIdsStillIdentifyOneDocument) {
  TempDir dir;
  Indexer indexer(dir.path());
  Record r = makeRecord("eu-ft", std::string(400, 'x'), "Long id");
  r.url = "https://example.org/" + std::string(400, 'p');
  EXPECT_EQ(indexer.upsert(r), UpsertOutcome::Added);
  EXPECT_EQ(indexer.upsert(r), UpsertOutcome::Unchanged);
  indexer.commit();
  Searcher searcher(dir.path());
  EXPECT_TRUE(searcher.findById(r.id, kNow));
  EXPECT_FALSE(searcher.findById("eu-ft:" + std::string(399, 'x') + "y", kNow));
}

TEST(Indexer, BeginningTwoRunsIsAProgrammingError) {
  TempDir dir;
  Indexer indexer(dir.path());
  indexer.beginSource("eu-ft");
  EXPECT_THROW(indexer.beginSource("bdns"), std::logic_error);
  indexer.endSource(false, kNow);
  EXPECT_THROW(indexer.endSource(false, kNow), std::logic_error);
}

TEST(Indexer, RefusesAnIndexOfAnotherSchemaVersion) {
  TempDir dir;
  {
    Indexer indexer(dir.path());
    indexer.upsert(makeRecord("eu-ft", "A", "Anything"));
  }
  {
    Xapian::WritableDatabase database(dir.path());
    database.set_metadata(schema::kSchemaVersionKey, "0");
  }
  const std::string expected = "index schema version 0, this convoca expects " +
                               std::to_string(schema::kSchemaVersion) + ": run `convoca reindex`";
  try {
    Indexer indexer(dir.path());
    FAIL() << "opened an index of schema version 0";
  } catch (const SchemaVersionError& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
  EXPECT_THROW(Searcher{dir.path()}, SchemaVersionError);
}

TEST(Indexer, SecondWriterGetsAClearLockError) {
  TempDir dir;
  Indexer first(dir.path());
  try {
    Indexer second(dir.path());
    FAIL() << "two writers opened the same index";
  } catch (const IndexLockedError& e) {
    EXPECT_NE(std::string(e.what()).find("another process"), std::string::npos) << e.what();
  }
}

TEST(Searcher, ReportsAMissingIndexClearly) {
  TempDir dir;
  try {
    Searcher searcher(dir.path("nowhere"));
    FAIL() << "opened a missing index";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("no index at"), std::string::npos) << e.what();
  }
}

} // namespace
} // namespace convoca::index
