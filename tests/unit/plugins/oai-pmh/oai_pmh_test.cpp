// The oai-pmh plugin through a fake host: parse() of saved pages, and
// harvest() paging, the protocol's errors, the cursor and cancellation.
#include "fake_host.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/TextIterator.h>
#include <Poco/UTF8Encoding.h>
#include <filesystem>
#include <gtest/gtest.h>

extern "C" const convoca_plugin* convoca_plugin_entry_oai_pmh(void);

namespace oai_test {
namespace {

namespace fs = std::filesystem;

const std::string kBase = "https://repository.example.org/oai";
const std::string kDir = std::string(CONVOCA_SOURCE_DIR) + "/fixtures/oai-pmh/";
const std::string kIdentify = kBase + "?verb=Identify";
const std::string kFirst = kBase + "?verb=ListRecords&metadataPrefix=oai_dc";
// The token "oai_dc/4/2026-11-27T03:10:00Z/x+7f", percent-encoded, and nothing else.
const std::string kSecond =
    kBase + "?verb=ListRecords&resumptionToken=oai_dc%2F4%2F2026-11-27T03%3A10%3A00Z%2Fx%2B7f";

std::string fixture(const std::string& path) {
  return readFile(kDir + path);
}

std::string errorPage(const std::string& code) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-27T03:11:00Z</responseDate>
<request verb="ListRecords">https://repository.example.org/oai</request><error code=")" +
         code + R"(">as the test says</error></OAI-PMH>)";
}

struct OaiPmhHost : FakeHost {
  OaiPmhHost() : FakeHost(convoca_plugin_entry_oai_pmh) { setOption("base_url", kBase); }
  void serveTheRepository() {
    serve(kIdentify, {200, fixture("exchanges/0001-repository.example.org-identify.body")});
    serve(kFirst, {200, fixture("payloads/listrecords-page-1.xml")});
    serve(kSecond, {200, fixture("payloads/listrecords-page-2-last.xml")});
  }
};

TEST(OaiPmhParse, MapsDublinCoreOfTheFirstPage) {
  OaiPmhHost host;
  ASSERT_EQ(host.parse("listrecords-page-1.xml", fixture("payloads/listrecords-page-1.xml")), CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 3u);
  EXPECT_TRUE(host.rejections().empty());
  const auto* heat = host.record("oai-pmh:oai:repository.example.org:20.500.1234/1041");
  ASSERT_TRUE(heat);
  EXPECT_EQ(heat->source, "oai-pmh");
  EXPECT_EQ(heat->kind, "document");
  EXPECT_EQ(heat->title,
            "Nature-based solutions against urban heat: lessons from Mediterranean metropolitan areas");
  EXPECT_EQ(heat->url, "https://repository.example.org/handle/20.500.1234/1041");
  EXPECT_EQ(heat->language, "en");
  EXPECT_EQ(heat->keywords,
            (std::vector<std::string>{"urban heat island", "nature-based solutions", "climate adaptation"}));
  EXPECT_EQ(heat->documents,
            (std::vector<std::string>{
                "https://repository.example.org/bitstream/20.500.1234/1041/urban-heat-nbs.pdf",
                "https://repository.example.org/handle/20.500.1234/998"}));
  EXPECT_TRUE(heat->deadlines.empty());
  EXPECT_FALSE(heat->opening);

  const auto* housing = host.record("oai-pmh:oai:repository.example.org:20.500.1234/1057");
  ASSERT_TRUE(housing);
  EXPECT_EQ(housing->language, "ca");
  EXPECT_EQ(housing->summary,
            "Guia pràctica per combinar els fons Next Generation amb programes municipals de rehabilitació. "
            "Inclou models de convocatòria.");
  EXPECT_EQ(housing->text.find('<'), std::string::npos) << housing->text;
  EXPECT_EQ(housing->tags, (std::vector<std::string>{"Pla Metropolità d'Habitatge 2025-2030"}));

  const auto* mobility = host.record("oai-pmh:oai:repository.example.org:20.500.1234/1063");
  ASSERT_TRUE(mobility);
  EXPECT_EQ(mobility->language, "es");
  EXPECT_TRUE(mobility->documents.empty()); // a DOI is not a URL
  EXPECT_EQ(host.logsContaining("20.500.1234/0870 is deleted"), 1u);
}

TEST(OaiPmhParse, UsesTheLanguageOptionOnlyWhenTheRecordStatesNone) {
  OaiPmhHost host;
  host.setOption("language", "en");
  host.setOption("kind", "call");
  ASSERT_EQ(host.parse("page-2.xml", fixture("payloads/listrecords-page-2-last.xml")), CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 2u);
  EXPECT_EQ(host.records()[0].language, "ca");
  EXPECT_EQ(host.records()[1].language, "en");
  EXPECT_EQ(host.records()[1].kind, "call");
  EXPECT_EQ(host.records()[1].text,
            "Fieldwork in eight neighbourhoods on access to services, housing and jobs.\n\n"
            "Annex: interview guide and indicators.");
}

// A hand-made page of one record whose dc:description is Chinese: no ASCII
// space, so the summary is cut at its byte limit (300), which falls inside a
// 3-byte character here ("2026" then 3-byte characters: byte 300 is the last
// byte of one). The summary must stop before that character, not split it.
TEST(OaiPmhParse, CutsASummaryWithoutSpacesBetweenUtf8Characters) {
  std::string description = "2026";
  while (description.size() < 700)
    description += "年巴塞罗那都市区城市热岛效应与基于自然的解决方案研究报告。";
  const std::string page = R"(<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-27T03:11:00Z</responseDate>
<request verb="ListRecords">https://repository.example.org/oai</request><ListRecords><record>
<header><identifier>oai:repository.example.org:20.500.1234/1090</identifier><datestamp>2026-11-25</datestamp></header>
<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>巴塞罗那都市区城市热岛研究</dc:title>
<dc:description>)" + description +
                           R"(</dc:description>
<dc:identifier>https://repository.example.org/handle/20.500.1234/1090</dc:identifier>
<dc:language>zh</dc:language>
</oai_dc:dc></metadata></record></ListRecords></OAI-PMH>)";
  OaiPmhHost host;
  ASSERT_EQ(host.parse("chinese.xml", page), CONVOCA_OK) << host.errorMessage();
  EXPECT_TRUE(host.rejections().empty()) << host.rejections().front();
  ASSERT_EQ(host.records().size(), 1u);
  const std::string& summary = host.records()[0].summary;
  const std::string ellipsis = "…";
  ASSERT_GT(summary.size(), ellipsis.size()) << summary;
  EXPECT_EQ(summary.substr(summary.size() - ellipsis.size()), ellipsis) << summary;
  const std::string kept = summary.substr(0, summary.size() - ellipsis.size());
  EXPECT_EQ(kept, description.substr(0, 298)) << summary; // 4 + 98 whole characters
  Poco::UTF8Encoding utf8;
  for (Poco::TextIterator character(summary, utf8), end(summary); character != end; ++character)
    ASSERT_GE(*character, 0) << "invalid UTF-8 in " << summary;
}

TEST(OaiPmhParse, RefusesEveryMalformedFixtureNamingTheFile) {
  for (const auto& entry : fs::directory_iterator(kDir + "malformed")) {
    OaiPmhHost host;
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(host.parse(name, readFile(entry.path().string())), CONVOCA_SOURCE_FORMAT) << name;
    EXPECT_NE(host.errorMessage().find(name), std::string::npos) << host.errorMessage();
    EXPECT_TRUE(host.records().empty()) << name;
  }
}

TEST(OaiPmhParse, TreatsNoRecordsMatchAsEmptyAndOtherErrorsAsFormatErrors) {
  OaiPmhHost none;
  EXPECT_EQ(none.parse("none.xml", errorPage("noRecordsMatch")), CONVOCA_OK);
  EXPECT_TRUE(none.records().empty());
  OaiPmhHost bad;
  EXPECT_EQ(bad.parse("bad.xml", errorPage("badArgument")), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(bad.errorMessage().find("bad.xml: an OAI error response, no records: badArgument"),
            std::string::npos)
      << bad.errorMessage();
}

TEST(OaiPmhHarvest, PagesWithOnlyTheVerbAndTheEncodedTokenAndStoresTheCursor) {
  OaiPmhHost host;
  host.serveTheRepository();
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 3u);
  EXPECT_EQ(host.requests()[0].url, kIdentify);
  EXPECT_EQ(host.requests()[1].url, kFirst);
  EXPECT_EQ(host.requests()[2].url, kSecond);
  EXPECT_EQ(host.records().size(), 5u);
  EXPECT_EQ(host.progress().back(), (std::pair<uint64_t, uint64_t>{6, 6}));
  // The first page's responseDate at the repository's day granularity.
  EXPECT_EQ(host.cursors().at("from"), "2026-11-27");
  EXPECT_EQ(host.unreleasedResponses(), 0u);
}

TEST(OaiPmhHarvest, StartsFromTheStoredCursorAndTreatsNoRecordsMatchAsSuccess) {
  OaiPmhHost host;
  host.presetCursor("from", "2026-11-27");
  host.setOption("granularity", "YYYY-MM-DD");
  host.setOption("set", "climate");
  const std::string url = kBase + "?verb=ListRecords&metadataPrefix=oai_dc&set=climate&from=2026-11-27";
  host.serve(url, {200, errorPage("noRecordsMatch")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].url, url);
  EXPECT_TRUE(host.records().empty());
  EXPECT_EQ(host.cursors().at("from"), "2026-11-27");
}

TEST(OaiPmhHarvest, RestartsTheListOnceAfterABadResumptionToken) {
  OaiPmhHost host;
  host.serveTheRepository();
  host.serveInTurn(kSecond, {{200, errorPage("badResumptionToken")},
                             {200, fixture("payloads/listrecords-page-2-last.xml")}});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 5u);
  EXPECT_EQ(host.requests()[1].url, kFirst);
  EXPECT_EQ(host.requests()[2].url, kSecond);
  EXPECT_EQ(host.requests()[3].url, kFirst);
  EXPECT_EQ(host.requests()[4].url, kSecond);
  EXPECT_EQ(host.records().size(), 5u); // page 1 seen twice, emitted once
  EXPECT_EQ(host.warningsContaining("badResumptionToken; starting the list again"), 1u);
}

TEST(OaiPmhHarvest, FailsForRetryWhenTheTokenIsRefusedTwice) {
  OaiPmhHost host;
  host.serveTheRepository();
  host.serve(kSecond, {200, errorPage("badResumptionToken")});
  EXPECT_EQ(host.harvest(), CONVOCA_RETRY);
  EXPECT_EQ(host.cursors().count("from"), 0u);
}

TEST(OaiPmhHarvest, StopsBetweenPagesWhenCancelled) {
  OaiPmhHost host;
  host.serveTheRepository();
  host.cancelAfterRequests(2); // Identify and the first page
  EXPECT_EQ(host.harvest(), CONVOCA_CANCELLED);
  EXPECT_EQ(host.requests().size(), 2u);
  EXPECT_EQ(host.records().size(), 3u);
  EXPECT_EQ(host.cursors().count("from"), 0u);
}

TEST(OaiPmhHarvest, FailsWithoutEmittingABrokenPage) {
  OaiPmhHost host;
  host.serveTheRepository();
  host.serve(kSecond, {200, fixture("malformed/truncated-listrecords.xml")});
  EXPECT_EQ(host.harvest(), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("ListRecords page 2 (" + kSecond + "): not well-formed XML"),
            std::string::npos)
      << host.errorMessage();
  EXPECT_EQ(host.records().size(), 3u); // the first page only
}

TEST(OaiPmhHarvest, MapsHttpAndOptionFailuresToStatuses) {
  OaiPmhHost unavailable;
  unavailable.setOption("granularity", "YYYY-MM-DD");
  unavailable.serve(kFirst, {503, "busy"});
  EXPECT_EQ(unavailable.harvest(), CONVOCA_RETRY);

  OaiPmhHost wrongFormat;
  wrongFormat.setOption("granularity", "YYYY-MM-DD");
  wrongFormat.serve(kFirst, {200, errorPage("cannotDisseminateFormat")});
  EXPECT_EQ(wrongFormat.harvest(), CONVOCA_CONFIG);

  FakeHost noBase(convoca_plugin_entry_oai_pmh);
  EXPECT_EQ(noBase.harvest(), CONVOCA_CONFIG);
  EXPECT_NE(noBase.errorMessage().find("base_url is required"), std::string::npos) << noBase.errorMessage();
  EXPECT_TRUE(noBase.requests().empty());

  OaiPmhHost badFrom;
  badFrom.setOption("from", "27/11/2026");
  EXPECT_EQ(badFrom.harvest(), CONVOCA_CONFIG);
}

// The demo's recorded exchanges answer exactly the requests the plugin makes
// with fixtures/oai-pmh/demo.properties, on the first run and the next.
TEST(OaiPmhDemo, ExchangesServeTwoRunsWithTheDemoOptions) {
  OaiPmhHost host;
  Poco::JSON::Parser parser;
  for (const auto& entry : fs::directory_iterator(kDir + "exchanges")) {
    const std::string path = entry.path().string();
    if (path.size() < 14 || path.substr(path.size() - 14) != ".exchange.json") continue;
    parser.reset();
    const auto exchange = parser.parse(readFile(path)).extract<Poco::JSON::Object::Ptr>();
    const auto request = exchange->getObject("request");
    const auto response = exchange->getObject("response");
    EXPECT_EQ(request->getValue<std::string>("method"), "GET");
    host.serve(request->getValue<std::string>("url"),
               {response->getValue<int>("status"),
                readFile(kDir + "exchanges/" + response->getValue<std::string>("body_file"))});
  }
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.records().size(), 5u);
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.records().size(), 5u);
  EXPECT_EQ(host.requests().back().url, kBase + "?verb=ListRecords&metadataPrefix=oai_dc&from=2026-11-27");
  for (const auto& request : host.requests()) EXPECT_NE(request.url.find(kBase), std::string::npos);
}

} // namespace
} // namespace oai_test
