// Harvest through the fake host: search pages with iteration tokens, notice XML fetches,
// the recorded demo exchanges, cancellation and failures.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace ted_test {
namespace {

const std::string kSearchUrl = "https://api.ted.europa.eu/v3/notices/search";
const std::string kExchanges = "fixtures/ted/exchanges";
const std::string kQuery = "buyer-country IN (ESP) AND notice-type IN (cn-standard cn-social cn-desg subco "
                           "pin-cfc-standard pin-cfc-social) AND publication-date >= ";

std::string searchBody(const std::string& since, int limit, const std::string& token = "") {
  std::string body = R"({"query":")" + kQuery + since +
                     R"(","fields":["publication-number","publication-date","notice-type"],"limit":)" +
                     std::to_string(limit) +
                     R"(,"scope":"ALL","checkQuerySyntax":false,"paginationMode":"ITERATION")";
  if (!token.empty()) body += R"(,"iterationNextToken":")" + token + "\"";
  return body + "}";
}

std::string searchAnswer(const std::vector<std::string>& numbers, const std::string& token) {
  std::string notices;
  for (const auto& number : numbers)
    notices += std::string(notices.empty() ? "" : ",") + R"({"publication-number":")" + number +
               R"(","publication-date":"2026-11-0)" + number.substr(0, 1) + R"(+01:00"})";
  return R"({"notices":[)" + notices + R"(],"totalNoticeCount":3,"iterationNextToken":)" +
         (token.empty() ? "null" : "\"" + token + "\"") + "}";
}

std::string xmlUrl(const std::string& number) {
  return "https://ted.europa.eu/en/notice/" + number + "/xml";
}

// Three notices on two pages (limit 2): 1-2026 and 2-2026, then 3-2026.
void serveTwoPages(FakeHost& host) {
  host.setOption("since", "2026-11-01");
  host.setOption("page_size", "2");
  host.servePost(kSearchUrl, searchBody("20261101", 2), {200, searchAnswer({"1-2026", "2-2026"}, "tok-2")});
  host.servePost(kSearchUrl, searchBody("20261101", 2, "tok-2"), {200, searchAnswer({"3-2026"}, "")});
  const std::string notice = readFile("fixtures/ted/payloads/amb-cn-two-lots.xml");
  for (const char* number : {"1-2026", "2-2026", "3-2026"}) {
    std::string copy = notice;
    // Each copy a different notice: its own notice id, no publication block (harvest supplies the number).
    copy.replace(copy.find("5b0c3a1e"), 8, std::string("0000000") + number[0]);
    copy.replace(copy.find("<efac:Publication>"),
                 copy.find("</efac:Publication>") + 19 - copy.find("<efac:Publication>"), "");
    host.serve(xmlUrl(number), {200, copy});
  }
}

TEST(TedHarvest, DemoExchangesHarvestEveryLotAcrossTwoPages) {
  FakeHost host;
  host.serveExchanges(kExchanges);
  for (const auto& [name, value] : demoOptions("fixtures/ted/demo.properties")) host.setOption(name, value);
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.records().size(), 6u) << "five notices, one of them with two lots";
  ASSERT_EQ(host.requests().size(), 7u) << "two search pages and five notice fetches";
  EXPECT_EQ(host.requests()[4].body, searchBody("20261101", 3, "demo-iteration-2"));
  EXPECT_TRUE(host.record("ted:9a7e2c4b-3f1d-4e8a-b5c6-0d9e8f7a6b02:LOT-0000"));
  EXPECT_EQ(host.cursors().at("since"), "20261125") << "the newest publication day seen";
  for (const auto& request : host.requests()) EXPECT_EQ(host.unreleasedResponses(), 0u) << request.url;
}

TEST(TedHarvest, SendsTheDocumentedSearchBodyAsJson) {
  FakeHost host;
  serveTwoPages(host);
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_GE(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].method, "POST");
  EXPECT_EQ(host.requests()[0].url, kSearchUrl);
  EXPECT_EQ(host.requests()[0].contentType, "application/json");
  EXPECT_EQ(host.requests()[0].body, searchBody("20261101", 2));
}

TEST(TedHarvest, FollowsIterationTokensAndGivesEachNoticeItsPage) {
  FakeHost host;
  serveTwoPages(host);
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.records().size(), 6u);
  EXPECT_EQ(host.requests().size(), 5u) << "search, 2 notices, search with token, 1 notice";
  const auto* lot = host.record("ted:00000003-7d4f-4c2a-9e61-2f8d1a6b3c01:LOT-0002");
  ASSERT_TRUE(lot);
  EXPECT_EQ(lot->url, "https://ted.europa.eu/en/notice/-/detail/3-2026") << "number from the search answer";
  EXPECT_EQ(host.cursors().at("since"), "20261103");
}

TEST(TedHarvest, StartsWhereTheLastRunStopped) {
  FakeHost host;
  host.cursorPut("since", "20261120");
  host.servePost(kSearchUrl, searchBody("20261120", 100), {200, searchAnswer({}, "")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].body, searchBody("20261120", 100));
  EXPECT_EQ(host.cursors().at("since"), "20261120") << "an empty window keeps the cursor";
}

TEST(TedHarvest, EmptyPageEndsTheIterationEvenWithAToken) {
  FakeHost host;
  host.setOption("since", "20261101");
  host.servePost(kSearchUrl, searchBody("20261101", 100), {200, searchAnswer({}, "still-a-token")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), 1u);
}

TEST(TedHarvest, CancelsBetweenPagesKeepingWhatWasEmitted) {
  FakeHost host;
  serveTwoPages(host);
  host.cancelAfterRequests(3); // the first search page and its two notices
  EXPECT_EQ(host.harvest(), CONVOCA_CANCELLED);
  EXPECT_EQ(host.requests().size(), 3u) << "the second page is never asked for";
  EXPECT_EQ(host.records().size(), 4u);
  EXPECT_TRUE(host.cursors().empty() || host.cursors().count("since") == 0);
}

TEST(TedHarvest, UnreadableNoticeIsSkippedAndTheOthersKept) {
  FakeHost host;
  serveTwoPages(host);
  host.serve(xmlUrl("2-2026"), {200, "<html><body>Service unavailable</body></html>"});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.records().size(), 4u);
  EXPECT_EQ(host.warningsContaining("2-2026.xml"), 1u);
}

TEST(TedHarvest, EveryNoticeUnreadableFailsAsSourceFormat) {
  FakeHost host;
  host.setOption("since", "20261101");
  host.servePost(kSearchUrl, searchBody("20261101", 100), {200, searchAnswer({"1-2026"}, "")});
  host.serve(xmlUrl("1-2026"), {200, "not xml"});
  EXPECT_EQ(host.harvest(), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("1-2026.xml"), std::string::npos) << host.errorMessage();
}

TEST(TedHarvest, ThrottledOrTimedOutSearchIsRetriedLater) {
  FakeHost throttled;
  throttled.setOption("since", "20261101");
  throttled.servePost(kSearchUrl, searchBody("20261101", 100), {429, "{}"});
  EXPECT_EQ(throttled.harvest(), CONVOCA_RETRY);

  FakeHost timedOut;
  timedOut.setOption("since", "20261101");
  timedOut.servePost(kSearchUrl, searchBody("20261101", 100),
                     {200, R"({"notices":[],"totalNoticeCount":0,"timedOut":true})"});
  EXPECT_EQ(timedOut.harvest(), CONVOCA_RETRY);
}

TEST(TedHarvest, SearchAnswerWithoutNoticesIsSourceFormat) {
  FakeHost host;
  host.setOption("since", "20261101");
  host.servePost(kSearchUrl, searchBody("20261101", 100), {200, R"({"message":"Invalid query"})"});
  EXPECT_EQ(host.harvest(), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("search page 1"), std::string::npos) << host.errorMessage();
}

TEST(TedHarvest, InvalidOptionsFailBeforeAnyRequest) {
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"page_size", "251"},
                                                        {"since", "yesterday"},
                                                        {"buyer_countries", "ESP) OR (x"},
                                                        {"notice_xml_url", "https://ted.europa.eu/xml"}}) {
    FakeHost host;
    host.setOption(name, value);
    EXPECT_EQ(host.harvest(), CONVOCA_CONFIG) << name;
    EXPECT_NE(host.errorMessage().find(name), std::string::npos) << host.errorMessage();
    EXPECT_TRUE(host.requests().empty());
  }
}

TEST(TedHarvest, QueryOptionReplacesTheDefaultFilter) {
  FakeHost host;
  host.setOption("since", "20261101");
  host.setOption("query", "buyer-name ~ \"Barcelona\"");
  ASSERT_EQ(host.harvest(), CONVOCA_NETWORK) << "the fake host does not serve this query";
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_NE(host.requests()[0].body.find(
                R"("query":"(buyer-name ~ \"Barcelona\") AND publication-date >= 20261101")"),
            std::string::npos)
      << host.requests()[0].body;
}

} // namespace
} // namespace ted_test
