// The office pipeline board and saved searches in the state DB.
#include "convoca/state/state_db.h"
#include "temp_db.h"

#include <gtest/gtest.h>
#include <stdexcept>

namespace convoca::state {
namespace {

class WorkspaceTest : public testing::TempDbTest {
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

PipelineEntry entry(const std::string& record, const std::string& profile, PipelineState state,
                    const std::string& owner = "", std::optional<DiscardReason> reason = std::nullopt) {
  PipelineEntry e;
  e.recordId = record;
  e.profileId = profile;
  e.state = state;
  e.owner = owner;
  e.reason = reason;
  return e;
}

TEST(PipelineNames, RoundTripEveryStateAndReasonByItsWireName) {
  for (const char* name : {"interesting", "preparing", "submitted", "discarded"}) {
    const auto state = parsePipelineState(name);
    ASSERT_TRUE(state) << name;
    EXPECT_STREQ(toString(*state), name);
  }
  for (const char* name :
       {"not-eligible", "no-cofinancing", "deadline-too-close", "no-partner", "out-of-scope", "other"}) {
    const auto reason = parseDiscardReason(name);
    ASSERT_TRUE(reason) << name;
    EXPECT_STREQ(toString(*reason), name);
  }
  EXPECT_FALSE(parsePipelineState("Discarded"));
  EXPECT_FALSE(parsePipelineState(""));
  EXPECT_FALSE(parseDiscardReason("not_eligible"));
}

TEST_F(WorkspaceTest, SavesAndReadsBackAnEntryWithItsUpdateTime) {
  PipelineEntry sent = entry("eu-ft:LIFE-2026", "amb-clima", PipelineState::Preparing, "núria");
  sent.notes = "Partner: Ajuntament de Badalona; «cofinançament» 40 %";
  sent.updatedBy = "admin";
  const PipelineEntry stored = db().savePipelineEntry(sent);
  EXPECT_FALSE(stored.updatedAt.empty());
  const auto read = db().pipelineEntry("eu-ft:LIFE-2026", "amb-clima");
  ASSERT_TRUE(read);
  EXPECT_EQ(read->state, PipelineState::Preparing);
  EXPECT_EQ(read->owner, "núria");
  EXPECT_EQ(read->notes, sent.notes);
  EXPECT_FALSE(read->reason);
  EXPECT_EQ(read->updatedAt, stored.updatedAt);
  EXPECT_EQ(read->updatedBy, "admin");
  EXPECT_FALSE(db().pipelineEntry("eu-ft:LIFE-2026", ""));
}

TEST_F(WorkspaceTest, KeepsOneEntryPerCallAndProfileAndReplacesIt) {
  db().savePipelineEntry(entry("eu-ft:A", "amb-clima", PipelineState::Interesting));
  db().savePipelineEntry(entry("eu-ft:A", "", PipelineState::Submitted));
  db().savePipelineEntry(
      entry("eu-ft:A", "amb-clima", PipelineState::Discarded, "", DiscardReason::NoCofinancing));
  const auto all = db().pipelineEntries({});
  ASSERT_EQ(all.size(), 2u);
  const auto replaced = db().pipelineEntry("eu-ft:A", "amb-clima");
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->state, PipelineState::Discarded);
  EXPECT_EQ(replaced->reason, DiscardReason::NoCofinancing);
  EXPECT_EQ(db().pipelineEntry("eu-ft:A", "")->state, PipelineState::Submitted);
}

TEST_F(WorkspaceTest, RefusesDiscardedWithoutReasonAndReasonForOtherStates) {
  try {
    db().savePipelineEntry(entry("eu-ft:A", "", PipelineState::Discarded));
    FAIL() << "a discarded call without a reason was saved";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("reason"), std::string::npos) << e.what();
  }
  try {
    db().savePipelineEntry(entry("eu-ft:A", "", PipelineState::Preparing, "", DiscardReason::Other));
    FAIL() << "a reason was saved for a call in preparation";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("preparing"), std::string::npos) << e.what();
  }
  EXPECT_THROW(db().savePipelineEntry(entry("", "", PipelineState::Interesting)), std::invalid_argument);
  EXPECT_TRUE(db().pipelineEntries({}).empty());
}

TEST_F(WorkspaceTest, FiltersByProfileStateAndOwnerNewestFirst) {
  db().savePipelineEntry(entry("eu-ft:A", "amb-clima", PipelineState::Interesting, "jordi"));
  db().savePipelineEntry(entry("eu-ft:B", "amb-clima", PipelineState::Preparing, "núria"));
  db().savePipelineEntry(entry("eu-ft:C", "", PipelineState::Preparing, "núria"));
  db().savePipelineEntry(entry("eu-ft:D", "amb-habitatge", PipelineState::Preparing, "jordi"));

  const auto all = db().pipelineEntries({});
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all.front().recordId, "eu-ft:D"); // saved last, shown first
  EXPECT_EQ(all.back().recordId, "eu-ft:A");

  PipelineFilter climate;
  climate.profileId = "amb-clima";
  EXPECT_EQ(db().pipelineEntries(climate).size(), 2u);

  PipelineFilter withoutProfile;
  withoutProfile.profileId = "";
  const auto unassigned = db().pipelineEntries(withoutProfile);
  ASSERT_EQ(unassigned.size(), 1u);
  EXPECT_EQ(unassigned.front().recordId, "eu-ft:C");

  PipelineFilter nuriaPreparing;
  nuriaPreparing.state = PipelineState::Preparing;
  nuriaPreparing.owner = "núria";
  const auto hers = db().pipelineEntries(nuriaPreparing);
  ASSERT_EQ(hers.size(), 2u);
  EXPECT_EQ(hers[0].recordId, "eu-ft:C");
  EXPECT_EQ(hers[1].recordId, "eu-ft:B");

  PipelineFilter submitted;
  submitted.state = PipelineState::Submitted;
  EXPECT_TRUE(db().pipelineEntries(submitted).empty());

  db().savePipelineEntry(entry("eu-ft:A", "amb-habitatge", PipelineState::Interesting));
  PipelineFilter oneCall;
  oneCall.recordId = "eu-ft:A";
  const auto ofA = db().pipelineEntries(oneCall);
  ASSERT_EQ(ofA.size(), 2u) << "one entry per profile";
  EXPECT_EQ(ofA[0].profileId, "amb-habitatge");
  EXPECT_EQ(ofA[1].profileId, "amb-clima");
}

TEST_F(WorkspaceTest, ARewrittenEntryMovesToTheTop) {
  db().savePipelineEntry(entry("eu-ft:A", "", PipelineState::Interesting));
  db().savePipelineEntry(entry("eu-ft:B", "", PipelineState::Interesting));
  db().savePipelineEntry(entry("eu-ft:A", "", PipelineState::Preparing));
  const auto all = db().pipelineEntries({});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all.front().recordId, "eu-ft:A");
}

TEST_F(WorkspaceTest, RemovesAnEntryOnlyForItsProfile) {
  db().savePipelineEntry(entry("eu-ft:A", "amb-clima", PipelineState::Interesting));
  db().savePipelineEntry(entry("eu-ft:A", "", PipelineState::Interesting));
  EXPECT_TRUE(db().removePipelineEntry("eu-ft:A", "amb-clima"));
  EXPECT_FALSE(db().removePipelineEntry("eu-ft:A", "amb-clima"));
  EXPECT_TRUE(db().pipelineEntry("eu-ft:A", ""));
}

TEST_F(WorkspaceTest, SavedSearchesGetGrowingIdsAndListByName) {
  const SavedSearch housing = db().addSavedSearch("Habitatge", "q=habitatge&status=open", "núria");
  const SavedSearch climate = db().addSavedSearch("Clima", "q=clima", "");
  EXPECT_GT(housing.id, 0);
  EXPECT_GT(climate.id, housing.id);
  EXPECT_EQ(housing.createdBy, "núria");
  EXPECT_FALSE(housing.createdAt.empty());

  const auto all = db().savedSearches();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "Clima");
  EXPECT_EQ(all[1].query, "q=habitatge&status=open");

  const auto read = db().savedSearch(housing.id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->name, "Habitatge");
  EXPECT_EQ(read->createdAt, housing.createdAt);
  EXPECT_FALSE(db().savedSearch(climate.id + 100));
}

TEST_F(WorkspaceTest, RemovedSavedSearchIdsAreNotReused) {
  const SavedSearch first = db().addSavedSearch("Clima", "q=clima", "");
  EXPECT_TRUE(db().removeSavedSearch(first.id));
  EXPECT_FALSE(db().removeSavedSearch(first.id));
  EXPECT_FALSE(db().savedSearch(first.id));
  // A feed URL of a deleted search must not start serving another search.
  EXPECT_GT(db().addSavedSearch("Clima", "q=clima", "").id, first.id);
}

TEST_F(WorkspaceTest, RefusesASavedSearchWithoutName) {
  EXPECT_THROW(db().addSavedSearch("", "q=clima", ""), std::invalid_argument);
  EXPECT_TRUE(db().savedSearches().empty());
}

} // namespace
} // namespace convoca::state
