// Profiles, feedback, digests and the translation cache in the state DB.
#include "convoca/state/state_db.h"
#include "temp_db.h"

#include <gtest/gtest.h>

namespace convoca::state {
namespace {

class ProfilesTest : public testing::TempDbTest {
protected:
  void SetUp() override {
    TempDbTest::SetUp();
    db_ = std::make_unique<StateDb>(dbPath());
    db_->saveProfile("amb-habitatge", "Habitatge", R"({"id":"amb-habitatge"})");
  }
  void TearDown() override {
    db_.reset();
    TempDbTest::TearDown();
  }
  StateDb& db() { return *db_; }
  std::unique_ptr<StateDb> db_;
};

TEST_F(ProfilesTest, SavesListsAndReplacesProfilesKeepingCreationTime) {
  db().saveProfile("amb-clima", "Clima", R"({"id":"amb-clima"})");
  const auto before = db().profile("amb-habitatge");
  ASSERT_TRUE(before);
  db().saveProfile("amb-habitatge", "Habitatge assequible", R"({"id":"amb-habitatge","v":2})");
  const auto after = db().profile("amb-habitatge");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->title, "Habitatge assequible");
  EXPECT_EQ(after->document, R"({"id":"amb-habitatge","v":2})");
  EXPECT_EQ(after->createdAt, before->createdAt);
  const auto all = db().profiles();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, "amb-clima"); // ordered by id
  EXPECT_FALSE(db().profile("absent"));
}

TEST_F(ProfilesTest, RemovingAProfileRemovesItsFeedbackAndDigest) {
  db().setFeedback({"amb-habitatge", FeedbackSubject::Record, "eu-ft:X", Verdict::Relevant, ""});
  db().recordDigest("amb-habitatge", {{0, "amb-habitatge", 0, "", "eu-ft:X", "new", 1.5, "X", "{}"}},
                    {{"eu-ft:X", "hash"}});
  EXPECT_TRUE(db().removeProfile("amb-habitatge"));
  EXPECT_FALSE(db().removeProfile("amb-habitatge"));
  db().saveProfile("amb-habitatge", "Habitatge", "{}");
  EXPECT_TRUE(db().feedback("amb-habitatge").empty());
  EXPECT_TRUE(db().digest("amb-habitatge", 10).empty());
  EXPECT_TRUE(db().seenMatches("amb-habitatge").empty());
}

TEST_F(ProfilesTest, ANewVerdictReplacesTheOldOneOnTheSameSubject) {
  db().setFeedback({"amb-habitatge", FeedbackSubject::Record, "eu-ft:X", Verdict::Relevant, ""});
  db().setFeedback({"amb-habitatge", FeedbackSubject::Record, "eu-ft:X", Verdict::NotRelevant, ""});
  db().setFeedback({"amb-habitatge", FeedbackSubject::Programme, "LIFE", Verdict::Muted, ""});
  const auto verdicts = db().feedback("amb-habitatge");
  ASSERT_EQ(verdicts.size(), 2u);
  for (const auto& verdict : verdicts) {
    if (verdict.kind == FeedbackSubject::Record) {
      EXPECT_EQ(verdict.subject, "eu-ft:X");
      EXPECT_EQ(verdict.verdict, Verdict::NotRelevant);
    } else {
      EXPECT_EQ(verdict.subject, "LIFE");
      EXPECT_EQ(verdict.verdict, Verdict::Muted);
    }
  }
  EXPECT_TRUE(db().clearFeedback("amb-habitatge", FeedbackSubject::Programme, "LIFE"));
  EXPECT_EQ(db().feedback("amb-habitatge").size(), 1u);
}

TEST_F(ProfilesTest, FeedbackNeedsAStoredProfile) {
  EXPECT_THROW(db().setFeedback({"nobody", FeedbackSubject::Record, "eu-ft:X", Verdict::Relevant, ""}),
               StateError);
}

TEST_F(ProfilesTest, DigestsAccumulateNewestFirstAndSeenMatchesAreReplaced) {
  db().recordDigest("amb-habitatge", {{0, "", 7, "", "eu-ft:A", "new", 2.0, "A", "{\"id\":\"eu-ft:A\"}"}},
                    {{"eu-ft:A", "h1"}});
  db().recordDigest("amb-habitatge", {{0, "", 8, "", "eu-ft:A", "changed", 2.5, "A", "{}"}},
                    {{"eu-ft:A", "h2"}, {"eu-ft:B", "h3"}});
  const auto entries = db().digest("amb-habitatge", 10);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].change, "changed");
  EXPECT_EQ(entries[0].runId, 8);
  EXPECT_EQ(entries[1].match, "{\"id\":\"eu-ft:A\"}");
  EXPECT_EQ(db().digest("amb-habitatge", 1).size(), 1u);
  const auto seen = db().seenMatches("amb-habitatge");
  EXPECT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen.at("eu-ft:A"), "h2");
}

TEST_F(ProfilesTest, TranslationsAreCachedPerModeAndSourceHash) {
  db().storeTranslations("cat-eng", {{"sha-a", "housing"}, {"sha-b", "climate"}});
  db().storeTranslations("spa-eng", {{"sha-a", "other"}});
  const auto found = db().cachedTranslations("cat-eng", {"sha-a", "sha-c"});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found.at("sha-a"), "housing");
  EXPECT_EQ(db().cachedTranslations("spa-eng", {"sha-a"}).at("sha-a"), "other");
}

} // namespace
} // namespace convoca::state
