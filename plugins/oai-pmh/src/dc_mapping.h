// oai_dc metadata (Dublin Core, http://www.openarchives.org/OAI/2.0/oai_dc/) of
// one OAI record -> a convoca record.
#pragma once

#include <convoca/plugin.hpp>
#include <oai/document_record.h>
#include <oai/protocol.h>
#include <optional>
#include <string>
#include <vector>

namespace oaipmh {

inline constexpr const char* kSourceId = "oai-pmh";

struct MappingOptions {
  std::string kind = "document"; // call | topic | tender | document
  std::string language;          // ISO 639-1 used when the record states none we can read
};

// ISO 639-1 for "en", "eng", "en-GB", "English", "spa", "cat", "fre"...; "" when unknown.
std::string languageCode(const std::string& dcLanguage);

// id "oai-pmh:" + the header identifier; title = first dc:title; text = every
// dc:description (HTML through the host), summary = the first one, shortened;
// url = the first http(s) dc:identifier; documents = the other http(s)
// identifiers and http(s) dc:relation values; tags = the other dc:relation
// values; keywords = dc:subject; language = the first readable dc:language,
// else the option. dc:date is read but not emitted: the record schema has no
// publication date (see README). nullopt (with a warning) without a dc:title.
std::optional<oai::DocumentRecord> recordFromDublinCore(const oai::Response& page, const oai::Record& record,
                                                        const MappingOptions& options,
                                                        const convoca::sdk::Host& host);

// Every live record of a page, mapped; deleted records are logged and skipped.
std::vector<oai::DocumentRecord> recordsOfPage(const oai::Response& page, const std::string& name,
                                               const MappingOptions& options, const convoca::sdk::Host& host);

} // namespace oaipmh
