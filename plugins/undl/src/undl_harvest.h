// undl harvest: GetRecord for the configured agenda documents, then the
// incremental ListRecords windows filtered by UNBIS subject.
#pragma once

#include "marc_document.h"

#include <convoca/plugin.hpp>
#include <oai/document_record.h>
#include <oai/protocol.h>
#include <string>
#include <vector>

namespace undl {

inline constexpr const char* kDefaultBaseUrl = "https://digitallibrary.un.org/oai2d";
inline constexpr const char* kMetadataPrefix = "marcxml";
inline constexpr int kDefaultWindowDays = 31; // UNDL answers 503 to large ranges: monthly windows

// A configured agenda document: "A/RES/70/1=3923923" or a bare "A/RES/70/1".
struct AgendaDocument {
  std::string symbol;
  std::string recid; // "" when the operator gave no record number
};

struct UndlOptions {
  std::string baseUrl = kDefaultBaseUrl;
  std::vector<AgendaDocument> documents;
  std::vector<std::string> subjects;
  bool resolutionsOnly = true;
  int windowDays = kDefaultWindowDays;
  std::string from;        // first run start; "" = today - windowDays
  std::string granularity; // "" = ask Identify
  std::string set;
};

// "A/RES/70/1=3923923" -> {A/RES/70/1, 3923923}; throws Error(CONVOCA_CONFIG)
// for an empty symbol or a record number that is not all digits.
AgendaDocument agendaDocumentFrom(const std::string& item);

UndlOptions undlOptionsFrom(const convoca::sdk::Host& host);

// The documents of one page that convoca keeps, mapped whole before anything is
// emitted. Deleted records are logged and skipped; records without a 191
// symbol are skipped. With `filter`, only configured documents and records that
// pass the subject and resolution filters are kept. Throws
// Error(CONVOCA_SOURCE_FORMAT) when a record's metadata is not MARC21 slim.
std::vector<oai::DocumentRecord> recordsOfPage(const oai::Response& page, const std::string& name,
                                               const UndlOptions& options, bool filter,
                                               const convoca::sdk::Host& host);

// The whole nightly run.
void harvestUndl(const UndlOptions& options, oai::RecordEmitter& emitter, const convoca::sdk::Host& host);

} // namespace undl
