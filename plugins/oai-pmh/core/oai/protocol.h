// OAI-PMH 2.0: the request URLs a harvester sends and the parsed response.
// http://www.openarchives.org/OAI/openarchivesprotocol.html
#pragma once

#include "oai/xml.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace oai {

// ---- requests ---------------------------------------------------------------

// The selective-harvest arguments of the first ListRecords request of a list.
struct ListArguments {
  std::string metadataPrefix = "oai_dc";
  std::string set;   // "" = every set
  std::string from;  // "" = from the earliest datestamp; YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ
  std::string until; // "" = up to now
};

// Every argument value is percent-encoded (reserved characters included), in
// the order verb, metadataPrefix, set, from, until.
std::string listRecordsUrl(const std::string& baseUrl, const ListArguments& arguments);
// A later page: ONLY verb + resumptionToken, as the protocol requires.
std::string resumptionUrl(const std::string& baseUrl, const std::string& verb, const std::string& token);
std::string getRecordUrl(const std::string& baseUrl, const std::string& metadataPrefix,
                         const std::string& identifier);
std::string identifyUrl(const std::string& baseUrl);

// ---- responses --------------------------------------------------------------

enum class ErrorCode {
  BadArgument,
  BadResumptionToken,
  BadVerb,
  CannotDisseminateFormat,
  IdDoesNotExist,
  NoRecordsMatch,
  NoMetadataFormats,
  NoSetHierarchy,
  Unknown, // a code the protocol does not define
};

struct ProtocolError {
  ErrorCode code = ErrorCode::Unknown;
  std::string codeText; // the code attribute as sent
  std::string message;  // the element's text
};

// One <record>. `metadata` is the single element inside <metadata> (the
// oai_dc:dc or marc:record root), null for a deleted record; it points into
// the Response's document and lives as long as the Response.
struct Record {
  std::string identifier;
  std::string datestamp;
  std::vector<std::string> setSpecs;
  bool deleted = false;
  xmlNodePtr metadata = nullptr;
};

struct ResumptionToken {
  std::string token; // "" on the last page of a list
  std::optional<uint64_t> completeListSize;
  std::optional<uint64_t> cursor;
  std::string expirationDate;
};

class Response {
public:
  // Parses and checks the envelope of a response. Throws
  // convoca::sdk::Error(CONVOCA_SOURCE_FORMAT) naming `name` and what is wrong:
  // not well-formed XML, a root other than OAI-PMH in the OAI namespace, no
  // responseDate, a record without header/identifier, a live record without
  // metadata, an unreadable resumptionToken attribute.
  Response(const std::string& name, const std::string& body);

  const XmlDocument& document() const { return *document_; }
  const std::string& responseDate() const { return responseDate_; }
  const std::string& verb() const { return verb_; } // of the echoed request element; may be ""
  const std::vector<ProtocolError>& errors() const { return errors_; }
  bool hasError(ErrorCode code) const;
  // The first error, or nullptr when the response carries none.
  const ProtocolError* firstError() const { return errors_.empty() ? nullptr : &errors_.front(); }
  const std::vector<Record>& records() const { return records_; }
  // Present when the response has a <resumptionToken> element (empty on the last page).
  const std::optional<ResumptionToken>& resumption() const { return resumption_; }
  // Identify's <granularity>, "" for other verbs.
  const std::string& granularity() const { return granularity_; }

private:
  void readErrors();
  void readRecords();
  void readResumption();

  std::unique_ptr<XmlDocument> document_;
  std::string responseDate_;
  std::string verb_;
  std::vector<ProtocolError> errors_;
  std::vector<Record> records_;
  std::optional<ResumptionToken> resumption_;
  std::string granularity_;
};

ErrorCode errorCodeFrom(const std::string& code);
// "noRecordsMatch (No records match the request)" for messages.
std::string describe(const ProtocolError& error);

} // namespace oai
