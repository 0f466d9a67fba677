// The hand-made notices in fixtures/ted (see fixtures/ted/README.md).
#include "fake_host.h"

#include <gtest/gtest.h>

namespace ted_test {
namespace {

const std::string kTwoLots = "fixtures/ted/payloads/amb-cn-two-lots.xml";
const std::string kCooperation = "fixtures/ted/exchanges/0007-ted.europa.eu-707777-2026-xml.body";
const std::string kLot1 = "ted:5b0c3a1e-7d4f-4c2a-9e61-2f8d1a6b3c01:LOT-0001";
const std::string kLot2 = "ted:5b0c3a1e-7d4f-4c2a-9e61-2f8d1a6b3c01:LOT-0002";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "fixture lacks " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(HandMadeNotices, SpanishNoticeGivesTwoLotsWithTheirOwnValuesAndDeadlines) {
  FakeHost host;
  ASSERT_EQ(host.parse("amb-cn-two-lots.xml", readFile(kTwoLots)), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 2u);
  const auto* north = host.record(kLot1);
  const auto* south = host.record(kLot2);
  ASSERT_TRUE(north && south);
  EXPECT_EQ(north->deadlines, std::vector<std::string>{"2026-12-15T14:00:00+01:00"});
  EXPECT_EQ(south->deadlines, std::vector<std::string>{"2026-12-18T12:00:00+01:00"});
  ASSERT_TRUE(north->budget && south->budget);
  EXPECT_EQ(north->budget->amount, 700000);
  EXPECT_EQ(south->budget->amount, 500000);
  EXPECT_EQ(north->keywords, (std::vector<std::string>{"CPV 50230000", "CPV 45233162"}));
  EXPECT_EQ(south->keywords, std::vector<std::string>{"CPV 50230000"});
  EXPECT_EQ(north->title, "Mantenimiento de la red metropolitana de carriles bici — Lote 1: ámbito norte "
                          "(Badalona, Santa Coloma, Sant Adrià)");
  EXPECT_NE(north->text.find("Buyer: Àrea Metropolitana de Barcelona (Barcelona, ESP)"), std::string::npos);
}

TEST(HandMadeNotices, NoticeLanguageLeadsAndCatalanTextsAreKeptInTheText) {
  FakeHost host;
  ASSERT_EQ(host.parse("amb-cn-two-lots.xml", readFile(kTwoLots)), CONVOCA_OK);
  const auto* north = host.record(kLot1);
  ASSERT_TRUE(north);
  EXPECT_EQ(north->language, "es");
  EXPECT_EQ(north->summary, "Mantenimiento de 62 km de carril bici en el ámbito norte.");
  EXPECT_NE(north->text.find("Manteniment de 62 km de carril bici a l'àmbit nord."), std::string::npos);
  EXPECT_NE(north->text.find("Lot 1: àmbit nord"), std::string::npos);
}

TEST(HandMadeNotices, PublishedNoticeLinksToItsPageWithoutNumberPadding) {
  FakeHost host;
  ASSERT_EQ(host.parse("amb-cn-two-lots.xml", readFile(kTwoLots)), CONVOCA_OK);
  const auto* north = host.record(kLot1);
  ASSERT_TRUE(north);
  EXPECT_EQ(north->url, "https://ted.europa.eu/en/notice/-/detail/698765-2026");
  EXPECT_EQ(north->callId, "698765-2026");
}

TEST(HandMadeNotices, DateWithoutTimeAssumesTheEndOfThatDay) {
  FakeHost host;
  const std::string notice = replaced(readFile(kTwoLots), "<cbc:EndTime>12:00:00+01:00</cbc:EndTime>", "");
  ASSERT_EQ(host.parse("no-time.xml", notice), CONVOCA_OK) << host.errorMessage();
  const auto* south = host.record(kLot2);
  ASSERT_TRUE(south);
  EXPECT_EQ(south->deadlines, std::vector<std::string>{"2026-12-18T23:59:59+01:00"});
  EXPECT_TRUE(south->deadlinesTimeAssumed);
  EXPECT_FALSE(host.record(kLot1)->deadlinesTimeAssumed);
}

TEST(HandMadeNotices, TimeWithoutAnyOffsetIsReadInBrusselsTime) {
  FakeHost host;
  std::string notice = replaced(readFile(kTwoLots), "<cbc:EndDate>2026-12-18+01:00</cbc:EndDate>",
                                "<cbc:EndDate>2026-07-01</cbc:EndDate>");
  notice =
      replaced(notice, "<cbc:EndTime>12:00:00+01:00</cbc:EndTime>", "<cbc:EndTime>12:00:00</cbc:EndTime>");
  ASSERT_EQ(host.parse("zoneless.xml", notice), CONVOCA_OK) << host.errorMessage();
  const auto* south = host.record(kLot2);
  ASSERT_TRUE(south);
  EXPECT_EQ(south->deadlines, std::vector<std::string>{"2026-07-01T12:00:00+02:00"});
}

TEST(HandMadeNotices, ChangeNoticeKeepsTheIdsOfTheNoticeItChanges) {
  FakeHost host;
  std::string notice = replaced(readFile(kTwoLots), "5b0c3a1e-7d4f-4c2a-9e61-2f8d1a6b3c01",
                                "0f1e2d3c-4b5a-4968-8776-655443322110");
  notice = replaced(notice, "</efac:Organizations>",
                    "</efac:Organizations><efac:Changes><efbc:ChangedNoticeIdentifier>"
                    "5b0c3a1e-7d4f-4c2a-9e61-2f8d1a6b3c01-01</efbc:ChangedNoticeIdentifier></efac:Changes>");
  ASSERT_EQ(host.parse("change.xml", notice), CONVOCA_OK) << host.errorMessage();
  EXPECT_TRUE(host.record(kLot1));
  EXPECT_TRUE(host.record(kLot2));
}

TEST(HandMadeNotices, ProcedureValueIsNotSplitAcrossLots) {
  FakeHost host;
  std::string notice = readFile(kTwoLots);
  for (const std::string amount : {"700000", "500000"})
    notice =
        replaced(notice,
                 "\t\t\t<cac:RequestedTenderTotal>\n\t\t\t\t<cbc:EstimatedOverallContractAmount "
                 "currencyID=\"EUR\">" +
                     amount + "</cbc:EstimatedOverallContractAmount>\n\t\t\t</cac:RequestedTenderTotal>\n",
                 "");
  ASSERT_EQ(host.parse("procedure-value.xml", notice), CONVOCA_OK) << host.errorMessage();
  const auto* north = host.record(kLot1);
  ASSERT_TRUE(north);
  EXPECT_FALSE(north->budget);
  EXPECT_NE(north->text.find("Estimated value of the whole procedure (2 lots): 1200000 EUR"),
            std::string::npos);
}

TEST(HandMadeNotices, RestrictedProcedureListsTheParticipationDeadlineFirst) {
  FakeHost host;
  ASSERT_EQ(host.parse("707777-2026.xml", readFile(kCooperation)), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  EXPECT_EQ(host.records()[0].deadlines,
            (std::vector<std::string>{"2026-12-04T14:00:00+01:00", "2027-01-29T14:00:00+01:00"}));
  ASSERT_TRUE(host.records()[0].budget) << "a single lot takes the procedure's value";
  EXPECT_EQ(host.records()[0].budget->amount, 450000);
}

} // namespace
} // namespace ted_test
