// Matching many profiles on several threads gives, in order, what one Matcher
// gives one profile after another; one failing profile fails alone.
#include "convoca/index/indexer.h"
#include "convoca/index/match_batch.h"
#include "test_records.h"

#include <gtest/gtest.h>
#include <xapian.h>

namespace convoca::index {
namespace {

using testing::daysFromNow;
using testing::kNow;
using testing::makeRecord;

MatchRequest requestOf(const std::string& id, const std::string& language, const std::string& description) {
  MatchRequest request;
  request.profile.id = id;
  request.profile.title = id;
  request.profile.language = language;
  request.profile.description = description;
  request.now = kNow;
  return request;
}

std::vector<MatchRequest> someRequests() {
  std::vector<MatchRequest> requests{
      requestOf("soil", "en", "Soil health and land restoration missions"),
      requestOf("habitatge", "ca", "Habitatge assequible i rehabilitació als municipis"),
      requestOf("clima", "es", "Adaptación de las ciudades al clima"),
      requestOf("eau", "fr", "Accès à l'eau potable"),
      requestOf("nothing", "en", "Quantum chromodynamics of neutron stars"),
  };
  MatchRequest ungated = requestOf("ungated", "en", "climate cities soil governance");
  ungated.gates = false;
  requests.push_back(ungated);
  MatchRequest unexplained = requestOf("plain", "en", "climate adaptation in cities");
  unexplained.explain = false;
  requests.push_back(unexplained);
  // Twice as many: threads take turns over the same profiles.
  const size_t count = requests.size();
  for (size_t i = 0; i < count; ++i) requests.push_back(requests[i]);
  return requests;
}

// What an explained match says, to compare results field by field.
std::string describe(const MatchResult& result) {
  std::string text = result.language + " total " + std::to_string(result.total) + "\n";
  for (const Match& match : result.matches) {
    text += match.hit.record.id + " " + std::to_string(match.score) + " " + std::to_string(match.fit) + ":";
    for (const auto& term : match.terms) text += " " + term.word + "/" + term.via;
    for (const auto& concept : match.concepts) text += " C" + concept.id;
    for (int goal : match.sharedSdgs) text += " SDG" + std::to_string(goal);
    for (const auto& gate : match.gates) text += " [" + gate.gate + " " + gate.detail + "]";
    text += "\n";
  }
  return text;
}

class MatchBatchTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    Indexer indexer(dir_->path());
    for (const auto& record : testing::sampleRecords()) indexer.upsert(record);
    indexer.commit();
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static std::unique_ptr<testing::TempDir> dir_;
};

std::unique_ptr<testing::TempDir> MatchBatchTest::dir_;

TEST_F(MatchBatchTest, EveryThreadCountGivesWhatOneMatcherGivesInOrder) {
  const std::vector<MatchRequest> requests = someRequests();
  Matcher matcher(dir_->path());
  std::vector<std::string> expected;
  size_t withMatches = 0;
  for (const auto& request : requests) {
    const MatchResult result = matcher.match(request);
    withMatches += !result.matches.empty();
    expected.push_back(describe(result));
  }
  ASSERT_GE(withMatches, requests.size() / 2) << "the sample should give most profiles matches";

  for (unsigned threads : {1u, 2u, 3u, 0u}) {
    const std::vector<BatchMatch> outcomes = matchEach(dir_->path(), requests, threads);
    ASSERT_EQ(outcomes.size(), requests.size());
    for (size_t i = 0; i < requests.size(); ++i) {
      ASSERT_TRUE(outcomes[i].result)
          << "threads " << threads << ", " << requests[i].profile.id << ": " << outcomes[i].error;
      EXPECT_TRUE(outcomes[i].error.empty());
      EXPECT_EQ(describe(*outcomes[i].result), expected[i])
          << "threads " << threads << ", request " << i << " (" << requests[i].profile.id << ")";
    }
  }
}

TEST_F(MatchBatchTest, NoRequestsNeedNoIndexWork) {
  EXPECT_TRUE(matchEach(dir_->path(), {}, 2).empty());
}

TEST_F(MatchBatchTest, AnIndexThatCannotBeOpenedIsTheCallersError) {
  testing::TempDir empty;
  EXPECT_THROW(matchEach(empty.path("missing"), someRequests(), 2), IndexError);
}

TEST(MatchBatch, OneFailingRequestFailsAloneWithItsReason) {
  testing::TempDir dir;
  {
    Indexer indexer(dir.path());
    Record call = makeRecord("eu-ft", "CARROTS", "Carrot growing cooperatives");
    call.summary = "Support for carrot growers.";
    call.deadlines = {daysFromNow(30)};
    indexer.upsert(call);
    indexer.commit();
  }
  {
    // A document no convoca writer makes: its data is not a record.
    Xapian::WritableDatabase database(dir.path(), Xapian::DB_OPEN);
    Xapian::Document broken;
    broken.set_data("not a record");
    for (const char* term : {"turnips", "turnip", "Zturnip"}) broken.add_term(term);
    database.add_document(broken);
    database.commit();
  }
  MatchRequest carrots = requestOf("carrots", "en", "carrot growers");
  carrots.gates = false;
  MatchRequest turnips = requestOf("turnips", "en", "turnips");
  turnips.gates = false;
  const std::vector<BatchMatch> outcomes = matchEach(dir.path(), {carrots, turnips, carrots}, 2);
  ASSERT_EQ(outcomes.size(), 3u);
  for (size_t i : {0u, 2u}) {
    ASSERT_TRUE(outcomes[i].result) << outcomes[i].error;
    ASSERT_EQ(outcomes[i].result->matches.size(), 1u);
    EXPECT_EQ(outcomes[i].result->matches[0].hit.record.id, "eu-ft:CARROTS");
  }
  EXPECT_FALSE(outcomes[1].result);
  EXPECT_NE(outcomes[1].error.find("not valid JSON"), std::string::npos) << outcomes[1].error;
}

} // namespace
} // namespace convoca::index
