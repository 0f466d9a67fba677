// The shared OAI core: request URLs, response parsing of every payload kind,
// malformed payloads, datestamps and windows.
#include "fake_host.h"

#include <convoca/plugin.hpp>
#include <gtest/gtest.h>
#include <oai/dates.h>
#include <oai/protocol.h>

namespace oai_test {
namespace {

const std::string kFixtures = std::string(CONVOCA_SOURCE_DIR) + "/fixtures/";

oai::Response responseOf(const std::string& relativePath) {
  return oai::Response(relativePath, readFile(kFixtures + relativePath));
}

// The status and message of the Error a payload raises.
std::pair<int, std::string> failureOf(const std::string& name, const std::string& body) {
  try {
    oai::Response response(name, body);
  } catch (const convoca::sdk::Error& e) {
    return {e.status(), e.what()};
  }
  return {CONVOCA_OK, ""};
}

TEST(Requests, FirstPageCarriesTheSelectiveArgumentsPercentEncoded) {
  oai::ListArguments arguments;
  arguments.metadataPrefix = "marcxml";
  arguments.set = "resolutions";
  arguments.from = "2026-11-27T02:00:06Z";
  arguments.until = "2026-11-30";
  EXPECT_EQ(oai::listRecordsUrl("https://digitallibrary.un.org/oai2d", arguments),
            "https://digitallibrary.un.org/oai2d?verb=ListRecords&metadataPrefix=marcxml&set=resolutions"
            "&from=2026-11-27T02%3A00%3A06Z&until=2026-11-30");
  EXPECT_EQ(oai::listRecordsUrl("https://repository.example.org/oai", oai::ListArguments{}),
            "https://repository.example.org/oai?verb=ListRecords&metadataPrefix=oai_dc");
}

TEST(Requests, LaterPagesSendOnlyTheVerbAndTheEncodedToken) {
  EXPECT_EQ(
      oai::resumptionUrl("https://repository.example.org/oai", "ListRecords", "oai_dc/4/x+7f|a b=c"),
      "https://repository.example.org/oai?verb=ListRecords&resumptionToken=oai_dc%2F4%2Fx%2B7f%7Ca%20b%3Dc");
}

TEST(Requests, GetRecordAndIdentify) {
  EXPECT_EQ(oai::getRecordUrl("https://digitallibrary.un.org/oai2d", "marcxml",
                              "oai:digitallibrary.un.org:9990101"),
            "https://digitallibrary.un.org/oai2d?verb=GetRecord&metadataPrefix=marcxml"
            "&identifier=oai%3Adigitallibrary.un.org%3A9990101");
  EXPECT_EQ(oai::identifyUrl("https://digitallibrary.un.org/oai2d"),
            "https://digitallibrary.un.org/oai2d?verb=Identify");
}

TEST(Responses, ReadsAListPageWithItsTokenAndADeletedRecord) {
  const auto page = responseOf("oai-pmh/payloads/listrecords-page-1.xml");
  EXPECT_EQ(page.responseDate(), "2026-11-27T03:10:00Z");
  EXPECT_EQ(page.verb(), "ListRecords");
  EXPECT_TRUE(page.errors().empty());
  ASSERT_EQ(page.records().size(), 4u);
  EXPECT_EQ(page.records()[0].identifier, "oai:repository.example.org:20.500.1234/1041");
  EXPECT_EQ(page.records()[0].datestamp, "2026-09-14");
  EXPECT_EQ(page.records()[0].setSpecs, (std::vector<std::string>{"climate", "reports"}));
  EXPECT_FALSE(page.records()[0].deleted);
  EXPECT_EQ(oai::localNameOf(page.records()[0].metadata), "dc");
  EXPECT_EQ(oai::namespaceOf(page.records()[0].metadata), oai::kOaiDcNamespace);
  EXPECT_TRUE(page.records()[2].deleted);
  EXPECT_EQ(page.records()[2].identifier, "oai:repository.example.org:20.500.1234/0870");
  EXPECT_EQ(page.records()[2].metadata, nullptr);
  ASSERT_TRUE(page.resumption());
  EXPECT_EQ(page.resumption()->token, "oai_dc/4/2026-11-27T03:10:00Z/x+7f");
  EXPECT_EQ(page.resumption()->completeListSize, 6u);
  EXPECT_EQ(page.resumption()->cursor, 0u);
}

TEST(Responses, TheLastPageHasAnEmptyToken) {
  const auto page = responseOf("oai-pmh/payloads/listrecords-page-2-last.xml");
  ASSERT_EQ(page.records().size(), 2u);
  ASSERT_TRUE(page.resumption());
  EXPECT_EQ(page.resumption()->token, "");
  EXPECT_EQ(page.resumption()->cursor, 4u);
}

TEST(Responses, ReadsMarcGetRecordIdentifyAndErrors) {
  const auto record = responseOf("undl/payloads/getrecord-a-res-70-1.xml");
  EXPECT_EQ(record.verb(), "GetRecord");
  ASSERT_EQ(record.records().size(), 1u);
  EXPECT_EQ(oai::namespaceOf(record.records()[0].metadata), oai::kMarcNamespace);
  EXPECT_FALSE(record.resumption());

  EXPECT_EQ(responseOf("undl/protocol/identify.xml").granularity(), "YYYY-MM-DDThh:mm:ssZ");

  const auto none = responseOf("undl/protocol/no-records-match.xml");
  EXPECT_TRUE(none.hasError(oai::ErrorCode::NoRecordsMatch));
  EXPECT_TRUE(none.records().empty());
  const auto bad = responseOf("undl/protocol/bad-resumption-token.xml");
  ASSERT_NE(bad.firstError(), nullptr);
  EXPECT_EQ(bad.firstError()->code, oai::ErrorCode::BadResumptionToken);
  EXPECT_EQ(oai::describe(*bad.firstError()),
            "badResumptionToken (The value of the resumptionToken argument is invalid or expired.)");
}

TEST(Responses, RefusesTruncatedXmlNamingTheFileAndTheLine) {
  const auto [status, message] = failureOf(
      "truncated-listrecords.xml", readFile(kFixtures + "oai-pmh/malformed/truncated-listrecords.xml"));
  EXPECT_EQ(status, CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(message.find("truncated-listrecords.xml: not well-formed XML (line "), std::string::npos)
      << message;
}

TEST(Responses, RefusesXmlThatIsNotOaiPmh) {
  const auto [status, message] = failureOf("feed.xml", readFile(kFixtures + "oai-pmh/malformed/not-oai.xml"));
  EXPECT_EQ(status, CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(message.find("feed.xml: not an OAI-PMH response (root element <feed>"), std::string::npos)
      << message;
}

TEST(Responses, RefusesALiveRecordWithoutMetadataAndAnEnvelopeWithoutResponseDate) {
  auto [status, message] =
      failureOf("no-metadata.xml", readFile(kFixtures + "undl/malformed/record-without-metadata.xml"));
  EXPECT_EQ(status, CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(message.find("no-metadata.xml: record 1 of 1 (oai:digitallibrary.un.org:9990201) has 0 elements"),
            std::string::npos)
      << message;
  std::tie(status, message) = failureOf(
      "bare.xml", R"(<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords/></OAI-PMH>)");
  EXPECT_EQ(status, CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(message.find("bare.xml: OAI-PMH response without <responseDate>"), std::string::npos) << message;
  std::tie(status, message) = failureOf("empty.xml", "");
  EXPECT_EQ(status, CONVOCA_SOURCE_FORMAT);
  EXPECT_NE(message.find("empty.xml"), std::string::npos) << message;
}

TEST(Dates, ValidatesDatestampsExactly) {
  EXPECT_TRUE(oai::isDatestamp("2026-11-27"));
  EXPECT_TRUE(oai::isDatestamp("2026-11-27T02:00:06Z"));
  EXPECT_FALSE(oai::isDatestamp("2026-02-30"));
  EXPECT_FALSE(oai::isDatestamp("27/11/2026"));
  EXPECT_FALSE(oai::isDatestamp("2026-11-27T02:00:06+01:00"));
  EXPECT_EQ(oai::addDays("2026-11-27", 5), "2026-12-02");
  EXPECT_EQ(oai::addDays("2026-03-01", -1), "2026-02-28");
  EXPECT_EQ(oai::atGranularity("2026-11-27T02:00:06Z", oai::Granularity::Day), "2026-11-27");
  EXPECT_EQ(oai::atGranularity("2026-11-27T02:00:06Z", oai::Granularity::Seconds), "2026-11-27T02:00:06Z");
}

TEST(Dates, SplitsALongRangeIntoDayWindowsWithAnOpenLastOne) {
  const auto windows = oai::windowsFrom("2026-10-01T05:00:00Z", "2026-11-27", 31);
  ASSERT_EQ(windows.size(), 2u);
  EXPECT_EQ(windows[0].from, "2026-10-01");
  EXPECT_EQ(windows[0].until, "2026-10-31");
  EXPECT_EQ(windows[1].from, "2026-11-01");
  EXPECT_EQ(windows[1].until, "");
}

TEST(Dates, KeepsOneOpenWindowWhenTheRangeFits) {
  const auto windows = oai::windowsFrom("2026-11-26T02:00:06Z", "2026-11-27", 31);
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].from, "2026-11-26T02:00:06Z");
  EXPECT_EQ(windows[0].until, "");
  EXPECT_EQ(oai::windowsFrom("", "2026-11-27", 31).size(), 1u);
  EXPECT_EQ(oai::windowsFrom("2020-01-01", "2026-11-27", 0)[0].from, "2020-01-01");
}

} // namespace
} // namespace oai_test
