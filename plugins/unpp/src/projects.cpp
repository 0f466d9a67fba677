#include "projects.h"

#include "json_fields.h"

#include <Poco/String.h>
#include <regex>

namespace unpp {
namespace {

constexpr const char* kPortalZone = "UTC"; // the portal's Django TIME_ZONE: see projects.h
constexpr const char* kDeadlineTime = "23:59:59";
constexpr const char* kOpeningTime = "00:00:00";

bool isIsoDay(const std::string& text) {
  static const std::regex day(R"(^\d{4}-\d{2}-\d{2}$)");
  return std::regex_match(text, day);
}

bool isCountryCode(const std::string& text) {
  static const std::regex code(R"(^[A-Z]{2}$)");
  return std::regex_match(text, code);
}

std::string requiredText(const Poco::JSON::Object& row, const std::string& key, const std::string& where) {
  const auto text = scalarText(row, key);
  if (!text || text->empty()) throw RowError(where + "." + key + " is missing or empty");
  return *text;
}

Poco::JSON::Array::Ptr arrayField(const Poco::JSON::Object& row, const std::string& key,
                                  const std::string& where) {
  try {
    return optionalArray(row, key);
  } catch (const std::invalid_argument&) {
    throw RowError(where + "." + key + " is not an array");
  }
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : ", ") + value;
  return out;
}

void addLine(std::string& text, const std::string& label, const std::string& value) {
  if (value.empty()) return;
  text += (text.empty() ? "" : "\n") + label + ": " + value;
}

// "/api/public/export/projects/123/" → "123"; "" when the path has another shape.
std::string projectKeyOfExportPath(const std::string& path) {
  static const std::regex exportPath(R"(/api/public/export/projects/(\d+)/?$)");
  std::smatch match;
  return std::regex_search(path, match, exportPath) ? match[1].str() : std::string();
}

} // namespace

ProjectReader::ProjectReader(const convoca::sdk::Host& host, std::string siteUrl)
    : host_(host), siteUrl_(std::move(siteUrl)) {}

CallRecord ProjectReader::read(const Poco::JSON::Object& row, const std::string& where) {
  if (row.has("displayID")) return readPublic2019(row, where);
  if (row.has("id")) return readOpenList(row, where);
  throw RowError(where + " has neither displayID (public list) nor id (open list)");
}

CallRecord ProjectReader::readPublic2019(const Poco::JSON::Object& row, const std::string& where) {
  CallRecord record;
  record.callId = requiredText(row, "displayID", where);
  record.id = recordIdFor(record.callId);
  record.title = requiredText(row, "title", where);
  const std::string agency = scalarText(row, "agency_name").value_or("");
  std::vector<std::string> countries;
  if (const auto names = arrayField(row, "countries", where))
    for (const auto& name : *names) addOnce(countries, nameOf(name));
  readSpecialisations(row, where, record);
  const std::vector<std::string> sectors = record.tags;
  setDeadline(row, where, record);
  if (const auto created = scalarText(row, "date_created"); created && !created->empty()) {
    record.opening = utcTime(*created, kOpeningTime, where + ".date_created");
    record.openingTimeAssumed = true;
  }
  if (const auto pdf = scalarText(row, "pdf_export_url"); pdf && !pdf->empty()) {
    const bool absolute = pdf->rfind("http://", 0) == 0 || pdf->rfind("https://", 0) == 0;
    record.documents.push_back(absolute ? *pdf : siteUrl_ + *pdf);
    if (const std::string key = projectKeyOfExportPath(*pdf); !key.empty())
      record.url = siteUrl_ + "/cfei/open/" + key + "/overview";
  }
  addOnce(record.tags, agency);
  for (const auto& country : countries) addOnce(record.tags, country);
  std::string text;
  addLine(text, "Agency", agency);
  addLine(text, "Countries", joined(countries));
  addLine(text, "Sectors", joined(sectors));
  addLine(text, "Specialisations", joined(record.keywords));
  record.text = text;
  return record;
}

CallRecord ProjectReader::readOpenList(const Poco::JSON::Object& row, const std::string& where) {
  CallRecord record;
  record.callId = requiredText(row, "id", where);
  record.id = recordIdFor(record.callId);
  record.title = requiredText(row, "title", where);
  record.url = siteUrl_ + "/cfei/open/" + record.callId + "/overview";
  const std::string agency = row.has("agency") ? nameOf(row.get("agency")) : std::string();
  std::vector<std::string> countryNames;
  std::vector<std::string> codes;
  if (const auto code = scalarText(row, "country_code")) {
    codes.push_back(*code);
  } else if (const auto list = arrayField(row, "country_code", where)) {
    for (const auto& item : *list) addOnce(codes, nameOf(item));
  }
  for (const auto& code : codes) addOnce(isCountryCode(code) ? record.eligibleCountries : countryNames, code);
  readSpecialisations(row, where, record);
  const std::vector<std::string> sectors = record.tags;
  setDeadline(row, where, record);
  std::string projectStart;
  if (const auto start = scalarText(row, "start_date"); start && !start->empty()) {
    if (!isIsoDay(*start)) throw RowError(where + ".start_date: '" + *start + "' is not a YYYY-MM-DD date");
    projectStart = *start;
  }
  addOnce(record.tags, agency);
  for (const auto& name : countryNames) addOnce(record.tags, name);
  std::string text;
  addLine(text, "Agency", agency);
  addLine(text, "Countries", joined(codes));
  addLine(text, "Sectors", joined(sectors));
  addLine(text, "Specialisations", joined(record.keywords));
  addLine(text, "Project start", projectStart);
  record.text = text;
  return record;
}

// Specialisations are {name, category} objects (category a sector name or an
// object with one) or bare names; their names become keywords and their
// sectors tags. Bare numeric ids carry no name: they are skipped with one warning.
void ProjectReader::readSpecialisations(const Poco::JSON::Object& row, const std::string& where,
                                        CallRecord& record) {
  const auto list = arrayField(row, "specializations", where);
  if (!list) return;
  for (size_t i = 0; i < list->size(); ++i) {
    const Poco::Dynamic::Var item = list->get(static_cast<unsigned>(i));
    if (item.isNumeric()) {
      if (!warnedAboutBareIds_)
        host_.warn(where + ".specializations holds bare ids without names: they are left out");
      warnedAboutBareIds_ = true;
      continue;
    }
    const std::string name = nameOf(item);
    if (name.empty()) throw RowError(where + ".specializations[" + std::to_string(i) + "] has no name");
    addOnce(record.keywords, name);
    if (item.type() == typeid(Poco::JSON::Object::Ptr)) {
      const auto object = item.extract<Poco::JSON::Object::Ptr>();
      if (object->has("category")) addOnce(record.tags, nameOf(object->get("category")));
    }
  }
}

void ProjectReader::setDeadline(const Poco::JSON::Object& row, const std::string& where,
                                CallRecord& record) const {
  const auto deadline = scalarText(row, "deadline_date");
  if (!deadline || deadline->empty()) return;
  record.deadlines.push_back(utcTime(*deadline, kDeadlineTime, where + ".deadline_date"));
  record.deadlinesRaw.push_back(*deadline);
  record.deadlinesTimeAssumed = true;
}

std::string ProjectReader::utcTime(const std::string& day, const char* time, const std::string& field) const {
  if (!isIsoDay(day)) throw RowError(field + ": '" + day + "' is not a YYYY-MM-DD date");
  const auto rfc3339 = host_.localToRfc3339(kPortalZone, day + "T" + time);
  if (!rfc3339) throw RowError(field + ": '" + day + "' is not a calendar date");
  return *rfc3339;
}

} // namespace unpp
