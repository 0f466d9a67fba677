// harvest(): paging through the SEDIA search API and reading the dump, against
// a fake host that serves pages by URL and records every request.
#include "fake_host.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>
#include <sstream>

namespace euft_test {
namespace {

const std::string kSearch = "https://api.tech.ec.europa.eu/search-api/prod/rest/search";
const std::string kDump =
    "https://ec.europa.eu/info/funding-tenders/opportunities/data/referenceData/grantsTenders.json";
const std::string kQuery = R"({"bool":{"must":[{"terms":{"type":["1","2","8"]}},)"
                           R"({"terms":{"status":["31094501","31094502"]}},)"
                           R"({"term":{"programmePeriod":"2021 - 2027"}}]}})";
const std::string kQueryWithTenders = R"({"bool":{"must":[{"terms":{"type":["0","1","2","8"]}},)"
                                      R"({"terms":{"status":["31094501","31094502"]}},)"
                                      R"({"term":{"programmePeriod":"2021 - 2027"}}]}})";

struct Row {
  std::string identifier;
  std::string datasource = "SEDIA";
  std::string title = "A LIFE topic";
};

Poco::JSON::Array::Ptr strings(std::initializer_list<std::string> values) {
  auto array = Poco::makeShared<Poco::JSON::Array>();
  for (const auto& value : values) array->add(value);
  return array;
}

// A search response page in the API's shape: every metadata value an array of strings.
std::string searchPage(int totalResults, const std::vector<Row>& rows) {
  auto results = Poco::makeShared<Poco::JSON::Array>();
  for (const Row& row : rows) {
    auto metadata = Poco::makeShared<Poco::JSON::Object>();
    metadata->set("identifier", strings({row.identifier}));
    metadata->set("type", strings({"1"}));
    metadata->set("title", strings({row.title}));
    metadata->set("DATASOURCE", strings({row.datasource}));
    metadata->set("frameworkProgramme", strings({"43252405"}));
    metadata->set("status", strings({"31094502"}));
    metadata->set("startDate", strings({"2026-10-01T00:00:00.000+0000"}));
    metadata->set("deadlineDate", strings({"2027-03-04T00:00:00.000+0000"}));
    metadata->set("descriptionByte", strings({"<p>Nature-based solutions in <b>cities</b>.</p>"}));
    auto result = Poco::makeShared<Poco::JSON::Object>();
    result->set("summary", row.title);
    result->set("metadata", metadata);
    results->add(result);
  }
  Poco::JSON::Object page;
  page.set("totalResults", totalResults);
  page.set("results", results);
  std::ostringstream out;
  page.stringify(out);
  return out.str();
}

std::string pageUrl(int pageSize, int pageNumber) {
  return kSearch + "?apiKey=SEDIA&text=***&pageSize=" + std::to_string(pageSize) +
         "&pageNumber=" + std::to_string(pageNumber);
}

void expectSearchParts(const SeenRequest& request, const std::string& query) {
  EXPECT_EQ(request.method, "POST");
  ASSERT_EQ(request.parts.size(), 3u);
  EXPECT_EQ(request.parts[0].name, "query");
  EXPECT_EQ(request.parts[0].contentType, "application/json");
  EXPECT_EQ(request.parts[0].data, query);
  EXPECT_EQ(request.parts[1].name, "languages");
  EXPECT_EQ(request.parts[1].contentType, "application/json");
  EXPECT_EQ(request.parts[1].data, R"(["en"])");
  EXPECT_EQ(request.parts[2].name, "sort");
  EXPECT_EQ(request.parts[2].contentType, "application/json");
  EXPECT_EQ(request.parts[2].data, R"({"field":"identifier","order":"ASC"})");
}

TEST(Harvest, PagesUntilTheAnnouncedTotalWithTheExactMultipartRequest) {
  FakeHost host;
  host.setOption("page_size", "2");
  host.serve(pageUrl(2, 1), {200, searchPage(3, {{"LIFE-2027-A"}, {"LIFE-2027-B"}})});
  host.serve(pageUrl(2, 2), {200, searchPage(3, {{"LIFE-2027-C"}})});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();

  ASSERT_EQ(host.requests().size(), 2u);
  EXPECT_EQ(host.requests()[0].url, pageUrl(2, 1));
  EXPECT_EQ(host.requests()[1].url, pageUrl(2, 2));
  for (const auto& request : host.requests()) expectSearchParts(request, kQuery);

  ASSERT_EQ(host.records().size(), 3u);
  EXPECT_TRUE(host.rejections().empty());
  EXPECT_EQ(host.records()[0].programme, "LIFE");
  EXPECT_EQ(host.records()[0].text, "Nature-based solutions in cities.");
  EXPECT_EQ(host.progress().back(), (std::pair<uint64_t, uint64_t>{3, 3}));
  EXPECT_EQ(host.cursors().count("last_success"), 1u);
  EXPECT_EQ(host.unreleasedResponses(), 0u);
}

TEST(Harvest, StopsAtAShortPageWithTheDefaultPageSize) {
  FakeHost host;
  host.serve(pageUrl(100, 1), {200, searchPage(250, {{"LIFE-2027-A"}})});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].url, "https://api.tech.ec.europa.eu/search-api/prod/rest/"
                                    "search?apiKey=SEDIA&text=***&pageSize=100&pageNumber=1");
  expectSearchParts(host.requests()[0], kQuery);
  EXPECT_EQ(host.records().size(), 1u);
}

TEST(Harvest, CollapsesALegacyRowWithItsCurrentCopyOnTheNextPage) {
  FakeHost host;
  host.setOption("page_size", "2");
  host.serve(pageUrl(2, 1),
             {200, searchPage(3, {{"LIFE-2027-A", "SEDIA_PRD_CENTRICITY", "Old"}, {"LIFE-2027-B"}})});
  host.serve(pageUrl(2, 2), {200, searchPage(3, {{"LIFE-2027-A", "SEDIA", "Current"}})});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 2u);
  EXPECT_EQ(host.record("eu-ft:LIFE-2027-A")->title, "Current");
}

TEST(Harvest, AsksForTendersWhenIncludeTendersIsSet) {
  FakeHost host;
  host.setOption("include_tenders", "true");
  host.serve(pageUrl(100, 1), {200, searchPage(0, {})});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 1u);
  expectSearchParts(host.requests()[0], kQueryWithTenders);
}

TEST(Harvest, ReportsAServerErrorAsRetryWithTheStatus) {
  FakeHost host;
  host.serve(pageUrl(100, 1), {503, "busy"});
  EXPECT_EQ(host.harvest(), CONVOCA_RETRY);
  EXPECT_NE(host.errorMessage().find("503"), std::string::npos) << host.errorMessage();
  EXPECT_TRUE(host.records().empty());
  EXPECT_TRUE(host.cursors().empty());
}

TEST(Harvest, ReportsAClientErrorAsNetworkWithTheStatus) {
  FakeHost host; // serves nothing: every URL answers 404
  EXPECT_EQ(host.harvest(), CONVOCA_NETWORK);
  EXPECT_NE(host.errorMessage().find("404"), std::string::npos) << host.errorMessage();
}

TEST(Harvest, RejectsAPageThatIsNotASearchResponse) {
  FakeHost host;
  host.serve(pageUrl(100, 1), {200, "<html>maintenance</html>"});
  EXPECT_EQ(host.harvest(), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("search page 1"), std::string::npos) << host.errorMessage();
}

TEST(Harvest, StopsWhenCancelledBetweenPages) {
  FakeHost host;
  host.setOption("page_size", "2");
  host.serve(pageUrl(2, 1), {200, searchPage(4, {{"LIFE-2027-A"}, {"LIFE-2027-B"}})});
  host.serve(pageUrl(2, 2), {200, searchPage(4, {{"LIFE-2027-C"}, {"LIFE-2027-D"}})});
  host.cancelAfterRequests(1);
  EXPECT_EQ(host.harvest(), CONVOCA_CANCELLED);
  EXPECT_EQ(host.requests().size(), 1u);
}

TEST(Harvest, StopsAtMaxPagesWithAWarning) {
  FakeHost host;
  host.setOption("page_size", "2");
  host.setOption("max_pages", "1");
  host.serve(pageUrl(2, 1), {200, searchPage(4, {{"LIFE-2027-A"}, {"LIFE-2027-B"}})});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.records().size(), 2u);
  EXPECT_EQ(host.warningsContaining("max_pages"), 1u);
}

TEST(Harvest, RejectsInvalidOptionsAsConfigBeforeAnyRequest) {
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"page_size", "500"},
                                                        {"page_size", "ten"},
                                                        {"mode", "everything"},
                                                        {"include_tenders", "perhaps"},
                                                        {"search_url", "ftp://example.org"}}) {
    FakeHost host;
    host.setOption(name, value);
    EXPECT_EQ(host.harvest(), CONVOCA_CONFIG) << name << "=" << value;
    EXPECT_NE(host.errorMessage().find(name), std::string::npos) << host.errorMessage();
    EXPECT_TRUE(host.requests().empty());
  }
}

const char* kSmallDump = R"({"fundingData":{"GrantTenderObj":[
  {"type":1,"identifier":"LIFE-2027-A","title":"Dump copy","frameworkProgramme":{"id":43252405},
   "deadlineDatesLong":[1804770000000]},
  {"type":1,"identifier":"LIFE-2027-Z","title":"Only in the dump","frameworkProgramme":{"id":43252405},
   "deadlineDatesLong":[1804723200000]},
  {"type":0,"identifier":"ENV/2027/OP/0001","title":"A tender","url":"https://etendering.ted.europa.eu/cft/cft-display.html?cftId=1",
   "deadlineDatesLong":[1804723200000]}]}})";

TEST(Harvest, DumpModeReadsGrantsAndLeavesTendersOutByDefault) {
  FakeHost host;
  host.setOption("mode", "dump");
  host.serve(kDump, {200, kSmallDump});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].method, "GET");
  EXPECT_EQ(host.records().size(), 2u);
  // 1804723200000 is midnight UTC: a day, given the 17:00 Brussels cut-off.
  EXPECT_EQ(host.record("eu-ft:LIFE-2027-Z")->deadlines,
            (std::vector<std::string>{"2027-03-11T17:00:00+01:00"}));
  EXPECT_TRUE(host.record("eu-ft:LIFE-2027-Z")->deadlinesTimeAssumed);
}

TEST(Harvest, BothModeKeepsTheSearchCopyAndAddsWhatOnlyTheDumpHas) {
  FakeHost host;
  host.setOption("mode", "both");
  host.setOption("include_tenders", "1");
  host.serve(pageUrl(100, 1), {200, searchPage(1, {{"LIFE-2027-A", "SEDIA", "Search copy"}})});
  host.serve(kDump, {200, kSmallDump});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 3u);
  EXPECT_EQ(host.record("eu-ft:LIFE-2027-A")->title, "Search copy");
  EXPECT_EQ(host.record("eu-ft:ENV/2027/OP/0001")->kind, "tender");
}

} // namespace
} // namespace euft_test
