// parse() on both field sets of the portal's project list.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace unpp_test {
namespace {

const std::string kPayloads = std::string(CONVOCA_SOURCE_DIR) + "/fixtures/unpp/payloads/";

TEST(Projects, ReadsTheCurrentOpenListWithEndOfDayUtcDeadlinesFlaggedAssumed) {
  FakeHost host;
  ASSERT_EQ(host.parse("open-list-2026.json", readFile(kPayloads + "open-list-2026.json")), CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 4u);
  EXPECT_TRUE(host.rejections().empty());
  const auto* beirut = host.record("unpp:3417");
  ASSERT_TRUE(beirut);
  EXPECT_EQ(beirut->source, "unpp");
  EXPECT_EQ(beirut->kind, "call");
  EXPECT_EQ(beirut->title,
            "Inclusion of urban refugees in municipal services and local governance, Beirut and Tripoli");
  EXPECT_EQ(beirut->callId, "3417");
  EXPECT_EQ(beirut->url, "https://www.unpartnerportal.org/cfei/open/3417/overview");
  EXPECT_EQ(beirut->language, "en");
  EXPECT_EQ(beirut->programmeCode, "UNPP");
  EXPECT_EQ(beirut->deadlines, (std::vector<std::string>{"2026-12-15T23:59:59+00:00"}));
  EXPECT_TRUE(beirut->deadlinesTimeAssumed);
  EXPECT_EQ(beirut->deadlinesRaw, (std::vector<std::string>{"2026-12-15"}));
  EXPECT_EQ(beirut->eligibleCountries, (std::vector<std::string>{"LB"}));
  EXPECT_EQ(beirut->keywords,
            (std::vector<std::string>{"Integration, Reintegration", "Public finance and local governance"}));
  EXPECT_EQ(beirut->tags,
            (std::vector<std::string>{"Durable Solutions", "Social Policy and  Advocacy", "UNHCR"}));
  // start_date is when the funded project starts, not when the call opens.
  EXPECT_FALSE(beirut->opening.has_value());
  EXPECT_NE(beirut->text.find("Project start: 2027-02-01"), std::string::npos) << beirut->text;
  EXPECT_NE(beirut->text.find("Agency: UNHCR"), std::string::npos) << beirut->text;
}

TEST(Projects, ReadsThe2019PublicListWithDisplayIdsLinksAndCountryNames) {
  FakeHost host;
  ASSERT_EQ(host.parse("public-list-2019.json", readFile(kPayloads + "public-list-2019.json")), CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 3u);
  const auto* amman = host.record("unpp:CEF/JOR/2019/011");
  ASSERT_TRUE(amman);
  EXPECT_EQ(amman->callId, "CEF/JOR/2019/011");
  EXPECT_EQ(amman->title, "Early childhood development centres in urban neighbourhoods");
  EXPECT_EQ(amman->url, "https://www.unpartnerportal.org/cfei/open/431/overview");
  EXPECT_EQ(amman->documents,
            (std::vector<std::string>{"https://www.unpartnerportal.org/api/public/export/projects/431/"}));
  EXPECT_EQ(amman->opening, std::optional<std::string>("2019-05-20T00:00:00+00:00"));
  EXPECT_TRUE(amman->openingTimeAssumed);
  EXPECT_EQ(amman->deadlines, (std::vector<std::string>{"2019-07-01T23:59:59+00:00"}));
  EXPECT_TRUE(amman->deadlinesTimeAssumed);
  // Country names are not ISO codes: they stay out of eligible_countries.
  EXPECT_TRUE(amman->eligibleCountries.empty());
  EXPECT_EQ(amman->tags, (std::vector<std::string>{"Education", "UNICEF", "Jordan", "Lebanon"}));
  EXPECT_EQ(amman->keywords, (std::vector<std::string>{"Early childhood development"}));
  EXPECT_NE(amman->text.find("Countries: Jordan, Lebanon"), std::string::npos) << amman->text;
}

TEST(Projects, ToleratesNestedAgencyAndCategoryObjectsAndListsOfCountryCodes) {
  FakeHost host;
  const std::string page = R"({"count": 1, "next": null, "results": [{"id": 77, "title": "Nested",
      "agency": {"id": 2, "name": "WFP"}, "country_code": ["SN", "ML"],
      "specializations": [{"id": 10, "name": "Food assistance", "category": {"id": 3, "name": "Food Security"}},
                          "Cash assistance", 11],
      "deadline_date": "2027-01-31"}]})";
  ASSERT_EQ(host.parse("nested.json", page), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  const auto& record = host.records().front();
  EXPECT_EQ(record.eligibleCountries, (std::vector<std::string>{"SN", "ML"}));
  EXPECT_EQ(record.keywords, (std::vector<std::string>{"Food assistance", "Cash assistance"}));
  EXPECT_EQ(record.tags, (std::vector<std::string>{"Food Security", "WFP"}));
  EXPECT_EQ(host.warningsContaining("bare ids"), 1u);
}

TEST(Projects, LeavesAnAbsentDeadlineAbsent) {
  FakeHost host;
  ASSERT_EQ(host.parse("p.json", R"({"count": 1, "results": [{"id": 5, "title": "No deadline"}]})"),
            CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  EXPECT_TRUE(host.records().front().deadlines.empty());
  EXPECT_TRUE(host.records().front().deadlinesRaw.empty());
}

} // namespace
} // namespace unpp_test
