// What the indexer derives from a record: language, English form, concepts,
// SDG tags with why; and what it must not derive.
#include "convoca/index/analyzer.h"
#include "test_records.h"

#include <gtest/gtest.h>

namespace convoca::index {
namespace {

using testing::makeRecord;

TEST(Analyzer, TagsAClearlyOnTopicCallWithWhy) {
  Record record = makeRecord("eu-ft", "ENERGY", "Renewable energy communities in cities");
  record.summary =
      "Solar and wind energy, energy efficiency of buildings and clean energy for all households.";
  analyseRecord(record, {});
  EXPECT_EQ(record.analysis.language, "en");
  ASSERT_FALSE(record.analysis.sdgTags.empty());
  EXPECT_EQ(record.analysis.sdgTags.front().goal, 7);
  EXPECT_FALSE(record.analysis.sdgTags.front().why.empty());
  EXPECT_FALSE(record.analysis.concepts.empty());
}

// The benchmark's yes/no rule is permissive (a floor of 0.10 on the best
// goal); the tags stored with a record need a real score, so a text about
// nothing the SDGs cover is not tagged.
TEST(Analyzer, OffTopicTextsGetNoSdgTags) {
  for (const char* text : {"Mix the flour, sugar and butter, then bake the cake for forty minutes.",
                           "The annual general meeting of the chess club will take place on Tuesday at 7 pm.",
                           "The home side won the match two goals to one after extra time."}) {
    Record record = makeRecord("feeds", "x", text);
    analyseRecord(record, {});
    EXPECT_TRUE(record.analysis.sdgTags.empty())
        << text << " tagged " << record.analysis.sdgTags.front().goal;
  }
}

TEST(Analyzer, NonEnglishRecordsGetTheirEnglishFormFromTheHost) {
  Record record = makeRecord("raisc", "1", "Ajuts per a la mobilitat sostenible als municipis de Catalunya");
  record.language = "ca";
  std::string askedLanguage;
  analyseRecord(record, [&askedLanguage](const std::string& language, const std::string&) {
    askedLanguage = language;
    return std::string("Grants for sustainable mobility in the municipalities of Catalonia");
  });
  EXPECT_EQ(askedLanguage, "ca");
  EXPECT_EQ(record.analysis.english, "Grants for sustainable mobility in the municipalities of Catalonia");
  Record english = makeRecord("eu-ft", "X", "Sustainable urban mobility");
  analyseRecord(english, [](const std::string&, const std::string&) -> std::string {
    ADD_FAILURE() << "English needs no translation";
    return {};
  });
}

} // namespace
} // namespace convoca::index
