// Language identification with CLD2, and which language a text is analysed in.
#include "convoca/index/language.h"

#include <gtest/gtest.h>

namespace convoca::index {
namespace {

const std::string kCatalan =
    "L'Àrea Metropolitana de Barcelona impulsa projectes de cooperació internacional per al "
    "desenvolupament amb els municipis metropolitans, amb especial atenció a l'habitatge, la "
    "mobilitat sostenible i l'adaptació de les ciutats a l'emergència climàtica.";
const std::string kSpanish =
    "El Área Metropolitana de Barcelona impulsa proyectos de cooperación internacional para el "
    "desarrollo con los municipios metropolitanos, con especial atención a la vivienda, la "
    "movilidad sostenible y la adaptación de las ciudades a la emergencia climática.";
const std::string kEnglish =
    "The Barcelona Metropolitan Area promotes international development cooperation projects with "
    "the metropolitan municipalities, with particular attention to housing, sustainable mobility "
    "and the adaptation of cities to the climate emergency.";
const std::string kFrench =
    "L'Aire métropolitaine de Barcelone encourage des projets de coopération internationale pour le "
    "développement avec les communes métropolitaines, avec une attention particulière au logement, "
    "à la mobilité durable et à l'adaptation des villes à l'urgence climatique.";
// One sentence: enough for a guess, not enough to contradict a deliberate declaration.
const std::string kCatalanSentence =
    "Ajuts per a la rehabilitació energètica d'edificis residencials a l'àrea metropolitana";

TEST(Language, DetectsCatalanSpanishEnglishAndFrenchParagraphs) {
  EXPECT_EQ(detectLanguage(kCatalan), "ca");
  EXPECT_EQ(detectLanguage(kSpanish), "es");
  EXPECT_EQ(detectLanguage(kEnglish), "en");
  EXPECT_EQ(detectLanguage(kFrench), "fr");
}

TEST(Language, ThreeWordsAreNotEnoughToDetect) {
  EXPECT_EQ(detectLanguage("Habitatge social assequible"), std::nullopt);
  EXPECT_EQ(detectLanguage("Energy renovation buildings"), std::nullopt);
  EXPECT_EQ(detectLanguage(""), std::nullopt);
}

TEST(Language, ShortTextKeepsTheDeclaredLanguage) {
  // CLD2 calls these "reliable"; they are too short to trust.
  EXPECT_EQ(resolveLanguage("Habitatge social assequible", "es"), "es");
  EXPECT_EQ(resolveLanguage("Horizon Europe CL5 2024 D2 01", "fr"), "fr");
  EXPECT_EQ(resolveLanguage("Habitatge social assequible", ""), "");
}

TEST(Language, UndeclaredLanguageIsDetected) {
  EXPECT_EQ(resolveLanguage(kCatalan, ""), "ca");
  EXPECT_EQ(resolveLanguage(kFrench, "  "), "fr");
}

TEST(Language, AgreeingDeclarationStands) {
  EXPECT_EQ(resolveLanguage(kSpanish, "es"), "es");
}

TEST(Language, BlanketEnglishDeclarationGivesWayToOneSentence) {
  EXPECT_EQ(resolveLanguage(kCatalanSentence, "en"), "ca");
  EXPECT_EQ(resolveLanguage(kSpanish, "EN"), "es");
}

TEST(Language, DeliberateDeclarationGivesWayOnlyToAParagraph) {
  EXPECT_EQ(resolveLanguage(kCatalanSentence, "es"), "es");
  EXPECT_EQ(resolveLanguage(kCatalan, "es"), "ca");
  EXPECT_EQ(resolveLanguage(kFrench, "ca"), "fr");
}

TEST(Language, DeclaredLanguageStandsInAMixedText) {
  EXPECT_EQ(resolveLanguage(kCatalan + "\n" + kEnglish, "ca"), "ca");
  EXPECT_EQ(resolveLanguage(kCatalan + "\n" + kEnglish, "en"), "en");
}

TEST(Language, NormalisesDeclaredCodes) {
  EXPECT_EQ(normaliseLanguageCode("EN"), "en");
  EXPECT_EQ(normaliseLanguageCode("en-GB"), "en");
  EXPECT_EQ(normaliseLanguageCode("ca_ES"), "ca");
  EXPECT_EQ(normaliseLanguageCode("cat"), "ca");
  EXPECT_EQ(normaliseLanguageCode("spa"), "es");
  EXPECT_EQ(normaliseLanguageCode("fre"), "fr");
  EXPECT_EQ(normaliseLanguageCode("English"), "");
  EXPECT_EQ(normaliseLanguageCode("x1"), "");
  EXPECT_EQ(resolveLanguage("Tres paraules curtes", "cat"), "ca");
}

TEST(Language, InvalidUtf8DoesNotHideTheLanguage) {
  const std::string broken = kCatalan + "\xff\xfe" + " " + kCatalan;
  EXPECT_EQ(detectLanguage(broken), "ca");
}

TEST(Language, GuessReportsSharesOfAMixedText) {
  const LanguageGuess guess = guessLanguage(kCatalan + "\n" + kEnglish);
  ASSERT_GE(guess.shares.size(), 2u);
  EXPECT_TRUE(guess.reliable);
  EXPECT_GT(guess.textBytes, kMinDetectableTextBytes);
}

TEST(Language, StemmersExistForTheOfficesLanguages) {
  for (const char* code : {"ca", "es", "en", "fr", "it", "de", "pt"})
    EXPECT_TRUE(isSupportedStemLanguage(code)) << code;
  EXPECT_FALSE(isSupportedStemLanguage("eu"));
  EXPECT_FALSE(isSupportedStemLanguage(""));
  EXPECT_EQ(stemmerNameFor("ca"), "catalan");
  EXPECT_EQ(stemmerNameFor("xx"), "");
}

} // namespace
} // namespace convoca::index
