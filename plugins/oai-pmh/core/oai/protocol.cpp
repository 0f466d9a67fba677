#include "oai/protocol.h"

#include <Poco/NumberParser.h>
#include <Poco/URI.h>
#include <convoca/plugin.hpp>
#include <utility>

namespace oai {
namespace {

using convoca::sdk::Error;

// Every reserved character is encoded: tokens are opaque and often carry | / : + =.
constexpr const char* kReserved = "!#$&'()*+,/:;=?@[]%\"<>\\^`{|} ";

std::string encoded(const std::string& value) {
  std::string out;
  Poco::URI::encode(value, kReserved, out);
  return out;
}

class QueryBuilder {
public:
  explicit QueryBuilder(const std::string& baseUrl) : url_(baseUrl) {}
  QueryBuilder& add(const char* name, const std::string& value) {
    if (value.empty()) return *this;
    url_ += (first_ && url_.find('?') == std::string::npos) ? '?' : '&';
    first_ = false;
    url_ += name;
    url_ += '=';
    url_ += encoded(value);
    return *this;
  }
  std::string str() const { return url_; }

private:
  std::string url_;
  bool first_ = true;
};

std::optional<uint64_t> countAttribute(const std::string& name, xmlNodePtr node, const char* attribute) {
  const std::string text = attributeOf(node, attribute);
  if (text.empty()) return std::nullopt;
  Poco::UInt64 value = 0;
  if (!Poco::NumberParser::tryParseUnsigned64(text, value))
    throw Error(CONVOCA_SOURCE_FORMAT,
                name + ": resumptionToken " + attribute + " \"" + text + "\" is not a whole number");
  return value;
}

} // namespace

std::string listRecordsUrl(const std::string& baseUrl, const ListArguments& arguments) {
  return QueryBuilder(baseUrl)
      .add("verb", "ListRecords")
      .add("metadataPrefix", arguments.metadataPrefix)
      .add("set", arguments.set)
      .add("from", arguments.from)
      .add("until", arguments.until)
      .str();
}

std::string resumptionUrl(const std::string& baseUrl, const std::string& verb, const std::string& token) {
  return QueryBuilder(baseUrl).add("verb", verb).add("resumptionToken", token).str();
}

std::string getRecordUrl(const std::string& baseUrl, const std::string& metadataPrefix,
                         const std::string& identifier) {
  return QueryBuilder(baseUrl)
      .add("verb", "GetRecord")
      .add("metadataPrefix", metadataPrefix)
      .add("identifier", identifier)
      .str();
}

std::string identifyUrl(const std::string& baseUrl) {
  return QueryBuilder(baseUrl).add("verb", "Identify").str();
}

ErrorCode errorCodeFrom(const std::string& code) {
  static const std::pair<const char*, ErrorCode> kCodes[] = {
      {"badArgument", ErrorCode::BadArgument},
      {"badResumptionToken", ErrorCode::BadResumptionToken},
      {"badVerb", ErrorCode::BadVerb},
      {"cannotDisseminateFormat", ErrorCode::CannotDisseminateFormat},
      {"idDoesNotExist", ErrorCode::IdDoesNotExist},
      {"noRecordsMatch", ErrorCode::NoRecordsMatch},
      {"noMetadataFormats", ErrorCode::NoMetadataFormats},
      {"noSetHierarchy", ErrorCode::NoSetHierarchy}};
  for (const auto& [text, value] : kCodes)
    if (code == text) return value;
  return ErrorCode::Unknown;
}

std::string describe(const ProtocolError& error) {
  return error.message.empty() ? error.codeText : error.codeText + " (" + error.message + ")";
}

Response::Response(const std::string& name, const std::string& body) {
  try {
    document_ = std::make_unique<XmlDocument>(name, body);
  } catch (const XmlError& e) {
    throw Error(CONVOCA_SOURCE_FORMAT, e.what());
  }
  const xmlNodePtr root = document_->root();
  if (localNameOf(root) != "OAI-PMH" || namespaceOf(root) != kOaiNamespace)
    throw Error(CONVOCA_SOURCE_FORMAT, name + ": not an OAI-PMH response (root element <" +
                                           localNameOf(root) + "> in namespace \"" + namespaceOf(root) +
                                           "\", expected <OAI-PMH> in " + kOaiNamespace + ")");
  responseDate_ = document_->text("/oai:OAI-PMH/oai:responseDate");
  if (responseDate_.empty())
    throw Error(CONVOCA_SOURCE_FORMAT, name + ": OAI-PMH response without <responseDate>");
  verb_ = attributeOf(document_->first("/oai:OAI-PMH/oai:request"), "verb");
  readErrors();
  readRecords();
  readResumption();
  granularity_ = document_->text("/oai:OAI-PMH/oai:Identify/oai:granularity");
}

bool Response::hasError(ErrorCode code) const {
  for (const auto& error : errors_)
    if (error.code == code) return true;
  return false;
}

void Response::readErrors() {
  for (xmlNodePtr node : document_->nodes("/oai:OAI-PMH/oai:error")) {
    ProtocolError error;
    error.codeText = attributeOf(node, "code");
    error.code = errorCodeFrom(error.codeText);
    error.message = textOf(node);
    errors_.push_back(std::move(error));
  }
}

void Response::readRecords() {
  const std::string& name = document_->name();
  const auto nodes =
      document_->nodes("/oai:OAI-PMH/oai:ListRecords/oai:record | /oai:OAI-PMH/oai:GetRecord/oai:record");
  for (size_t i = 0; i < nodes.size(); ++i) {
    const std::string where =
        name + ": record " + std::to_string(i + 1) + " of " + std::to_string(nodes.size());
    const xmlNodePtr header = document_->first("oai:header", nodes[i]);
    if (!header) throw Error(CONVOCA_SOURCE_FORMAT, where + " has no <header>");
    Record record;
    record.identifier = document_->text("oai:identifier", header);
    if (record.identifier.empty())
      throw Error(CONVOCA_SOURCE_FORMAT, where + " has no <header>/<identifier>");
    record.datestamp = document_->text("oai:datestamp", header);
    record.setSpecs = document_->texts("oai:setSpec", header);
    record.deleted = attributeOf(header, "status") == "deleted";
    const auto metadata = document_->nodes("oai:metadata/*", nodes[i]);
    if (!record.deleted) {
      if (metadata.size() != 1)
        throw Error(CONVOCA_SOURCE_FORMAT, where + " (" + record.identifier + ") has " +
                                               std::to_string(metadata.size()) +
                                               " elements in <metadata>, expected exactly one");
      record.metadata = metadata.front();
    }
    records_.push_back(std::move(record));
  }
}

void Response::readResumption() {
  const xmlNodePtr node = document_->first(
      "/oai:OAI-PMH/oai:ListRecords/oai:resumptionToken | "
      "/oai:OAI-PMH/oai:ListIdentifiers/oai:resumptionToken | /oai:OAI-PMH/oai:ListSets/oai:resumptionToken");
  if (!node) return;
  ResumptionToken token;
  token.token = textOf(node);
  token.completeListSize = countAttribute(document_->name(), node, "completeListSize");
  token.cursor = countAttribute(document_->name(), node, "cursor");
  token.expirationDate = attributeOf(node, "expirationDate");
  resumption_ = std::move(token);
}

} // namespace oai
