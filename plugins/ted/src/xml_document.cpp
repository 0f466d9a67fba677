#include "xml_document.h"

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <map>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace ted {
namespace {

struct ParserContextFree {
  void operator()(xmlParserCtxtPtr context) const { xmlFreeParserCtxt(context); }
};
struct XPathObjectFree {
  void operator()(xmlXPathObjectPtr object) const { xmlXPathFreeObject(object); }
};

// NONET: no network access, ever. Without NOENT, DTDLOAD or DTDATTR libxml2
// neither fetches external entities nor substitutes entities; the errors go to
// the parser context (read below), not to stderr. COMPACT keeps short texts
// (the indentation between elements) inside their nodes, saving a malloc
// each: nothing here modifies the tree, which is what COMPACT forbids.
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;

const char* const kNamespaces[][2] = {{"cbc", kNsCbc},
                                      {"cac", kNsCac},
                                      {"ext", kNsExt},
                                      {"efext", kNsEfext},
                                      {"efac", kNsEfac},
                                      {"efbc", kNsEfbc},
                                      {"cn", kNsContractNotice},
                                      {"pin", kNsPriorInformationNotice},
                                      {"can", kNsContractAwardNotice}};

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string syntaxMessage(const std::string& name, const xmlError* error) {
  if (!error) return name + ": not well-formed XML";
  std::string message = error->message ? trim(error->message) : "not well-formed XML";
  return name + ": line " + std::to_string(error->line) + ", column " + std::to_string(error->int2) + ": " +
         message;
}

// Compiling an expression from its text for every field of every lot was two
// fifths of a notice's XPath time. A compiled expression holds no document
// (prefixes resolve when it runs), so each thread compiles each one once.
xmlXPathCompExprPtr compiled(xmlXPathContextPtr context, const char* xpath) {
  struct CompiledFree {
    void operator()(xmlXPathCompExprPtr compiled) const { xmlXPathFreeCompExpr(compiled); }
  };
  thread_local std::map<std::string, std::unique_ptr<xmlXPathCompExpr, CompiledFree>, std::less<>> cache;
  auto found = cache.find(std::string_view(xpath));
  if (found == cache.end())
    found = cache.emplace(xpath, xmlXPathCtxtCompile(context, reinterpret_cast<const xmlChar*>(xpath))).first;
  return found->second.get();
}

} // namespace

XmlDocument::XmlDocument(const std::string& name, const std::string& data) {
  std::unique_ptr<xmlParserCtxt, ParserContextFree> parser(xmlNewParserCtxt());
  if (!parser) throw std::runtime_error("libxml2 could not allocate a parser");
  doc_.reset(xmlCtxtReadMemory(parser.get(), data.data(), static_cast<int>(data.size()), name.c_str(),
                               nullptr, kParseOptions));
  if (!doc_ || !parser->wellFormed)
    throw XmlSyntaxError(syntaxMessage(name, xmlCtxtGetLastError(parser.get())));
  if (doc_->intSubset || doc_->extSubset)
    throw XmlSyntaxError(name + ": line " +
                         std::to_string(xmlGetLineNo(reinterpret_cast<xmlNodePtr>(
                             doc_->intSubset ? doc_->intSubset : doc_->extSubset))) +
                         ": a document type declaration is not accepted in an eForms notice");
  if (!root()) throw XmlSyntaxError(name + ": the document has no root element");
  xpath_.reset(xmlXPathNewContext(doc_.get()));
  if (!xpath_) throw std::runtime_error("libxml2 could not allocate an XPath context");
  for (const auto& ns : kNamespaces)
    xmlXPathRegisterNs(xpath_.get(), reinterpret_cast<const xmlChar*>(ns[0]),
                       reinterpret_cast<const xmlChar*>(ns[1]));
}

std::vector<xmlNodePtr> XmlDocument::nodes(const char* xpath, xmlNodePtr context) const {
  if (!context) return {}; // an absent optional element has no descendants
  xpath_->node = context;
  xmlXPathCompExprPtr expression = compiled(xpath_.get(), xpath);
  std::unique_ptr<xmlXPathObject, XPathObjectFree> result(
      expression ? xmlXPathCompiledEval(expression, xpath_.get()) : nullptr);
  if (!result) throw std::logic_error(std::string("invalid XPath expression ") + xpath);
  std::vector<xmlNodePtr> found;
  if (result->type == XPATH_NODESET && result->nodesetval)
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) found.push_back(result->nodesetval->nodeTab[i]);
  return found;
}

xmlNodePtr XmlDocument::first(const char* xpath, xmlNodePtr context) const {
  const auto found = nodes(xpath, context);
  return found.empty() ? nullptr : found.front();
}

std::string XmlDocument::text(const char* xpath, xmlNodePtr context) const {
  return textOf(first(xpath, context));
}

std::string textOf(xmlNodePtr node) {
  if (!node) return {};
  xmlChar* content = xmlNodeGetContent(node);
  if (!content) return {};
  // Notices are often indented inside long texts: every run of white space reads as one space.
  std::string text;
  bool pendingSpace = false;
  for (const char* c = reinterpret_cast<const char*>(content); *c; ++c) {
    const bool space = *c == ' ' || *c == '\t' || *c == '\r' || *c == '\n';
    if (space) {
      pendingSpace = !text.empty();
      continue;
    }
    if (pendingSpace) text += ' ';
    pendingSpace = false;
    text += *c;
  }
  xmlFree(content);
  return text;
}

std::string attributeOf(xmlNodePtr node, const char* name) {
  if (!node) return {};
  xmlChar* value = xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name));
  if (!value) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return trim(text);
}

std::string localNameOf(xmlNodePtr node) {
  return node && node->name ? reinterpret_cast<const char*>(node->name) : "";
}

std::string namespaceOf(xmlNodePtr node) {
  return node && node->ns && node->ns->href ? reinterpret_cast<const char*>(node->ns->href) : "";
}

long lineOf(xmlNodePtr node) {
  return node ? xmlGetLineNo(node) : 0;
}

} // namespace ted
