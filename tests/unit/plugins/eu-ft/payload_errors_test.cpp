// What parse() does with payloads that are not what it expects.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace euft_test {
namespace {

TEST(PayloadErrors, RejectsMalformedJsonAsSourceFormatNamingTheFile) {
  FakeHost host;
  EXPECT_EQ(host.parse("page-7.json", R"({"results": [{"metadata": {"identifier": ["X"]})"),
            CONVOCA_SOURCE_FORMAT);
  EXPECT_EQ(host.errorStatus(), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("page-7.json"), std::string::npos) << host.errorMessage();
  EXPECT_NE(host.errorMessage().find("not valid JSON"), std::string::npos) << host.errorMessage();
  EXPECT_TRUE(host.records().empty());
}

TEST(PayloadErrors, NamesTheLineAndColumnWhereTheJsonBreaks) {
  FakeHost host;
  EXPECT_EQ(
      host.parse("page-8.json", "{\n  \"results\": [\n    {\"metadata\": {\"identifier\": [\"X\" ]]}\n"),
      CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("at line 3, column"), std::string::npos) << host.errorMessage();
}

TEST(PayloadErrors, RejectsAnEmptyPayload) {
  FakeHost host;
  EXPECT_EQ(host.parse("empty.json", ""), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("empty.json"), std::string::npos);
}

TEST(PayloadErrors, RejectsJsonOfAnotherShapeSayingWhatWasExpected) {
  for (const char* payload :
       {R"({"items": []})", R"([1, 2, 3])", R"({"results": [{"title": "no metadata"}]})",
        R"({"fundingData": {"GrantTenderObj": {"not": "an array"}}})", R"("text")"}) {
    FakeHost host;
    EXPECT_EQ(host.parse("other.json", payload), CONVOCA_SOURCE_FORMAT) << payload;
    EXPECT_NE(host.errorMessage().find("other.json"), std::string::npos) << host.errorMessage();
    EXPECT_NE(host.errorMessage().find("SEDIA search response"), std::string::npos) << host.errorMessage();
    EXPECT_NE(host.errorMessage().find("GrantTenderObj"), std::string::npos) << host.errorMessage();
  }
}

TEST(PayloadErrors, AcceptsAnEmptySearchPage) {
  FakeHost host;
  EXPECT_EQ(host.parse("last-page.json", R"({"totalResults": 0, "results": []})"), CONVOCA_OK);
  EXPECT_TRUE(host.records().empty());
}

TEST(PayloadErrors, LeavesAnUnknownProgrammeAbsentAndWarnsOnce) {
  const std::string row =
      R"({"metadata": {"identifier": ["NEW-2027-XYZ-0%d"], "type": ["1"], "title": ["New"],
      "DATASOURCE": ["SEDIA"], "frameworkProgramme": ["99999999"]}})";
  std::string first = row, second = row;
  first.replace(first.find("%d"), 2, "1");
  second.replace(second.find("%d"), 2, "2");
  FakeHost host;
  ASSERT_EQ(host.parse("new.json", "{\"results\": [" + first + "," + second + "]}"), CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 2u);
  for (const auto& record : host.records()) {
    EXPECT_TRUE(record.programme.empty());
    EXPECT_TRUE(record.programmeCode.empty());
  }
  EXPECT_EQ(host.warningsContaining("99999999"), 1u);
}

TEST(PayloadErrors, SkipsFaqRowsAndRowsOfOtherTypes) {
  FakeHost host;
  const std::string payload = R"({"results": [
      {"metadata": {"identifier": ["FAQ-1"], "type": ["1"], "title": ["Q"], "DATASOURCE": ["SEDIA_FAQ"]}},
      {"metadata": {"identifier": ["UPD-1"], "type": ["5"], "title": ["Update"], "DATASOURCE": ["SEDIA"]}},
      {"metadata": {"type": ["1"], "title": ["No identifier"]}},
      {"metadata": {"identifier": ["CASCADE-1"], "type": ["8"], "title": ["Open call"], "DATASOURCE": ["SEDIA"]}}]})";
  ASSERT_EQ(host.parse("mixed.json", payload), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  EXPECT_EQ(host.records().front().id, "eu-ft:CASCADE-1");
  EXPECT_EQ(host.records().front().kind, "call");
  EXPECT_EQ(host.records().front().callId, "CASCADE-1");
}

TEST(PayloadErrors, PrefersTheCurrentRowOverALegacyCopyWhateverTheOrder) {
  FakeHost host;
  const std::string payload = R"({"results": [
      {"metadata": {"identifier": ["T-1"], "type": ["1"], "title": ["Legacy title"], "DATASOURCE": ["SEDIA_PRD_CENTRICITY"]}},
      {"metadata": {"identifier": ["T-1"], "type": ["1"], "title": ["Current title"], "DATASOURCE": ["SEDIA"]}},
      {"metadata": {"identifier": ["T-1"], "type": ["1"], "title": ["Second current"], "DATASOURCE": ["SEDIA"]}}]})";
  ASSERT_EQ(host.parse("dup.json", payload), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  EXPECT_EQ(host.records().front().title, "Current title");
}

} // namespace
} // namespace euft_test
