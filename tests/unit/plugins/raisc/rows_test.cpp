// parse(): Socrata rows of RAISC (khxn-nv6a) and CIDO (3gku-b36y) → records,
// on the hand-made payloads in fixtures/raisc/payloads.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace raisc_test {
namespace {

const std::string kPayloads = std::string(CONVOCA_SOURCE_DIR) + "/fixtures/raisc/payloads/";

class RaiscRows : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(host.parse("raisc-khxn-nv6a.json", readFile(kPayloads + "raisc-khxn-nv6a.json")), CONVOCA_OK)
        << host.errorMessage();
  }
  FakeHost host;
};

TEST_F(RaiscRows, QuotedBdnsCodeBecomesAnAlias) {
  const auto* record = host.record("raisc:109322");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->aliases, std::vector<std::string>{"bdns:892877"});
  EXPECT_TRUE(host.record("raisc:108734")->aliases.empty());
}

TEST_F(RaiscRows, EmitsOneValidCallPerCodiRaiscWithItsCatalanTitle) {
  ASSERT_EQ(host.records().size(), 8u);
  EXPECT_TRUE(host.rejections().empty());
  const auto* record = host.record("raisc:108734");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->kind, "call");
  EXPECT_EQ(record->source, "raisc");
  EXPECT_EQ(record->language, "ca");
  EXPECT_EQ(record->callId, "108734");
  EXPECT_EQ(record->title,
            "Subvencions per a projectes de cooperació al desenvolupament i d'educació per a la "
            "justícia global 2027");
  EXPECT_EQ(record->programmeCode, "RAISC");
  EXPECT_EQ(record->url, "https://dogc.gencat.cat/ca/document-del-dogc/?documentId=1012345");
  EXPECT_EQ(record->documents.size(), 3u);
  ASSERT_TRUE(record->budget);
  EXPECT_EQ(record->budget->amount, 4500000);
  EXPECT_EQ(record->budget->currency, "EUR");
  EXPECT_EQ(record->eligibleCountries, std::vector<std::string>{"ES51"}); // TOT EL MON adds no country
  EXPECT_EQ(record->eligibleEntities,
            (std::vector<std::string>{"Entitats sense ànim de lucre", "Ens locals"}));
  EXPECT_EQ(record->keywords, std::vector<std::string>{"Cooperació internacional"});
}

TEST_F(RaiscRows, MidnightDeadlineIsTheEndOfThatDayInMadridWinterTime) {
  const auto* record = host.record("raisc:108734");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->deadlines, std::vector<std::string>{"2027-01-29T23:59:59+01:00"});
  EXPECT_TRUE(record->deadlinesTimeAssumed);
  EXPECT_EQ(record->deadlinesRaw, std::vector<std::string>{"2027-01-29T00:00:00.000"});
}

TEST_F(RaiscRows, MidnightDeadlineAfterTheSpringChangeTakesTheSummerOffset) {
  const auto* record = host.record("raisc:109240");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->deadlines, std::vector<std::string>{"2027-03-31T23:59:59+02:00"});
  EXPECT_TRUE(record->deadlinesTimeAssumed);
}

TEST_F(RaiscRows, DeadlineWithATimeIsKeptAsGivenInSummerAndWinter) {
  const auto* summer = host.record("raisc:104567");
  const auto* winter = host.record("raisc:108902");
  ASSERT_TRUE(summer && winter);
  EXPECT_EQ(summer->deadlines, std::vector<std::string>{"2026-06-30T14:00:00+02:00"});
  EXPECT_FALSE(summer->deadlinesTimeAssumed);
  EXPECT_EQ(winter->deadlines, std::vector<std::string>{"2026-11-13T14:00:00+01:00"});
  EXPECT_EQ(winter->eligibleCountries, std::vector<std::string>{"ES511"});
}

TEST_F(RaiscRows, ReadsTheShorterDeadlineColumnToo) {
  const auto* record = host.record("raisc:109115");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->deadlines, std::vector<std::string>{"2026-12-18T23:59:59+01:00"});
  ASSERT_TRUE(record->budget);
  EXPECT_DOUBLE_EQ(record->budget->amount, 2500000.5);
}

TEST_F(RaiscRows, PublicationDateIsEmittedAsPublishedInMadridTime) {
  const auto& record = host.records()[0]; // raisc:104567, published in May
  EXPECT_EQ(record.id, "raisc:104567");
  EXPECT_EQ(record.published.value_or(""), "2026-05-12T00:00:00+02:00");
}

TEST_F(RaiscRows, SpanishOnlyTitleMakesASpanishRecord) {
  const auto* record = host.record("raisc:109187");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->language, "es");
  EXPECT_EQ(record->title, "Subvenciones para proyectos de igualdad de género y prevención de las violencias "
                           "machistas en los municipios");
  EXPECT_FALSE(record->budget);
  EXPECT_EQ(record->eligibleCountries, (std::vector<std::string>{"ES51", "ES"}));
}

TEST_F(RaiscRows, HtmlInTheObjectIsTurnedIntoText) {
  const auto* record = host.record("raisc:109240");
  ASSERT_TRUE(record);
  EXPECT_EQ(record->text.find('<'), std::string::npos) << record->text;
  EXPECT_NE(record->text.find("plaques fotovoltaiques & comunitats energètiques."), std::string::npos)
      << record->text;
}

TEST_F(RaiscRows, ARowWithoutDeadlineHasNone) {
  const auto* record = host.record("raisc:109301");
  ASSERT_TRUE(record);
  EXPECT_TRUE(record->deadlines.empty());
  EXPECT_FALSE(record->deadlinesTimeAssumed);
}

TEST(CidoRows, DeriveIdsFromTheNumberInTheLinkElseAHash) {
  FakeHost host;
  ASSERT_EQ(host.parse("cido-3gku-b36y.json", readFile(kPayloads + "cido-3gku-b36y.json")), CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 6u);
  EXPECT_TRUE(host.rejections().empty());
  const auto* amb = host.record("raisc:cido-15873421");
  ASSERT_TRUE(amb);
  EXPECT_EQ(amb->url,
            "https://cido.diba.cat/subvencions/15873421/subvencions-cooperacio-internacional-2027-amb");
  EXPECT_EQ(amb->programmeCode, "CIDO");
  EXPECT_EQ(amb->sourceStatus, "Termini obert");
  EXPECT_EQ(amb->tags, std::vector<std::string>{"Àrea Metropolitana de Barcelona"});
  EXPECT_EQ(amb->language, "ca");
  EXPECT_TRUE(amb->deadlines.empty()); // the CIDO columns carry no deadline
  // No number in the link: 16 hex digits of its SHA-1, the same on every run.
  const auto besos = convoca::index::recordFromJson(host.recordJson()[2]);
  EXPECT_EQ(besos.id.rfind("raisc:cido-", 0), 0u);
  EXPECT_EQ(besos.id.size(), std::string("raisc:cido-").size() + 16);
  FakeHost again;
  ASSERT_EQ(again.parse("again", readFile(kPayloads + "cido-3gku-b36y.json")), CONVOCA_OK);
  for (size_t i = 0; i < host.records().size(); ++i) EXPECT_EQ(again.records()[i].id, host.records()[i].id);
}

TEST(CidoRows, PublicationDatesTakeTheMadridOffsetOfTheirSeason) {
  FakeHost host;
  ASSERT_EQ(host.parse("cido", readFile(kPayloads + "cido-3gku-b36y.json")), CONVOCA_OK)
      << host.errorMessage();
  EXPECT_EQ(host.records()[0].published.value_or(""), "2026-07-07T00:00:00+02:00");
  EXPECT_EQ(host.records()[3].published.value_or(""), "2026-11-05T00:00:00+01:00");
}

TEST(CidoRows, TitleOfALongSummaryIsCutAtAWord) {
  FakeHost host;
  const std::string longSummary(60, 'x');
  std::string resum;
  for (int i = 0; i < 6; ++i) resum += longSummary + " ";
  ASSERT_EQ(host.parse("long", R"([{"nom_ens":"AMB","resum":")" + resum + R"("}])"), CONVOCA_OK);
  ASSERT_EQ(host.records().size(), 1u);
  const std::string& title = host.records()[0].title;
  EXPECT_LE(title.size(), 200u + 3u);
  EXPECT_EQ(title.substr(title.size() - 3), "\xE2\x80\xA6");
}

TEST(RaiscRowsEdge, AnEmptyArrayIsAValidEmptyAnswer) {
  FakeHost host;
  EXPECT_EQ(host.parse("empty.json", "[]"), CONVOCA_OK) << host.errorMessage();
  EXPECT_TRUE(host.records().empty());
}

} // namespace
} // namespace raisc_test
