#include "socrata_rows.h"

#include "row_fields.h"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>
#include <Poco/SHA1Engine.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <algorithm>
#include <cctype>

namespace raisc {
namespace {

using convoca::sdk::Error;
using Poco::JSON::Object;

constexpr size_t kSummaryLength = 300;
constexpr size_t kTitleLength = 200;
constexpr size_t kHashDigits = 16;

const char* const kRaiscProgramme = "RAISC – Registre d'ajuts i subvencions de Catalunya";
const char* const kCidoProgramme = "CIDO – Diputació de Barcelona";

[[noreturn]] void fail(const std::string& name, const std::string& problem) {
  throw Error(CONVOCA_SOURCE_FORMAT, name + ": " + problem);
}

Poco::JSON::Array::Ptr rowsOf(const std::string& name, const std::string& json) {
  Poco::Dynamic::Var parsed;
  try {
    Poco::JSON::Parser parser;
    parsed = parser.parse(json);
  } catch (const Poco::Exception& e) {
    fail(name, "not valid JSON (" + e.displayText() + ")");
  }
  if (parsed.type() == typeid(Poco::JSON::Array::Ptr)) return parsed.extract<Poco::JSON::Array::Ptr>();
  if (parsed.type() == typeid(Object::Ptr)) {
    // Socrata reports a bad query as {"error": true, "message": "..."} (or "code"/"message").
    const auto object = parsed.extract<Object::Ptr>();
    const std::string message = stringField(*object, "message");
    fail(name, "expected a JSON array of Socrata rows, found an object" +
                   (message.empty() ? std::string() : " (Socrata says: " + message + ")"));
  }
  fail(name, "expected a JSON array of Socrata rows");
}

std::optional<Dataset> datasetOf(const Object& row) {
  if (row.has("codi_raisc")) return Dataset::Raisc;
  for (const char* column : {"nom_ens", "enlla", "data_pub", "resum"})
    if (row.has(column)) return Dataset::Cido;
  return std::nullopt;
}

const char* datasetName(Dataset dataset) {
  return dataset == Dataset::Raisc ? "RAISC (khxn-nv6a)" : "CIDO (3gku-b36y)";
}

std::string sha1Hex(const std::string& text) {
  Poco::SHA1Engine engine;
  engine.update(text);
  return Poco::DigestEngine::digestToHex(engine.digest());
}

// The longest run of digits (at least 4) among the link's path segments, the
// last one on a tie: the CIDO numbers its notices in the path.
std::string numericIdIn(const std::string& link) {
  std::vector<std::string> segments;
  try {
    Poco::URI(link).getPathSegments(segments);
  } catch (const Poco::Exception&) {
    return {};
  }
  std::string found;
  for (const auto& segment : segments) {
    const bool digits = !segment.empty() && std::all_of(segment.begin(), segment.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    if (digits && segment.size() >= 4 && segment.size() >= found.size()) found = segment;
  }
  return found;
}

// At most `limit` bytes, cut at a space (never inside a UTF-8 sequence) with "…".
std::string shortened(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = text.rfind(' ', limit);
  if (cut == std::string::npos || cut == 0) cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return Poco::trimRight(text.substr(0, cut)) + "\xE2\x80\xA6"; // U+2026
}

std::optional<double> amountOf(const std::string& name, const std::string& text) {
  if (text.empty()) return std::nullopt;
  double amount = 0;
  if (!Poco::NumberParser::tryParseFloat(text, amount) || amount < 0)
    fail(name, "import_total_convocat_ria \"" + text + "\" is not an amount");
  return amount;
}

class RowConverter {
public:
  RowConverter(const convoca::sdk::Host& host, const MadridTime& time, std::string where)
      : host_(host), time_(time), where_(std::move(where)) {}

  CallRecord raisc(const Object& row) const {
    CallRecord record;
    const std::string code = stringField(row, "codi_raisc");
    if (code.empty()) fail(where_, "codi_raisc is empty");
    record.id = std::string(kSourceId) + ":" + code;
    record.callId = code;
    record.title = plain(stringField(row, "t_tol_convocat_ria_catal"));
    if (record.title.empty()) {
      // Only the Spanish title: the record is then in Spanish.
      record.title = plain(stringField(row, "t_tol_convocat_ria_castell"));
      record.language = "es";
    }
    if (record.title.empty()) fail(where_, "codi_raisc " + code + " has no title in Catalan or Spanish");
    record.text = plain(stringField(row, "objecte_de_la_convocat_ria"));
    record.summary = shortened(record.text, kSummaryLength);
    record.programme = kRaiscProgramme;
    record.programmeCode = "RAISC";
    addDocuments(record, row, {"url_diari_oficial", "seu_electr_nica", "url_catala_bases_reg"});
    record.budgetEur = amountOf(where_, stringField(row, "import_total_convocat_ria"));
    for (const auto& region : splitList(stringField(row, "regio_apli"), ';')) {
      const std::string nuts = nutsOfRegion(region);
      if (!nuts.empty()) addUnique(record.eligibleCountries, nuts);
    }
    for (const auto& type : splitList(stringField(row, "tipus_de_beneficiaris"), ';'))
      addUnique(record.eligibleEntities, type);
    addUnique(record.keywords, stringField(row, "finalitat_publica"));
    addUnique(record.tags, stringField(row, "administraci_"));
    addUnique(record.tags, stringField(row, "entitat_oo_aa_o_departament_1"));
    setDeadline(record, row);
    record.published = published(row, "data_diari_oficial");
    // RAISC republishes calls registered in Spain's BDNS; the shared code makes
    // them one search result with the bdns plugin's record.
    const std::string bdnsCode = stringField(row, "codi_bdns");
    if (!bdnsCode.empty() && bdnsCode.find_first_not_of("0123456789") == std::string::npos)
      record.aliases.push_back("bdns:" + bdnsCode);
    return record;
  }

  CallRecord cido(const Object& row) const {
    CallRecord record;
    const std::string link = urlField(row, "enlla");
    const std::string body = stringField(row, "nom_ens");
    const std::string summary = plain(stringField(row, "resum"));
    record.id = cidoRecordId(link, body + "\n" + stringField(row, "data_pub") + "\n" + summary);
    record.title = shortened(summary, kTitleLength);
    if (record.title.empty()) fail(where_, "resum (the notice's only title) is empty");
    record.summary = shortened(summary, kSummaryLength);
    record.text = summary;
    record.url = link;
    record.programme = kCidoProgramme;
    record.programmeCode = "CIDO";
    addUnique(record.tags, body);
    record.sourceStatus = stringField(row, "estat");
    record.published = published(row, "data_pub");
    return record;
  }

private:
  std::string plain(const std::string& text) const {
    if (text.empty()) return {};
    return Poco::trim(host_.htmlToText(text));
  }

  void addDocuments(CallRecord& record, const Object& row, std::initializer_list<const char*> columns) const {
    for (const char* column : columns) {
      const std::string url = urlField(row, column);
      if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) continue;
      if (record.url.empty()) record.url = url;
      addUnique(record.documents, url);
    }
  }

  void setDeadline(CallRecord& record, const Object& row) const {
    for (const char* column : {"data_fi_termini_presentaci_sol_licitud", "data_fi_presentaci_sol"}) {
      const std::string raw = stringField(row, column);
      if (raw.empty()) continue;
      const auto moment = time_.deadline(raw);
      if (!moment) fail(where_, std::string(column) + " \"" + raw + "\" is not a Socrata floating timestamp");
      record.deadlines = {moment->rfc3339};
      record.deadlinesRaw = {moment->raw};
      record.deadlinesTimeAssumed = moment->timeAssumed;
      return;
    }
  }

  std::optional<std::string> published(const Object& row, const char* column) const {
    const std::string raw = stringField(row, column);
    if (raw.empty()) return std::nullopt;
    const auto moment = time_.instant(raw);
    if (!moment) fail(where_, std::string(column) + " \"" + raw + "\" is not a Socrata floating timestamp");
    return moment->rfc3339;
  }

  const convoca::sdk::Host& host_;
  const MadridTime& time_;
  std::string where_;
};

} // namespace

ParsedRows RowReader::read(const std::string& name, const std::string& json,
                           std::optional<Dataset> expected) const {
  const auto rows = rowsOf(name, json);
  ParsedRows parsed;
  parsed.rows = rows->size();
  for (size_t i = 0; i < rows->size(); ++i) {
    const std::string where = name + ", row " + std::to_string(i + 1);
    const auto row = rows->getObject(i);
    if (!row) fail(where, "is not a JSON object");
    const auto dataset = datasetOf(*row);
    if (!dataset) fail(where, "has neither codi_raisc (RAISC) nor nom_ens/enlla/data_pub/resum (CIDO)");
    if (expected && *dataset != *expected)
      fail(where,
           std::string("is a ") + datasetName(*dataset) + " row in a " + datasetName(*expected) + " answer");
    const RowConverter convert(host_, time_, where);
    parsed.records.push_back(*dataset == Dataset::Raisc ? convert.raisc(*row) : convert.cido(*row));
    const std::string day =
        dayOf(stringField(*row, *dataset == Dataset::Raisc ? "data_diari_oficial" : "data_pub"));
    parsed.latestDay = std::max(parsed.latestDay, day);
  }
  return parsed;
}

std::string cidoRecordId(const std::string& link, const std::string& fallbackKey) {
  const std::string prefix = std::string(kSourceId) + ":cido-";
  if (!link.empty()) {
    const std::string number = numericIdIn(link);
    if (!number.empty()) return prefix + number;
    return prefix + sha1Hex(link).substr(0, kHashDigits);
  }
  return prefix + sha1Hex(fallbackKey).substr(0, kHashDigits);
}

std::string nutsOfRegion(const std::string& name) {
  static const std::pair<const char*, const char*> kRegions[] = {
      {"ESPANYA", "ES"},   {"CATALUNYA", "ES51"}, {"BARCELONA", "ES511"},
      {"GIRONA", "ES512"}, {"LLEIDA", "ES513"},   {"TARRAGONA", "ES514"},
  };
  const std::string wanted = Poco::toUpper(Poco::trim(name));
  for (const auto& [region, nuts] : kRegions)
    if (wanted == region) return nuts;
  return {};
}

} // namespace raisc
