// A thin RAII layer over libxml2: a parsed document that never touches the
// network or the file system, and XPath evaluation with the namespaces every
// OAI-PMH response uses (oai, marc, oai_dc, dc) registered once.
#pragma once

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace oai {

inline constexpr const char* kOaiNamespace = "http://www.openarchives.org/OAI/2.0/";
inline constexpr const char* kMarcNamespace = "http://www.loc.gov/MARC21/slim";
inline constexpr const char* kOaiDcNamespace = "http://www.openarchives.org/OAI/2.0/oai_dc/";
inline constexpr const char* kDcNamespace = "http://purl.org/dc/elements/1.1/";

// Thrown when a payload is not well-formed XML; what() names the payload, the
// line and column, and libxml2's reason.
class XmlError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class XmlDocument {
public:
  // Parses `data`; `name` only labels error messages. DTDs are not loaded and
  // entities are not fetched (XML_PARSE_NONET). Throws XmlError.
  XmlDocument(const std::string& name, const std::string& data);
  XmlDocument(const XmlDocument&) = delete;
  XmlDocument& operator=(const XmlDocument&) = delete;
  ~XmlDocument();

  const std::string& name() const { return name_; }
  xmlNodePtr root() const;

  // Nodes matching `xpath` relative to `context` (the document when null).
  // Prefixes: oai, marc, oai_dc, dc. Throws std::logic_error for an invalid
  // expression (a programmer error).
  std::vector<xmlNodePtr> nodes(const std::string& xpath, xmlNodePtr context = nullptr) const;
  xmlNodePtr first(const std::string& xpath, xmlNodePtr context = nullptr) const;
  // Trimmed text of the first match, "" when none.
  std::string text(const std::string& xpath, xmlNodePtr context = nullptr) const;
  // Trimmed, non-empty texts of every match, in document order.
  std::vector<std::string> texts(const std::string& xpath, xmlNodePtr context = nullptr) const;

private:
  std::string name_;
  xmlDocPtr doc_ = nullptr;
  xmlXPathContextPtr xpath_ = nullptr;
};

// Trimmed text content of a node (attribute or element); "" for null.
std::string textOf(xmlNodePtr node);
// Value of an attribute without namespace, "" when absent.
std::string attributeOf(xmlNodePtr node, const char* name);
// The local name and the namespace URI of an element ("" when it has none).
std::string localNameOf(xmlNodePtr node);
std::string namespaceOf(xmlNodePtr node);

} // namespace oai
