// The digest: a profile's new matches, then nothing while nothing changes,
// then the call whose content changed; feedback reaches the request.
#include "convoca/index/indexer.h"
#include "convoca/matching/matching.h"
#include "convoca/state/state_db.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace convoca::matching {
namespace {

// 2026-03-02T12:00:00Z
constexpr int64_t kNow = 1772452800;

index::Record call(const std::string& key, const std::string& title, const std::string& deadline) {
  index::Record record;
  record.id = "eu-ft:" + key;
  record.source = "eu-ft";
  record.kind = "call";
  record.title = title;
  record.summary = title + ": urban greening, trees and climate adaptation in cities.";
  record.language = "en";
  record.opening = "2026-01-01T00:00:00Z";
  record.deadlines = {deadline};
  return record;
}

class DigestTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "convoca-digest-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    state_ = std::make_unique<state::StateDb>((dir_ / "state.db").string());
    profile_ = index::profileFromJson(
        R"({"id":"verd","title":"Urban greening","language":"en","description":"Urban greening and climate adaptation with trees in cities."})");
    state_->saveProfile(profile_.id, profile_.title, index::profileToJson(profile_));
    index({call("A", "Greening cities", "2026-05-01T17:00:00+02:00")});
  }
  void TearDown() override {
    state_.reset();
    std::filesystem::remove_all(dir_);
  }

  void index(const std::vector<index::Record>& records) {
    index::IndexerOptions options;
    index::Indexer indexer(indexPath(), options);
    for (const auto& record : records) indexer.upsert(record);
    indexer.commit();
  }
  std::string indexPath() const { return (dir_ / "index").string(); }

  std::vector<state::DigestEntry> digest(int64_t runId) {
    index::Matcher matcher(indexPath());
    return updateDigest(profile_, matcher, *state_, nullptr, runId, kNow);
  }

  std::filesystem::path dir_;
  std::unique_ptr<state::StateDb> state_;
  index::Profile profile_;
};

TEST_F(DigestTest, NewMatchesThenNothingThenWhatChanged) {
  auto first = digest(1);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].recordId, "eu-ft:A");
  EXPECT_EQ(first[0].change, "new");
  EXPECT_NE(first[0].match.find("\"explanation\""), std::string::npos);

  EXPECT_TRUE(digest(2).empty()) << "nothing changed since the last digest";

  index({call("A", "Greening cities", "2026-06-01T17:00:00+02:00"),
         call("B", "Trees for cities", "2026-07-01T17:00:00+02:00")});
  auto third = digest(3);
  ASSERT_EQ(third.size(), 2u);
  std::map<std::string, std::string> changes;
  for (const auto& entry : third) changes[entry.recordId] = entry.change;
  EXPECT_EQ(changes["eu-ft:A"], "changed");
  EXPECT_EQ(changes["eu-ft:B"], "new");

  const auto stored = state_->digest("verd", 10);
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored.back().runId, 1);
}

TEST_F(DigestTest, FeedbackIsPartOfTheRequest) {
  state_->setFeedback({"verd", state::FeedbackSubject::Record, "eu-ft:A", state::Verdict::NotRelevant, ""});
  state_->setFeedback({"verd", state::FeedbackSubject::Programme, "LIFE", state::Verdict::Muted, ""});
  const index::MatchRequest request = requestFor(profile_, state_.get(), nullptr);
  EXPECT_EQ(request.feedback.notRelevant, (std::vector<std::string>{"eu-ft:A"}));
  EXPECT_EQ(request.feedback.mutedProgrammes, (std::vector<std::string>{"LIFE"}));
  EXPECT_TRUE(digest(1).empty()) << "a dismissed call never reaches the digest";
}

TEST_F(DigestTest, ProfilesLoadFromFilesOrStoredIds) {
  EXPECT_EQ(loadProfile("verd", state_.get()).title, "Urban greening");
  EXPECT_THROW(loadProfile("nobody", state_.get()), index::ProfileError);
  const index::Profile sample = loadProfile("fixtures/profiles/amb-habitatge.json", nullptr);
  EXPECT_EQ(sample.id, "amb-habitatge");
}

TEST_F(DigestTest, MatchJsonCarriesScoreFitAndExplanation) {
  index::Matcher matcher(indexPath());
  index::MatchRequest request = requestFor(profile_, state_.get(), nullptr);
  request.now = kNow;
  const index::MatchResult result = matcher.match(request);
  ASSERT_EQ(result.matches.size(), 1u);
  Poco::JSON::Object::Ptr json = matchToJson(result.matches.front());
  EXPECT_EQ(json->getValue<std::string>("id"), "eu-ft:A");
  EXPECT_EQ(json->getValue<std::string>("status"), "open");
  EXPECT_GT(json->getValue<double>("score"), 0);
  EXPECT_TRUE(json->has("fit"));
  Poco::JSON::Object::Ptr explanation = json->getObject("explanation");
  ASSERT_TRUE(explanation);
  EXPECT_GT(explanation->getArray("terms")->size(), 0u);
  EXPECT_GT(explanation->getArray("gates")->size(), 0u);
  EXPECT_EQ(explanation->getValue<std::string>("deadline"), "2026-05-01T17:00:00+02:00");
}

} // namespace
} // namespace convoca::matching
