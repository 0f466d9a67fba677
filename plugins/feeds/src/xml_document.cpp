#include "xml_document.h"

#include <Poco/String.h>
#include <convoca/plugin.hpp>
#include <libxml/parser.h>
#include <libxml/xpathInternals.h>

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

} // namespace

XmlDocument::XmlDocument(const std::string& name, const std::string& bytes) {
  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> context(xmlNewParserCtxt(), xmlFreeParserCtxt);
  if (!context) throw Error(CONVOCA_INTERNAL, "libxml2 could not allocate a parser");
  const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
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
  std::unique_ptr<xmlXPathObject, void (*)(xmlXPathObjectPtr)> result(
      xmlXPathEvalExpression(xml(expression), xpath_.get()), xmlXPathFreeObject);
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
  std::unique_ptr<xmlXPathObject, void (*)(xmlXPathObjectPtr)> result(
      xmlXPathEvalExpression(xml(expression), xpath_.get()), xmlXPathFreeObject);
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
