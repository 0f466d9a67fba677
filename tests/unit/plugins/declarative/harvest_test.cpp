// harvest(): pagination, detail pages, failures and cancellation, against a
// fake host that serves pages by URL and records every request.
#include "fake_host.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

namespace declarative_test {
namespace {

const std::string kUrbact = "https://urbact.eu/get-involved/calls";
const std::string kEui = "https://www.urban-initiative.eu/calls-proposals";
const std::string kEuroMed = "https://interreg-euro-med.eu/wp-json/wp/v2/calls?lang=en&per_page=10&page=1";

std::vector<std::string> urlsOf(const FakeHost& host) {
  std::vector<std::string> urls;
  for (const auto& request : host.requests()) urls.push_back(request.url);
  return urls;
}

void serveFixture(FakeHost& host, const std::string& url, const std::string& payload) {
  const bool json = payload.size() > 5 && payload.substr(payload.size() - 5) == ".json";
  host.serve(url, Answer{200, readFile(fixturePath("payloads/" + payload)),
                         json ? "application/json" : "text/html; charset=UTF-8"});
}

TEST(HarvestTest, NextLinkPaginationFollowsThePagerToTheLastPage) {
  FakeHost host;
  host.setOption("only", "urbact-calls");
  serveFixture(host, kUrbact, "urbact-calls--page-0.html");
  serveFixture(host, kUrbact + "?page=1", "urbact-calls--page-1.html");
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(urlsOf(host), (std::vector<std::string>{kUrbact, kUrbact + "?page=1"}));
  ASSERT_EQ(host.records().size(), 5u);
  const auto* lead = host.record("declarative:urbact-calls:lead-experts-2026");
  ASSERT_TRUE(lead);
  EXPECT_EQ(lead->deadlines, std::vector<std::string>{"2026-09-15T12:00:00+02:00"});
  EXPECT_EQ(lead->opening.value_or(""), "2026-07-01T00:00:00+02:00");
}

const char* kPagedJson =
    R"({"id": "paged", "url": "https://example.org/api/calls?page={page}", "format": "json",
  "pagination": {"type": "page", "start": 1},
  "items": "/data", "fields": {"key": "/ref", "title": "/name",
  "deadline": {"selector": "/closes", "formats": ["%d/%m/%Y"], "zone": "Europe/Madrid"}}})";

std::string pagedBody(const std::vector<std::string>& refs) {
  std::string items;
  for (const auto& ref : refs)
    items += (items.empty() ? "" : ",") + std::string(R"({"ref": ")") + ref + R"(", "name": "Call )" + ref +
             R"(", "closes": "15/01/2027"})";
  return R"({"data": [)" + items + "]}";
}

TEST(HarvestTest, PagePaginationStopsAtTheFirstEmptyPage) {
  FakeHost host;
  host.setOption("builtin", "false");
  host.setOption("definitions_json", kPagedJson);
  host.serve("https://example.org/api/calls?page=1", Answer{200, pagedBody({"a", "b"}), "application/json"});
  host.serve("https://example.org/api/calls?page=2", Answer{200, pagedBody({"c"}), "application/json"});
  host.serve("https://example.org/api/calls?page=3", Answer{200, pagedBody({}), "application/json"});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), 3u);
  ASSERT_EQ(host.records().size(), 3u);
  const auto* c = host.record("declarative:paged:c");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->deadlines, std::vector<std::string>{"2027-01-15T17:00:00+01:00"});
  EXPECT_TRUE(c->deadlinesTimeAssumed);
}

TEST(HarvestTest, StopsWhenASiteIgnoresThePageParameter) {
  FakeHost host;
  host.setOption("builtin", "false");
  host.setOption("definitions_json", kPagedJson);
  host.serve("https://example.org/api/calls?page=1", Answer{200, pagedBody({"a"}), "application/json"});
  host.serve("https://example.org/api/calls?page=2", Answer{200, pagedBody({"a"}), "application/json"});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), 2u);
  EXPECT_EQ(host.records().size(), 1u);
}

TEST(HarvestTest, ShortPageEndsAPagedApiWithoutAskingPastTheEnd) {
  FakeHost host;
  host.setOption("only", "interreg-euro-med-calls");
  serveFixture(host, kEuroMed, "interreg-euro-med-calls--page-1.json");
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(urlsOf(host), std::vector<std::string>{kEuroMed});
  EXPECT_EQ(host.records().size(), 3u);
}

// An XML listing (namespaced, like a feed) with offset pagination.
const char* kOffsetXml =
    R"({"id": "gazette", "url": "https://example.org/feed.xml?start={offset}", "format": "xml",
  "namespaces": {"c": "urn:example:calls"}, "language": "ca",
  "pagination": {"type": "offset", "step": 2},
  "items": "//c:call", "fields": {"key": "@ref", "title": "c:title", "url": "c:link",
  "deadline": {"selector": "c:deadline", "formats": ["%d de %B de %Y"], "zone": "Europe/Madrid"}}})";

std::string xmlPage(const std::vector<std::string>& refs) {
  std::string body = R"(<?xml version="1.0" encoding="UTF-8"?><calls xmlns="urn:example:calls">)";
  for (const auto& ref : refs)
    body += "<call ref=\"" + ref + "\"><title>Convocatòria " + ref + "</title><link>/c/" + ref +
            "</link><deadline>Termini: 3 de febrer de 2027</deadline></call>";
  return body + "</calls>";
}

TEST(HarvestTest, OffsetPaginationOverNamespacedXml) {
  FakeHost host;
  host.setOption("builtin", "false");
  host.setOption("definitions_json", kOffsetXml);
  host.serve("https://example.org/feed.xml?start=0", Answer{200, xmlPage({"1", "2"}), "application/xml"});
  host.serve("https://example.org/feed.xml?start=2", Answer{200, xmlPage({"3"}), "application/xml"});
  host.serve("https://example.org/feed.xml?start=4", Answer{200, xmlPage({}), "application/xml"});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), 3u);
  ASSERT_EQ(host.records().size(), 3u);
  const auto* third = host.record("declarative:gazette:3");
  ASSERT_TRUE(third);
  EXPECT_EQ(third->title, "Convocatòria 3");
  EXPECT_EQ(third->url, "https://example.org/c/3");
  EXPECT_EQ(third->language, "ca");
  EXPECT_EQ(third->deadlines, std::vector<std::string>{"2027-02-03T17:00:00+01:00"});
}

TEST(HarvestTest, BrokenXmlPageFailsWithItsLine) {
  FakeHost host;
  host.setOption("builtin", "false");
  host.setOption("definitions_json", kOffsetXml);
  host.serve("https://example.org/feed.xml?start=0",
             Answer{200, "<calls>\n<call ref='1'>", "application/xml"});
  EXPECT_EQ(host.harvest(), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("https://example.org/feed.xml?start=0: not well-formed XML, line 2"),
            std::string::npos)
      << host.errorMessage();
  EXPECT_TRUE(host.records().empty());
}

const char* kWithDetail = R"({"id": "detailed", "url": "https://example.org/calls", "format": "html",
  "items": "//li[@class='call']", "fields": {"key": "a/@data-id", "title": "a", "url": "a/@href"},
  "detail": {"fields": {"text": "//div[@id='body']",
    "deadline": {"selector": "//p[@class='deadline']", "formats": ["%d %B %Y at %H:%M %Z"]}}}})";

TEST(HarvestTest, DetailPagesFillFieldsAndAFailingOneKeepsTheListingRecord) {
  FakeHost host;
  host.setOption("builtin", "false");
  host.setOption("definitions_json", kWithDetail);
  host.serve("https://example.org/calls",
             Answer{200, R"(<ul><li class="call"><a data-id="x1" href="/calls/x1">Call X1</a></li>
                          <li class="call"><a data-id="x2" href="x2">Call X2</a></li></ul>)"});
  host.serve("https://example.org/calls/x1",
             Answer{200, R"(<div id="body"><h2>Scope</h2><p>Urban greening.</p></div>
                          <p class="deadline">Deadline: 13 November 2026 at 12:00 CET</p>)"});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(urlsOf(host),
            (std::vector<std::string>{"https://example.org/calls", "https://example.org/calls/x1",
                                      "https://example.org/x2"}));
  ASSERT_EQ(host.records().size(), 2u);
  const auto* x1 = host.record("declarative:detailed:x1");
  ASSERT_TRUE(x1);
  EXPECT_EQ(x1->deadlines, std::vector<std::string>{"2026-11-13T12:00:00+01:00"});
  EXPECT_NE(x1->text.find("Urban greening."), std::string::npos);
  EXPECT_EQ(host.warningsContaining("detail page skipped"), 1u);
}

TEST(HarvestTest, CancellationBetweenPagesStopsTheWalk) {
  FakeHost host;
  host.setOption("only", "urbact-calls");
  serveFixture(host, kUrbact, "urbact-calls--page-0.html");
  serveFixture(host, kUrbact + "?page=1", "urbact-calls--page-1.html");
  host.cancelAfterRequests(1);
  EXPECT_EQ(host.harvest(), CONVOCA_CANCELLED);
  EXPECT_EQ(host.requests().size(), 1u);
}

TEST(HarvestTest, OneFailingDefinitionDoesNotStopTheOthers) {
  FakeHost host;
  host.serve(kEui, Answer{503, "busy"});
  serveFixture(host, kEuroMed, "interreg-euro-med-calls--page-1.json");
  serveFixture(host, kUrbact, "urbact-calls--page-0.html");
  serveFixture(host, kUrbact + "?page=1", "urbact-calls--page-1.html");
  EXPECT_EQ(host.harvest(), CONVOCA_RETRY);
  EXPECT_EQ(host.errorMessage(), "eui-calls: GET " + kEui + " answered HTTP 503");
  EXPECT_EQ(host.records().size(), 8u);
}

TEST(HarvestTest, InvalidDefinitionsOptionIsAConfigurationErrorNamingTheKey) {
  FakeHost host;
  host.setOption("definitions_json", R"({"id": "x", "url": "https://e.org", "format": "html", "items": "//a",
                                         "fields": {"key": "@id", "title": ".", "summry": "."}})");
  EXPECT_EQ(host.harvest(), CONVOCA_CONFIG);
  EXPECT_EQ(host.errorMessage(), "option definitions_json: fields.summry: unknown key");
  EXPECT_TRUE(host.requests().empty());
}

// The offline demo's recordings are exactly what the plugin asks for.
TEST(HarvestTest, DemoExchangesAnswerEveryRequestOfAFullHarvest) {
  FakeHost host;
  const std::string folder = fixturePath("exchanges");
  size_t exchanges = 0;
  for (Poco::DirectoryIterator it(folder), end; it != end; ++it) {
    if (it.name().find(".exchange.json") == std::string::npos) continue;
    const auto exchange = Poco::JSON::Parser().parse(readFile(it->path())).extract<Poco::JSON::Object::Ptr>();
    const auto request = exchange->getObject("request");
    const auto response = exchange->getObject("response");
    host.serve(request->getValue<std::string>("url"),
               Answer{response->getValue<int>("status"),
                      readFile(folder + "/" + response->getValue<std::string>("body_file"))});
    ++exchanges;
  }
  ASSERT_EQ(exchanges, 4u);
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().size(), exchanges);
  EXPECT_EQ(host.records().size(), 12u);
  EXPECT_TRUE(host.rejections().empty());
}

} // namespace
} // namespace declarative_test
