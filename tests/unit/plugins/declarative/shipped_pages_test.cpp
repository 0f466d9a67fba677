// Each shipped definition against its hand-made fixture page, through parse().
#include "fake_host.h"

#include <gtest/gtest.h>

namespace declarative_test {
namespace {

using convoca::index::Record;

class ShippedPagesTest : public ::testing::Test {
protected:
  FakeHost host;

  void parseFixture(const std::string& relative) {
    const std::string data = readFile(fixturePath(relative));
    ASSERT_FALSE(data.empty()) << relative;
    const std::string name = relative.substr(relative.find('/') + 1);
    ASSERT_EQ(host.parse(name, data), CONVOCA_OK) << host.errorMessage();
    EXPECT_TRUE(host.rejections().empty()) << host.rejections().front();
  }
};

TEST_F(ShippedPagesTest, EuiCallsPageGivesFourCallsWithProseDeadlinesInBrusselsTime) {
  parseFixture("payloads/eui-calls--calls-proposals.html");
  ASSERT_EQ(host.records().size(), 4u);

  const Record* fifth = host.record("declarative:eui-calls:innovative-actions-fifth-call-proposals");
  ASSERT_TRUE(fifth);
  EXPECT_EQ(fifth->title, "Innovative Actions – Fifth Call for Proposals");
  EXPECT_EQ(fifth->url,
            "https://www.urban-initiative.eu/calls-proposals/innovative-actions-fifth-call-proposals");
  EXPECT_EQ(fifth->deadlines, std::vector<std::string>{"2027-01-19T14:00:00+01:00"});
  EXPECT_EQ(fifth->deadlinesRaw, std::vector<std::string>{"19 January 2027 at 14.00 CET"});
  EXPECT_FALSE(fifth->deadlinesTimeAssumed);
  EXPECT_EQ(fifth->opening.value_or(""), "2026-11-02T00:00:00+01:00");
  EXPECT_TRUE(fifth->openingTimeAssumed);
  EXPECT_EQ(fifth->programme, "European Urban Initiative");
  EXPECT_EQ(fifth->programmeCode, "EUI");
  EXPECT_EQ(fifth->language, "en");
  EXPECT_EQ(fifth->sourceStatus, "Open");
  EXPECT_EQ(fifth->keywords,
            (std::vector<std::string>{"Affordable housing", "Urban mobility", "Climate neutrality"}));
  EXPECT_NE(fifth->summary.find("ERDF co-financing of up to EUR 5 million"), std::string::npos)
      << fifth->summary;
  EXPECT_EQ(fifth->summary.find('<'), std::string::npos);

  const Record* exchanges = host.record("declarative:eui-calls:city-city-exchanges-2027");
  ASSERT_TRUE(exchanges);
  EXPECT_EQ(exchanges->deadlines, std::vector<std::string>{"2027-03-31T12:00:00+02:00"});
  EXPECT_FALSE(exchanges->opening.has_value()); // "open until" is a deadline, not an opening

  const Record* peer = host.record("declarative:eui-calls:peer-reviews-urban-strategies-2026");
  ASSERT_TRUE(peer);
  EXPECT_EQ(peer->deadlines, std::vector<std::string>{"2027-02-05T17:00:00+01:00"});
  EXPECT_TRUE(peer->deadlinesTimeAssumed);

  const Record* fourth = host.record("declarative:eui-calls:innovative-actions-fourth-call-proposals");
  ASSERT_TRUE(fourth);
  EXPECT_EQ(fourth->deadlines, std::vector<std::string>{"2026-10-14T14:00:00+02:00"});
  EXPECT_EQ(fourth->opening.value_or(""), "2026-06-03T00:00:00+02:00");
  EXPECT_EQ(fourth->sourceStatus, "Closed");
  EXPECT_EQ(host.warningsContaining("says"), 0u); // every CET/CEST agrees with Brussels time
}

TEST_F(ShippedPagesTest, UrbactFirstPageGivesThreeCallsWithNumericDates) {
  parseFixture("payloads/urbact-calls--page-0.html");
  ASSERT_EQ(host.records().size(), 3u);
  const Record* apn = host.record("declarative:urbact-calls:action-planning-networks-2027");
  ASSERT_TRUE(apn);
  EXPECT_EQ(apn->title, "Call for Action Planning Networks 2027");
  EXPECT_EQ(apn->url, "https://urbact.eu/calls/action-planning-networks-2027");
  EXPECT_EQ(apn->callId, "URBACT-APN-2027");
  EXPECT_EQ(apn->programmeCode, "URBACT");
  EXPECT_EQ(apn->deadlines, std::vector<std::string>{"2027-03-31T17:00:00+02:00"});
  EXPECT_FALSE(apn->deadlinesTimeAssumed);
  EXPECT_EQ(apn->opening.value_or(""), "2026-11-02T00:00:00+01:00");
  EXPECT_EQ(apn->keywords, (std::vector<std::string>{"Housing", "Urban mobility", "Climate"}));

  const Record* transfer = host.record("declarative:urbact-calls:transfer-networks-2027");
  ASSERT_TRUE(transfer);
  EXPECT_EQ(transfer->deadlines, std::vector<std::string>{"2027-02-26T23:59:00+01:00"});
  EXPECT_TRUE(transfer->deadlinesTimeAssumed);

  const Record* experts = host.record("declarative:urbact-calls:national-urbact-points-experts-pool");
  ASSERT_TRUE(experts);
  EXPECT_FALSE(experts->opening.has_value());
  EXPECT_EQ(experts->deadlines, std::vector<std::string>{"2027-06-30T12:00:00+02:00"});
}

TEST_F(ShippedPagesTest, EuroMedJsonGivesEveryStageOfATwoStepCall) {
  parseFixture("payloads/interreg-euro-med-calls--page-1.json");
  ASSERT_EQ(host.records().size(), 3u);
  const Record* green =
      host.record("declarative:interreg-euro-med-calls:third-call-thematic-projects-green-living-areas");
  ASSERT_TRUE(green);
  EXPECT_EQ(green->title, "Third call for thematic projects – Green living areas"); // &#8211; decoded
  EXPECT_EQ(green->url,
            "https://interreg-euro-med.eu/en/calls/third-call-thematic-projects-green-living-areas/");
  EXPECT_EQ(green->callId, "EMED-3-GLA");
  EXPECT_EQ(green->deadlines,
            (std::vector<std::string>{"2027-02-26T13:00:00+01:00", "2027-09-24T13:00:00+02:00"}));
  EXPECT_FALSE(green->deadlinesTimeAssumed);
  EXPECT_EQ(green->keywords,
            (std::vector<std::string>{"Green living areas", "Climate adaptation", "Nature-based solutions"}));
  EXPECT_NE(green->text.find("circular construction"), std::string::npos);
  EXPECT_EQ(green->text.find("<li>"), std::string::npos);

  const Record* tourism =
      host.record("declarative:interreg-euro-med-calls:sustainable-tourism-governance-call-2027");
  ASSERT_TRUE(tourism);
  EXPECT_EQ(tourism->deadlines, std::vector<std::string>{"2027-03-31T13:00:00+02:00"});
  EXPECT_TRUE(tourism->deadlinesTimeAssumed);

  const Record* inclusion =
      host.record("declarative:interreg-euro-med-calls:small-scale-projects-social-inclusion-2026");
  ASSERT_TRUE(inclusion);
  EXPECT_EQ(inclusion->title, "Small-scale projects on social inclusion & inclusive cities");
}

TEST_F(ShippedPagesTest, TruncatedJsonIsRefusedWithTheFileAndPositionAndNothingEmitted) {
  const std::string data = readFile(fixturePath("malformed/interreg-euro-med-calls--truncated.json"));
  EXPECT_EQ(host.parse("interreg-euro-med-calls--truncated.json", data), CONVOCA_SOURCE_FORMAT);
  EXPECT_EQ(host.errorMessage().rfind("interreg-euro-med-calls--truncated.json: not valid JSON", 0), 0u);
  EXPECT_EQ(host.errorMessage(),
            "interreg-euro-med-calls--truncated.json: not valid JSON at line 17, column 141: "
            "unterminated string literal");
  EXPECT_TRUE(host.records().empty());
}

TEST_F(ShippedPagesTest, EmptyHtmlPageIsRefused) {
  EXPECT_EQ(host.parse("eui-calls--empty.html", ""), CONVOCA_SOURCE_FORMAT);
  EXPECT_EQ(host.errorMessage(), "eui-calls--empty.html: not an HTML page (empty)");
}

TEST_F(ShippedPagesTest, JsonOfTheWrongShapeGivesNoItemsAndAWarning) {
  // What a WordPress site answers for a route it does not have.
  const std::string data =
      R"({"code":"rest_no_route","message":"No route was found.","data":{"status":404}})";
  EXPECT_EQ(host.parse("interreg-euro-med-calls--not-a-list.json", data), CONVOCA_OK);
  EXPECT_TRUE(host.records().empty());
  EXPECT_EQ(host.warningsContaining("found nothing"), 1u);
}

TEST_F(ShippedPagesTest, HtmlPageWithoutItemsIsZeroRecordsWithAWarningNotAnError) {
  EXPECT_EQ(
      host.parse("eui-calls--maintenance.html", "<html><body><p>Site under maintenance</p></body></html>"),
      CONVOCA_OK);
  EXPECT_TRUE(host.records().empty());
  EXPECT_EQ(host.warningsContaining("found nothing"), 1u);
}

TEST_F(ShippedPagesTest, FileNameWithoutADefinitionIdIsAConfigurationError) {
  EXPECT_EQ(host.parse("calls.html", "<html></html>"), CONVOCA_CONFIG);
  EXPECT_NE(host.errorMessage().find("eui-calls, interreg-euro-med-calls, urbact-calls"), std::string::npos)
      << host.errorMessage();
}

} // namespace
} // namespace declarative_test
