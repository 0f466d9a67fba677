// The undl plugin through a fake host: MARC21 payloads, the GetRecord +
// ListRecords run, the protocol's errors, filters, cursor and cancellation.
#include "fake_host.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <filesystem>
#include <gtest/gtest.h>

extern "C" const convoca_plugin* convoca_plugin_entry_undl(void);

namespace oai_test {
namespace {

namespace fs = std::filesystem;

const std::string kBase = "https://digitallibrary.un.org/oai2d";
const std::string kDir = std::string(CONVOCA_SOURCE_DIR) + "/fixtures/undl/";
const std::string kDocuments = "A/RES/70/1=9990101, A/RES/71/256=9990102, FCCC/CP/2015/10/Add.1=9990103";
const std::string kIdentify = kBase + "?verb=Identify";
const std::string kFirst = kBase + "?verb=ListRecords&metadataPrefix=marcxml&from=2026-11-01";
// The token "1764208806|marcxml|2026-11-01|5", percent-encoded, and nothing else.
const std::string kSecond = kBase + "?verb=ListRecords&resumptionToken=1764208806%7Cmarcxml%7C2026-11-01%7C5";

std::string fixture(const std::string& path) {
  return readFile(kDir + path);
}

std::string getRecordUrl(const std::string& recid) {
  return kBase + "?verb=GetRecord&metadataPrefix=marcxml&identifier=oai%3Adigitallibrary.un.org%3A" + recid;
}

struct UndlHost : FakeHost {
  UndlHost() : FakeHost(convoca_plugin_entry_undl) {}
  // The demo's options: invented recids, a fixed open-ended first window.
  void useDemoOptions() {
    setOption("documents", kDocuments);
    setOption("from", "2026-11-01");
    setOption("window_days", "3660");
  }
  void serveTheLibrary() {
    serve(getRecordUrl("9990101"), {200, fixture("payloads/getrecord-a-res-70-1.xml")});
    serve(getRecordUrl("9990102"), {200, fixture("payloads/getrecord-a-res-71-256.xml")});
    serve(getRecordUrl("9990103"), {200, fixture("payloads/getrecord-fccc-cp-2015-10-add-1.xml")});
    serve(kIdentify, {200, fixture("protocol/identify.xml")});
    serve(kFirst, {200, fixture("payloads/listrecords-page-1.xml")});
    serve(kSecond, {200, fixture("payloads/listrecords-page-2-last.xml")});
  }
};

std::vector<std::string> idsOf(const FakeHost& host) {
  std::vector<std::string> ids;
  for (const auto& record : host.records()) ids.push_back(record.id);
  return ids;
}

TEST(UndlParse, MapsTheMarcFieldsOfTheTwentyThirtyAgenda) {
  UndlHost host;
  ASSERT_EQ(host.parse("getrecord-a-res-70-1.xml", fixture("payloads/getrecord-a-res-70-1.xml")), CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  const auto& record = host.records().front();
  EXPECT_EQ(record.id, "undl:A/RES/70/1");
  EXPECT_EQ(record.source, "undl");
  EXPECT_EQ(record.kind, "document");
  EXPECT_EQ(record.title, "Transforming our world : the 2030 Agenda for Sustainable Development");
  EXPECT_EQ(record.url, "https://digitallibrary.un.org/record/9990101");
  EXPECT_EQ(record.language, "en");
  EXPECT_EQ(record.keywords,
            (std::vector<std::string>{"SUSTAINABLE DEVELOPMENT", "SUSTAINABLE DEVELOPMENT GOALS",
                                      "DEVELOPMENT FINANCE", "POVERTY MITIGATION", "PROGRAMME IMPLEMENTATION",
                                      "INTEGRATED AND COORDINATED IMPLEMENTATION OF AND FOLLOW-UP TO THE "
                                      "OUTCOMES OF THE MAJOR UNITED NATIONS CONFERENCES AND SUMMITS"}));
  EXPECT_EQ(record.tags, (std::vector<std::string>{"A/70/L.1", "A/70/PV.4"}));
  EXPECT_EQ(record.documents, (std::vector<std::string>{
                                  "https://digitallibrary.un.org/record/9990101/files/A_RES_70_1-EN.pdf"}));
  // Documents have no deadlines, and the 269 date has no field in schema v1.
  EXPECT_TRUE(record.deadlines.empty());
  EXPECT_FALSE(record.opening);
  EXPECT_TRUE(record.summary.empty());
}

TEST(UndlParse, MapsTheNewUrbanAgendaAndTheParisAgreement) {
  UndlHost host;
  ASSERT_EQ(host.parse("nua.xml", fixture("payloads/getrecord-a-res-71-256.xml")), CONVOCA_OK);
  ASSERT_EQ(host.parse("paris.xml", fixture("payloads/getrecord-fccc-cp-2015-10-add-1.xml")), CONVOCA_OK);
  ASSERT_EQ(host.records().size(), 2u);
  EXPECT_EQ(host.records()[0].id, "undl:A/RES/71/256");
  EXPECT_EQ(host.records()[0].title, "New Urban Agenda : resolution");
  const auto& paris = host.records()[1];
  EXPECT_EQ(paris.id, "undl:FCCC/CP/2015/10/Add.1");
  EXPECT_EQ(
      paris.title,
      "Report of the Conference of the Parties on its twenty-first session, held in Paris from 30 November "
      "to 13 December 2015 : addendum. Part two, Action taken by the Conference of the Parties at its "
      "twenty-first session");
  EXPECT_EQ(paris.summary,
            "Contains decision 1/CP.21, Adoption of the Paris Agreement, with the Paris Agreement annexed.");
  EXPECT_EQ(paris.documents,
            (std::vector<std::string>{
                "https://digitallibrary.un.org/record/9990103/files/FCCC_CP_2015_10_Add.1-EN.pdf"}));
}

TEST(UndlParse, KeepsEveryDocumentOfAListPageButNotDeletedOrVotingRecords) {
  UndlHost host;
  ASSERT_EQ(host.parse("page-1.xml", fixture("payloads/listrecords-page-1.xml")), CONVOCA_OK);
  EXPECT_EQ(idsOf(host),
            (std::vector<std::string>{"undl:A/RES/81/27", "undl:A/RES/81/31", "undl:A/RES/81/15"}));
  EXPECT_EQ(host.logsContaining("oai:digitallibrary.un.org:9990203 is deleted"), 1u);
  EXPECT_EQ(host.logsContaining("9990204 has no document symbol"), 1u);
  UndlHost last;
  ASSERT_EQ(last.parse("page-2.xml", fixture("payloads/listrecords-page-2-last.xml")), CONVOCA_OK);
  EXPECT_EQ(last.records().size(), 4u);
}

TEST(UndlParse, RefusesEveryMalformedFixtureNamingTheFile) {
  for (const auto& entry : fs::directory_iterator(kDir + "malformed")) {
    UndlHost host;
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(host.parse(name, readFile(entry.path().string())), CONVOCA_SOURCE_FORMAT) << name;
    EXPECT_NE(host.errorMessage().find(name), std::string::npos) << host.errorMessage();
    EXPECT_TRUE(host.records().empty()) << name;
  }
}

TEST(UndlParse, RefusesDublinCoreWhereMarcIsExpected) {
  UndlHost host;
  const std::string dc =
      readFile(std::string(CONVOCA_SOURCE_DIR) + "/fixtures/oai-pmh/payloads/listrecords-page-1.xml");
  EXPECT_EQ(host.parse("dc.xml", dc), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(host.errorMessage().find("expected a MARC21 slim <record>"), std::string::npos)
      << host.errorMessage();
}

TEST(UndlParse, ReadsProtocolAnswersWithoutRecords) {
  UndlHost none;
  EXPECT_EQ(none.parse("none.xml", fixture("protocol/no-records-match.xml")), CONVOCA_OK);
  EXPECT_TRUE(none.records().empty());
  UndlHost bad;
  EXPECT_EQ(bad.parse("bad.xml", fixture("protocol/bad-resumption-token.xml")), CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(bad.errorMessage().find("badResumptionToken"), std::string::npos);
}

TEST(UndlHarvest, FetchesTheAgendaThenTwoPagesFilteredBySubject) {
  UndlHost host;
  host.useDemoOptions();
  host.serveTheLibrary();
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 6u);
  EXPECT_EQ(host.requests()[0].url, getRecordUrl("9990101"));
  EXPECT_EQ(host.requests()[3].url, kIdentify);
  EXPECT_EQ(host.requests()[4].url, kFirst);
  EXPECT_EQ(host.requests()[5].url, kSecond);
  // A/RES/81/15 and A/RES/81/52 fall outside the default subjects; the Paris
  // Agreement comes again in the window and is emitted once.
  EXPECT_EQ(idsOf(host),
            (std::vector<std::string>{"undl:A/RES/70/1", "undl:A/RES/71/256", "undl:FCCC/CP/2015/10/Add.1",
                                      "undl:A/RES/81/27", "undl:A/RES/81/31", "undl:A/RES/81/45",
                                      "undl:A/RES/81/60"}));
  EXPECT_TRUE(host.rejections().empty());
  EXPECT_EQ(host.cursors().at("from"), "2026-11-27T02:00:06Z");
  EXPECT_EQ(host.progress().back(), (std::pair<uint64_t, uint64_t>{9, 9}));
  EXPECT_EQ(host.unreleasedResponses(), 0u);
}

TEST(UndlHarvest, KeepsConfiguredSubjectsOnly) {
  UndlHost host;
  host.useDemoOptions();
  host.setOption("documents", "");
  host.setOption("subjects", "road safety");
  host.serveTheLibrary();
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(idsOf(host), (std::vector<std::string>{"undl:A/RES/81/52"}));
}

TEST(UndlHarvest, WarnsAboutAgendaDocumentsWithoutARecordNumber) {
  UndlHost host;
  host.setOption("from", "2026-11-01");
  host.setOption("window_days", "3660");
  host.serveTheLibrary();
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().front().url, kIdentify); // no GetRecord without a recid
  EXPECT_EQ(host.warningsContaining("has no record number"), 3u);
  // The Paris Agreement is still kept when the window brings it.
  EXPECT_EQ(host.record("undl:FCCC/CP/2015/10/Add.1")->url, "https://digitallibrary.un.org/record/9990103");
}

TEST(UndlHarvest, SkipsARecordNumberThatHoldsAnotherSymbol) {
  UndlHost host;
  host.useDemoOptions();
  host.setOption("documents", "A/RES/71/256=9990101");
  host.serveTheLibrary();
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.warningsContaining("holds \"A/RES/70/1\", not A/RES/71/256"), 1u);
  EXPECT_EQ(host.records().front().id, "undl:A/RES/81/27");
}

TEST(UndlHarvest, RestartsTheWindowOnceAfterABadResumptionToken) {
  UndlHost host;
  host.useDemoOptions();
  host.serveTheLibrary();
  host.serveInTurn(kSecond, {{200, fixture("protocol/bad-resumption-token.xml")},
                             {200, fixture("payloads/listrecords-page-2-last.xml")}});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.requests().size(), 8u);
  EXPECT_EQ(host.requests()[6].url, kFirst);
  EXPECT_EQ(host.requests()[7].url, kSecond);
  EXPECT_EQ(host.records().size(), 7u);
}

TEST(UndlHarvest, ContinuesFromTheCursorAndFindsNothingNew) {
  UndlHost host;
  host.useDemoOptions();
  host.serveTheLibrary();
  host.presetCursor("from", "2026-11-27T02:00:06Z");
  const std::string next = kBase + "?verb=ListRecords&metadataPrefix=marcxml&from=2026-11-27T02%3A00%3A06Z";
  host.serve(next, {200, fixture("protocol/no-records-match.xml")});
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.requests().back().url, next);
  EXPECT_EQ(host.records().size(), 3u); // the agenda documents only
  EXPECT_EQ(host.cursors().at("from"), "2026-11-28T02:00:05Z");
}

TEST(UndlHarvest, SplitsALongCatchUpIntoWindows) {
  UndlHost host;
  host.setOption("documents", "");
  host.setOption("granularity", "YYYY-MM-DD");
  host.setOption("window_days", "1");
  host.presetCursor("from", daysAgoUtc(1));
  ASSERT_EQ(host.harvest(), CONVOCA_NETWORK); // nothing served: the first window's 404
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].url, kBase + "?verb=ListRecords&metadataPrefix=marcxml&from=" + daysAgoUtc(1) +
                                        "&until=" + daysAgoUtc(1));
}

TEST(UndlHarvest, LooksBackOneWindowOnTheFirstNightByDefault) {
  UndlHost host;
  host.setOption("documents", "");
  host.setOption("granularity", "YYYY-MM-DD");
  ASSERT_EQ(host.harvest(), CONVOCA_NETWORK); // nothing served
  ASSERT_EQ(host.requests().size(), 1u);
  EXPECT_EQ(host.requests()[0].url,
            kBase + "?verb=ListRecords&metadataPrefix=marcxml&from=" + daysAgoUtc(30));
}

TEST(UndlHarvest, StopsBetweenPagesWhenCancelled) {
  UndlHost host;
  host.useDemoOptions();
  host.serveTheLibrary();
  host.cancelAfterRequests(5); // three GetRecord, Identify, the first page
  EXPECT_EQ(host.harvest(), CONVOCA_CANCELLED);
  EXPECT_EQ(host.requests().size(), 5u);
  EXPECT_EQ(host.records().size(), 5u);
  EXPECT_EQ(host.cursors().count("from"), 0u);
}

TEST(UndlHarvest, RefusesABadDocumentsOption) {
  UndlHost host;
  host.setOption("documents", "A/RES/70/1=not-a-number");
  EXPECT_EQ(host.harvest(), CONVOCA_CONFIG);
  EXPECT_NE(host.errorMessage().find("A/RES/70/1=not-a-number"), std::string::npos);
  EXPECT_TRUE(host.requests().empty());
}

// The demo's recorded exchanges answer exactly the requests undl makes with
// fixtures/undl/demo.properties, on the first run and the next.
TEST(UndlDemo, ExchangesServeTwoRunsWithTheDemoOptions) {
  UndlHost host;
  host.useDemoOptions();
  Poco::JSON::Parser parser;
  for (const auto& entry : fs::directory_iterator(kDir + "exchanges")) {
    const std::string path = entry.path().string();
    if (path.size() < 14 || path.substr(path.size() - 14) != ".exchange.json") continue;
    parser.reset();
    const auto exchange = parser.parse(readFile(path)).extract<Poco::JSON::Object::Ptr>();
    const auto response = exchange->getObject("response");
    host.serve(exchange->getObject("request")->getValue<std::string>("url"),
               {response->getValue<int>("status"),
                readFile(kDir + "exchanges/" + response->getValue<std::string>("body_file"))});
  }
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.records().size(), 7u);
  ASSERT_EQ(host.harvest(), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.records().size(), 10u); // the three agenda documents again, nothing new
  EXPECT_EQ(host.cursors().at("from"), "2026-11-27T02:00:06Z");
  for (const auto& request : host.requests()) EXPECT_EQ(request.url.rfind(kBase, 0), 0u) << request.url;
}

} // namespace
} // namespace oai_test
