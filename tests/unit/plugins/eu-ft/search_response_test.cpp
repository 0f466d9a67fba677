// The real SEDIA search responses in ../shared/fixtures-real/eu-ft-sedia-search.
#include "fake_host.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <regex>
#include <set>

namespace euft_test {
namespace {

using convoca::index::Record;

const char* kPage = "eu-ft-sedia-search/search-page-AarhusAI.json";
const char* kMockPortal = "eu-ft-sedia-search/mock-portal-topics-AarhusAI.json";

bool hasHtmlTag(const std::string& text) {
  static const std::regex tag("<[A-Za-z/!][^>]*>");
  return std::regex_search(text, tag);
}

class SearchResponse : public ::testing::Test {
protected:
  // Parses a real fixture; skips the test when ../shared is not there.
  void parseFixture(const char* relative) {
    const std::string path = realFixturesDir() + "/" + relative;
    const std::string data = readFile(path);
    if (data.empty()) GTEST_SKIP() << "real fixture " << path << " is absent (../shared not mounted)";
    ASSERT_EQ(host.parse(relative, data), CONVOCA_OK) << host.errorMessage();
    ASSERT_TRUE(host.rejections().empty()) << host.rejections().front();
  }

  FakeHost host;
};

TEST_F(SearchResponse, EmitsOneRecordPerIdentifierWithTheLegacyDuplicateOnce) {
  parseFixture(kPage);
  if (IsSkipped()) return;
  ASSERT_EQ(host.records().size(), 8u);
  std::set<std::string> ids;
  for (const Record& record : host.records()) ids.insert(record.id);
  EXPECT_EQ(ids.size(), 8u);
  EXPECT_EQ(ids.count("eu-ft:HORIZON-INFRA-2024-EOSC-01-03"), 1u);
  for (const Record& record : host.records()) {
    EXPECT_EQ(record.source, "eu-ft");
    EXPECT_EQ(record.kind, "topic");
    EXPECT_EQ(record.topicId, record.id.substr(6));
    EXPECT_EQ(record.language, "en");
  }
}

TEST_F(SearchResponse, KeepsBothDeadlinesOfTheTwoStageSoilTopicAsAssumedBrusselsCutOffs) {
  parseFixture(kPage);
  if (IsSkipped()) return;
  const Record* soil = host.record("eu-ft:HORIZON-MISS-2027-05-SOIL-01-two-stage");
  ASSERT_NE(soil, nullptr);
  EXPECT_EQ(soil->deadlines,
            (std::vector<std::string>{"2027-04-08T17:00:00+02:00", "2027-09-14T17:00:00+02:00"}));
  EXPECT_TRUE(soil->deadlinesTimeAssumed);
  EXPECT_EQ(soil->deadlinesRaw,
            (std::vector<std::string>{"2027-04-08T00:00:00.000+0000", "2027-09-14T00:00:00.000+0000"}));
  ASSERT_TRUE(soil->opening.has_value());
  EXPECT_EQ(*soil->opening, "2027-02-04T00:00:00+01:00");
  EXPECT_TRUE(soil->openingTimeAssumed);
  EXPECT_EQ(soil->callId, "HORIZON-MISS-2027-05-two-stage");
  EXPECT_EQ(soil->callTitle, "Supporting the implementation of the Soil Deal for Europe Mission");
  EXPECT_EQ(soil->sourceStatus, "forthcoming");
}

TEST_F(SearchResponse, ReadsTheLegacyPlusZeroDeadlineAsBrusselsLocalTime) {
  parseFixture(kPage);
  if (IsSkipped()) return;
  const Record* legacy = host.record("eu-ft:HORIZON-CL2-2024-TRANSFORMATIONS-01-08");
  ASSERT_NE(legacy, nullptr);
  EXPECT_EQ(legacy->deadlines, (std::vector<std::string>{"2024-02-07T17:00:00+01:00"}));
  EXPECT_FALSE(legacy->deadlinesTimeAssumed);
  EXPECT_EQ(legacy->deadlinesRaw, (std::vector<std::string>{"2024-02-07T17:00:00.000+0000"}));
  // The legacy .../data/topicDetails/<ID>.json URL becomes the portal page.
  EXPECT_EQ(legacy->url,
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
            "topic-details/HORIZON-CL2-2024-TRANSFORMATIONS-01-08");
  // Legacy keywords are one JSON-encoded array, decoded here.
  ASSERT_GT(legacy->keywords.size(), 1u);
  EXPECT_EQ(legacy->keywords.front(), "Gender research");
}

TEST_F(SearchResponse, NamesTheProgrammeFromItsCode) {
  parseFixture(kPage);
  if (IsSkipped()) return;
  for (const Record& record : host.records()) {
    EXPECT_EQ(record.programme, "Horizon Europe") << record.id;
    EXPECT_EQ(record.programmeCode, "HORIZON") << record.id;
  }
  EXPECT_EQ(host.warningsContaining("frameworkProgramme"), 0u);
}

TEST_F(SearchResponse, LeavesNoHtmlInTextOrSummary) {
  parseFixture(kPage);
  if (IsSkipped()) return;
  for (const Record& record : host.records()) {
    EXPECT_FALSE(hasHtmlTag(record.text)) << record.id << ": " << record.text.substr(0, 200);
    EXPECT_FALSE(hasHtmlTag(record.summary)) << record.id;
  }
  const Record* soil = host.record("eu-ft:HORIZON-MISS-2027-05-SOIL-01-two-stage");
  ASSERT_NE(soil, nullptr);
  EXPECT_NE(soil->text.find("Expected Outcome:"), std::string::npos);
  EXPECT_EQ(soil->summary.rfind("Activities under this topic respond directly", 0), 0u) << soil->summary;
  EXPECT_LE(soil->summary.size(), 303u);
}

TEST_F(SearchResponse, SetsABudgetOnlyWhereTheEmbeddedOverviewIsComplete) {
  parseFixture(kPage);
  if (IsSkipped()) return;
  for (const Record& record : host.records()) {
    if (record.id == "eu-ft:HORIZON-CL6-2026-04-GOVERNANCE-01") {
      ASSERT_TRUE(record.budget.has_value());
      EXPECT_DOUBLE_EQ(record.budget->amount, 60000000.0);
      EXPECT_EQ(record.budget->currency, "EUR");
    } else {
      EXPECT_FALSE(record.budget.has_value()) << record.id;
    }
  }
}

TEST_F(SearchResponse, NormalisesActionTypesAndDropsIdentifiersFromKeywords) {
  parseFixture(kPage);
  if (IsSkipped()) return;
  const Record* soil = host.record("eu-ft:HORIZON-MISS-2027-05-SOIL-01-two-stage");
  ASSERT_NE(soil, nullptr);
  EXPECT_EQ(soil->actionTypes, (std::vector<std::string>{"HORIZON Research and Innovation Actions"}));
  EXPECT_EQ(
      std::count(soil->keywords.begin(), soil->keywords.end(), "HORIZON-MISS-2027-05-SOIL-01-two-stage"), 0);
  EXPECT_EQ(std::count(soil->keywords.begin(), soil->keywords.end(), "HORIZON-MISS-2027-05-two-stage"), 0);
  EXPECT_EQ(soil->keywords.front(), "Agriculture");
  EXPECT_EQ(soil->priorities, (std::vector<std::string>{"SSH", "AI", "DigitalAgenda", "MultiActorApproach"}));
  EXPECT_FALSE(soil->tags.empty());
}

TEST_F(SearchResponse, ReadsTheBareMockPortalResultsWithItsDuplicatePairOnce) {
  parseFixture(kMockPortal);
  if (IsSkipped()) return;
  EXPECT_EQ(host.records().size(), 52u);
  // Only 8 rows carry a complete budgetOverview that lists their own action.
  int budgets = 0;
  for (const Record& record : host.records()) budgets += record.budget ? 1 : 0;
  EXPECT_EQ(budgets, 8);
  EXPECT_DOUBLE_EQ(
      host.record("eu-ft:HORIZON-MSCA-2027-COFUND-01-01")->budget.value_or(convoca::index::Budget{}).amount,
      51251165.0);
  for (const Record& record : host.records()) {
    EXPECT_FALSE(hasHtmlTag(record.text)) << record.id;
    EXPECT_FALSE(record.deadlines.empty()) << record.id;
    EXPECT_EQ(record.programmeCode, "HORIZON") << record.id;
  }
}

} // namespace
} // namespace euft_test
