#include "convoca/state/state_db.h"
#include "temp_db.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <fstream>
#include <gtest/gtest.h>

namespace convoca::state {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

// A second connection that bypasses StateDb, to look at or tamper with the file.
Poco::Data::Session rawSession(const std::string& path) {
  return Poco::Data::Session(Poco::Data::SQLite::Connector::KEY, path);
}

int migrationRows(const std::string& path) {
  Poco::Data::Session session = rawSession(path);
  int rows = 0;
  session << "SELECT COUNT(*) FROM schema_migrations", into(rows), now;
  return rows;
}

class MigrationTest : public testing::TempDbTest {};

TEST_F(MigrationTest, AppliesEveryMigrationOnFirstOpen) {
  StateDb db(dbPath());
  EXPECT_GE(StateDb::latestSchemaVersion(), 1);
  EXPECT_EQ(db.schemaVersion(), StateDb::latestSchemaVersion());
  EXPECT_EQ(migrationRows(dbPath()), StateDb::latestSchemaVersion());
}

TEST_F(MigrationTest, ReopeningKeepsDataAndAppliesNothingTwice) {
  {
    StateDb db(dbPath());
    db.upsertSource("eu-ft", "/plugins/eu_ft.so", "1.0.0");
  }
  StateDb reopened(dbPath());
  EXPECT_EQ(reopened.schemaVersion(), StateDb::latestSchemaVersion());
  EXPECT_EQ(migrationRows(dbPath()), StateDb::latestSchemaVersion());
  ASSERT_EQ(reopened.sources().size(), 1u);
  EXPECT_EQ(reopened.sources().front().id, "eu-ft");
}

TEST_F(MigrationTest, RefusesDatabaseWrittenByNewerConvoca) {
  { StateDb db(dbPath()); }
  const int future = StateDb::latestSchemaVersion() + 1;
  {
    Poco::Data::Session session = rawSession(dbPath());
    session << "INSERT INTO schema_migrations (version, name, applied_at) "
               "VALUES (?, 'from the future', '2099-01-01T00:00:00Z')",
        Poco::Data::Keywords::bind(future), now;
  }
  try {
    StateDb db(dbPath());
    FAIL() << "a DB newer than the code was opened";
  } catch (const StateError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(dbPath()), std::string::npos) << message;
    EXPECT_NE(message.find("newer"), std::string::npos) << message;
    EXPECT_NE(message.find(std::to_string(future)), std::string::npos) << message;
  }
  EXPECT_EQ(migrationRows(dbPath()), future);
}

TEST_F(MigrationTest, UsesWriteAheadLogSoReadersDoNotBlockTheWriter) {
  StateDb db(dbPath());
  Poco::Data::Session session = rawSession(dbPath());
  std::string mode;
  session << "PRAGMA journal_mode", into(mode), now;
  EXPECT_EQ(mode, "wal");
}

TEST_F(MigrationTest, ReportsFileThatIsNotADatabaseWithItsPath) {
  std::ofstream(dbPath()) << "these are not the bytes of an SQLite database, not even close to it\n";
  try {
    StateDb db(dbPath());
    FAIL() << "opened a text file as a state DB";
  } catch (const StateError& e) {
    EXPECT_NE(std::string(e.what()).find(dbPath()), std::string::npos) << e.what();
  }
}

TEST_F(MigrationTest, ReportsMissingDirectoryWithThePath) {
  const std::string path = (dir_ / "absent" / "state.db").string();
  try {
    StateDb db(path);
    FAIL() << "opened a DB in a missing directory";
  } catch (const StateError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

// Turns a current DB back into what convoca wrote at schema version 3, before
// the pipeline, saved searches and users existed.
void rollBackToVersion3(const std::string& path) {
  Poco::Data::Session session = rawSession(path);
  for (const char* statement : {"DROP TABLE pipeline", "DROP TABLE saved_searches", "DROP TABLE users",
                                "DELETE FROM schema_migrations WHERE version >= 4"})
    session << statement, now;
}

TEST_F(MigrationTest, UpgradesVersion3KeepingProfilesAndAddingTheWorkspaceTables) {
  {
    StateDb db(dbPath());
    db.saveProfile("amb-habitatge", "Habitatge", R"({"id":"amb-habitatge"})");
  }
  rollBackToVersion3(dbPath());
  ASSERT_EQ(migrationRows(dbPath()), 3);

  StateDb upgraded(dbPath());
  EXPECT_GE(upgraded.schemaVersion(), 4);
  const auto profile = upgraded.profile("amb-habitatge");
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->document, R"({"id":"amb-habitatge"})");
  EXPECT_FALSE(upgraded.hasUsers());
  EXPECT_TRUE(upgraded.pipelineEntries({}).empty());
  EXPECT_TRUE(upgraded.savedSearches().empty());
  PipelineEntry entry;
  entry.recordId = "eu-ft:A";
  entry.profileId = "amb-habitatge";
  upgraded.savePipelineEntry(entry);
  EXPECT_EQ(upgraded.pipelineEntries({}).size(), 1u);
  EXPECT_TRUE(upgraded.integrityOk());
}

TEST_F(MigrationTest, FreshDatabasePassesIntegrityCheck) {
  StateDb db(dbPath());
  EXPECT_TRUE(db.integrityOk());
}

} // namespace
} // namespace convoca::state
