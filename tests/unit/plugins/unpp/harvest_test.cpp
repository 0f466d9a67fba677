// harvest(): following DRF `next` links through a fake host.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace unpp_test {
namespace {

const std::string kOpen = "https://www.unpartnerportal.org/api/projects/open/";

std::string row(int id, const std::string& deadline = "2026-12-15") {
  return R"({"id": )" + std::to_string(id) + R"(, "title": "Call )" + std::to_string(id) +
         R"(", "agency": "UNICEF", "country_code": "KE", "specializations": [], "deadline_date": ")" +
         deadline + R"(", "start_date": "2027-01-01"})";
}

std::string page(int count, const std::string& next, const std::vector<int>& ids) {
  std::string rows;
  for (int id : ids) rows += (rows.empty() ? "" : ",") + row(id);
  const std::string nextJson = next.empty() ? "null" : "\"" + next + "\"";
  return R"({"count": )" + std::to_string(count) + R"(, "next": )" + nextJson +
         R"(, "previous": null, "results": [)" + rows + "]}";
}

std::string openUrl(int page, int size) {
  return kOpen + "?page=" + std::to_string(page) + "&page_size=" + std::to_string(size);
}

TEST(Harvest, FollowsNextLinksUntilTheLastPage) {
  FakeHost host;
  host.setOption("page_size", "2");
  host.serve(openUrl(1, 2), {200, page(5, openUrl(2, 2), {1, 2})});
  host.serve(openUrl(2, 2), {200, page(5, openUrl(3, 2), {3, 4})});
  host.serve(openUrl(3, 2), {200, page(5, "", {5})});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 3u);
  EXPECT_EQ(host.requests()[0].url, "https://www.unpartnerportal.org/api/projects/open/?page=1&page_size=2");
  EXPECT_EQ(host.requests()[2].url, openUrl(3, 2));
  for (const auto& request : host.requests()) EXPECT_EQ(request.method, "GET");
  ASSERT_EQ(host.records().size(), 5u);
  EXPECT_EQ(host.records()[0].id, "unpp:1");
  EXPECT_EQ(host.records()[4].id, "unpp:5");
  EXPECT_EQ(host.progress().back(), (std::pair<uint64_t, uint64_t>{5, 5}));
  EXPECT_EQ(host.unreleasedResponses(), 0u);
}

TEST(Harvest, AsksForTheDefaultPageOfFiftyOpenCalls) {
  FakeHost host;
  host.serve(openUrl(1, 50), {200, page(1, "", {9})});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].url, "https://www.unpartnerportal.org/api/projects/open/?page=1&page_size=50");
  EXPECT_EQ(host.records().size(), 1u);
}

TEST(Harvest, ReadsThePublic2019ListWhenAsked) {
  FakeHost host;
  host.setOption("api", "public");
  host.setOption("page_size", "10");
  const std::string url = "https://www.unpartnerportal.org/api/public/projects/?page=1&page_size=10";
  host.serve(url, {200, readFile(std::string(CONVOCA_SOURCE_DIR) +
                                 "/fixtures/unpp/payloads/public-list-2019.json")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].url, url);
  EXPECT_EQ(host.records().size(), 3u);
}

TEST(Harvest, KeepsEachCallOnceWhenPagesOverlap) {
  FakeHost host;
  host.setOption("page_size", "2");
  host.serve(openUrl(1, 2), {200, page(3, openUrl(2, 2), {1, 2})});
  host.serve(openUrl(2, 2), {200, page(3, "", {2, 3})}); // a call published between the two requests
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.records().size(), 3u);
}

TEST(Harvest, StopsWhenCancelledBetweenPages) {
  FakeHost host;
  host.setOption("page_size", "2");
  host.serve(openUrl(1, 2), {200, page(4, openUrl(2, 2), {1, 2})});
  host.serve(openUrl(2, 2), {200, page(4, "", {3, 4})});
  host.cancelAfterRequests(1);
  EXPECT_EQ(host.harvest(), CONVOCA_CANCELLED);
  EXPECT_EQ(host.requests().size(), 1u);
  EXPECT_TRUE(host.records().empty());
}

TEST(Harvest, StopsAtMaxPagesWithAWarning) {
  FakeHost host;
  host.setOption("page_size", "2");
  host.setOption("max_pages", "1");
  host.serve(openUrl(1, 2), {200, page(4, openUrl(2, 2), {1, 2})});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.records().size(), 2u);
  EXPECT_EQ(host.warningsContaining("max_pages"), 1u);
}

TEST(Harvest, StopsWhenNextLinksBackToAPageAlreadyRead) {
  FakeHost host;
  host.serve(openUrl(1, 50), {200, page(1, openUrl(1, 50), {1})});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.warningsContaining("links back"), 1u);
}

TEST(Harvest, FailsWithSourceFormatOnABrokenSecondPageAndEmitsNothing) {
  FakeHost host;
  host.setOption("page_size", "2");
  host.serve(openUrl(1, 2), {200, page(3, openUrl(2, 2), {1, 2})});
  host.serve(openUrl(2, 2), {200, "<html>Bad gateway</html>"});
  EXPECT_EQ(host.harvest(), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("page 2 (" + openUrl(2, 2) + ")"), std::string::npos)
      << host.errorMessage();
  EXPECT_TRUE(host.records().empty());
}

TEST(Harvest, ReportsServerErrorsAsRetryAndClientErrorsAsNetwork) {
  FakeHost busy;
  busy.serve(openUrl(1, 50), {503, "busy"});
  EXPECT_EQ(busy.harvest(), CONVOCA_RETRY);
  EXPECT_NE(busy.errorMessage().find("503"), std::string::npos) << busy.errorMessage();
  FakeHost forbidden;
  forbidden.serve(openUrl(1, 50), {403, "CSRF verification failed"});
  EXPECT_EQ(forbidden.harvest(), CONVOCA_NETWORK);
  EXPECT_NE(forbidden.errorMessage().find("403"), std::string::npos) << forbidden.errorMessage();
}

TEST(Harvest, RejectsInvalidOptionsAsConfigBeforeAnyRequest) {
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{{"page_size", "101"},
                                                                                    {"page_size", "x"},
                                                                                    {"api", "private"},
                                                                                    {"site_url", "ftp://x"},
                                                                                    {"max_pages", "0"}}) {
    FakeHost host;
    host.setOption(name, value);
    EXPECT_EQ(host.harvest(), CONVOCA_CONFIG) << name << "=" << value;
    EXPECT_NE(host.errorMessage().find(name), std::string::npos) << host.errorMessage();
    EXPECT_TRUE(host.requests().empty());
  }
}

} // namespace
} // namespace unpp_test
