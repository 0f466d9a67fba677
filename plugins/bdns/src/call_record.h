// The record this plugin emits, in convoca's record schema v1 (JSON field names
// as the schema has them). Unknown values stay empty and are left out of the JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bdns {

struct CallRecord {
  std::string id;
  std::string title;   // descripcion: the Spanish title
  std::string summary; // descripcionLeng: the title in the co-official language (Catalan…)
  std::string text;
  std::string url;
  std::string programme; // the granting body
  std::string callId;    // the BDNS code
  std::optional<std::string> opening;
  bool openingTimeAssumed = false;
  std::vector<std::string> deadlines;
  bool deadlinesTimeAssumed = false;
  std::vector<std::string> deadlinesRaw; // fechaFinSolicitud as given, then textFin
  std::optional<double> budgetEur;
  std::vector<std::string> eligibleCountries; // NUTS codes of regiones
  std::vector<std::string> eligibleEntities;  // tiposBeneficiarios
  std::vector<std::string> keywords;          // sectores
  std::vector<std::string> tags;              // finalidad, MRR
  std::vector<std::string> actionTypes;       // instrumentos, tipoConvocatoria
  std::vector<std::string> documents;
  std::string sourceStatus;
};

// "bdns:" + the BDNS code.
std::string recordIdFor(const std::string& code);

// The public page of a call: https://www.infosubvenciones.es/bdnstrans/GE/es/convocatorias/<code>
std::string callPageUrl(const std::string& code);

// One line of JSON. fetched_at and content_hash are left to the host.
std::string toJson(const CallRecord& record);

} // namespace bdns
