#include "markup.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

namespace declarative {
namespace {

const xmlChar* asXml(const std::string& text) {
  return reinterpret_cast<const xmlChar*>(text.c_str());
}

std::string fromXml(const xmlChar* text) {
  return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

std::string messageOf(const xmlError& error) {
  std::string message = error.message ? collapseWhitespace(error.message) : "unreadable";
  if (error.line > 0) message = "line " + std::to_string(error.line) + ": " + message;
  return message;
}

// Collects XPath errors instead of letting libxml2 print them on stderr.
void keepXPathError(void* sink, xmlErrorPtr error) {
  auto* message = static_cast<std::string*>(sink);
  if (message && message->empty() && error && error->message) *message = collapseWhitespace(error->message);
}

struct FreeString {
  void operator()(xmlChar* text) const { xmlFree(text); }
};
struct FreeContext {
  void operator()(xmlXPathContextPtr context) const { xmlXPathFreeContext(context); }
};
struct FreeCompiled {
  void operator()(xmlXPathCompExprPtr compiled) const { xmlXPathFreeCompExpr(compiled); }
};
struct FreeParser {
  void operator()(xmlParserCtxtPtr parser) const { xmlFreeParserCtxt(parser); }
};
using Context = std::unique_ptr<xmlXPathContext, FreeContext>;

// Selectors were compiled from their text for every field of every item (XPath
// was a tenth of a parse). A compiled expression holds no document (prefixes resolve
// when it runs), so each thread compiles each selector once. A selector that
// does not compile is compiled again each time, to report its error again.
// The bound only matters to callers that feed endless different definitions
// (the fuzzer); the cache is cleared before a compile, never while a document
// holds one of its expressions.
xmlXPathCompExprPtr compiledSelector(xmlXPathContextPtr context, const std::string& xpath) {
  constexpr size_t kMaxCachedSelectors = 1024;
  thread_local std::map<std::string, std::unique_ptr<xmlXPathCompExpr, FreeCompiled>> cache;
  if (const auto found = cache.find(xpath); found != cache.end()) return found->second.get();
  std::unique_ptr<xmlXPathCompExpr, FreeCompiled> expression(xmlXPathCtxtCompile(context, asXml(xpath)));
  if (!expression) return nullptr;
  if (cache.size() >= kMaxCachedSelectors) cache.clear();
  return cache.emplace(xpath, std::move(expression)).first->second.get();
}

Context newContext(xmlDocPtr doc, const std::map<std::string, std::string>& namespaces, std::string* errors) {
  Context context(xmlXPathNewContext(doc));
  if (!context) throw std::bad_alloc();
  context->userData = errors;
  context->error = keepXPathError;
  for (const auto& [prefix, uri] : namespaces) xmlXPathRegisterNs(context.get(), asXml(prefix), asXml(uri));
  return context;
}

std::string textOf(xmlNodePtr node) {
  std::unique_ptr<xmlChar, FreeString> content(xmlNodeGetContent(node));
  return collapseWhitespace(fromXml(content.get()));
}

bool isSpaceAt(const std::string& text, size_t i, size_t* width) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *width = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
    *width = 2; // U+00A0, the &nbsp; programme sites put between day and month
    return true;
  }
  return false;
}

} // namespace

std::string collapseWhitespace(const std::string& text) {
  std::string out;
  bool pendingSpace = false;
  for (size_t i = 0; i < text.size();) {
    size_t width = 0;
    if (isSpaceAt(text, i, &width)) {
      pendingSpace = !out.empty();
      i += width;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += text[i++];
  }
  return out;
}

std::optional<std::string> xpathError(const std::string& xpath,
                                      const std::map<std::string, std::string>& namespaces) {
  std::string errors;
  Context context = newContext(nullptr, namespaces, &errors);
  std::unique_ptr<xmlXPathCompExpr, FreeCompiled> compiled(xmlXPathCtxtCompile(context.get(), asXml(xpath)));
  if (compiled) return std::nullopt;
  return errors.empty() ? std::string("does not compile") : errors;
}

MarkupDocument::MarkupDocument(xmlDocPtr doc, bool isHtml, std::map<std::string, std::string> namespaces)
    : doc_(doc), isHtml_(isHtml), namespaces_(std::move(namespaces)),
      xpath_(newContext(doc, namespaces_, nullptr).release()) {}

std::unique_ptr<xmlXPathObject, MarkupDocument::FreeObject>
MarkupDocument::evaluate(const std::string& xpath, xmlNodePtr context) const {
  std::string errors;
  xpath_->userData = &errors;
  xpath_->node = context ? context : root();
  // As a new context has them: no earlier query's position leaks into this one.
  xpath_->contextSize = -1;
  xpath_->proximityPosition = -1;
  xmlXPathCompExprPtr expression = compiledSelector(xpath_.get(), xpath);
  std::unique_ptr<xmlXPathObject, FreeObject> result(
      expression ? xmlXPathCompiledEval(expression, xpath_.get()) : nullptr);
  xpath_->userData = nullptr;
  if (!result) throw MarkupError("XPath '" + xpath + "' failed: " + (errors.empty() ? "no result" : errors));
  return result;
}

MarkupDocument MarkupDocument::html(const std::string& data, const std::string& name) {
  xmlInitParser();
  std::unique_ptr<xmlParserCtxt, FreeParser> parser(htmlNewParserCtxt());
  if (!parser) throw std::bad_alloc();
  // Pages without a charset declaration are read as UTF-8, not libxml2's Latin-1 default.
  xmlDocPtr doc = htmlCtxtReadMemory(
      parser.get(), data.data(), static_cast<int>(data.size()), name.c_str(), "UTF-8",
      HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
  if (!doc || !xmlDocGetRootElement(doc)) {
    if (doc) xmlFreeDoc(doc);
    throw MarkupError(name + ": not an HTML page (" + (data.empty() ? "empty" : "no elements") + ")");
  }
  return MarkupDocument(doc, true, {});
}

MarkupDocument MarkupDocument::xml(const std::string& data, const std::string& name,
                                   std::map<std::string, std::string> namespaces) {
  xmlInitParser();
  std::unique_ptr<xmlParserCtxt, FreeParser> parser(xmlNewParserCtxt());
  if (!parser) throw std::bad_alloc();
  // No XML_PARSE_NOENT (entities are not expanded) and no DTD loading.
  xmlDocPtr doc = xmlCtxtReadMemory(parser.get(), data.data(), static_cast<int>(data.size()), name.c_str(),
                                    nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) throw MarkupError(name + ": not well-formed XML, " + messageOf(parser->lastError));
  return MarkupDocument(doc, false, std::move(namespaces));
}

xmlNodePtr MarkupDocument::root() const {
  return xmlDocGetRootElement(doc_.get());
}

std::vector<xmlNodePtr> MarkupDocument::nodes(const std::string& xpath, xmlNodePtr context) const {
  const auto result = evaluate(xpath, context);
  std::vector<xmlNodePtr> out;
  if (result->type == XPATH_NODESET && result->nodesetval)
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) out.push_back(result->nodesetval->nodeTab[i]);
  return out;
}

std::vector<std::string> MarkupDocument::strings(const std::string& xpath, xmlNodePtr context) const {
  const auto result = evaluate(xpath, context);
  std::vector<std::string> out;
  auto keep = [&out](std::string value) {
    if (!value.empty()) out.push_back(std::move(value));
  };
  if (result->type == XPATH_NODESET) {
    if (result->nodesetval)
      for (int i = 0; i < result->nodesetval->nodeNr; ++i) keep(textOf(result->nodesetval->nodeTab[i]));
    return out;
  }
  std::unique_ptr<xmlChar, FreeString> value(xmlXPathCastToString(result.get()));
  keep(collapseWhitespace(fromXml(value.get())));
  return out;
}

std::vector<std::string> MarkupDocument::markup(const std::string& xpath, xmlNodePtr context) const {
  std::vector<std::string> out;
  for (xmlNodePtr node : nodes(xpath, context)) {
    std::unique_ptr<xmlBuffer, decltype(&xmlBufferFree)> buffer(xmlBufferCreate(), xmlBufferFree);
    if (isHtml_)
      htmlNodeDump(buffer.get(), doc_.get(), node);
    else
      xmlNodeDump(buffer.get(), doc_.get(), node, 0, 0);
    out.push_back(fromXml(xmlBufferContent(buffer.get())));
  }
  return out;
}

} // namespace declarative
