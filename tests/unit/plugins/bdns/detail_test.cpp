// parse() on BDNS detail payloads and search pages.
#include "fake_host.h"

#include <gtest/gtest.h>

namespace bdns_test {
namespace {

const std::string kPayloads = std::string(CONVOCA_SOURCE_DIR) + "/fixtures/bdns/payloads/";
const std::string kLegalEntities = "PERSONAS JURÍDICAS QUE NO DESARROLLAN ACTIVIDAD ECONÓMICA";

const convoca::index::Record* parsed(FakeHost& host, const std::string& file) {
  EXPECT_EQ(host.parse(file, readFile(kPayloads + file)), CONVOCA_OK) << host.errorMessage();
  EXPECT_EQ(host.records().size(), 1u) << file;
  EXPECT_TRUE(host.rejections().empty()) << file;
  return host.records().empty() ? nullptr : &host.records().front();
}

TEST(Detail, KeepsBothTitlesTheMadridEndOfDayDeadlineBudgetAndRegion) {
  FakeHost host;
  const auto* amb = parsed(host, "detail-amb-cooperacio.json");
  ASSERT_TRUE(amb);
  EXPECT_EQ(amb->id, "bdns:893410");
  EXPECT_EQ(amb->source, "bdns");
  EXPECT_EQ(amb->kind, "call");
  EXPECT_EQ(amb->callId, "893410");
  EXPECT_EQ(amb->title, "Subvenciones para proyectos de cooperación internacional para el desarrollo y de "
                        "educación para la ciudadanía global 2027");
  EXPECT_EQ(amb->summary, "Subvencions per a projectes de cooperació internacional per al desenvolupament i "
                          "d'educació per a la ciutadania global 2027");
  EXPECT_NE(amb->text.find(amb->summary), std::string::npos) << amb->text;
  EXPECT_EQ(amb->language, "es");
  EXPECT_EQ(amb->url, "https://www.infosubvenciones.es/bdnstrans/GE/es/convocatorias/893410");
  EXPECT_EQ(amb->programme, "ÁREA METROPOLITANA DE BARCELONA");
  // A midnight value is a date: the period runs through that whole day in Madrid.
  EXPECT_EQ(amb->deadlines, (std::vector<std::string>{"2027-01-15T23:59:59+01:00"}));
  EXPECT_TRUE(amb->deadlinesTimeAssumed);
  EXPECT_EQ(amb->deadlinesRaw, (std::vector<std::string>{"2027-01-15T00:00:00+01:00"}));
  EXPECT_EQ(amb->opening, std::optional<std::string>("2026-11-17T00:00:00+01:00"));
  EXPECT_TRUE(amb->openingTimeAssumed);
  ASSERT_TRUE(amb->budget);
  EXPECT_EQ(amb->budget->amount, 1200000);
  EXPECT_EQ(amb->budget->currency, "EUR");
  EXPECT_EQ(amb->eligibleCountries, (std::vector<std::string>{"ES511"}));
  EXPECT_EQ(amb->eligibleEntities, (std::vector<std::string>{kLegalEntities}));
  EXPECT_EQ(amb->keywords, (std::vector<std::string>{"ACTIVIDADES ASOCIATIVAS"}));
  EXPECT_EQ(amb->tags, (std::vector<std::string>{"Cooperación internacional para el desarrollo y cultura"}));
  EXPECT_EQ(amb->actionTypes, (std::vector<std::string>{"SUBVENCIÓN Y ENTREGA DINERARIA SIN CONTRAPRESTACIÓN",
                                                        "Concurrencia competitiva - canónica"}));
  EXPECT_EQ(amb->documents,
            (std::vector<std::string>{"https://bop.diba.cat/anuncis/2026/amb-bases-cooperacio",
                                      "https://seu.amb.cat"}));
  EXPECT_EQ(amb->sourceStatus, "abierto");
}

TEST(Detail, KeepsAFreeTextDeadlineRawWithoutInventingADate) {
  FakeHost host;
  const auto* diba = parsed(host, "detail-diba-textfin.json");
  ASSERT_TRUE(diba);
  EXPECT_EQ(diba->id, "bdns:891954");
  EXPECT_EQ(diba->summary,
            "Convocatòria de subvencions per a projectes municipals d'inclusió social i lluita "
            "contra la pobresa energètica");
  EXPECT_TRUE(diba->deadlines.empty());
  EXPECT_FALSE(diba->deadlinesTimeAssumed);
  EXPECT_FALSE(diba->opening.has_value());
  const std::string rule =
      "Quince días hábiles a contar desde el día siguiente al de la publicación del extracto "
      "en el Boletín Oficial de la Provincia de Barcelona";
  EXPECT_EQ(diba->deadlinesRaw, (std::vector<std::string>{rule}));
  EXPECT_NE(diba->text.find("Fin de solicitudes: " + rule), std::string::npos) << diba->text;
  EXPECT_EQ(diba->programme, "DIPUTACIÓN PROVINCIAL DE BARCELONA");
  EXPECT_EQ(diba->budget->amount, 2500000);
}

TEST(Detail, ReadsANationalCallWithoutACoOfficialTitle) {
  FakeHost host;
  const auto* state = parsed(host, "detail-estado-agenda-urbana.json");
  ASSERT_TRUE(state);
  EXPECT_EQ(state->id, "bdns:890765");
  EXPECT_TRUE(state->summary.empty());
  EXPECT_EQ(state->eligibleCountries, (std::vector<std::string>{"ES"}));
  EXPECT_EQ(state->opening, std::optional<std::string>("2026-11-28T00:00:00+01:00"));
  EXPECT_EQ(state->deadlines, (std::vector<std::string>{"2027-02-26T23:59:59+01:00"}));
  EXPECT_EQ(state->tags, (std::vector<std::string>{"Vivienda y urbanismo", "MRR"}));
  EXPECT_EQ(state->budget->amount, 20000000);
  EXPECT_EQ(state->sourceStatus, "cerrado");
}

TEST(Detail, KeepsAStatedTimeWithItsOffsetAsNotAssumed) {
  FakeHost host;
  const std::string detail = R"({"codigoBDNS": "892877", "descripcion": "Alumbrado",
      "fechaInicioSolicitud": "2026-07-01T09:00:00+02:00", "fechaFinSolicitud": "2026-12-18T14:00:00+01:00",
      "presupuestoTotal": 0, "regiones": [{"descripcion": "ES51 - CATALUÑA"}, {"descripcion": "sin código"}]})";
  ASSERT_EQ(host.parse("d.json", detail), CONVOCA_OK) << host.errorMessage();
  const auto& record = host.records().front();
  EXPECT_EQ(record.deadlines, (std::vector<std::string>{"2026-12-18T14:00:00+01:00"}));
  EXPECT_FALSE(record.deadlinesTimeAssumed);
  EXPECT_EQ(record.opening, std::optional<std::string>("2026-07-01T09:00:00+02:00"));
  EXPECT_FALSE(record.openingTimeAssumed);
  EXPECT_FALSE(record.budget.has_value()); // 0 is "not recorded", not a free call
  EXPECT_EQ(record.eligibleCountries, (std::vector<std::string>{"ES51"}));
}

TEST(Detail, ASearchPageGivesOneRecordPerRowWithBothTitles) {
  FakeHost host;
  ASSERT_EQ(host.parse("search-page.json", readFile(kPayloads + "search-page.json")), CONVOCA_OK)
      << host.errorMessage();
  ASSERT_EQ(host.records().size(), 3u);
  const auto* generalitat = host.record("bdns:892877");
  ASSERT_TRUE(generalitat);
  EXPECT_EQ(generalitat->title, "Subvenciones a entes locales para la mejora de la eficiencia energética del "
                                "alumbrado público exterior");
  EXPECT_EQ(
      generalitat->summary,
      "Subvencions a ens locals per a la millora de l'eficiència energètica de l'enllumenat públic exterior");
  EXPECT_EQ(generalitat->programme, "DIRECCIÓN GENERAL DE ENERGÍA");
  EXPECT_TRUE(generalitat->deadlines.empty());
}

} // namespace
} // namespace bdns_test
