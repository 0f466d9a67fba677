#include "xml_document.h"

#include <Poco/String.h>
#include <convoca/plugin.hpp>
#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <map>
#include <string_view>

namespace feeds {
namespace {

using convoca::sdk::Error;

// libxml2 strings are freed with xmlFree.
std::string taken(xmlChar* text) {
  if (!text) return {};
  std::string out(reinterpret_cast<const char*>(text));
  xmlFree(text);
  return out;
}

const xmlChar* xml(const char* text) {
  return reinterpret_cast<const xmlChar*>(text);
}

std::string parseErrorOf(const std::string& name, xmlParserCtxtPtr context) {
  const xmlError* error = xmlCtxtGetLastError(context);
  if (!error || !error->message) return name + ": not well-formed XML";
  return name + ": not well-formed XML at line " + std::to_string(error->line) + ", column " +
         std::to_string(error->int2) + ": " + Poco::trim(std::string(error->message));
}

// Expressions were compiled from their text for every field of every item
// (XPath was a seventh of a feed's parse time). A compiled expression holds no
// document (prefixes resolve when it runs), so each thread compiles each once.
xmlXPathCompExprPtr compiled(xmlXPathContextPtr context, const char* expression) {
  struct CompiledFree {
    void operator()(xmlXPathCompExprPtr compiled) const { xmlXPathFreeCompExpr(compiled); }
  };
  thread_local std::map<std::string, std::unique_ptr<xmlXPathCompExpr, CompiledFree>, std::less<>> cache;
  auto found = cache.find(std::string_view(expression));
  if (found == cache.end())
    found = cache.emplace(expression, xmlXPathCtxtCompile(context, xml(expression))).first;
  return found->second.get();
}

using XPathResult = std::unique_ptr<xmlXPathObject, void (*)(xmlXPathObjectPtr)>;

XPathResult evaluated(xmlXPathContextPtr context, const char* expression) {
  xmlXPathCompExprPtr expressionCode = compiled(context, expression);
  return XPathResult(expressionCode ? xmlXPathCompiledEval(expressionCode, context) : nullptr,
                     xmlXPathFreeObject);
}

} // namespace

XmlDocument::XmlDocument(const std::string& name, const std::string& bytes) {
  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> context(xmlNewParserCtxt(), xmlFreeParserCtxt);
  if (!context) throw Error(CONVOCA_INTERNAL, "libxml2 could not allocate a parser");
  // COMPACT keeps short texts (the indentation between elements) inside their
  // nodes, saving a malloc each: only the document's URL is ever changed, no node.
  const int options =
      XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
  doc_.reset(xmlCtxtReadMemory(context.get(), bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                               options));
  if (!doc_ || !context->wellFormed) {
    doc_.reset();
    throw Error(CONVOCA_SOURCE_FORMAT, parseErrorOf(name, context.get()));
  }
  if (!root()) throw Error(CONVOCA_SOURCE_FORMAT, name + ": an XML document without a root element");
  xpath_.reset(xmlXPathNewContext(doc_.get()));
  if (!xpath_) throw Error(CONVOCA_INTERNAL, "libxml2 could not allocate an XPath context");
  xmlXPathRegisterNs(xpath_.get(), xml("atom"), xml(kAtomNs));
  xmlXPathRegisterNs(xpath_.get(), xml("content"), xml(kContentNs));
  xmlXPathRegisterNs(xpath_.get(), xml("dc"), xml(kDcNs));
}

void XmlDocument::setUrl(const std::string& url) {
  if (doc_->URL) xmlFree(const_cast<xmlChar*>(doc_->URL));
  doc_->URL = url.empty() ? nullptr : xmlStrdup(xml(url.c_str()));
}

std::vector<xmlNodePtr> XmlDocument::nodes(xmlNodePtr context, const char* expression) const {
  xpath_->node = context;
  const XPathResult result = evaluated(xpath_.get(), expression);
  std::vector<xmlNodePtr> found;
  if (!result || result->type != XPATH_NODESET || !result->nodesetval) return found;
  for (int i = 0; i < result->nodesetval->nodeNr; ++i) found.push_back(result->nodesetval->nodeTab[i]);
  return found;
}

xmlNodePtr XmlDocument::node(xmlNodePtr context, const char* expression) const {
  const auto found = nodes(context, expression);
  return found.empty() ? nullptr : found.front();
}

std::string XmlDocument::text(xmlNodePtr context, const char* expression) const {
  xpath_->node = context;
  const XPathResult result = evaluated(xpath_.get(), expression);
  if (!result) return {};
  return Poco::trim(taken(xmlXPathCastToString(result.get())));
}

std::string contentOf(xmlNodePtr node) {
  return node ? Poco::trim(taken(xmlNodeGetContent(node))) : std::string();
}

std::string attributeOf(xmlNodePtr node, const char* name) {
  return node ? Poco::trim(taken(xmlGetProp(node, xml(name)))) : std::string();
}

std::string innerXml(xmlDocPtr doc, xmlNodePtr node) {
  std::unique_ptr<xmlBuffer, void (*)(xmlBufferPtr)> buffer(xmlBufferCreate(), xmlBufferFree);
  if (!buffer || !node) return {};
  for (xmlNodePtr child = node->children; child; child = child->next)
    xmlNodeDump(buffer.get(), doc, child, 0, 0);
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer.get())),
                     static_cast<size_t>(xmlBufferLength(buffer.get())));
}

std::string baseOf(xmlDocPtr doc, xmlNodePtr node) {
  return taken(xmlNodeGetBase(doc, node));
}

std::string languageOf(xmlNodePtr node) {
  return Poco::trim(taken(xmlNodeGetLang(node)));
}

} // namespace feeds
