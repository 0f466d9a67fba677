// The web UI's users and roles in the state DB.
#include "convoca/state/state_db.h"
#include "temp_db.h"

#include <gtest/gtest.h>
#include <stdexcept>

namespace convoca::state {
namespace {

class UsersTest : public testing::TempDbTest {
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
  std::unique_ptr<StateDb> db_;
};

User user(const std::string& name, Role role, const std::string& hash = "pbkdf2-sha256$1$c2FsdA==$aGFzaA==") {
  User u;
  u.name = name;
  u.role = role;
  u.passwordHash = hash;
  return u;
}

TEST(RoleNames, RoundTripEveryRoleByItsWireName) {
  for (const char* name : {"viewer", "editor", "admin"}) {
    const auto role = parseRole(name);
    ASSERT_TRUE(role) << name;
    EXPECT_STREQ(toString(*role), name);
  }
  EXPECT_FALSE(parseRole("Admin"));
  EXPECT_FALSE(parseRole("root"));
  EXPECT_FALSE(parseRole(""));
}

TEST_F(UsersTest, ANewDatabaseHasNoUsers) {
  EXPECT_FALSE(db().hasUsers());
  EXPECT_TRUE(db().users().empty());
  EXPECT_FALSE(db().user("admin"));
}

TEST_F(UsersTest, SavesAndListsUsersByName) {
  db().saveUser(user("núria", Role::Editor));
  db().saveUser(user("admin", Role::Admin));
  db().saveUser(user("jordi", Role::Viewer));
  EXPECT_TRUE(db().hasUsers());
  const auto all = db().users();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].name, "admin");
  EXPECT_EQ(all[0].role, Role::Admin);
  EXPECT_EQ(all[1].name, "jordi");
  EXPECT_EQ(all[2].name, "núria");
  const auto read = db().user("núria");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->role, Role::Editor);
  EXPECT_EQ(read->passwordHash, "pbkdf2-sha256$1$c2FsdA==$aGFzaA==");
  EXPECT_FALSE(read->createdAt.empty());
  EXPECT_EQ(read->updatedAt, read->createdAt);
}

TEST_F(UsersTest, ReplacingAUserChangesRoleAndHashButKeepsCreationTime) {
  db().saveUser(user("núria", Role::Viewer, "first"));
  User changed = user("núria", Role::Admin, "second");
  changed.createdAt = "2000-01-01T00:00:00Z"; // ignored: the DB keeps its own
  db().saveUser(changed);
  const auto all = db().users();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].role, Role::Admin);
  EXPECT_EQ(all[0].passwordHash, "second");
  EXPECT_NE(all[0].createdAt, "2000-01-01T00:00:00Z");
  EXPECT_GE(all[0].updatedAt, all[0].createdAt);
}

TEST_F(UsersTest, NamesAreCaseSensitive) {
  db().saveUser(user("Nuria", Role::Viewer));
  EXPECT_FALSE(db().user("nuria"));
}

TEST_F(UsersTest, RemovesAUser) {
  db().saveUser(user("jordi", Role::Viewer));
  EXPECT_TRUE(db().removeUser("jordi"));
  EXPECT_FALSE(db().removeUser("jordi"));
  EXPECT_FALSE(db().hasUsers());
}

TEST_F(UsersTest, RefusesAUserWithoutNameOrPasswordHash) {
  EXPECT_THROW(db().saveUser(user("", Role::Admin)), std::invalid_argument);
  EXPECT_THROW(db().saveUser(user("jordi", Role::Admin, "")), std::invalid_argument);
  EXPECT_FALSE(db().hasUsers());
}

} // namespace
} // namespace convoca::state
