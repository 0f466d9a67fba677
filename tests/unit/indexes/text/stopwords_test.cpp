// The stopword lists of indexes/data/stopwords, compiled in.
#include "convoca/index/language.h"

#include <gtest/gtest.h>

namespace convoca::index {
namespace {

TEST(Stopwords, CatalanArticlesContractionsAndElisionsAreStopwords) {
  const auto& ca = stopwordsFor("ca");
  for (const char* word : {"de",  "la",   "el", "els", "les",           "dels", "del", "al", "als",
                           "pel", "pels", "l'", "l",   "l\xE2\x80\x99", "d'",   "d",   "s'", "n'",
                           "qu'", "ho",   "hi", "amb", "per",           "i",    "que", "és", "són",
                           "ha",  "han",  "va", "més"})
    EXPECT_TRUE(ca.count(word)) << word;
}

TEST(Stopwords, FrenchElisionsAreStopwordsWithEitherApostrophe) {
  const auto& fr = stopwordsFor("fr");
  for (const char* word :
       {"l'", "l", "l\xE2\x80\x99", "d'", "qu'", "qu", "jusqu'", "jusqu", "des", "du", "aux"})
    EXPECT_TRUE(fr.count(word)) << word;
}

TEST(Stopwords, ContractionPiecesAreEnglishStopwords) {
  const auto& en = stopwordsFor("en");
  for (const char* word : {"the", "of", "and", "s", "t", "don"}) EXPECT_TRUE(en.count(word)) << word;
  EXPECT_FALSE(en.count("being")) << "well-being keeps both halves";
}

TEST(Stopwords, FundingVocabularyIsNeverAStopword) {
  for (const char* word : {"convocatòria", "ajut", "ajuts", "subvenció", "projecte", "termini"})
    EXPECT_FALSE(stopwordsFor("ca").count(word)) << word;
  for (const char* word : {"convocatoria", "ayuda", "subvención", "plazo", "estado"})
    EXPECT_FALSE(stopwordsFor("es").count(word)) << word;
  for (const char* word : {"call", "grant", "deadline", "funding"})
    EXPECT_FALSE(stopwordsFor("en").count(word)) << word;
  for (const char* word : {"appel", "subvention", "être"})
    EXPECT_FALSE(stopwordsFor("fr").count(word)) << word;
}

TEST(Stopwords, AccentsKeepCatalanWordsApart) {
  const auto& ca = stopwordsFor("ca");
  EXPECT_TRUE(ca.count("més"));
  EXPECT_FALSE(ca.count("mes")) << "month";
  EXPECT_TRUE(ca.count("són"));
  EXPECT_FALSE(ca.count("son")) << "sleep";
  EXPECT_FALSE(ca.count("estat")) << "state, as in estat de dret";
  EXPECT_FALSE(ca.count("ens")) << "a public body, as in ens local";
}

TEST(Stopwords, EveryListIsSubstantial) {
  for (const char* code : {"ca", "es", "en", "fr"}) EXPECT_GT(stopwordsFor(code).size(), 150u) << code;
}

TEST(Stopwords, OtherLanguagesHaveNone) {
  EXPECT_TRUE(stopwordsFor("de").empty());
  EXPECT_TRUE(stopwordsFor("").empty());
}

} // namespace
} // namespace convoca::index
