// Ranking and explanations: a Catalan profile meets English calls through its
// concepts and its English form, explanations name what met, feedback moves
// the ranking.
#include "convoca/index/analyzer.h"
#include "convoca/index/indexer.h"
#include "convoca/index/matcher.h"
#include "test_records.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>

namespace convoca::index {
namespace {

using testing::daysFromNow;
using testing::kNow;
using testing::makeRecord;

Record openCall(const std::string& source, const std::string& key, const std::string& title,
                const std::string& summary, const std::string& language = "en") {
  Record record = makeRecord(source, key, title);
  record.summary = summary;
  record.language = language;
  record.opening = daysFromNow(-10);
  record.deadlines = {daysFromNow(60)};
  return record;
}

std::vector<Record> calls() {
  Record housing = openCall("eu-ft", "HOUSING", "Affordable housing districts",
                            "Pilots of affordable and social housing renovation led by municipalities.");
  housing.programmeCode = "HORIZON";
  Record adaptation =
      openCall("eu-ft", "ADAPT", "Climate adaptation in cities",
               "Nature-based solutions against heat waves and floods; urban greening and climate shelters.");
  adaptation.programmeCode = "LIFE";
  Record heat = openCall(
      "eu-ft", "HEAT", "Heat action plans for urban areas",
      "Cities prepare for heat waves with trees, shade and cool public spaces; climate adaptation planning.");
  heat.programmeCode = "HORIZON";
  Record mobility = openCall("eu-ft", "MOBILITY", "Zero-emission urban logistics",
                             "Last-mile delivery, cargo bikes and low-emission zones in cities.");
  mobility.programmeCode = "CEF";
  Record catalanHousing =
      openCall("raisc", "1", "Ajuts per a habitatge assequible",
               "Subvencions als ajuntaments per a la rehabilitació d'habitatges de lloguer social.", "ca");
  return {housing, adaptation, heat, mobility, catalanHousing};
}

class MatcherTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    Indexer indexer(dir_->path());
    for (const auto& record : calls()) indexer.upsert(record);
    indexer.commit();
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static MatchRequest catalanRequest(const std::string& description,
                                     const std::vector<std::string>& keywords = {}) {
    MatchRequest request;
    request.profile.id = "p";
    request.profile.title = "Línia d'acció";
    request.profile.language = "ca";
    request.profile.description = description;
    request.profile.keywords = keywords;
    request.now = kNow;
    return request;
  }

  MatchResult match(const MatchRequest& request) { return Matcher(dir_->path()).match(request); }

  static std::vector<std::string> ids(const MatchResult& result) {
    std::vector<std::string> out;
    for (const auto& match : result.matches) out.push_back(match.hit.record.id);
    return out;
  }
  static size_t rankOf(const MatchResult& result, const std::string& id) {
    const auto list = ids(result);
    return static_cast<size_t>(std::find(list.begin(), list.end(), id) - list.begin());
  }

  static std::unique_ptr<testing::TempDir> dir_;
};

std::unique_ptr<testing::TempDir> MatcherTest::dir_;

TEST_F(MatcherTest, CatalanProfileFindsEnglishCallsThroughConcepts) {
  const MatchResult result = match(catalanRequest("Volem impulsar l'adaptació al canvi climàtic i les "
                                                  "solucions basades en la natura a l'àrea metropolitana."));
  ASSERT_FALSE(result.matches.empty());
  EXPECT_EQ(result.language, "ca");
  EXPECT_EQ(result.matches.front().hit.record.id, "eu-ft:ADAPT");
  const Match& top = result.matches.front();
  ASSERT_FALSE(top.concepts.empty());
  bool namesCatalanAndEnglish = false;
  for (const auto& matched : top.concepts)
    if (!matched.profileWords.empty() && !matched.recordWords.empty()) namesCatalanAndEnglish = true;
  EXPECT_TRUE(namesCatalanAndEnglish) << "an explanation names the profile's words and the call's";
}

// The words of each concept a match shares with the profile, as the explanation shows them.
std::map<std::string, std::vector<std::string>> conceptWordsOf(const Match& match) {
  std::map<std::string, std::vector<std::string>> words;
  for (const auto& matched : match.concepts) words[matched.id] = matched.recordWords;
  return words;
}

// The call's words for a concept are stored with its analysis; an index written
// before they were has only the concept ids, and the call's text is read again.
TEST_F(MatcherTest, AnIndexWithoutStoredConceptWordsExplainsTheSame) {
  testing::TempDir older;
  IndexerOptions options;
  options.analyse = false;
  {
    Indexer indexer(older.path(), options);
    for (Record record : calls()) {
      analyseRecord(record, nullptr);
      record.analysis.conceptWords.clear();
      indexer.upsert(record);
    }
    indexer.commit();
  }
  const MatchRequest request = catalanRequest("Volem impulsar l'adaptació al canvi climàtic i les "
                                              "solucions basades en la natura a l'àrea metropolitana.");
  const MatchResult current = match(request);
  const MatchResult fromOlder = Matcher(older.path()).match(request);
  ASSERT_FALSE(current.matches.empty());
  ASSERT_EQ(ids(fromOlder), ids(current));
  const auto words = conceptWordsOf(current.matches.front());
  ASSERT_FALSE(words.empty());
  for (const auto& [conceptId, recordWords] : words) EXPECT_FALSE(recordWords.empty()) << conceptId;
  EXPECT_EQ(conceptWordsOf(fromOlder.matches.front()), words);
}

TEST_F(MatcherTest, TheEnglishFormOfTheProfileMatchesEnglishWords) {
  MatchRequest request = catalanRequest("Onades de calor i ombra als espais públics.");
  const size_t withoutTranslation = rankOf(match(request), "eu-ft:HEAT");
  request.english = "Heat waves and shade in public spaces.";
  const MatchResult result = match(request);
  EXPECT_EQ(rankOf(result, "eu-ft:HEAT"), 0u);
  EXPECT_LE(rankOf(result, "eu-ft:HEAT"), withoutTranslation);
  bool viaTranslation = false;
  for (const auto& term : result.matches.front().terms) viaTranslation |= term.via == "translation";
  EXPECT_TRUE(viaTranslation);
}

TEST_F(MatcherTest, ExplanationsNameTheProfilesOwnWords) {
  const MatchResult result =
      match(catalanRequest("Habitatge assequible i lloguer social per als ajuntaments."));
  ASSERT_FALSE(result.matches.empty());
  const Match& catalan = result.matches[rankOf(result, "raisc:1")];
  std::vector<std::string> words;
  for (const auto& term : catalan.terms) words.push_back(term.word);
  EXPECT_NE(std::find(words.begin(), words.end(), "habitatge"), words.end());
  EXPECT_GT(catalan.fit, 0);
  EXPECT_GT(catalan.score, 0);
}

TEST_F(MatcherTest, SharedSdgsAreExplained) {
  MatchRequest request = catalanRequest("Adaptació al canvi climàtic.");
  request.profile.sdgs = {13};
  const MatchResult result = match(request);
  const Match& adaptation = result.matches[rankOf(result, "eu-ft:ADAPT")];
  EXPECT_NE(std::find(adaptation.sharedSdgs.begin(), adaptation.sharedSdgs.end(), 13),
            adaptation.sharedSdgs.end());
}

TEST_F(MatcherTest, RelevantFeedbackMovesSimilarCallsUp) {
  MatchRequest request = catalanRequest("Adaptació al canvi climàtic a les ciutats.");
  const size_t before = rankOf(match(request), "eu-ft:HEAT");
  ASSERT_GT(before, 0u) << "the test needs HEAT below the top at first";
  request.feedback.relevant = {"eu-ft:HEAT"};
  const size_t after = rankOf(match(request), "eu-ft:HEAT");
  EXPECT_LT(after, before);
}

TEST_F(MatcherTest, DismissedCallsAndMutedProgrammesDisappear) {
  MatchRequest request =
      catalanRequest("Adaptació al canvi climàtic, onades de calor, habitatge i logística urbana.");
  request.feedback.notRelevant = {"eu-ft:ADAPT"};
  request.feedback.mutedProgrammes = {"CEF"};
  const auto found = ids(match(request));
  EXPECT_EQ(std::find(found.begin(), found.end(), "eu-ft:ADAPT"), found.end());
  EXPECT_EQ(std::find(found.begin(), found.end(), "eu-ft:MOBILITY"), found.end());
  EXPECT_NE(std::find(found.begin(), found.end(), "eu-ft:HEAT"), found.end());
}

TEST_F(MatcherTest, PlainBm25ReturnsIdsForTheBaseline) {
  const auto found = Matcher(dir_->path()).plainBm25("affordable housing renovation", "en", 3);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front(), "eu-ft:HOUSING");
}

} // namespace
} // namespace convoca::index
