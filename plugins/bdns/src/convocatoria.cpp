#include "convocatoria.h"

#include "dates.h"
#include "json_fields.h"

#include <regex>

namespace bdns {
namespace {

bool isHttpUrl(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

std::string requiredText(const Poco::JSON::Object& object, const std::string& key) {
  const std::string text = textOf(object, key);
  if (text.empty()) throw FieldError(key + " is missing or empty");
  return text;
}

// "ES51 - CATALUÑA" → "ES51"; "" for a description without a NUTS code.
std::string nutsCodeOf(const std::string& region) {
  static const std::regex pattern(R"(^([A-Z]{2}[0-9A-Z]{0,3})\s+-\s+\S.*$)");
  std::smatch match;
  return std::regex_match(region, match, pattern) ? match[1].str() : std::string();
}

struct Organ {
  std::vector<std::string> levels; // nivel1, nivel2, nivel3 as present
  std::string mostSpecific() const { return levels.empty() ? std::string() : levels.back(); }
  std::string path() const {
    std::string out;
    for (const auto& level : levels) out += (out.empty() ? "" : " / ") + level;
    return out;
  }
};

Organ organOf(const Poco::JSON::Object& object) {
  Organ organ;
  for (const char* key : {"nivel1", "nivel2", "nivel3"}) addOnce(organ.levels, textOf(object, key));
  return organ;
}

void addLine(std::string& text, const std::string& label, const std::string& value) {
  if (value.empty()) return;
  text += (text.empty() ? "" : "\n") + (label.empty() ? value : label + ": " + value);
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : "; ") + value;
  return out;
}

std::optional<Moment> dateField(const convoca::sdk::Host& host, const Poco::JSON::Object& detail,
                                const std::string& key, DateRole role) {
  const std::string raw = textOf(detail, key);
  if (raw.empty()) return std::nullopt;
  auto moment = momentFrom(host, raw, role);
  if (!moment) throw FieldError(key + ": '" + raw + "' is not a date");
  return moment;
}

void readDates(const convoca::sdk::Host& host, const Poco::JSON::Object& detail, CallRecord& record) {
  if (const auto opening = dateField(host, detail, "fechaInicioSolicitud", DateRole::Opening)) {
    record.opening = opening->rfc3339;
    record.openingTimeAssumed = opening->timeAssumed;
  }
  if (const auto deadline = dateField(host, detail, "fechaFinSolicitud", DateRole::Deadline)) {
    record.deadlines.push_back(deadline->rfc3339);
    record.deadlinesTimeAssumed = deadline->timeAssumed;
    record.deadlinesRaw.push_back(textOf(detail, "fechaFinSolicitud"));
  }
  // A free-text rule ("quince días hábiles desde…") is evidence, never a date.
  addOnce(record.deadlinesRaw, textOf(detail, "textFin"));
}

void readBudget(const Poco::JSON::Object& detail, CallRecord& record) {
  if (!detail.has("presupuestoTotal") || detail.isNull("presupuestoTotal")) return;
  const Poco::Dynamic::Var amount = detail.get("presupuestoTotal");
  if (!amount.isNumeric()) throw FieldError("presupuestoTotal is not a number");
  // 0 is what the database shows when no amount was recorded: unknown, not free.
  if (const double value = amount.convert<double>(); value > 0) record.budgetEur = value;
}

Poco::JSON::Object::Ptr organObject(const Poco::JSON::Object& detail) {
  if (!detail.has("organo") || detail.isNull("organo")) return nullptr;
  const auto organ = detail.getObject("organo");
  if (!organ) throw FieldError("organo is not an object");
  return organ;
}

std::string textOfDetail(const Poco::JSON::Object& detail, const CallRecord& record, const Organ& organ,
                         const std::vector<std::string>& regions) {
  std::string text;
  addLine(text, "", record.title);
  addLine(text, "", record.summary);
  addLine(text, "Órgano", organ.path());
  addLine(text, "Finalidad", textOf(detail, "descripcionFinalidad"));
  addLine(text, "Bases reguladoras", textOf(detail, "descripcionBasesReguladoras"));
  addLine(text, "Beneficiarios", joined(record.eligibleEntities));
  addLine(text, "Regiones", joined(regions));
  addLine(text, "Inicio de solicitudes", textOf(detail, "textInicio"));
  addLine(text, "Fin de solicitudes", textOf(detail, "textFin"));
  return text;
}

CallRecord readDetail(const convoca::sdk::Host& host, const Poco::JSON::Object& detail) {
  CallRecord record;
  record.callId = requiredText(detail, "codigoBDNS");
  record.id = recordIdFor(record.callId);
  record.url = callPageUrl(record.callId);
  record.title = requiredText(detail, "descripcion");
  if (const std::string leng = textOf(detail, "descripcionLeng"); leng != record.title) record.summary = leng;
  const auto organObj = organObject(detail);
  const Organ organ = organObj ? organOf(*organObj) : Organ{};
  record.programme = organ.mostSpecific();
  readDates(host, detail, record);
  readBudget(detail, record);
  const std::vector<std::string> regions = descriptionsOf(detail, "regiones");
  for (const auto& region : regions) addOnce(record.eligibleCountries, nutsCodeOf(region));
  record.eligibleEntities = descriptionsOf(detail, "tiposBeneficiarios");
  record.keywords = descriptionsOf(detail, "sectores");
  addOnce(record.tags, textOf(detail, "descripcionFinalidad"));
  if (detail.has("mrr") && detail.get("mrr").isBoolean() && detail.get("mrr").convert<bool>())
    addOnce(record.tags, "MRR");
  record.actionTypes = descriptionsOf(detail, "instrumentos");
  addOnce(record.actionTypes, textOf(detail, "tipoConvocatoria"));
  for (const char* key : {"urlBasesReguladoras", "sedeElectronica"})
    if (const std::string url = textOf(detail, key); isHttpUrl(url)) addOnce(record.documents, url);
  if (detail.has("abierto") && detail.get("abierto").isBoolean())
    record.sourceStatus = detail.get("abierto").convert<bool>() ? "abierto" : "cerrado";
  record.text = textOfDetail(detail, record, organ, regions);
  return record;
}

} // namespace

CallRecord recordFromDetail(const convoca::sdk::Host& host, const Poco::JSON::Object& detail) {
  try {
    return readDetail(host, detail);
  } catch (const Poco::Exception& e) {
    throw FieldError(e.displayText());
  }
}

std::string codeOfSearchRow(const Poco::JSON::Object& row) {
  return requiredText(row, "numeroConvocatoria");
}

CallRecord recordFromSearchRow(const Poco::JSON::Object& row) {
  CallRecord record;
  record.callId = codeOfSearchRow(row);
  record.id = recordIdFor(record.callId);
  record.url = callPageUrl(record.callId);
  record.title = requiredText(row, "descripcion");
  if (const std::string leng = textOf(row, "descripcionLeng"); leng != record.title) record.summary = leng;
  const Organ organ = organOf(row);
  record.programme = organ.mostSpecific();
  addLine(record.text, "", record.title);
  addLine(record.text, "", record.summary);
  addLine(record.text, "Órgano", organ.path());
  return record;
}

} // namespace bdns
