// parse() of RSS 2.0 feeds: ids, CDATA, entities, content:encoded, relative
// links, RFC 822 dates with named and numeric zones.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace feeds_test {
namespace {

const std::string kPayloads = std::string(CONVOCA_SOURCE_DIR) + "/fixtures/feeds/payloads/";

// Hash of the self link https://urbact.eu/calls/rss.xml (first 8 hex digits of its SHA-1).
const std::string kUrbact = "feeds:982368f1:";
const std::string kEui = "feeds:f23ad74b:";

// The emitted "published", as the host's record parser reads it (not the JSON bytes).
std::string publishedOf(const FakeHost& host, const std::string& id) {
  for (const auto& record : host.records())
    if (record.id == id) return record.published.value_or("");
  return "(no record)";
}

class UrbactRss : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(host.parse("urbact-calls.rss", readFile(kPayloads + "urbact-calls.rss")), CONVOCA_OK)
        << host.errorMessage();
    ASSERT_EQ(host.records().size(), 3u);
    ASSERT_TRUE(host.rejections().empty()) << host.rejections().front();
  }
  FakeHost host;
};

TEST_F(UrbactRss, KeepsAShortGuidAndHashesALongOne) {
  EXPECT_EQ(host.records()[0].id, kUrbact + "urbact-call-apn-2027");
  EXPECT_EQ(host.records()[1].id, kUrbact + "https://urbact.eu/events/summer-university-2026");
  EXPECT_EQ(host.records()[2].id, kUrbact + "138e8bff56652fcd");
}

TEST_F(UrbactRss, ResolvesRelativeLinksAgainstTheFeedUrl) {
  EXPECT_EQ(host.records()[0].url, "https://urbact.eu/calls/action-planning-networks-2027");
  EXPECT_EQ(host.records()[2].url, "https://urbact.eu/calls/expert-pool-2027");
  EXPECT_EQ(host.records()[0].documents,
            std::vector<std::string>{"https://urbact.eu/sites/default/files/apn-2027-application-form.docx"});
}

TEST_F(UrbactRss, TakesTextFromContentEncodedAndSummaryFromTheCdataDescription) {
  const auto& record = host.records()[0];
  EXPECT_EQ(record.summary,
            "URBACT IV opens its call for Action Planning Networks on green & inclusive cities.");
  EXPECT_NE(record.text.find("Who can apply?"), std::string::npos) << record.text;
  EXPECT_NE(record.text.find("metropolitan authorities"), std::string::npos) << record.text;
  EXPECT_NE(record.text.find("terms of reference & the"), std::string::npos) << record.text;
  EXPECT_EQ(record.text.find("trackVisit"), std::string::npos) << record.text;
  for (const auto& r : host.records()) {
    EXPECT_EQ(r.text.find('<'), std::string::npos) << r.id << ": " << r.text;
    EXPECT_EQ(r.summary.find("&amp;"), std::string::npos) << r.id;
  }
}

TEST_F(UrbactRss, DecodesEntitiesEscapedOnceOrTwice) {
  EXPECT_EQ(host.records()[2].title, "Call for URBACT experts & lead experts (pool 2027\xE2\x80\x93"
                                     "2029)");
  EXPECT_EQ(host.records()[1].summary,
            "Three days of workshops on participatory budgeting, housing & mobility in Barcelona.");
  EXPECT_EQ(host.records()[2].summary,
            "Experts in climate adaptation, social inclusion and digital transition are "
            "invited to join the pool.");
}

TEST_F(UrbactRss, ReadsRfc822DatesWithNamedZones) {
  EXPECT_EQ(publishedOf(host, kUrbact + "urbact-call-apn-2027"), "2026-11-10T16:00:00+01:00"); // CET
  EXPECT_EQ(publishedOf(host, host.records()[1].id), "2026-06-29T09:30:00+02:00");             // CEST
  EXPECT_EQ(publishedOf(host, kUrbact + "138e8bff56652fcd"), "2026-11-20T08:15:00+00:00");     // GMT
}

TEST_F(UrbactRss, TakesLanguageCategoriesAndDefaultKindFromTheFeed) {
  for (const auto& record : host.records()) {
    EXPECT_EQ(record.language, "en"); // <language>en-gb</language>
    EXPECT_EQ(record.kind, "call");
    EXPECT_TRUE(record.deadlines.empty()); // feeds carry no deadlines
    EXPECT_TRUE(record.programme.empty()); // not configured
  }
  EXPECT_EQ(host.records()[0].keywords,
            (std::vector<std::string>{"Action Planning Networks", "Call for proposals"}));
}

TEST_F(UrbactRss, GivesTheSameIdsOnEveryRun) {
  FakeHost again;
  ASSERT_EQ(again.parse("copy.xml", readFile(kPayloads + "urbact-calls.rss")), CONVOCA_OK);
  for (size_t i = 0; i < host.records().size(); ++i) EXPECT_EQ(again.records()[i].id, host.records()[i].id);
}

TEST(EuiRss, UsesTheLinkAsKeyWithoutGuidAndReadsNumericOrUtcZones) {
  FakeHost host;
  ASSERT_EQ(host.parse("eui-calls.rss", readFile(kPayloads + "eui-calls.rss")), CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 4u);
  // No guid: the link is the key, kept as is up to 64 characters, else hashed.
  const std::string first = kEui + "edd84b424fa23852"; // a 75-character link
  EXPECT_EQ(host.records()[0].id, first);
  EXPECT_EQ(host.records()[2].id, kEui + "https://www.urban-initiative.eu/news/peer-reviews-2026-results");
  EXPECT_EQ(publishedOf(host, first), "2026-11-02T12:00:00+01:00");
  EXPECT_EQ(host.records()[1].url, "https://www.urban-initiative.eu/capacity-building/city-city-exchanges");
  EXPECT_EQ(publishedOf(host, host.records()[1].id), "2026-10-14T10:00:00+00:00");
  EXPECT_EQ(publishedOf(host, host.records()[2].id), "2026-09-30T16:45:00+02:00"); // dc:date
  EXPECT_EQ(host.records()[3].id, kEui + "eui-news-2026-0612");
  EXPECT_EQ(host.records()[0].documents,
            std::vector<std::string>{"https://www.urban-initiative.eu/sites/default/files/2026-11/"
                                     "eui-ia-4th-call-terms-of-reference.pdf"});
  // &nbsp; inside CDATA is HTML, decoded by the host's converter.
  EXPECT_NE(host.records()[0].text.find("50 000 inhabitants"), std::string::npos) << host.records()[0].text;
}

TEST(EuiRss, MakesATitleFromTheDescriptionWhenTheItemHasNone) {
  FakeHost host;
  ASSERT_EQ(host.parse("eui-calls.rss", readFile(kPayloads + "eui-calls.rss")), CONVOCA_OK);
  EXPECT_EQ(host.records()[2].title,
            "Results of the 2026 peer reviews on urban regeneration in Southern European "
            "metropolitan areas are now available.");
}

TEST(RssOptions, AppliesKindLanguageAndProgrammeOptions) {
  FakeHost host;
  host.setOption("kind", "document");
  host.setOption("programme", "URBACT");
  host.setOption("programme_code", "URBACT");
  const std::string feed =
      R"(<rss version="2.0"><channel><title>x</title>)"
      R"(<item><title>Nota</title><link>https://example.org/a</link></item></channel></rss>)";
  host.setOption("language", "ca");
  ASSERT_EQ(host.parse("small.xml", feed), CONVOCA_OK) << host.errorMessage();
  ASSERT_EQ(host.records().size(), 1u);
  EXPECT_EQ(host.records()[0].kind, "document");
  EXPECT_EQ(host.records()[0].programme, "URBACT");
  EXPECT_EQ(host.records()[0].programmeCode, "URBACT");
  EXPECT_EQ(host.records()[0].language, "ca"); // the feed says nothing
  EXPECT_EQ(host.records()[0].id.rfind("feeds:", 0), 0u);
}

TEST(RssSafety, NeverExpandsExternalEntities) {
  FakeHost host;
  const std::string feed =
      R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>)"
      R"(<rss version="2.0"><channel><title>x</title><item><title>A &secret; B</title>)"
      R"(<link>https://example.org/a</link></item></channel></rss>)";
  host.parse("xxe.xml", feed);
  for (const auto& record : host.records()) EXPECT_EQ(record.title.find("root:"), std::string::npos);
}

} // namespace
} // namespace feeds_test
