// "Did you mean": spelling data from titles, summaries and keywords, and the
// search's suggestion.
#include "convoca/index/indexer.h"
#include "convoca/index/searcher.h"
#include "test_records.h"

#include <gtest/gtest.h>
#include <string>
#include <xapian.h>

namespace convoca::index {
namespace {

using testing::kNow;
using testing::makeRecord;
using testing::TempDir;

// How many records gave `word` to the spelling table (0: absent).
Xapian::doccount spellingFrequency(const Xapian::Database& database, const std::string& word) {
  for (auto it = database.spellings_begin(); it != database.spellings_end(); ++it)
    if (*it == word) return it.get_termfreq();
  return 0;
}

IndexerOptions withoutAnalysis() {
  IndexerOptions options;
  options.analyse = false;
  return options;
}

class SpellingTest : public ::testing::Test {
protected:
  void SetUp() override {
    Indexer indexer(dir_.path(), withoutAnalysis());
    Record mobility = makeRecord("eu-ft", "mobility", "Urban mobility plans");
    mobility.summary = "Cities plan their transport for 2030.";
    mobility.keywords = {"cycling lanes"};
    Record hats = makeRecord("bdns", "hats", "Craft workshops");
    hats.text = "A museum of the turban and other headwear."; // the description is not spelling data
    Record housing = makeRecord("cat-gov", "habitatge", "Rehabilitació d'habitatges");
    housing.language = "ca";
    indexer.upsert(mobility);
    indexer.upsert(hats);
    indexer.upsert(housing);
    indexer.commit();
  }

  std::optional<std::string> suggestionFor(const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.now = kNow;
    return Searcher(dir_.path()).search(request).suggestion;
  }

  TempDir dir_;
};

TEST_F(SpellingTest, SuggestsTheCorrectedQueryForAMisspeltWord) {
  EXPECT_EQ(suggestionFor("urbn mobility"), "urban mobility");
  EXPECT_EQ(suggestionFor("cycing"), "cycling") << "keywords are spelling data";
  EXPECT_EQ(suggestionFor("transprt"), "transport") << "summaries are spelling data";
}

TEST_F(SpellingTest, NoSuggestionWhenEveryWordIsKnown) {
  EXPECT_EQ(suggestionFor("urban mobility"), std::nullopt);
  EXPECT_EQ(suggestionFor(""), std::nullopt);
}

TEST_F(SpellingTest, WordsFoundOnlyInDescriptionsAreNotCorrected) {
  // "turban" is one letter from "urban", but the index knows it.
  EXPECT_EQ(suggestionFor("turban"), std::nullopt);
}

TEST_F(SpellingTest, FieldsAndFiltersOfTheQueryAreKept) {
  EXPECT_EQ(suggestionFor("source:eu-ft urbn"), "source:eu-ft urban");
  EXPECT_EQ(suggestionFor("\"urbn mobility\" status:open"), "\"urban mobility\" status:open");
}

TEST_F(SpellingTest, ElidedWordsAreCorrectedAndKeepTheirApostrophe) {
  EXPECT_EQ(suggestionFor("rehabilitacio d'habitatgs"), "rehabilitació d'habitatges");
  EXPECT_EQ(suggestionFor("d\u2019habitatgs"), "d\u2019habitatges");
  EXPECT_EQ(suggestionFor("d'habitatges"), std::nullopt);
}

TEST_F(SpellingTest, ASyntaxErrorGivesNoSuggestionButTheSearchError) {
  SearchRequest request;
  request.query = "status:someday urbn";
  request.now = kNow;
  EXPECT_THROW(Searcher(dir_.path()).search(request), QueryError);
}

TEST_F(SpellingTest, EachRecordCountsAWordOnceAndNumbersAreLeftOut) {
  const Xapian::Database database(dir_.path());
  EXPECT_EQ(spellingFrequency(database, "urban"), 1u);
  EXPECT_EQ(spellingFrequency(database, "2030"), 0u);
  EXPECT_EQ(spellingFrequency(database, "turban"), 0u);
}

TEST_F(SpellingTest, AChangedRecordTakesBackTheWordsItNoLongerHas) {
  {
    Indexer indexer(dir_.path(), withoutAnalysis());
    Record changed = makeRecord("eu-ft", "mobility", "Rural mobility plans");
    indexer.upsert(changed);
    indexer.commit();
  }
  const Xapian::Database database(dir_.path());
  EXPECT_EQ(spellingFrequency(database, "urban"), 0u);
  EXPECT_EQ(spellingFrequency(database, "rural"), 1u);
  EXPECT_EQ(spellingFrequency(database, "mobility"), 1u);
  EXPECT_EQ(spellingFrequency(database, "cycling"), 0u);
}

TEST_F(SpellingTest, APurgedRecordTakesBackItsWords) {
  {
    IndexerOptions options = withoutAnalysis();
    options.purgeUnseen = true;
    Indexer indexer(dir_.path(), options);
    indexer.beginSource("eu-ft");
    indexer.endSource(/*completedSuccessfully=*/true, kNow); // "mobility" unseen and undated: purged
  }
  const Xapian::Database database(dir_.path());
  EXPECT_EQ(spellingFrequency(database, "mobility"), 0u);
  EXPECT_EQ(spellingFrequency(database, "craft"), 1u);
}

} // namespace
} // namespace convoca::index
