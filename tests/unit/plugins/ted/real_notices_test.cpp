// The five eForms SDK examples in ../shared/fixtures-real/ted-eforms, read in place.
#include "fake_host.h"

#include <convoca/index/record.h>
#include <gtest/gtest.h>

namespace ted_test {
namespace {

std::string realNotice(const std::string& file) {
  return readFile(realFixturesDir() + "/ted-eforms/" + file);
}

class RealNotices : public ::testing::Test {
protected:
  void SetUp() override {
    if (realNotice("cn_24_open.xml").empty())
      GTEST_SKIP() << "../shared/fixtures-real/ted-eforms is absent: real eForms examples not tested";
  }
  FakeHost host;
};

TEST_F(RealNotices, OpenContractNoticeGivesItsLotWithDeadlineOffsetCpvAndValue) {
  ASSERT_EQ(host.parse("cn_24_open.xml", realNotice("cn_24_open.xml")), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  const auto& record = host.records()[0];
  EXPECT_EQ(record.id, "ted:c4c415ee-ac08-4465-8fa6-57568cf69462:LOT-0000");
  EXPECT_EQ(record.kind, "tender");
  EXPECT_EQ(
      record.title,
      "Term Contract for a Planned Programme of In-service Inspection and Testing of Electrical Equipment");
  EXPECT_EQ(record.deadlines, std::vector<std::string>{"2020-04-03T12:00:00+01:00"});
  EXPECT_FALSE(record.deadlinesTimeAssumed);
  EXPECT_EQ(record.keywords,
            (std::vector<std::string>{"CPV 71630000", "CPV 71314100", "CPV 50300000", "CPV 31600000"}));
  ASSERT_TRUE(record.budget);
  EXPECT_EQ(record.budget->amount, 500000);
  EXPECT_EQ(record.budget->currency, "EUR");
  EXPECT_EQ(record.language, "en");
  EXPECT_NE(record.text.find("Buyer: Renfrewshire Council (Paisley, GBR)"), std::string::npos);
  EXPECT_EQ(record.sourceStatus, "cn-standard");
  EXPECT_TRUE(record.url.empty()) << "an unpublished notice has no publication number, so no page";
}

TEST_F(RealNotices, MinimalContractNoticeKeepsTheSummerOffset) {
  ASSERT_EQ(host.parse("cn_24_minimal.xml", realNotice("cn_24_minimal.xml")), CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  const auto& record = host.records()[0];
  EXPECT_EQ(record.id, "ted:f42be27e-09cf-4f0e-a745-63ec689631e6:LOT-0000");
  EXPECT_EQ(record.deadlines, std::vector<std::string>{"2020-02-04T10:00:00+02:00"});
  EXPECT_EQ(record.deadlinesRaw, std::vector<std::string>{"2020-02-04+02:00 10:00:00+02:00"});
  EXPECT_EQ(record.keywords, std::vector<std::string>{"CPV 72230000"});
  EXPECT_FALSE(record.budget) << "the notice states no value";
  EXPECT_EQ(record.documents,
            std::vector<std::string>{"https://etendering.ted.europa.eu/cft/cft-display.html?cftId=5629"});
  EXPECT_NE(std::find(record.tags.begin(), record.tags.end(), "performance-nuts:FRD22"), record.tags.end());
  EXPECT_TRUE(record.eligibleCountries.empty()) << "place of performance is not eligibility";
}

TEST_F(RealNotices, FrenchNoticeGivesOneRecordPerLotInFrench) {
  ASSERT_EQ(host.parse("cn_24_FRA_comments.xml", realNotice("cn_24_FRA_comments.xml")), CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 2u);
  const auto* centre = host.record("ted:da4d46e9-490b-41ff-a2ae-8166d356a619:LOT-0001");
  const auto* hauts = host.record("ted:da4d46e9-490b-41ff-a2ae-8166d356a619:LOT-0002");
  ASSERT_TRUE(centre && hauts);
  EXPECT_EQ(centre->title,
            "Service d'entretien de remise en état et de nettoyage des espaces verts — Agence centre");
  EXPECT_EQ(
      hauts->title,
      "Service d'entretien de remise en état et de nettoyage des espaces verts — Agence Hauts de Rouen");
  EXPECT_EQ(centre->deadlines, std::vector<std::string>{"2019-06-24T16:00:00Z"});
  EXPECT_EQ(centre->language, "fr");
  EXPECT_EQ(centre->topicId, "LOT-0001");
  EXPECT_EQ(centre->callTitle, "Service d'entretien de remise en état et de nettoyage des espaces verts");
  EXPECT_NE(centre->text.find("Rouen Habitat"), std::string::npos);
  EXPECT_EQ(centre->keywords, std::vector<std::string>{"CPV 77310000"});
}

TEST_F(RealNotices, AwardNoticeEmitsNothingAndSaysWhy) {
  ASSERT_EQ(host.parse("can_24_minimal.xml", realNotice("can_24_minimal.xml")), CONVOCA_OK)
      << host.errorMessage();
  EXPECT_TRUE(host.records().empty());
  bool explained = false;
  for (const auto& [level, message] : host.logs())
    explained = explained || (message.find("can_24_minimal.xml") != std::string::npos &&
                              message.find("award notice is not a call") != std::string::npos);
  EXPECT_TRUE(explained);
}

TEST_F(RealNotices, PriorInformationOnlyGivesATenderWithoutDeadline) {
  ASSERT_EQ(host.parse("pin-only_24.xml", realNotice("pin-only_24.xml")), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  const auto& record = host.records()[0];
  EXPECT_EQ(record.id, "ted:f252f386-55ac-4fa8-9be4-9f950b9904c8:PAR-0000");
  EXPECT_EQ(record.kind, "tender");
  EXPECT_TRUE(record.deadlines.empty());
  EXPECT_FALSE(record.opening);
  EXPECT_EQ(record.sourceStatus, "pin-only");
  EXPECT_EQ(convoca::index::statusAt(record, 1800000000), convoca::index::CallStatus::Unknown)
      << "an announced tender is never shown as open";
  EXPECT_EQ(record.keywords, std::vector<std::string>{"CPV 50000000"}) << "the part's own CPV";
  ASSERT_TRUE(record.budget) << "one part: the procedure's estimate is the part's";
  EXPECT_EQ(record.budget->amount, 100000);
}

TEST_F(RealNotices, ReparsingGivesTheSameIdsAndContent) {
  ASSERT_EQ(host.parse("cn_24_open.xml", realNotice("cn_24_open.xml")), CONVOCA_OK);
  ASSERT_EQ(host.parse("cn_24_open.xml", realNotice("cn_24_open.xml")), CONVOCA_OK);
  ASSERT_EQ(host.records().size(), 2u);
  EXPECT_EQ(host.records()[0].id, host.records()[1].id);
  EXPECT_EQ(host.records()[0].contentHash, host.records()[1].contentHash);
}

} // namespace
} // namespace ted_test
