#include "test_records.h"

#include "convoca/index/timeutil.h"

#include <cstdlib>
#include <stdexcept>

namespace convoca::index::testing {

std::string daysFromNow(int64_t days) {
  return timeutil::formatInstant(kNow + days * kDay, "UTC");
}

std::string homeDay(int64_t unixSeconds) {
  return timeutil::formatInstant(unixSeconds, timeutil::kHomeZone).substr(0, 10);
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "convoca-index-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  root_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(root_, ignored);
}

Record makeRecord(const std::string& source, const std::string& key, const std::string& title) {
  Record record;
  record.id = source + ":" + key;
  record.source = source;
  record.kind = "call";
  record.title = title;
  record.language = "en";
  record.fetchedAt = daysFromNow(-1);
  return record;
}

namespace {

Record soilMission() {
  Record r =
      makeRecord("eu-ft", "HORIZON-MISS-2027-05-SOIL-01", "Living labs for soil health in urban areas");
  r.summary = "Soil living labs test soil management practices with farmers, cities and researchers.";
  r.text = "Healthy soils are essential. Proposals should build living labs and lighthouses.";
  r.programme = "Horizon Europe";
  r.programmeCode = "HORIZON";
  r.callId = "HORIZON-MISS-2027-05";
  r.topicId = "HORIZON-MISS-2027-05-SOIL-01";
  r.opening = daysFromNow(-30);
  r.deadlines = {daysFromNow(20), daysFromNow(200)};
  r.budget = Budget{5e6, "EUR"};
  r.sdgs = {2, 15};
  r.keywords = {"soil health", "living labs"};
  r.eligibleCountries = {"ES", "FR"};
  r.eligibleEntities = {"local-authority"};
  return r;
}

Record governance() {
  Record r =
      makeRecord("eu-ft", "HORIZON-CL6-2026-04-GOVERNANCE-01", "Governance of food systems transitions");
  r.summary = "Multi-level governance for sustainable food systems.";
  r.text = "Actions may address land use, including soil, and public procurement. R&D <b>bold</b> claims.";
  r.programme = "Horizon Europe";
  r.programmeCode = "HORIZON";
  r.callId = "HORIZON-CL6-2026-04";
  r.topicId = "HORIZON-CL6-2026-04-GOVERNANCE-01";
  r.opening = daysFromNow(-100);
  r.deadlines = {daysFromNow(-10)};
  r.budget = Budget{3e6, "EUR"};
  r.sdgs = {16};
  return r;
}

Record lifeClimate() {
  Record r = makeRecord("eu-ft", "LIFE-2026-CLIMA-CITIES", "Climate adaptation in cities");
  r.summary = "Nature-based solutions for heat waves and floods in metropolitan areas.";
  r.programme = "LIFE";
  r.programmeCode = "LIFE";
  r.opening = daysFromNow(15);
  r.deadlines = {daysFromNow(120)};
  r.budget = Budget{1.5e6, "EUR"};
  r.sdgs = {11, 13};
  return r;
}

Record catalanHousing() {
  Record r = makeRecord("cat-gov", "habitatge-2026", "Ajuts per a la rehabilitació d'habitatges assequibles");
  r.language = "ca";
  r.summary =
      "Subvencions als ajuntaments per rehabilitar habitatges de lloguer social a l'àrea metropolitana.";
  r.programme = "FEDER Catalunya";
  r.programmeCode = "FEDER";
  r.deadlines = {daysFromNow(5)};
  r.budget = Budget{200000, "EUR"};
  r.sdgs = {11};
  r.eligibleCountries = {"ES"};
  return r;
}

Record spanishMobility() {
  Record r = makeRecord("bdns", "812345", "Subvenciones para la movilidad sostenible");
  r.language = "es";
  r.summary = "Ayudas a entidades locales para la movilidad urbana sostenible.";
  r.deadlines = {daysFromNow(-400)};
  return r;
}

Record frenchWater() {
  Record r = makeRecord("ungm", "eau-2026", "Appel à propositions : gestion de l'eau");
  r.language = "fr";
  r.kind = "tender";
  r.summary = "Gestion intégrée des ressources en eau dans les villes.";
  r.budget = Budget{900000, "USD"};
  return r;
}

Record catalanGuide() {
  Record r = makeRecord("cat-gov", "guia-ajuts", "Guia d'ajuts europeus per a ens locals");
  r.language = "ca";
  r.kind = "document";
  r.summary = "Com preparar una proposta europea.";
  return r;
}

} // namespace

std::vector<Record> sampleRecords() {
  return {soilMission(),     governance(),  lifeClimate(), catalanHousing(),
          spanishMobility(), frenchWater(), catalanGuide()};
}

} // namespace convoca::index::testing
