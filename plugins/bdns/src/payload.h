// The two payloads of the BDNS API: a search page (Spring Data's Page:
// {content[], totalElements, totalPages, number, last, …}) and a convocatoria
// detail ({codigoBDNS, descripcion, fechaFinSolicitud, …}).
#pragma once

#include "call_record.h"

#include <Poco/JSON/Object.h>
#include <convoca/plugin.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bdns {

struct SearchPage {
  std::vector<Poco::JSON::Object::Ptr> rows; // each with a numeroConvocatoria and a descripcion
  std::optional<int64_t> totalElements;
  std::optional<int64_t> totalPages;
  bool last = false; // the page says it is the last
};

// Every function below reads the whole payload before returning, and throws
// convoca::sdk::Error(CONVOCA_SOURCE_FORMAT) with a message that starts with
// `name` (a file name or a URL) and names the position or field.

// Parses JSON text into its top-level object.
Poco::JSON::Object::Ptr parseObject(const std::string& name, const std::string& body);

// True for a search page (a `content` member), false for anything else.
bool isSearchPage(const Poco::JSON::Object& payload);

SearchPage readSearchPage(const std::string& name, const Poco::JSON::Object& payload);
CallRecord readDetail(const convoca::sdk::Host& host, const std::string& name,
                      const Poco::JSON::Object& payload);

// parse(): a search page gives one record per row (titles, organ, link only);
// a detail gives the full record.
std::vector<CallRecord> recordsOfPayload(const convoca::sdk::Host& host, const std::string& name,
                                         const std::string& body);

} // namespace bdns
