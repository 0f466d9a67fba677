// The vocabulary compiled in from indexes/data/concepts.tsv.
#include "convoca/index/concepts.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace convoca::index {
namespace {

const ConceptVocabulary& vocabulary() {
  return ConceptVocabulary::builtin();
}

TEST(BuiltinVocabulary, HoldsTheDomainAtAUsefulSize) {
  EXPECT_GE(vocabulary().size(), 150u);
  EXPECT_LE(vocabulary().size(), 320u);
}

TEST(BuiltinVocabulary, EveryConceptHasASurfaceInCatalanSpanishEnglishAndFrench) {
  for (const std::string& id : vocabulary().conceptIds())
    for (const char* language : {"ca", "es", "en", "fr"})
      EXPECT_FALSE(vocabulary().surfaces(id, language).empty()) << id << " has no " << language << " surface";
}

TEST(BuiltinVocabulary, EverySurfaceFindsItsOwnConcept) {
  for (const std::string& id : vocabulary().conceptIds())
    for (const char* language : {"ca", "es", "en", "fr"})
      for (const std::string& surface : vocabulary().surfaces(id, language)) {
        const auto hits = vocabulary().find(surface, language);
        // A hit may leave out stopwords at either end ("at risk of poverty" is
        // found as "risk of poverty"), never run past the surface.
        const bool found = std::any_of(hits.begin(), hits.end(), [&](const ConceptHit& hit) {
          return hit.conceptId == id && hit.begin + hit.length <= surface.size();
        });
        EXPECT_TRUE(found) << id << " (" << language << "): \"" << surface << "\" does not find itself";
      }
}

TEST(BuiltinVocabulary, HasTheSeventeenGoals) {
  for (int goal = 1; goal <= 17; ++goal) {
    const std::string id = "sdg." + std::to_string(goal);
    const auto ids = vocabulary().conceptIds();
    EXPECT_TRUE(std::binary_search(ids.begin(), ids.end(), id)) << id;
    EXPECT_EQ(vocabulary().find("ODS " + std::to_string(goal), "ca").at(0).conceptId, id);
    EXPECT_EQ(vocabulary().find("SDG" + std::to_string(goal), "en").at(0).conceptId, id);
    EXPECT_EQ(vocabulary().find("ODD " + std::to_string(goal), "fr").at(0).conceptId, id);
  }
}

TEST(BuiltinVocabulary, FundsMatchByTheirAcronymsInEachLanguage) {
  EXPECT_EQ(vocabulary().find("FSE+", "ca").at(0).conceptId, "funding.esf");
  EXPECT_EQ(vocabulary().find("ESF+", "en").at(0).conceptId, "funding.esf");
  EXPECT_EQ(vocabulary().find("Interreg Euro-MED", "es").at(0).conceptId, "funding.interreg");
  EXPECT_EQ(vocabulary().find("Erasmus+", "fr").at(0).conceptId, "funding.erasmus");
  EXPECT_EQ(vocabulary().find("H2020", "en").at(0).conceptId, "funding.horizon");
}

TEST(BuiltinVocabulary, CatalanProfileAndEnglishCallShareConcepts) {
  const std::string profile =
      "Projecció internacional de l'AMB: cooperació descentralitzada amb ciutats de la Mediterrània en "
      "adaptació al canvi climàtic, refugis climàtics i renaturalització dels espais públics, amb "
      "perspectiva de gènere i participació ciutadana.";
  const std::string call =
      "This call supports decentralised cooperation between local authorities in the Mediterranean on "
      "climate adaptation, climate shelters and urban greening of public spaces, with gender "
      "mainstreaming and citizen participation.";
  auto ids = [](const std::vector<ConceptHit>& hits) {
    std::vector<std::string> out;
    for (const auto& hit : hits) out.push_back(hit.conceptId);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  const auto fromProfile = ids(vocabulary().find(profile, "ca"));
  const auto fromCall = ids(vocabulary().find(call, "en"));
  std::vector<std::string> shared;
  std::set_intersection(fromProfile.begin(), fromProfile.end(), fromCall.begin(), fromCall.end(),
                        std::back_inserter(shared));
  for (const char* id :
       {"cooperation.decentralised", "region.mediterranean", "climate.adaptation", "climate.shelters",
        "climate.greening", "urban.public_space", "gender", "governance.participation"})
    EXPECT_TRUE(std::binary_search(shared.begin(), shared.end(), id)) << id;
}

} // namespace
} // namespace convoca::index
