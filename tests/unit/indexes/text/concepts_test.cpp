// Finding concepts in text: stems, phrases, exact acronyms, longest match,
// byte ranges, and the vocabulary format's errors.
#include "convoca/index/concepts.h"

#include <algorithm>
#include <chrono>
#include <gtest/gtest.h>
#include <stdexcept>
#include <thread>

namespace convoca::index {
namespace {

const ConceptVocabulary& builtin() {
  return ConceptVocabulary::builtin();
}

std::vector<std::string> idsIn(const std::vector<ConceptHit>& hits) {
  std::vector<std::string> ids;
  for (const ConceptHit& hit : hits) ids.push_back(hit.conceptId);
  return ids;
}

bool mentions(const std::vector<ConceptHit>& hits, const std::string& id) {
  return std::any_of(hits.begin(), hits.end(), [&](const ConceptHit& h) { return h.conceptId == id; });
}

// A small vocabulary whose behaviour the tests can reason about.
const char* const kSmallVocabulary =
    "# test vocabulary\n"
    "energy\tca\tenergia\n"
    "energy.renewables\tca\tenergia renovable | energies renovables\tteam\n"
    "energy.renovation\tca\trehabilitació energètica | rehabilitació energètica d'edificis\n"
    "housing\tca\thabitatge\n"
    "housing.social\tca\thabitatge social\n"
    "sdg.11\tca\tODS 11\n"
    "urban\tca\tciutats sostenibles\n"
    "sdg.11\tca\tciutats sostenibles\n"
    "funding.erdf\tca\t=FEDER\n"
    "funding.esf\tca\t=FSE+\n"
    "org.amb\tca\t=AMB\n"
    "digital.ai\tca\tintel·ligència artificial | =IA\n";

TEST(Concepts, SameConceptFromCatalanSpanishEnglishAndFrench) {
  const std::pair<const char*, const char*> phrases[] = {
      {"Ajuts per a la rehabilitació energètica d'edificis", "ca"},
      {"Ayudas para la rehabilitación energética de edificios", "es"},
      {"Support for the energy renovation of buildings", "en"},
      {"Aides à la rénovation énergétique des bâtiments", "fr"},
  };
  for (const auto& [text, language] : phrases) {
    const auto hits = builtin().find(text, language);
    EXPECT_TRUE(mentions(hits, "energy.renovation")) << language << ": " << text;
  }
}

TEST(Concepts, PluralAndInflectedFormsMatch) {
  EXPECT_TRUE(mentions(builtin().find("Nous habitatges socials a Badalona", "ca"), "housing.social"));
  EXPECT_TRUE(mentions(builtin().find("HABITATGE SOCIAL", "ca"), "housing.social"));
  EXPECT_TRUE(mentions(builtin().find("construcción de viviendas sociales", "es"), "housing.social"));
  EXPECT_TRUE(mentions(builtin().find("more social housing units", "en"), "housing.social"));
  EXPECT_TRUE(mentions(builtin().find("des logements sociaux", "fr"), "housing.social"));
  EXPECT_TRUE(mentions(builtin().find("Ciudades sostenibles", "es"), "sdg.11") ||
              mentions(builtin().find("Ciudades y comunidades sostenibles", "es"), "sdg.11"));
  EXPECT_TRUE(mentions(builtin().find("comunitats energètiques locals", "ca"), "energy.communities"));
}

TEST(Concepts, DeepStemsDoNotJoinUnrelatedWords) {
  // Catalan stems habitatge, habitants and hàbitat alike (hab).
  EXPECT_FALSE(mentions(builtin().find("Els habitants dels hàbitats naturals", "ca"), "housing"));
  EXPECT_FALSE(mentions(builtin().find("Les cooperatives agràries", "ca"), "cooperation"));
  EXPECT_FALSE(mentions(builtin().find("Volem ajudar les famílies i donar suport", "ca"), "funding.grant"));
  EXPECT_FALSE(mentions(builtin().find("Volem ajudar les famílies i donar suport", "ca"), "gender.women"));
  EXPECT_FALSE(mentions(builtin().find("para ayudar a las familias", "es"), "funding.grant"));
  EXPECT_TRUE(mentions(builtin().find("Ajuts per a famílies", "ca"), "funding.grant"));
}

TEST(Concepts, AccentsCaseAndApostrophesAreFolded) {
  const auto vocabulary = ConceptVocabulary::parse(kSmallVocabulary);
  EXPECT_EQ(idsIn(vocabulary.find("REHABILITACIO ENERGETICA D’EDIFICIS", "ca")),
            std::vector<std::string>{"energy.renovation"});
  EXPECT_EQ(idsIn(vocabulary.find("Intel·ligència Artificial", "ca")),
            std::vector<std::string>{"digital.ai"});
  EXPECT_EQ(idsIn(vocabulary.find("inte\xC5\x80ligència artificial", "ca")),
            std::vector<std::string>{"digital.ai"})
      << "ŀl, the one-character spelling";
}

TEST(Concepts, AcronymsMatchOnlyAsWritten) {
  for (const char* language : {"ca", "es", "fr"}) {
    EXPECT_EQ(idsIn(builtin().find("Projecte cofinançat pel FEDER", language)).back(), "funding.erdf")
        << language;
  }
  EXPECT_TRUE(mentions(builtin().find("co-funded by the ERDF", "en"), "funding.erdf"));
  EXPECT_FALSE(mentions(builtin().find("Federico feder federal", "ca"), "funding.erdf"));
  const auto vocabulary = ConceptVocabulary::parse(kSmallVocabulary);
  EXPECT_EQ(idsIn(vocabulary.find("Fons FSE+ 2021-2027", "ca")), std::vector<std::string>{"funding.esf"});
  EXPECT_TRUE(vocabulary.find("Fons FSE 2021-2027", "ca").empty()) << "FSE is not FSE+";
  EXPECT_EQ(idsIn(vocabulary.find("Projectes amb l'AMB", "ca")), std::vector<std::string>{"org.amb"});
  EXPECT_TRUE(vocabulary.find("projectes amb impacte", "ca").empty());
}

TEST(Concepts, AcronymInsideCapitalisedTitleIsAWord) {
  const auto vocabulary = ConceptVocabulary::parse(kSmallVocabulary);
  EXPECT_TRUE(vocabulary.find("PROJECTES AMB IMPACTE SOCIAL", "ca").empty());
  EXPECT_EQ(idsIn(vocabulary.find("FEDER FSE+ AMB", "ca")),
            (std::vector<std::string>{"funding.erdf", "funding.esf", "org.amb"}));
}

TEST(Concepts, LongestMatchWins) {
  const auto vocabulary = ConceptVocabulary::parse(kSmallVocabulary);
  EXPECT_EQ(idsIn(vocabulary.find("energia renovable", "ca")), std::vector<std::string>{"energy.renewables"});
  EXPECT_EQ(idsIn(vocabulary.find("habitatge social i energia", "ca")),
            (std::vector<std::string>{"housing.social", "energy"}));
  EXPECT_EQ(idsIn(vocabulary.find("rehabilitació energètica d'edificis", "ca")),
            std::vector<std::string>{"energy.renovation"});
}

TEST(Concepts, SameWordsForTwoConceptsGiveBoth) {
  const auto vocabulary = ConceptVocabulary::parse(kSmallVocabulary);
  EXPECT_EQ(idsIn(vocabulary.find("Ciutats sostenibles", "ca")),
            (std::vector<std::string>{"sdg.11", "urban"}));
}

TEST(Concepts, ByteRangesPointAtTheWords) {
  const auto vocabulary = ConceptVocabulary::parse(kSmallVocabulary);
  const std::string text =
      "Ajuts per a la rehabilitació energètica dels edificis públics. Habitatges socials!";
  const auto hits = vocabulary.find(text, "ca");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].conceptId, "energy.renovation");
  EXPECT_EQ(hits[0].surface, "rehabilitació energètica dels edificis")
      << "stopwords inside a phrase are skipped";
  EXPECT_EQ(hits[0].begin, text.find("rehabilitació"));
  EXPECT_EQ(text.substr(hits[0].begin, hits[0].length), hits[0].surface);
  EXPECT_EQ(hits[1].conceptId, "housing.social");
  EXPECT_EQ(hits[1].surface, "Habitatges socials");
  EXPECT_EQ(hits[1].begin, text.find("Habitatges"));
}

TEST(Concepts, PhrasesDoNotRunAcrossSentences) {
  const auto vocabulary = ConceptVocabulary::parse(kSmallVocabulary);
  EXPECT_EQ(idsIn(vocabulary.find("Rehabilitació energètica. Edificis nous", "ca")),
            std::vector<std::string>{"energy.renovation"});
  EXPECT_EQ(vocabulary.find("Rehabilitació energètica. Edificis nous", "ca")[0].surface,
            "Rehabilitació energètica");
  EXPECT_EQ(idsIn(vocabulary.find("habitatge\nsocial", "ca")), std::vector<std::string>{"housing"});
}

TEST(Concepts, CodesWithNumbersMatchWrittenEitherWay) {
  const auto vocabulary = ConceptVocabulary::parse(kSmallVocabulary);
  for (const char* text : {"ODS 11", "ODS11", "l'ods-11"})
    EXPECT_EQ(idsIn(vocabulary.find(text, "ca")), std::vector<std::string>{"sdg.11"}) << text;
  EXPECT_TRUE(vocabulary.find("ODS 1", "ca").empty());
}

TEST(Concepts, EmptyLanguageTriesEveryLanguage) {
  const auto hits = builtin().find("Social housing and rehabilitación energética", "");
  EXPECT_TRUE(mentions(hits, "housing.social"));
  EXPECT_TRUE(mentions(hits, "energy.renovation"));
}

TEST(Concepts, UnknownLanguageGetsOnlyAcronyms) {
  const auto hits = builtin().find("Sozialer Wohnungsbau mit FEDER und social housing", "de");
  EXPECT_EQ(idsIn(hits), std::vector<std::string>{"funding.erdf"});
}

TEST(Concepts, LabelsComeFromTheFirstSurface) {
  const auto vocabulary =
      ConceptVocabulary::parse(kSmallVocabulary + std::string("energy.renovation\ten\tEnergy renovation\n"));
  EXPECT_EQ(vocabulary.label("energy.renovation", "ca"), "rehabilitació energètica");
  EXPECT_EQ(vocabulary.label("energy.renovation", "en"), "Energy renovation");
  EXPECT_EQ(vocabulary.label("energy.renovation", "fr"), "Energy renovation")
      << "English when French is missing";
  EXPECT_EQ(vocabulary.label("housing", "fr"), "habitatge") << "any language when English is missing too";
  EXPECT_EQ(vocabulary.label("funding.erdf", "ca"), "FEDER");
  EXPECT_EQ(vocabulary.label("no.such", "ca"), "");
  EXPECT_EQ(builtin().label("energy.renovation", "ca"), "Rehabilitació energètica");
  EXPECT_EQ(builtin().label("funding.erdf", "en"), "ERDF");
}

TEST(Concepts, BroaderConceptIsTheNearestDottedPrefix) {
  const auto vocabulary = ConceptVocabulary::parse(kSmallVocabulary);
  EXPECT_EQ(vocabulary.broader("energy.renewables"), "energy");
  EXPECT_EQ(vocabulary.broader("energy"), "");
  EXPECT_EQ(vocabulary.broader("sdg.11"), "") << "no concept named sdg here";
  EXPECT_EQ(builtin().broader("sdg.11"), "sdg");
  EXPECT_EQ(builtin().broader("climate.adaptation"), "climate");
}

TEST(Concepts, MalformedLineIsReportedWithItsNumber) {
  auto messageFor = [](const std::string& tsv) -> std::string {
    try {
      ConceptVocabulary::parse(tsv);
    } catch (const std::invalid_argument& error) {
      return error.what();
    }
    return "";
  };
  EXPECT_NE(messageFor("# comment\n\nenergy\tca\n").find("line 3"), std::string::npos);
  EXPECT_NE(messageFor("energy\tca\tenergia\nEnergy!\tca\tenergia\n").find("line 2"), std::string::npos);
  EXPECT_NE(messageFor("energy\tcat\tenergia\n").find("line 1"), std::string::npos);
  EXPECT_NE(messageFor("energy\tca\tenergia |  | calor\n").find("empty surface"), std::string::npos);
  EXPECT_NE(messageFor("energy\tca\tde la\n").find("stopword"), std::string::npos);
  EXPECT_NE(messageFor("energy\tca\tenergia\tsomewhere\n").find("unknown source"), std::string::npos);
  EXPECT_NE(messageFor("energy\tca\tenergia\nenergy\tca\tenergia\n").find("line 2"), std::string::npos);
  EXPECT_NE(messageFor("energy\tca\tenergia. calor\n").find("punctuation"), std::string::npos);
  EXPECT_NE(messageFor("a\tb\tc\td\te\n").find("line 1"), std::string::npos);
  EXPECT_EQ(messageFor(kSmallVocabulary), "");
}

TEST(Concepts, FindFromSeveralThreadsAgrees) {
  const std::string text = "Rehabilitació energètica d'habitatges socials amb fons FEDER i FSE+ a l'AMB.";
  const auto expected = idsIn(builtin().find(text, "ca"));
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results)
    threads.emplace_back([&text, &result] {
      for (int i = 0; i < 50; ++i) result = idsIn(builtin().find(text, "ca"));
    });
  for (auto& thread : threads) thread.join();
  for (const auto& result : results) EXPECT_EQ(result, expected);
  EXPECT_GE(expected.size(), 4u);
}

TEST(Concepts, FindIsFastOnARecordSizedText) {
  std::string text;
  while (text.size() < 2048)
    text += "La convocatòria finança projectes de rehabilitació energètica d'edificis públics, "
            "habitatge social i mobilitat sostenible a l'àrea metropolitana, amb fons FEDER. ";
  builtin().find(text, "ca"); // the vocabulary is parsed on first use
  constexpr int kRuns = 50;
  const auto start = std::chrono::steady_clock::now();
  size_t hits = 0;
  for (int i = 0; i < kRuns; ++i) hits += builtin().find(text, "ca").size();
  const auto perCall = (std::chrono::steady_clock::now() - start) / kRuns;
  EXPECT_GT(hits, 0u);
  // Release builds take a fraction of a millisecond; the bound leaves room for
  // Debug builds and sanitizers on a busy machine.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::microseconds>(perCall).count(), 10000);
  RecordProperty("find_microseconds",
                 static_cast<int>(std::chrono::duration_cast<std::chrono::microseconds>(perCall).count()));
}

} // namespace
} // namespace convoca::index
