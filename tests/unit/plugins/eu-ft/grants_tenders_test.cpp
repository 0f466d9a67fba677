// The real grantsTenders.json excerpt in ../shared/fixtures-real/eu-ft-grantsTenders.
#include "fake_host.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace euft_test {
namespace {

using convoca::index::Record;

const char* kExcerpt = "eu-ft-grantsTenders/grantsTenders-excerpt-halli75-grantfin.json";

class GrantsTenders : public ::testing::Test {
protected:
  void SetUp() override {
    const std::string path = realFixturesDir() + "/" + kExcerpt;
    const std::string data = readFile(path);
    if (data.empty()) GTEST_SKIP() << "real fixture " << path << " is absent (../shared not mounted)";
    ASSERT_EQ(host.parse("grantsTenders.json", data), CONVOCA_OK) << host.errorMessage();
    ASSERT_TRUE(host.rejections().empty()) << host.rejections().front();
  }

  FakeHost host;
};

TEST_F(GrantsTenders, EmitsTwoGrantsAndFourTenders) {
  ASSERT_EQ(host.records().size(), 6u);
  const auto tenders = std::count_if(host.records().begin(), host.records().end(),
                                     [](const Record& r) { return r.kind == "tender"; });
  EXPECT_EQ(tenders, 4);
  for (const char* id : {"eu-ft:NEAR/BEG/2023/EA-RP/0169", "eu-ft:UCA 23/028",
                         "eu-ft:INTPA/2023/EA-RP/0177-PIN", "eu-ft:INTPA/ACC/2023/EA-RP/0171-PIN"}) {
    const Record* tender = host.record(id);
    ASSERT_NE(tender, nullptr);
    EXPECT_EQ(tender->kind, "tender");
    EXPECT_TRUE(tender->topicId.empty());
    EXPECT_EQ(tender->url.rfind("https://etendering.ted.europa.eu/cft/cft-display.html?cftId=", 0), 0u);
  }
}

TEST_F(GrantsTenders, KeepsEveryCutOffOfAMultiCutOffGrantInOrder) {
  const Record* charter = host.record("eu-ft:ERASMUS-EDU-2022-ECHE-CERT-FP");
  ASSERT_NE(charter, nullptr);
  EXPECT_EQ(charter->kind, "topic");
  EXPECT_EQ(charter->deadlines,
            (std::vector<std::string>{"2022-05-03T17:00:00+02:00", "2023-01-26T17:00:00+01:00",
                                      "2024-01-25T17:00:00+01:00", "2025-01-28T17:00:00+01:00",
                                      "2026-03-24T17:00:00+01:00"}));
  EXPECT_TRUE(charter->deadlinesTimeAssumed);
  EXPECT_EQ(charter->deadlinesRaw.front(), "1651536000000");
  ASSERT_TRUE(charter->opening.has_value());
  EXPECT_EQ(*charter->opening, "2022-02-23T00:00:00+01:00");
  EXPECT_TRUE(charter->openingTimeAssumed);
  EXPECT_EQ(charter->programme, "Erasmus+");
  EXPECT_EQ(charter->programmeCode, "ERASMUS");
  EXPECT_EQ(charter->callId, "ERASMUS-EDU-2022-ECHE-CERT");
  EXPECT_EQ(charter->url,
            "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/"
            "topic-details/ERASMUS-EDU-2022-ECHE-CERT-FP");
  EXPECT_EQ(charter->actionTypes, (std::vector<std::string>{"ERASMUS-CERT ERASMUS ECHE Charter"}));
  EXPECT_EQ(charter->sourceStatus, "open");
  EXPECT_FALSE(charter->budget.has_value());
  // The "latest information" notes are its only text, as plain text.
  EXPECT_NE(charter->text.find("559"), std::string::npos);
  EXPECT_EQ(charter->text.find('<'), std::string::npos);

  const Record* label = host.record("eu-ft:ESC-HUMAID-2021-QUAL-LABEL-FP");
  ASSERT_NE(label, nullptr);
  EXPECT_EQ(label->deadlines.size(), 8u);
  EXPECT_EQ(label->programme, "European Solidarity Corps");
  EXPECT_TRUE(std::is_sorted(label->deadlinesRaw.begin(), label->deadlinesRaw.end()));
}

TEST_F(GrantsTenders, ReadsTenderDeadlinesAsRealInstants) {
  const Record* pin = host.record("eu-ft:INTPA/2023/EA-RP/0177-PIN");
  ASSERT_NE(pin, nullptr);
  EXPECT_EQ(pin->deadlines, (std::vector<std::string>{"2024-09-28T23:59:00+02:00"}));
  EXPECT_FALSE(pin->deadlinesTimeAssumed);
  EXPECT_EQ(pin->deadlinesRaw, (std::vector<std::string>{"1727560740000"}));
  // A tender opens when it is published (a midnight-UTC day).
  ASSERT_TRUE(pin->opening.has_value());
  EXPECT_EQ(*pin->opening, "2023-10-03T00:00:00+02:00");
  EXPECT_FALSE(pin->summary.empty());
}

TEST_F(GrantsTenders, KeepsOnlyTwoLetterCountryCodesOfThePlacesOfDelivery) {
  EXPECT_EQ(host.record("eu-ft:NEAR/BEG/2023/EA-RP/0169")->eligibleCountries,
            (std::vector<std::string>{"RS"}));
  EXPECT_EQ(host.record("eu-ft:INTPA/ACC/2023/EA-RP/0171-PIN")->eligibleCountries,
            (std::vector<std::string>{"GH"}));
  EXPECT_TRUE(host.record("eu-ft:UCA 23/028")->eligibleCountries.empty()); // BE100, BE10 are NUTS codes
}

TEST_F(GrantsTenders, LeavesTendersWithoutDeadlinesUndated) {
  const Record* interpreting = host.record("eu-ft:UCA 23/028");
  ASSERT_NE(interpreting, nullptr);
  EXPECT_TRUE(interpreting->deadlines.empty());
  EXPECT_TRUE(interpreting->programme.empty());
}

} // namespace
} // namespace euft_test
