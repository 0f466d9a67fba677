// Source faults about what is served rather than how: robots.txt changing its
// mind, bytes that are not UTF-8, and paging that repeats or skips a page
// between requests. Same fixture and checks as source_faults_test.cpp.
#include "scenario_report.h"
#include "source_fault_fixture.h"

#include <Poco/NumberParser.h>
#include <Poco/URI.h>
#include <functional>

namespace convoca::testing {
namespace {

constexpr std::size_t kPageSize = 20; // the 53 demo records make pages 1..3
const std::string kPaging = "source.eu-ft.option.page_size = 20\n";

int pageNumberOf(const SeenRequest& request) {
  for (const auto& [name, value] : Poco::URI(request.uri).getQueryParameters())
    if (name == "pageNumber") return Poco::NumberParser::parse(value);
  return 1;
}

// Serves the demo records in pages of kPageSize; `servedPage` says which page
// actually answers a request for page n (n itself when the source is sane).
Handler pagedSearch(std::function<int(int)> servedPage) {
  return [servedPage](const SeenRequest& request, Poco::Net::HTTPServerResponse& response) {
    const int page = servedPage(pageNumberOf(request));
    const std::string body =
        demoSearchPage(static_cast<std::size_t>(page - 1) * kPageSize, kPageSize, page, kDemoRecords);
    respond(200, body, {}, "application/json")(request, response);
  };
}

TEST_F(SourceFaults, RobotsTxtTurningToDisallowStopsTheSource) {
  injected("robots.txt allows everything for one harvest, then says Disallow: /");
  server_.on("/robots.txt", respond(200, "User-agent: *\nAllow: /\n"));
  server_.on("/search", respond(200, demoSearchBody(), {}, "application/json"));
  expectSuccess(harvest());
  const std::size_t allowedRequests = searchRequests();
  ASSERT_EQ(allowedRequests, 1u);

  server_.on("/robots.txt", respond(200, "User-agent: *\nDisallow: /\n"));
  const CliResult r = harvest();
  expectCountedFailure(r, "failed", "robots.txt");
  EXPECT_NE(r.err.find("Disallow: /"), std::string::npos) << "names the rule: " << r.err;
  EXPECT_EQ(searchRequests(), allowedRequests) << "nothing fetched once disallowed";
  if (!HasFailure()) held("robots.txt re-read on the next harvest: no search request was sent");
  expectEarlierRecordsKept();
}

TEST_F(SourceFaults, UnreachableRobotsTxtMeansDisallow) {
  injected("robots.txt answers HTTP 503 on every attempt");
  server_.on("/robots.txt", respond(503, "busy"));
  server_.on("/search", respond(200, demoSearchBody(), {}, "application/json"));
  const CliResult r = harvest("http.max_retries = 1\n");
  expectCountedFailure(r, "failed", "robots.txt");
  EXPECT_EQ(searchRequests(), 0u);
  if (!HasFailure()) held("unreachable robots.txt = complete disallow (RFC 9309): no search request");
  expectEarlierRecordsKept();
}

TEST_F(SourceFaults, InvalidUtf8IsRejectedOrRepairedNeverStored) {
  std::string body = demoSearchBody();
  const std::string title = "\"Cross-border renewable energy projects: studies\"";
  const std::size_t at = body.find(title);
  ASSERT_NE(at, std::string::npos);
  body.replace(at, title.size(), "\"Cross-border \xff\xfe renewable \xc3 energy\"");
  injected("one record's title holds bytes that are not UTF-8 (0xFF 0xFE, a cut 0xC3)");
  server_.on("/search", respond(200, body, {}, "application/json; charset=utf-8"));
  const CliResult r = harvest();
  const LastRun run = lastRunOf(data_, "eu-ft");
  if (run.outcome == "ok") {
    // Accepted: then the stored text must be valid UTF-8 and only that record may change.
    const Snapshot after = snapshotOf(data_, "eu-ft");
    EXPECT_EQ(after.size(), before_->size());
    for (const auto& [id, content] : after)
      EXPECT_EQ(content.find('\xff'), std::string::npos) << "invalid byte stored in " << id;
    held("parsed: the title was repaired, no invalid byte stored; " + std::to_string(after.size()) +
         " records");
  } else {
    expectCountedFailure(r, "failed", "UTF-8");
    expectEarlierRecordsKept();
  }
}

TEST_F(SourceFaults, AFailureOnALaterPageKeepsEverything) {
  injected("page 1 answers, page 2 resets the connection (page_size = 20)");
  int served = 0;
  server_.on("/search", [&served](const SeenRequest& request, Poco::Net::HTTPServerResponse& response) {
    if (pageNumberOf(request) == 1) {
      ++served;
      pagedSearch([](int page) { return page; })(request, response);
    } else {
      resetConnection()(request, response);
    }
  });
  const CliResult r = harvest(kPaging);
  expectCountedFailure(r, "failed", "gave up after 5 attempts");
  EXPECT_EQ(served, 1);
  expectEarlierRecordsKept();
}

TEST_F(SourceFaults, APageRepeatedBetweenRequestsLosesNothingAndDuplicatesNothing) {
  injected("the request for page 2 is answered with page 1 again (page_size = 20)");
  server_.on("/search", pagedSearch([](int page) { return page == 2 ? 1 : page; }));
  const CliResult r = harvest(kPaging);
  EXPECT_EQ(searchRequests(), 3u);
  EXPECT_NE(r.err.find("53 results, 33 distinct identifiers"), std::string::npos) << r.err;
  if (!HasFailure()) held("eu-ft read pages 1-3 and saw 33 distinct identifiers; the repeat was merged");
  expectSuccess(r); // eu-ft does not notice the listing changed under it: see the report
  expectEarlierRecordsKept();
}

TEST_F(SourceFaults, APageSkippedBetweenRequestsLosesNothingAndDuplicatesNothing) {
  injected("the request for page 2 is answered with page 3: records 21-40 never served (page_size = 20)");
  server_.on("/search", pagedSearch([](int page) { return page == 2 ? 3 : page; }));
  const CliResult r = harvest(kPaging);
  EXPECT_EQ(searchRequests(), 2u) << "page 3's short page ends the listing";
  EXPECT_NE(r.err.find("33 results, 33 distinct identifiers"), std::string::npos) << r.err;
  if (!HasFailure()) held("eu-ft stopped at the short page and saw 33 distinct identifiers");
  expectSuccess(r); // eu-ft does not notice the listing changed under it: see the report
  expectEarlierRecordsKept();
}

} // namespace
} // namespace convoca::testing
