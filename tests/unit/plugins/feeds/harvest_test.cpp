// harvest(): the configured URLs in order, per-feed options, a failing feed
// that does not stop the others, cancellation between feeds, bad options.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace feeds_test {
namespace {

const std::string kA = "https://feeds.example.org/a.xml";
const std::string kB = "https://feeds.example.org/b.atom";

std::string rss(const std::string& title, const std::string& link) {
  return R"(<?xml version="1.0"?><rss version="2.0"><channel><title>A</title><item><title>)" + title +
         "</title><link>" + link + "</link></item></channel></rss>";
}

std::string atom(const std::string& title) {
  return R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>B</title><id>urn:b</id><entry><id>urn:b:1</id><title>)" +
         title +
         R"(</title><link href="entries/1"/><updated>2026-11-20T10:00:00+01:00</updated></entry></feed>)";
}

TEST(FeedsHarvest, FetchesEveryUrlInOrderWithPerFeedOptions) {
  FakeHost host;
  host.setOption("urls", kA + ", " + kB);
  host.setOption("kind", "call, document");
  host.setOption("programme", "URBACT, Interreg Europe");
  host.setOption("programme_code", "URBACT, INTERREG");
  host.serve(kA, {200, rss("Call A", "/calls/a")});
  host.serve(kB, {200, atom("News B")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 2u);
  EXPECT_EQ(host.requests()[0].url, kA);
  EXPECT_EQ(host.requests()[1].url, kB);
  ASSERT_EQ(host.records().size(), 2u);
  EXPECT_EQ(host.records()[0].kind, "call");
  EXPECT_EQ(host.records()[0].programme, "URBACT");
  EXPECT_EQ(host.records()[0].url, "https://feeds.example.org/calls/a"); // against the fetched URL
  EXPECT_EQ(host.records()[1].kind, "document");
  EXPECT_EQ(host.records()[1].programmeCode, "INTERREG");
  EXPECT_EQ(host.records()[1].url, "https://feeds.example.org/entries/1");
  EXPECT_EQ(host.progress().back(), (std::pair<uint64_t, uint64_t>{2, 2}));
  EXPECT_EQ(host.unreleasedResponses(), 0u);
}

TEST(FeedsHarvest, IdsDependOnTheConfiguredFeedUrl) {
  FakeHost host;
  host.setOption("urls", "https://urbact.eu/calls/rss.xml");
  host.serve("https://urbact.eu/calls/rss.xml", {200, rss("Call", "https://urbact.eu/c")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  EXPECT_EQ(host.records()[0].id, "feeds:982368f1:https://urbact.eu/c");
}

TEST(FeedsHarvest, ABrokenFeedFailsTheRunButTheOthersArrive) {
  FakeHost host;
  host.setOption("urls", kA + "," + kB);
  host.serve(kA, {200, "<html><body>Maintenance</body>"});
  host.serve(kB, {200, atom("News B")});
  EXPECT_EQ(host.harvest(), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find(kA), std::string::npos) << host.errorMessage();
  EXPECT_NE(host.errorMessage().find("1 of 2 feeds failed"), std::string::npos) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  EXPECT_EQ(host.records()[0].title, "News B");
  EXPECT_EQ(host.warningsContaining(kA), 1u);
}

TEST(FeedsHarvest, ReportsHttpFailuresWithTheirStatus) {
  FakeHost busy;
  busy.setOption("urls", kA);
  busy.serve(kA, {503, "busy"});
  EXPECT_EQ(busy.harvest(), CONVOCA_RETRY);
  EXPECT_NE(busy.errorMessage().find("503"), std::string::npos);
  FakeHost missing; // 404 for every URL
  missing.setOption("urls", kA);
  EXPECT_EQ(missing.harvest(), CONVOCA_NETWORK);
}

TEST(FeedsHarvest, StopsWhenCancelledBetweenFeeds) {
  FakeHost host;
  host.setOption("urls", kA + "," + kB);
  host.serve(kA, {200, rss("Call A", "/a")});
  host.serve(kB, {200, atom("News B")});
  host.cancelAfterRequests(1);
  EXPECT_EQ(host.harvest(), CONVOCA_CANCELLED);
  EXPECT_EQ(host.requests().size(), 1u);
}

TEST(FeedsHarvest, RejectsInvalidOptionsAsConfigBeforeAnyRequest) {
  const std::vector<std::vector<std::pair<std::string, std::string>>> cases{
      {},                                                  // no urls
      {{"urls", "ftp://example.org/feed"}},                // not http(s)
      {{"urls", kA}, {"kind", "tender"}},                  // not call/document
      {{"urls", kA}, {"language", "english"}},             // not ISO 639
      {{"urls", kA + "," + kB}, {"programme", "a, b, c"}}, // neither one nor one per URL
  };
  for (const auto& options : cases) {
    FakeHost host;
    for (const auto& [name, value] : options) host.setOption(name, value);
    EXPECT_EQ(host.harvest(), CONVOCA_CONFIG) << host.errorMessage();
    EXPECT_NE(host.errorMessage().find("option"), std::string::npos) << host.errorMessage();
    EXPECT_TRUE(host.requests().empty());
  }
}

} // namespace
} // namespace feeds_test
