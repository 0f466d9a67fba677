#include "oai/xml.h"

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <map>
#include <memory>

namespace oai {
namespace {

// COMPACT keeps short texts (the indentation between elements) inside their
// nodes, saving a malloc each: nothing here modifies the tree, which is what
// COMPACT forbids.
constexpr int kParseOptions =
    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string describe(const xmlError* error) {
  if (!error) return "not well-formed XML";
  std::string message = error->message ? trimmed(error->message) : "not well-formed XML";
  return "line " + std::to_string(error->line) + ", column " + std::to_string(error->int2) + ": " + message;
}

struct ParserContextDeleter {
  void operator()(xmlParserCtxtPtr context) const { xmlFreeParserCtxt(context); }
};

// Expressions were compiled from their text for every field of every record.
// A compiled expression holds no document (prefixes resolve when it runs), so
// each thread compiles each one once.
xmlXPathCompExprPtr compiled(xmlXPathContextPtr context, const std::string& xpath) {
  struct CompiledFree {
    void operator()(xmlXPathCompExprPtr compiled) const { xmlXPathFreeCompExpr(compiled); }
  };
  thread_local std::map<std::string, std::unique_ptr<xmlXPathCompExpr, CompiledFree>> cache;
  auto found = cache.find(xpath);
  if (found == cache.end())
    found =
        cache.emplace(xpath, xmlXPathCtxtCompile(context, reinterpret_cast<const xmlChar*>(xpath.c_str())))
            .first;
  return found->second.get();
}

} // namespace

XmlDocument::XmlDocument(const std::string& name, const std::string& data) : name_(name) {
  std::unique_ptr<xmlParserCtxt, ParserContextDeleter> parser(xmlNewParserCtxt());
  if (!parser) throw std::bad_alloc();
  doc_ = xmlCtxtReadMemory(parser.get(), data.data(), static_cast<int>(data.size()), nullptr, nullptr,
                           kParseOptions);
  if (!doc_ || !parser->wellFormed) {
    const std::string reason = describe(xmlCtxtGetLastError(parser.get()));
    if (doc_) xmlFreeDoc(doc_);
    doc_ = nullptr;
    throw XmlError(name + ": not well-formed XML (" + reason + ")");
  }
  if (!xmlDocGetRootElement(doc_)) {
    xmlFreeDoc(doc_);
    doc_ = nullptr;
    throw XmlError(name + ": an XML document without a root element");
  }
  xpath_ = xmlXPathNewContext(doc_);
  if (!xpath_) {
    xmlFreeDoc(doc_);
    throw std::bad_alloc();
  }
  const std::pair<const char*, const char*> prefixes[] = {
      {"oai", kOaiNamespace}, {"marc", kMarcNamespace}, {"oai_dc", kOaiDcNamespace}, {"dc", kDcNamespace}};
  for (const auto& [prefix, uri] : prefixes)
    xmlXPathRegisterNs(xpath_, reinterpret_cast<const xmlChar*>(prefix),
                       reinterpret_cast<const xmlChar*>(uri));
}

XmlDocument::~XmlDocument() {
  if (xpath_) xmlXPathFreeContext(xpath_);
  if (doc_) xmlFreeDoc(doc_);
}

xmlNodePtr XmlDocument::root() const {
  return xmlDocGetRootElement(doc_);
}

std::vector<xmlNodePtr> XmlDocument::nodes(const std::string& xpath, xmlNodePtr context) const {
  xpath_->node = context ? context : reinterpret_cast<xmlNodePtr>(doc_);
  xmlXPathCompExprPtr expression = compiled(xpath_, xpath);
  xmlXPathObjectPtr result = expression ? xmlXPathCompiledEval(expression, xpath_) : nullptr;
  if (!result) throw std::logic_error("invalid XPath expression: " + xpath);
  std::vector<xmlNodePtr> found;
  if (result->type == XPATH_NODESET && result->nodesetval)
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) found.push_back(result->nodesetval->nodeTab[i]);
  xmlXPathFreeObject(result);
  return found;
}

xmlNodePtr XmlDocument::first(const std::string& xpath, xmlNodePtr context) const {
  const auto found = nodes(xpath, context);
  return found.empty() ? nullptr : found.front();
}

std::string XmlDocument::text(const std::string& xpath, xmlNodePtr context) const {
  return textOf(first(xpath, context));
}

std::vector<std::string> XmlDocument::texts(const std::string& xpath, xmlNodePtr context) const {
  std::vector<std::string> values;
  for (xmlNodePtr node : nodes(xpath, context)) {
    std::string value = textOf(node);
    if (!value.empty()) values.push_back(std::move(value));
  }
  return values;
}

std::string textOf(xmlNodePtr node) {
  if (!node) return {};
  xmlChar* content = xmlNodeGetContent(node);
  if (!content) return {};
  std::string text(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return trimmed(text);
}

std::string attributeOf(xmlNodePtr node, const char* name) {
  if (!node) return {};
  xmlChar* value = xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!value) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return trimmed(text);
}

std::string localNameOf(xmlNodePtr node) {
  return node && node->name ? reinterpret_cast<const char*>(node->name) : "";
}

std::string namespaceOf(xmlNodePtr node) {
  return node && node->ns && node->ns->href ? reinterpret_cast<const char*>(node->ns->href) : "";
}

} // namespace oai
