// The index layout of a data dir (stub + generations), rebuilds across schema
// versions, backups and restores, and readers that follow a swap.
#include "convoca/index/index_store.h"
#include "convoca/index/indexer.h"
#include "convoca/index/schema.h"
#include "convoca/index/searcher.h"
#include "test_records.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <xapian.h>

namespace convoca::index {
namespace {

namespace fs = std::filesystem;
using testing::kNow;
using testing::makeRecord;
using testing::sampleRecords;
using testing::TempDir;

IndexerOptions plain() {
  IndexerOptions options;
  options.analyse = false;
  return options;
}

void fill(const std::string& path, const std::vector<Record>& records) {
  Indexer indexer(path, plain());
  for (const Record& record : records) indexer.upsert(record);
  indexer.commit();
}

std::vector<std::string> idsFor(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.now = kNow;
  std::vector<std::string> ids;
  for (const Hit& hit : searcher.search(request).hits) ids.push_back(hit.record.id);
  return ids;
}

std::string firstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

TEST(IndexStore, EnsureCreatesAStubNamingAnEmptyFirstGeneration) {
  TempDir dir;
  const IndexStore store(dir.path("data"));
  EXPECT_FALSE(store.exists());
  store.ensure();
  ASSERT_TRUE(store.exists());
  EXPECT_EQ(firstLine(store.stubPath()), "auto index-1");
  EXPECT_EQ(store.liveGeneration(), dir.path("data") + "/index-1");
  fill(store.stubPath(), sampleRecords()); // writers open the stub
  EXPECT_EQ(Xapian::Database(dir.path("data") + "/index-1").get_doccount(), sampleRecords().size());
  store.ensure(); // idempotent
  EXPECT_EQ(firstLine(store.stubPath()), "auto index-1");
}

TEST(IndexStore, AnIndexFromBeforeStubsIsAdoptedInPlace) {
  TempDir dir;
  fs::create_directories(dir.path("data"));
  fill(dir.path("data") + "/index", sampleRecords());
  const IndexStore store(dir.path("data"));
  store.ensure();
  EXPECT_EQ(firstLine(store.stubPath()), "auto index");
  Searcher searcher(store.stubPath());
  EXPECT_FALSE(idsFor(searcher, "soil").empty());
}

TEST(IndexStore, ActivateSwapsTheStubAndKeepsOnlyThePreviousGeneration) {
  TempDir dir;
  const IndexStore store(dir.path("data"));
  store.ensure();
  for (int expected = 2; expected <= 4; ++expected) {
    const std::string next = store.newGeneration();
    EXPECT_EQ(next, dir.path("data") + "/index-" + std::to_string(expected));
    fill(next, {});
    store.activate(next);
    EXPECT_EQ(store.liveGeneration(), next);
  }
  EXPECT_FALSE(fs::exists(dir.path("data") + "/index-2"));
  EXPECT_TRUE(fs::exists(dir.path("data") + "/index-3")); // a reader may still be on it
  EXPECT_THROW(store.activate(dir.path("elsewhere")), IndexError);
}

TEST(IndexStore, RebuildUpgradesAnOldSchemaAndKeepsEveryRecordAndWhenItWasFirstSeen) {
  TempDir dir;
  const IndexStore store(dir.path("data"));
  store.ensure();
  Record undated = makeRecord("ungm", "first-seen", "Water points for schools");
  undated.fetchedAt = testing::daysFromNow(-40);
  fill(store.stubPath(), sampleRecords());
  fill(store.stubPath(), {undated});
  undated.fetchedAt = testing::daysFromNow(-1);
  undated.summary = "Changed since";
  fill(store.stubPath(), {undated}); // an update keeps the first fetch time as "posted"
  {
    Xapian::WritableDatabase old(store.liveGeneration());
    old.set_metadata(schema::kSchemaVersionKey, "5"); // as an older convoca left it
    old.commit();
  }
  EXPECT_THROW(Searcher{store.stubPath()}, SchemaVersionError);

  const RebuildSummary summary = store.rebuild(plain());
  EXPECT_EQ(summary.fromSchema, "5");
  EXPECT_EQ(summary.records, sampleRecords().size() + 1);
  EXPECT_EQ(storedSchemaVersion(store.stubPath()), std::to_string(schema::kSchemaVersion));
  Searcher searcher(store.stubPath());
  SearchRequest posted;
  posted.filters = {{"id", "ungm:first-seen"}};
  posted.postedSince = kNow - 30 * testing::kDay;
  posted.now = kNow;
  EXPECT_EQ(searcher.search(posted).total, 0u) << "first seen 40 days ago, not yesterday";
  EXPECT_FALSE(idsFor(searcher, "soil").empty());
}

TEST(IndexStore, ARebuildWaitsForNoWriterAndSaysWhoHoldsTheLock) {
  TempDir dir;
  const IndexStore store(dir.path("data"));
  store.ensure();
  Indexer harvest(store.stubPath(), plain());
  EXPECT_THROW(store.rebuild(plain()), IndexLockedError);
}

TEST(IndexStore, AReaderFollowsTheSwapOnItsNextSearch) {
  TempDir dir;
  const IndexStore store(dir.path("data"));
  store.ensure();
  fill(store.stubPath(), {makeRecord("eu-ft", "before", "Heat plans")});
  Searcher reader(store.stubPath());
  EXPECT_EQ(idsFor(reader, "heat"), std::vector<std::string>{"eu-ft:before"});

  const std::string next = store.newGeneration();
  fill(next, {makeRecord("eu-ft", "after", "Heat islands")});
  store.activate(next);
  EXPECT_EQ(idsFor(reader, "heat"), std::vector<std::string>{"eu-ft:after"});
}

TEST(IndexStore, BackupThenRestoreGivesTheSameResults) {
  TempDir dir;
  const IndexStore store(dir.path("data"));
  store.ensure();
  fill(store.stubPath(), sampleRecords());
  Searcher reader(store.stubPath());
  const std::vector<std::string> before = idsFor(reader, "soil OR housing OR eau");
  ASSERT_GE(before.size(), 3u);
  bool calledUnderLock = false;
  EXPECT_EQ(store.backupTo(dir.path("backup"),
                           [&] {
                             calledUnderLock = true;
                             EXPECT_THROW(Indexer(store.stubPath(), plain()), IndexLockedError);
                           }),
            sampleRecords().size());
  EXPECT_TRUE(calledUnderLock);

  fill(store.stubPath(), {makeRecord("eu-ft", "later", "Soil after the backup")});
  EXPECT_NE(idsFor(reader, "soil OR housing OR eau"), before);
  EXPECT_EQ(store.restoreFrom(dir.path("backup"), plain()), sampleRecords().size());
  EXPECT_EQ(idsFor(reader, "soil OR housing OR eau"), before);
}

TEST(IndexStore, ARestoreOfACopyFromAnotherSchemaRebuildsIt) {
  TempDir dir;
  fill(dir.path("old-copy"), sampleRecords());
  {
    Xapian::WritableDatabase old(dir.path("old-copy"));
    old.set_metadata(schema::kSchemaVersionKey, "6");
    old.commit();
  }
  const IndexStore store(dir.path("data"));
  EXPECT_EQ(store.restoreFrom(dir.path("old-copy"), plain()), sampleRecords().size());
  EXPECT_EQ(storedSchemaVersion(store.stubPath()), std::to_string(schema::kSchemaVersion));
}

} // namespace
} // namespace convoca::index
