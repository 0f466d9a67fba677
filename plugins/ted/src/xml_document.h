// A parsed XML document with an XPath context that knows every eForms
// namespace, over libxml2. Parsing never touches the network, never loads a
// DTD and refuses documents that declare one (no external or expanding entities).
#pragma once

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ted {

// The eForms (UBL 2.3 + extensions) namespaces, by the prefixes the XPath expressions use.
inline constexpr const char* kNsCbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
inline constexpr const char* kNsCac =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
inline constexpr const char* kNsExt =
    "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";
inline constexpr const char* kNsEfext = "http://data.europa.eu/p27/eforms-ubl-extensions/1";
inline constexpr const char* kNsEfac =
    "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1";
inline constexpr const char* kNsEfbc = "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1";
inline constexpr const char* kNsContractNotice =
    "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2";
inline constexpr const char* kNsPriorInformationNotice =
    "urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2";
inline constexpr const char* kNsContractAwardNotice =
    "urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2";

// A payload that is not well-formed XML. what() says "<name>: line L, column C: <libxml2 message>".
class XmlSyntaxError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class XmlDocument {
public:
  // Parses `data`; `name` (the file name) starts every error message.
  // Throws XmlSyntaxError for malformed XML or a document type declaration.
  XmlDocument(const std::string& name, const std::string& data);

  xmlNodePtr root() const { return xmlDocGetRootElement(doc_.get()); }

  // Elements matching `xpath` evaluated at `context` (prefixes as declared above);
  // none when `context` is nullptr.
  std::vector<xmlNodePtr> nodes(const char* xpath, xmlNodePtr context) const;
  // The first match, or nullptr.
  xmlNodePtr first(const char* xpath, xmlNodePtr context) const;
  // Text of the first match (see textOf), or "".
  std::string text(const char* xpath, xmlNodePtr context) const;

private:
  struct DocFree {
    void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
  };
  struct XPathFree {
    void operator()(xmlXPathContextPtr context) const { xmlXPathFreeContext(context); }
  };

  std::unique_ptr<xmlDoc, DocFree> doc_;
  std::unique_ptr<xmlXPathContext, XPathFree> xpath_;
};

// Text content of an element, white space collapsed and trimmed ("" for nullptr).
std::string textOf(xmlNodePtr node);
// Value of an attribute without namespace, or "".
std::string attributeOf(xmlNodePtr node, const char* name);
// Local name and namespace URI of an element ("" when absent).
std::string localNameOf(xmlNodePtr node);
std::string namespaceOf(xmlNodePtr node);
// Source line of an element (0 when unknown).
long lineOf(xmlNodePtr node);

} // namespace ted
