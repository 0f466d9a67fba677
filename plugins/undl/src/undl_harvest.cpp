#include "undl_harvest.h"

#include <Poco/String.h>
#include <oai/harvester.h>
#include <oai/options.h>

namespace undl {
namespace {

using convoca::sdk::Error;
using convoca::sdk::Host;

const std::vector<std::string> kDefaultDocuments = {"A/RES/70/1", "A/RES/71/256", "FCCC/CP/2015/10/Add.1"};
const std::vector<std::string> kDefaultSubjects = {"SUSTAINABLE DEVELOPMENT",
                                                   "SUSTAINABLE DEVELOPMENT GOALS",
                                                   "URBAN DEVELOPMENT",
                                                   "HUMAN SETTLEMENTS",
                                                   "HOUSING",
                                                   "CLIMATE CHANGE",
                                                   "LOCAL GOVERNMENT",
                                                   "DEVELOPMENT FINANCE"};

bool isConfiguredDocument(const std::string& symbol, const UndlOptions& options) {
  for (const auto& document : options.documents)
    if (Poco::icompare(document.symbol, symbol) == 0) return true;
  return false;
}

bool isResolution(const std::string& symbol) {
  return symbol.find("/RES/") != std::string::npos;
}

bool keptByFilters(const UndlDocument& document, const UndlOptions& options) {
  if (isConfiguredDocument(document.symbol, options)) return true;
  if (options.resolutionsOnly && !isResolution(document.symbol)) return false;
  return options.subjects.empty() || hasAnySubject(document, options.subjects);
}

void requireMarc(const oai::Record& record, const std::string& name) {
  if (oai::localNameOf(record.metadata) == "record" &&
      oai::namespaceOf(record.metadata) == oai::kMarcNamespace)
    return;
  throw Error(CONVOCA_SOURCE_FORMAT,
              name + ": record " + record.identifier + " carries <" + oai::localNameOf(record.metadata) +
                  "> in \"" + oai::namespaceOf(record.metadata) + "\", expected a MARC21 slim <record> (" +
                  oai::kMarcNamespace + ", metadataPrefix marcxml)");
}

void fetchAgendaDocuments(const UndlOptions& options, oai::RecordEmitter& emitter, const Host& host) {
  const std::string site = siteOf(options.baseUrl);
  for (const auto& agenda : options.documents) {
    if (agenda.recid.empty()) {
      host.warn("document " + agenda.symbol +
                " has no record number, so it is only kept when a ListRecords "
                "window brings it; to fetch it every night set documents = " +
                agenda.symbol + "=<recid> (the number in " + site + "/record/<recid>)");
      continue;
    }
    const auto response = oai::getRecord(host, options.baseUrl, kMetadataPrefix,
                                         oaiIdentifierOf(options.baseUrl, agenda.recid));
    if (!response) continue;
    const oai::Record& record = response->records().front();
    const std::string name = "GetRecord " + record.identifier;
    if (record.deleted) {
      host.warn(name + " (" + agenda.symbol + ") is deleted in the repository; nothing emitted");
      continue;
    }
    requireMarc(record, name);
    const UndlDocument document = documentFromMarc(*response, record);
    if (Poco::icompare(document.symbol, agenda.symbol) != 0) {
      host.warn(name + " holds \"" + document.symbol + "\", not " + agenda.symbol +
                "; skipped: check the record number in the documents option");
      continue;
    }
    emitter.emitOnce(toRecord(document, site));
  }
}

} // namespace

AgendaDocument agendaDocumentFrom(const std::string& item) {
  AgendaDocument document;
  const auto equals = item.find('=');
  document.symbol = Poco::trim(item.substr(0, equals));
  if (equals != std::string::npos) document.recid = Poco::trim(item.substr(equals + 1));
  const bool digits =
      !document.recid.empty() && document.recid.find_first_not_of("0123456789") == std::string::npos;
  if (document.symbol.empty() || (equals != std::string::npos && !digits))
    throw Error(CONVOCA_CONFIG, "option documents: \"" + item +
                                    "\" must be a document symbol, optionally followed by =<record number> "
                                    "(e.g. A/RES/70/1=3923923)");
  return document;
}

UndlOptions undlOptionsFrom(const Host& host) {
  UndlOptions options;
  options.baseUrl = oai::urlOption(host, "base_url", kDefaultBaseUrl, true);
  for (const auto& item : oai::listOption(host, "documents", kDefaultDocuments))
    options.documents.push_back(agendaDocumentFrom(item));
  options.subjects = oai::listOption(host, "subjects", kDefaultSubjects);
  options.resolutionsOnly = oai::boolOption(host, "resolutions_only", options.resolutionsOnly);
  options.windowDays = oai::intOption(host, "window_days", kDefaultWindowDays, 1, 36600);
  options.from = oai::datestampOption(host, "from");
  options.granularity = oai::granularityOption(host, "granularity");
  options.set = oai::stringOption(host, "set", "");
  return options;
}

std::vector<oai::DocumentRecord> recordsOfPage(const oai::Response& page, const std::string& name,
                                               const UndlOptions& options, bool filter, const Host& host) {
  const std::string site = siteOf(options.baseUrl);
  std::vector<oai::DocumentRecord> records;
  size_t filteredOut = 0;
  for (const auto& record : page.records()) {
    if (record.deleted) {
      host.info(name + ": record " + record.identifier + " is deleted in the repository; nothing emitted");
      continue;
    }
    requireMarc(record, name);
    const UndlDocument document = documentFromMarc(page, record);
    if (document.symbol.empty()) {
      host.debug(name + ": record " + record.identifier + " has no document symbol (191 $a); skipped");
      continue;
    }
    if (filter && !keptByFilters(document, options)) {
      ++filteredOut;
      continue;
    }
    records.push_back(toRecord(document, site));
  }
  if (filteredOut > 0)
    host.debug(name + ": " + std::to_string(filteredOut) + " records outside the configured subjects");
  return records;
}

void harvestUndl(const UndlOptions& options, oai::RecordEmitter& emitter, const Host& host) {
  fetchAgendaDocuments(options, emitter, host);
  oai::IncrementalPlan plan;
  plan.baseUrl = options.baseUrl;
  plan.metadataPrefix = kMetadataPrefix;
  plan.set = options.set;
  plan.today = oai::todayUtc();
  // One window on the first night: today and the window_days - 1 days before.
  plan.firstFrom = options.from.empty() ? oai::addDays(plan.today, 1 - options.windowDays) : options.from;
  plan.windowDays = options.windowDays;
  plan.granularity = options.granularity;
  oai::harvestIncrementally(host, plan, [&](const oai::Response& page, const std::string& name) {
    for (const auto& record : recordsOfPage(page, name, options, true, host)) emitter.emitOnce(record);
  });
}

} // namespace undl
