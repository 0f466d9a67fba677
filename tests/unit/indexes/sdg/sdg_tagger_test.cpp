// The shipped model (indexes/data/sdg-model.tsv) on texts whose goal is plain.
#include "convoca/index/sdg_tagger.h"

#include <algorithm>
#include <chrono>
#include <gtest/gtest.h>

namespace {

using convoca::index::SdgTagger;
using convoca::index::SdgText;

const char* kEnergyText =
    "The call supports renewable energy communities: solar photovoltaic panels on public buildings, "
    "energy efficiency retrofits and clean, affordable electricity for households in energy poverty.";

int bestGoal(const SdgText& text) {
  const auto scores = SdgTagger::builtin().scores(text);
  return static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin()) + 1;
}

bool mentions(const std::vector<std::string>& why, const std::string& word) {
  return std::any_of(why.begin(), why.end(),
                     [&](const std::string& w) { return w.find(word) != std::string::npos; });
}

} // namespace

TEST(SdgTagger, TagsAnEnergyTextWithGoal7AndSaysWhichWords) {
  const auto tags = SdgTagger::builtin().tag({kEnergyText, "en", ""});
  ASSERT_FALSE(tags.empty());
  EXPECT_EQ(tags.front().goal, 7);
  EXPECT_GT(tags.front().score, 0.3);
  EXPECT_LE(tags.front().why.size(), 6u);
  EXPECT_TRUE(mentions(tags.front().why, "energy") || mentions(tags.front().why, "solar"))
      << ::testing::PrintToString(tags.front().why);
  // Surface words, not stems.
  EXPECT_FALSE(mentions(tags.front().why, "energi")) << ::testing::PrintToString(tags.front().why);
  EXPECT_TRUE(SdgTagger::builtin().belongs({kEnergyText, "en", ""}, 7));
}

TEST(SdgTagger, TagsCatalanTextFromCatalanFeaturesWithoutTranslation) {
  const SdgText catalan{
      "Garantir l'accés universal a l'aigua potable i al sanejament, millorar la qualitat de "
      "l'aigua i reduir la contaminació de rius i aqüífers.",
      "ca", ""};
  EXPECT_EQ(bestGoal(catalan), 6);
  EXPECT_TRUE(SdgTagger::builtin().belongs(catalan, 6));
}

TEST(SdgTagger, TagsSpanishTextFromSpanishFeaturesWithoutTranslation) {
  const SdgText spanish{
      "Garantizar una educación inclusiva y de calidad: becas para que todos los niños y niñas "
      "terminen la enseñanza primaria y secundaria, y formación de docentes en las escuelas.",
      "es", ""};
  EXPECT_EQ(bestGoal(spanish), 4);
  EXPECT_TRUE(SdgTagger::builtin().belongs(spanish, 4));
}

TEST(SdgTagger, UsesTheEnglishTranslationWhenGiven) {
  const SdgText withTranslation{"Comunitats energètiques locals", "ca", kEnergyText};
  EXPECT_EQ(bestGoal(withTranslation), 7);
}

TEST(SdgTagger, TextWithoutKnownWordsScoresZeroEverywhere) {
  const auto scores = SdgTagger::builtin().scores({"", "en", ""});
  EXPECT_TRUE(std::all_of(scores.begin(), scores.end(), [](double s) { return s == 0; }));
  EXPECT_FALSE(SdgTagger::builtin().belongs({"xyzzy", "", ""}, 1));
  EXPECT_FALSE(SdgTagger::builtin().belongs({kEnergyText, "en", ""}, 18));
}

TEST(SdgTagger, TagsATwoKilobyteTextQuickly) {
  std::string text;
  while (text.size() < 2048) text += std::string(kEnergyText) + " ";
  const SdgTagger& tagger = SdgTagger::builtin();
  tagger.tag({text, "en", ""}); // warm up
  const auto start = std::chrono::steady_clock::now();
  constexpr int kRounds = 50;
  for (int i = 0; i < kRounds; ++i) tagger.tag({text, "en", ""});
  const auto perText = (std::chrono::steady_clock::now() - start) / kRounds;
  // Well under 1 ms in a release build; the bound leaves room for Debug and sanitizers.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::microseconds>(perText).count(), 20000);
}
