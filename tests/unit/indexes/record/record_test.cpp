#include "convoca/index/record.h"
#include "convoca/index/timeutil.h"

#include <gtest/gtest.h>

namespace convoca::index {
namespace {

const char* kMinimal = R"({"id":"eu-ft:X-1","source":"eu-ft","kind":"topic","title":"Soil living labs"})";

TEST(Record, ParsesMinimalRecordAndFillsContentHash) {
  Record r = recordFromJson(kMinimal);
  EXPECT_EQ(r.id, "eu-ft:X-1");
  EXPECT_EQ(r.kind, "topic");
  EXPECT_EQ(r.contentHash.size(), 64u);
  EXPECT_FALSE(r.budget.has_value());
}

TEST(Record, RejectsMissingTitleNamingTheField) {
  try {
    recordFromJson(R"({"id":"eu-ft:X","source":"eu-ft","kind":"topic"})");
    FAIL() << "expected RecordError";
  } catch (const RecordError& e) {
    EXPECT_NE(std::string(e.what()).find("'title'"), std::string::npos) << e.what();
  }
}

TEST(Record, RejectsIdOfAnotherSource) {
  EXPECT_THROW(recordFromJson(R"({"id":"bdns:1","source":"eu-ft","kind":"topic","title":"t"})"), RecordError);
}

TEST(Record, RejectsDeadlineWithoutOffset) {
  try {
    recordFromJson(
        R"({"id":"eu-ft:X","source":"eu-ft","kind":"topic","title":"t","deadlines":["2026-01-01T17:00:00"]})");
    FAIL();
  } catch (const RecordError& e) {
    EXPECT_NE(std::string(e.what()).find("deadlines"), std::string::npos);
  }
}

TEST(Record, RejectsBadValuesWithReasons) {
  EXPECT_THROW(recordFromJson("[1,2]"), RecordError);
  EXPECT_THROW(recordFromJson("{not json"), RecordError);
  EXPECT_THROW(recordFromJson(R"({"id":"a:1","source":"a","kind":"grant","title":"t"})"), RecordError);
  EXPECT_THROW(recordFromJson(R"({"id":"a:1","source":"a","kind":"call","title":"t","sdgs":[18]})"),
               RecordError);
  EXPECT_THROW(recordFromJson(R"({"id":"a:1","source":"a","kind":"call","title":"t","url":"javascript:x"})"),
               RecordError);
  EXPECT_THROW(
      recordFromJson(
          R"({"id":"a:1","source":"a","kind":"call","title":"t","budget":{"amount":-1,"currency":"EUR"}})"),
      RecordError);
}

TEST(Record, SortsDeadlinesAndRoundTrips) {
  Record r = recordFromJson(R"({"id":"a:1","source":"a","kind":"call","title":"t",
    "deadlines":["2027-09-14T17:00:00+02:00","2027-04-08T17:00:00+02:00"],"deadlines_time_assumed":true,
    "budget":{"amount":60000000,"currency":"EUR"},"sdgs":[11,5,11]})");
  ASSERT_EQ(r.deadlines.size(), 2u);
  EXPECT_EQ(r.deadlines.front(), "2027-04-08T17:00:00+02:00");
  EXPECT_EQ(r.sdgs, (std::vector<int>{5, 11}));
  Record again = recordFromJson(recordToJson(r));
  EXPECT_EQ(again.deadlines, r.deadlines);
  EXPECT_TRUE(again.deadlinesTimeAssumed);
  EXPECT_EQ(again.contentHash, r.contentHash);
  EXPECT_DOUBLE_EQ(again.budget->amount, 60000000);
}

TEST(Record, ContentHashIgnoresFetchTimeButNotContent) {
  Record a = recordFromJson(kMinimal);
  Record b = a;
  b.fetchedAt = "2026-11-27T10:00:00Z";
  EXPECT_EQ(contentHashOf(a), contentHashOf(b));
  b.title = "Other";
  EXPECT_NE(contentHashOf(a), contentHashOf(b));
}

TEST(Record, StatusDependsOnTheMomentAsked) {
  Record r = recordFromJson(R"({"id":"a:1","source":"a","kind":"call","title":"t",
    "opening":"2026-03-01T00:00:00+01:00","deadlines":["2026-06-01T17:00:00+02:00","2026-11-26T17:00:00+01:00"]})");
  auto at = [&](const char* when) { return statusAt(r, *timeutil::parseInstant(when)); };
  EXPECT_EQ(at("2026-02-01T00:00:00Z"), CallStatus::Forthcoming);
  EXPECT_EQ(at("2026-07-01T00:00:00Z"), CallStatus::Open); // between two stages
  EXPECT_EQ(at("2026-11-26T15:59:59Z"), CallStatus::Open);
  EXPECT_EQ(at("2026-11-26T16:00:01Z"), CallStatus::Closed);
}

TEST(Record, AnalysisRoundTripsOutsideTheContentHash) {
  Record record = recordFromJson(R"({"id":"eu-ft:X","source":"eu-ft","kind":"call","title":"Housing"})");
  const std::string hash = contentHashOf(record);
  record.analysis.language = "en";
  record.analysis.concepts = {"housing.affordable"};
  record.analysis.conceptWords = {{"housing.affordable", {"affordable housing", "social housing"}}};
  record.analysis.sdgTags = {{11, 0.8, {"housing", "cities"}}};
  EXPECT_EQ(contentHashOf(record), hash);
  const Record again = recordFromJson(recordToJson(record));
  EXPECT_EQ(again.analysis.language, "en");
  EXPECT_EQ(again.analysis.concepts, record.analysis.concepts);
  EXPECT_EQ(again.analysis.conceptWords, record.analysis.conceptWords);
  ASSERT_EQ(again.analysis.sdgTags.size(), 1u);
  EXPECT_EQ(again.analysis.sdgTags[0].goal, 11);
  EXPECT_EQ(again.analysis.sdgTags[0].why, (std::vector<std::string>{"housing", "cities"}));
}

TEST(Record, AnOddAnalysisIsDroppedNotFatal) {
  const Record record = recordFromJson(
      R"({"id":"eu-ft:X","source":"eu-ft","kind":"call","title":"T","analysis":{"sdg_tags":[{"goal":40},{"goal":3,"score":0.5}],"concept_words":{"a":[1],"b":["b words"],"c":"x"}}})");
  ASSERT_EQ(record.analysis.sdgTags.size(), 1u);
  EXPECT_EQ(record.analysis.sdgTags[0].goal, 3);
  EXPECT_EQ(record.analysis.conceptWords,
            (std::map<std::string, std::vector<std::string>>{{"b", {"b words"}}}));
}

} // namespace
} // namespace convoca::index
