// parse() of Atom 1.0: xml:base and xml:lang, text constructs (text, html,
// xhtml), published/updated in RFC 3339, enclosures.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace feeds_test {
namespace {

const std::string kPayloads = std::string(CONVOCA_SOURCE_DIR) + "/fixtures/feeds/payloads/";
const std::string kInterreg = "feeds:903e53dc:"; // self link https://www.interregeurope.eu/feeds/news.atom

class InterregAtom : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(host.parse("interreg-europe-news.atom", readFile(kPayloads + "interreg-europe-news.atom")),
              CONVOCA_OK)
        << host.errorMessage();
    ASSERT_EQ(host.records().size(), 3u);
    ASSERT_TRUE(host.rejections().empty()) << host.rejections().front();
  }
  // The emitted "published", as the host's record parser reads it (not the JSON bytes).
  std::string published(size_t i) const { return host.records().at(i).published.value_or(""); }
  FakeHost host;
};

TEST_F(InterregAtom, UsesTheEntryIdHashedWhenLong) {
  EXPECT_EQ(host.records()[0].id, kInterreg + "tag:interregeurope.eu,2026:news/fifth-call");
  EXPECT_EQ(host.records()[1].id, kInterreg + "tag:interregeurope.eu,2026:news/webinaire-candidature");
  const std::string& third = host.records()[2].id; // an 84-character id
  EXPECT_EQ(third.size(), kInterreg.size() + 16);
}

TEST_F(InterregAtom, ResolvesLinksAgainstNestedXmlBase) {
  EXPECT_EQ(host.records()[0].url,
            "https://www.interregeurope.eu/news-and-events/news/fifth-call-for-project-proposals");
  EXPECT_EQ(host.records()[1].url, "https://www.interregeurope.eu/fr/actualites/webinaire-candidature");
  EXPECT_EQ(host.records()[0].documents,
            std::vector<std::string>{
                "https://www.interregeurope.eu/sites/default/files/2026-11/fifth-call-programme-manual.pdf"});
}

TEST_F(InterregAtom, TurnsHtmlAndXhtmlConstructsIntoText) {
  EXPECT_EQ(host.records()[0].title,
            "Fifth call for project proposals: regional policy for a greener Europe");
  EXPECT_EQ(host.records()[0].summary,
            "Public authorities can apply for interregional cooperation projects until spring 2027.");
  EXPECT_NE(host.records()[0].text.find("The fifth call targets smarter, greener & more social regions."),
            std::string::npos)
      << host.records()[0].text;
  EXPECT_NE(host.records()[0].text.find("Budget: EUR 80 million"), std::string::npos);
  EXPECT_NE(host.records()[1].text.find("Inscrivez-vous au webinaire du 3 décembre."), std::string::npos)
      << host.records()[1].text;
  EXPECT_NE(host.records()[1].text.find("Questions & réponses en direct."), std::string::npos);
  for (const auto& record : host.records()) {
    EXPECT_EQ(record.text.find('<'), std::string::npos) << record.id;
    EXPECT_EQ(record.title.find('<'), std::string::npos) << record.id;
  }
}

TEST_F(InterregAtom, TakesTheLanguageFromXmlLang) {
  EXPECT_EQ(host.records()[0].language, "en");
  EXPECT_EQ(host.records()[1].language, "fr");
}

TEST_F(InterregAtom, PrefersPublishedOverUpdatedAndKeepsTheOffset) {
  EXPECT_EQ(published(0), "2026-11-02T09:00:00+01:00");
  EXPECT_EQ(published(1), "2026-07-15T14:00:00+00:00");
  EXPECT_EQ(published(2), "2026-10-21T11:00:00+02:00");
}

TEST_F(InterregAtom, KeepsCategoryLabels) {
  EXPECT_EQ(host.records()[0].keywords, std::vector<std::string>{"Calls for proposals"});
}

} // namespace
} // namespace feeds_test
