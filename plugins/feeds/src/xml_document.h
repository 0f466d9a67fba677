// libxml2, wrapped for reading feeds: a parsed document that frees itself and
// XPath queries with the feed namespaces registered.
//
// Parsing never touches the network and never expands external entities
// (XML_PARSE_NONET, and neither XML_PARSE_NOENT nor XML_PARSE_DTDLOAD): the
// predefined and character entities still decode, CDATA sections read as text.
#pragma once

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <memory>
#include <string>
#include <vector>

namespace feeds {

inline constexpr const char* kAtomNs = "http://www.w3.org/2005/Atom";
inline constexpr const char* kContentNs = "http://purl.org/rss/1.0/modules/content/";
inline constexpr const char* kDcNs = "http://purl.org/dc/elements/1.1/";

class XmlDocument {
public:
  // Throws Error(CONVOCA_SOURCE_FORMAT) "<name>: not well-formed XML at line L,
  // column C: <libxml2's message>" when libxml2 refuses the bytes.
  XmlDocument(const std::string& name, const std::string& bytes);

  xmlNodePtr root() const { return xmlDocGetRootElement(doc_.get()); }
  xmlDocPtr get() const { return doc_.get(); }

  // Sets the document's own URL, the base of relative references that no
  // xml:base overrides.
  void setUrl(const std::string& url);

  // Nodes matching `expression` from `context` (prefixes atom, content, dc).
  std::vector<xmlNodePtr> nodes(xmlNodePtr context, const char* expression) const;
  // First match or nullptr.
  xmlNodePtr node(xmlNodePtr context, const char* expression) const;
  // XPath string() of the expression, trimmed.
  std::string text(xmlNodePtr context, const char* expression) const;

private:
  struct DocFree {
    void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
  };
  struct ContextFree {
    void operator()(xmlXPathContextPtr context) const { xmlXPathFreeContext(context); }
  };

  std::unique_ptr<xmlDoc, DocFree> doc_;
  std::unique_ptr<xmlXPathContext, ContextFree> xpath_;
};

// Text content of a node (CDATA and character references decoded), trimmed.
std::string contentOf(xmlNodePtr node);
// An attribute's value, or "".
std::string attributeOf(xmlNodePtr node, const char* name);
// The node's children serialised as XML (Atom type="xhtml" content).
std::string innerXml(xmlDocPtr doc, xmlNodePtr node);
// Base URI in force at the node: xml:base attributes resolved against the document URL.
std::string baseOf(xmlDocPtr doc, xmlNodePtr node);
// xml:lang in force at the node, or "".
std::string languageOf(xmlNodePtr node);

} // namespace feeds
