// The Translator against the real Apertium pairs; skipped (visibly) where
// Apertium is not installed.
#include "convoca/translation/translator.h"
#include "translation_test_support.h"

#include <gtest/gtest.h>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace convoca::translation {
namespace {

// One Translator for the suite, since each Apertium pipeline takes 1-2 s to start.
class ApertiumTest : public testing::TranslationTest {
protected:
  static void SetUpTestSuite() {
    if (!testing::whyNoApertium().empty()) return;
    Poco::Logger& log = Poco::Logger::get("translation-test.ApertiumTest");
    log.setChannel(suiteChannel_);
    shared_ = std::make_unique<Translator>(TranslationOptions{}, nullptr, log);
  }
  static void TearDownTestSuite() { shared_.reset(); }

  void SetUp() override {
    TranslationTest::SetUp();
    const std::string why = testing::whyNoApertium();
    if (!why.empty()) GTEST_SKIP() << why;
  }

  Translator& translator() { return *shared_; }

  static std::unique_ptr<Translator> shared_;
  static Poco::AutoPtr<testing::RecordingChannel> suiteChannel_;
};

std::unique_ptr<Translator> ApertiumTest::shared_;
Poco::AutoPtr<testing::RecordingChannel> ApertiumTest::suiteChannel_{new testing::RecordingChannel};

::testing::AssertionResult containsAll(const std::string& text, const std::vector<std::string>& parts) {
  for (const std::string& part : parts)
    if (text.find(part) == std::string::npos)
      return ::testing::AssertionFailure() << "\"" << part << "\" missing from \"" << text << "\"";
  return ::testing::AssertionSuccess();
}

TEST_F(ApertiumTest, TranslatesCatalanIntoEnglish) {
  ASSERT_TRUE(translator().available("ca"));
  const std::string english = translator().toEnglish(
      "ca", "Les entitats locals poden sol·licitar subvencions per a la mobilitat sostenible i "
            "l'adaptació al canvi climàtic.");
  // Apertium says "climatic change"; the English stemmer makes it meet "climate change".
  EXPECT_TRUE(
      containsAll(english, {"local entities", "subsidies", "sustainable mobility", "climatic change"}));
  EXPECT_EQ(english.find('*'), std::string::npos) << "unknown-word marks are hidden (-u)";
}

TEST_F(ApertiumTest, TranslatesSpanishIntoEnglish) {
  EXPECT_TRUE(containsAll(translator().toEnglish("es", "Las entidades locales pueden solicitar subvenciones "
                                                       "para la movilidad sostenible y la vivienda social."),
                          {"local entities", "sustainable mobility", "social"}));
}

TEST_F(ApertiumTest, TranslatesFrenchThroughCatalan) {
  ASSERT_TRUE(translator().available("fr"));
  EXPECT_TRUE(
      containsAll(translator().toEnglish("fr", "Les collectivités locales peuvent demander des "
                                               "subventions pour la mobilité urbaine et le logement social."),
                  {"local entities", "subsidies", "urban mobility"}));
}

TEST_F(ApertiumTest, KeepsOrderAndItemBoundariesInABatchOfFifty) {
  const TranslationStats before = translator().stats();
  std::vector<std::string> texts;
  for (int i = 0; i < 50; ++i) {
    const std::string number = std::to_string(1000 + 7 * i);
    texts.push_back(i % 5 == 0 ? "Projecte " + number + ".\nHabitatge social a la ciutat " + number + "."
                               : "El projecte " + number + " finança la mobilitat sostenible.");
  }
  const std::vector<std::string> english = translator().toEnglish("ca", texts);
  ASSERT_EQ(english.size(), texts.size());
  const std::regex number("\\b1[0-9]{3}\\b");
  for (int i = 0; i < 50; ++i) {
    const std::string expected = std::to_string(1000 + 7 * i);
    for (std::sregex_iterator it(english[i].begin(), english[i].end(), number), end; it != end; ++it)
      EXPECT_EQ(it->str(), expected) << "text " << i << ": " << english[i];
    EXPECT_NE(english[i].find(expected), std::string::npos) << "text " << i << ": " << english[i];
    EXPECT_EQ(english[i].find('\n') != std::string::npos, i % 5 == 0) << "text " << i << ": " << english[i];
  }
  EXPECT_EQ(translator().stats().translated - before.translated, 50u);
}

TEST_F(ApertiumTest, KeepsOneProcessPerModeAcrossCalls) {
  EXPECT_TRUE(containsAll(translator().toEnglish("ca", "L'habitatge social."), {"social"}));
  const size_t started = translator().stats().processStarts;
  const auto english =
      translator().toEnglish("ca", std::vector<std::string>{"La igualtat de gènere.",
                                                            "La cooperació internacional.", "Aigua neta."});
  EXPECT_TRUE(containsAll(english[0], {"equality"}));
  EXPECT_TRUE(containsAll(english[1], {"international cooperation"}));
  EXPECT_TRUE(containsAll(english[2], {"water"}));
  EXPECT_EQ(translator().stats().processStarts, started);
}

TEST_F(ApertiumTest, KeepsMarkupCharactersAsText) {
  const auto english = translator().toEnglish(
      "ca", std::vector<std::string>{"Pressupost <b>1.000 $</b> per a l'any {2025} ^ @ \\ [x] a/b",
                                     "Acaba en circumflex ^", "^"});
  EXPECT_TRUE(containsAll(english[0], {"<b>1.000 $</b>", "{2025}", "^ @ \\ [", "]"}));
  // A trailing caret would swallow the item boundary in lttoolbox 3.7: it is dropped.
  EXPECT_TRUE(containsAll(english[1], {"circumflex"}));
  EXPECT_EQ(english[2], "");
  EXPECT_TRUE(suiteChannel_->warningsContaining("").empty());
}

} // namespace
} // namespace convoca::translation
