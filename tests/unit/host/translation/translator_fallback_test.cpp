// The Translator's process handling, delimiting, caching and fallbacks, run
// against fake pipelines (bash scripts in fake mode files), so they need no
// Apertium language pair.
#include "convoca/state/state_db.h"
#include "convoca/translation/state_db_cache.h"
#include "convoca/translation/translator.h"
#include "translation_test_support.h"

#include <Poco/SHA1Engine.h>
#include <chrono>
#include <csignal>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace convoca::translation {
namespace {

using testing::FakePipelineTest;
using testing::MemoryCache;
using testing::TranslationTest;
using namespace std::chrono_literals;

bool processExists(int pid) {
  return ::kill(pid, 0) == 0;
}

TEST_F(TranslationTest, RoutesEachLanguageThroughItsModes) {
  EXPECT_EQ(modesToEnglish("ca"), std::vector<std::string>{"cat-eng"});
  EXPECT_EQ(modesToEnglish("ca-ES"), std::vector<std::string>{"cat-eng"});
  EXPECT_EQ(modesToEnglish("ES"), std::vector<std::string>{"spa-eng"});
  EXPECT_EQ(modesToEnglish("fr"), (std::vector<std::string>{"fra-cat", "cat-eng"}));
  EXPECT_EQ(routeName(modesToEnglish("fr")), "fra-cat+cat-eng");
  EXPECT_TRUE(modesToEnglish("en").empty());
  EXPECT_TRUE(modesToEnglish("").empty());
  EXPECT_TRUE(modesToEnglish("de").empty());
}

TEST_F(FakePipelineTest, RoundTripsStreamFormatCharactersAndNewlines) {
  Translator translator(fakeOptions(), nullptr, *log_);
  const std::vector<std::string> texts = {"Cost [1,25 $] <b>x</b> ^a$ @b \\c d/e {f}",
                                          "first line\nsecond line\n\nthird", "same", "same", ""};
  EXPECT_EQ(translator.toEnglish("ca", texts),
            (std::vector<std::string>{texts[0], texts[1], "same", "same", ""}));
  EXPECT_EQ(translator.stats().translated, 4u);
}

TEST_F(FakePipelineTest, DropsControlCharactersAndCutsLongTextsAtAWord) {
  TranslationOptions options = fakeOptions();
  options.maxItemBytes = 1000;
  Translator translator(options, nullptr, *log_);
  EXPECT_EQ(translator.toEnglish("ca", std::string("a\x01"
                                                   "b\x7f c\r\nd\re\x00 f",
                                                   14)),
            "a b  c\nd\ne  f");

  std::string longText;
  while (longText.size() < 30000) longText += "paraula ";
  const std::string english = translator.toEnglish("ca", longText);
  EXPECT_LE(english.size(), 1000u);
  EXPECT_GT(english.size(), 900u);
  EXPECT_EQ(english.substr(english.size() - 7), "paraula");
}

TEST_F(FakePipelineTest, ComposesDecomposedAccentsAndCachesBothFormsAsOne) {
  MemoryCache cache;
  Translator translator(fakeOptions(), &cache, *log_);
  const std::string decomposed = "a\u0300 l'habitatge se\u0301rie";
  const std::string composed = "\u00e0 l'habitatge s\u00e9rie";
  EXPECT_EQ(translator.toEnglish("ca", decomposed), composed);
  EXPECT_EQ(translator.toEnglish("ca", composed), composed);
  EXPECT_EQ(translator.stats().translated, 1u);
  EXPECT_EQ(translator.stats().cached, 1u);
}

TEST_F(TranslationTest, LeavesEnglishAndLanguagesWithoutARouteEmpty) {
  Translator translator(fakeOptions(), nullptr, *log_);
  EXPECT_EQ(translator.toEnglish("en", std::vector<std::string>{"hello", "world"}),
            (std::vector<std::string>{"", ""}));
  EXPECT_EQ(translator.toEnglish("xx", "text"), "");
  EXPECT_FALSE(translator.available("en"));
  EXPECT_EQ(translator.stats().processStarts, 0u);
  EXPECT_TRUE(channel_->warningsContaining("").empty());
}

TEST_F(TranslationTest, DisabledTranslatorStartsNothingAndWarnsNothing) {
  TranslationOptions options = fakeOptions();
  options.enabled = false;
  Translator translator(options, nullptr, *log_);
  EXPECT_EQ(translator.toEnglish("ca", "hola"), "");
  EXPECT_FALSE(translator.available("ca"));
  EXPECT_TRUE(fakePids().empty());
  EXPECT_TRUE(channel_->warningsContaining("").empty());
}

TEST_F(FakePipelineTest, MovesABatchLargerThanThePipeBuffersWithoutDeadlock) {
  // cat answers as fast as it reads: had the Translator written the whole
  // batch before reading, both pipes would fill and neither side would move.
  TranslationOptions options;
  options.apertiumDataDir = fakeDataDir(script("cat-pipeline", "#!/bin/sh\nexec cat\n"), "cat-eng");
  options.batchBytes = 4 << 20;
  Translator translator(options, nullptr, *log_);
  std::vector<std::string> texts;
  for (int i = 0; i < 400; ++i) texts.push_back("text " + std::to_string(i) + " " + std::string(2500, 'x'));
  EXPECT_EQ(translator.toEnglish("ca", texts), texts);
  EXPECT_EQ(translator.stats().processStarts, 1u);
}

TEST_F(FakePipelineTest, SendsBatchAfterBatchToOneProcess) {
  TranslationOptions options = fakeOptions();
  options.batchBytes = 16;
  Translator translator(options, nullptr, *log_);
  std::vector<std::string> texts;
  for (int i = 0; i < 10; ++i) texts.push_back("text number " + std::to_string(i));
  EXPECT_EQ(translator.toEnglish("ca", texts), texts);
  EXPECT_EQ(translator.toEnglish("ca", "one more"), "one more");
  EXPECT_EQ(fakePids().size(), 1u);
}

TEST_F(FakePipelineTest, CloseEndsTheProcessesAndTheNextCallStartsThemAgain) {
  Translator translator(fakeOptions(), nullptr, *log_);
  EXPECT_EQ(translator.toEnglish("ca", "one"), "one");
  translator.close();
  ASSERT_EQ(fakePids().size(), 1u);
  EXPECT_FALSE(processExists(fakePids()[0]));
  EXPECT_EQ(translator.toEnglish("ca", "two"), "two");
  EXPECT_EQ(fakePids().size(), 2u);
}

TEST_F(FakePipelineTest, KillsAHangingApertiumAtTheTimeoutAndStartsAFreshOneNextCall) {
  Translator translator(fakeOptions(300ms), nullptr, *log_);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(translator.toEnglish("ca", std::vector<std::string>{"one", "HANG", "three"}),
            (std::vector<std::string>{"one", "", ""}));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_EQ(channel_->warningsContaining("timed out").size(), 1u);
  ASSERT_EQ(fakePids().size(), 1u);
  EXPECT_FALSE(processExists(fakePids()[0]));

  EXPECT_EQ(translator.toEnglish("ca", "four"), "four");
  EXPECT_EQ(translator.stats().processStarts, 2u);
  EXPECT_EQ(translator.stats().failed, 2u);
}

TEST_F(FakePipelineTest, StartsAFreshApertiumAfterOneDies) {
  Translator translator(fakeOptions(), nullptr, *log_);
  EXPECT_EQ(translator.toEnglish("ca", std::vector<std::string>{"a", "DIE", "b"}),
            (std::vector<std::string>{"a", "", ""}));
  EXPECT_EQ(channel_->warningsContaining("exited").size(), 1u);
  EXPECT_EQ(translator.toEnglish("ca", "c"), "c");
  EXPECT_EQ(translator.stats().processStarts, 2u);
}

TEST_F(FakePipelineTest, DiscardsABatchWhoseItemBoundariesWereLost) {
  Translator translator(fakeOptions(), nullptr, *log_);
  EXPECT_EQ(translator.toEnglish("ca", std::vector<std::string>{"x", "TWICE", "y"}),
            (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(channel_->warningsContaining("item boundaries").size(), 1u);
  EXPECT_EQ(translator.toEnglish("ca", "z"), "z");
}

TEST_F(FakePipelineTest, MissingPairGivesEmptyTextsAndOneWarning) {
  Translator translator(fakeOptions(), nullptr, *log_); // lists cat-eng only
  EXPECT_TRUE(translator.available("ca"));
  EXPECT_FALSE(translator.available("es"));
  EXPECT_FALSE(translator.available("fr"));
  EXPECT_EQ(translator.toEnglish("es", std::vector<std::string>{"hola", "adiós"}),
            (std::vector<std::string>{"", ""}));
  EXPECT_EQ(translator.toEnglish("es", "otra vez"), "");
  EXPECT_EQ(channel_->warningsContaining("spa-eng unavailable").size(), 1u);
  EXPECT_EQ(channel_->warningsContaining("fra-cat unavailable").size(), 1u);
  EXPECT_EQ(translator.stats().failed, 3u);
  EXPECT_EQ(translator.toEnglish("ca", "hola"), "hola");
}

TEST_F(TranslationTest, MissingApertiumGivesEmptyTextsAndOneWarningPerMode) {
  Translator translator(nothingInstalled(), nullptr, *log_);
  EXPECT_EQ(translator.toEnglish("ca", "hola"), "");
  EXPECT_EQ(translator.toEnglish("ca", "adéu"), "");
  EXPECT_EQ(translator.toEnglish("fr", "bonjour"), "");
  const auto warnings = channel_->warningsContaining("unavailable");
  ASSERT_EQ(warnings.size(), 2u); // cat-eng, then fra-cat (cat-eng was already said)
  EXPECT_NE(warnings[0].find("translation cat-eng unavailable: no "), std::string::npos);
  EXPECT_NE(warnings[0].find("modes/cat-eng.mode (Debian package apertium-eng-cat)"), std::string::npos);
  EXPECT_NE(warnings[1].find("translation fra-cat unavailable: "), std::string::npos);
  EXPECT_EQ(translator.stats().failed, 3u);
}

TEST_F(FakePipelineTest, PipelineThatCannotRunCountsAsFailedAndIsRetriedNextCall) {
  TranslationOptions options;
  options.apertiumDataDir = fakeDataDir((dir_ / "no-such-program").string(), "cat-eng");
  Translator translator(options, nullptr, *log_);
  EXPECT_TRUE(translator.available("ca"));
  EXPECT_EQ(translator.toEnglish("ca", "hola"), "");
  EXPECT_EQ(channel_->warningsContaining("exited: ").size(), 1u);
  EXPECT_EQ(translator.toEnglish("ca", "hola"), "");
  EXPECT_EQ(translator.stats().processStarts, 2u);
}

TEST_F(FakePipelineTest, SecondTranslatorAnswersFromTheCacheWithoutApertium) {
  MemoryCache cache;
  {
    Translator first(fakeOptions(), &cache, *log_);
    EXPECT_EQ(first.toEnglish("ca", std::vector<std::string>{"hola", "adéu"}),
              (std::vector<std::string>{"hola", "adéu"}));
  }
  EXPECT_EQ(cache.entries.size(), 2u);

  Translator second(nothingInstalled(), &cache, *log_);
  EXPECT_EQ(second.toEnglish("ca", std::vector<std::string>{"adéu", "hola"}),
            (std::vector<std::string>{"adéu", "hola"}));
  EXPECT_EQ(second.stats().cached, 2u);
  EXPECT_EQ(second.stats().processStarts, 0u);
  EXPECT_TRUE(channel_->warningsContaining("unavailable").empty());
  // The cache is per route: the same text in Spanish is not a Catalan hit.
  EXPECT_EQ(second.toEnglish("es", "hola"), "");
}

TEST_F(FakePipelineTest, KeepsWorkingWhenTheCacheFails) {
  struct BrokenCache : TranslationCache {
    std::map<std::string, std::string> lookup(const std::string&, const std::vector<std::string>&) override {
      throw std::runtime_error("disk on fire");
    }
    void store(const std::string&, const std::map<std::string, std::string>&) override {
      throw std::runtime_error("disk on fire");
    }
  } cache;
  Translator translator(fakeOptions(), &cache, *log_);
  EXPECT_EQ(translator.toEnglish("ca", "hola"), "hola");
  EXPECT_EQ(channel_->warningsContaining("disk on fire").size(), 2u);
}

TEST_F(FakePipelineTest, StateDbCacheKeepsTranslationsForTheNextTranslator) {
  state::StateDb db((dir_ / "state.db").string());
  StateDbTranslationCache cache(db);
  Translator(fakeOptions(), &cache, *log_).toEnglish("fr", std::vector<std::string>{"bonjour"});
  EXPECT_TRUE(fakePids().empty()) << "only cat-eng is installed, so French is not translated";
  EXPECT_EQ(Translator(fakeOptions(5000ms, "cat-eng fra-cat"), &cache, *log_).toEnglish("fr", "bonjour"),
            "bonjour");
  EXPECT_EQ(fakePids().size(), 2u) << "fra-cat, then cat-eng";

  Translator later(nothingInstalled(), &cache, *log_);
  EXPECT_EQ(later.toEnglish("fr", "bonjour"), "bonjour");
  EXPECT_EQ(later.stats().cached, 1u);
  Poco::SHA1Engine sha1;
  sha1.update(std::string("bonjour"));
  const std::string key = Poco::DigestEngine::digestToHex(sha1.digest());
  EXPECT_EQ(db.cachedTranslations("fra-cat+cat-eng", {key}),
            (std::map<std::string, std::string>{{key, "bonjour"}}));
}

} // namespace
} // namespace convoca::translation
