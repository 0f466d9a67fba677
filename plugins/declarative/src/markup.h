// HTML and XML pages through libxml2, queried with XPath 1.0.
//
// HTML is read with libxml2's HTML parser (recovering, like a browser, from
// the tag soup real sites serve); XML with the XML parser, strictly, with no
// network access and no entity expansion. Neither parser ever fetches a DTD.
#pragma once

#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace declarative {

// A page that cannot be read as the markup it claims to be.
class MarkupError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The reason an XPath expression does not compile, or nullopt when it does.
// `namespaces` are the prefixes the expression may use.
std::optional<std::string> xpathError(const std::string& xpath,
                                      const std::map<std::string, std::string>& namespaces);

class MarkupDocument {
public:
  // Throws MarkupError for an empty page or, for XML, the first fatal error with its line.
  static MarkupDocument html(const std::string& data, const std::string& name);
  static MarkupDocument xml(const std::string& data, const std::string& name,
                            std::map<std::string, std::string> namespaces);

  xmlNodePtr root() const;
  bool isHtml() const { return isHtml_; }

  // The nodes `xpath` selects from `context` (empty for a non-node-set result).
  std::vector<xmlNodePtr> nodes(const std::string& xpath, xmlNodePtr context) const;
  // One string per selected node (its text, whitespace collapsed; an
  // attribute's value), or the string value of a string/number/boolean result.
  // Empty strings are left out.
  std::vector<std::string> strings(const std::string& xpath, xmlNodePtr context) const;
  // The markup of each selected node, for the host's HTML-to-text conversion.
  std::vector<std::string> markup(const std::string& xpath, xmlNodePtr context) const;

private:
  struct FreeDoc {
    void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
  };
  struct FreeContext {
    void operator()(xmlXPathContextPtr context) const { xmlXPathFreeContext(context); }
  };
  struct FreeObject {
    void operator()(xmlXPathObjectPtr object) const { xmlXPathFreeObject(object); }
  };
  MarkupDocument(xmlDocPtr doc, bool isHtml, std::map<std::string, std::string> namespaces);
  std::unique_ptr<xmlXPathObject, FreeObject> evaluate(const std::string& xpath, xmlNodePtr context) const;

  std::unique_ptr<xmlDoc, FreeDoc> doc_;
  bool isHtml_;
  std::map<std::string, std::string> namespaces_;
  // One context for every query of the page (a new one per query, with its
  // namespaces registered, was 8% of a parse).
  std::unique_ptr<xmlXPathContext, FreeContext> xpath_;
};

// Trims and collapses runs of white space (including no-break spaces) to one space.
std::string collapseWhitespace(const std::string& text);

} // namespace declarative
