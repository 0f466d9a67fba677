#include "convoca/index/html_text.h"

#include <cstring>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <memory>

namespace convoca::index {
namespace {

bool isBlock(const xmlChar* name) {
  static const char* const kBlocks[] = {"p",  "div", "br",         "li",  "ul", "ol", "tr",      "table",
                                        "h1", "h2",  "h3",         "h4",  "h5", "h6", "section", "article",
                                        "dd", "dt",  "blockquote", "pre", "hr", "td", "th"};
  for (const char* block : kBlocks)
    if (xmlStrcasecmp(name, reinterpret_cast<const xmlChar*>(block)) == 0) return true;
  return false;
}

bool isSkipped(const xmlChar* name) {
  return xmlStrcasecmp(name, reinterpret_cast<const xmlChar*>("script")) == 0 ||
         xmlStrcasecmp(name, reinterpret_cast<const xmlChar*>("style")) == 0;
}

// Appends text, turning every run of whitespace (including no-break spaces) into one space.
void appendCollapsed(std::string& out, const char* text) {
  for (const char* p = text; *p; ++p) {
    unsigned char c = static_cast<unsigned char>(*p);
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    // U+00A0 NO-BREAK SPACE is C2 A0 in UTF-8.
    if (c == 0xC2 && static_cast<unsigned char>(p[1]) == 0xA0) {
      space = true;
      ++p;
    }
    if (space) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

void endLine(std::string& out) {
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
}

void walk(const xmlNode* node, std::string& out) {
  for (; node; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) appendCollapsed(out, reinterpret_cast<const char*>(node->content));
    } else if (node->type == XML_ELEMENT_NODE) {
      if (isSkipped(node->name)) continue;
      const bool block = isBlock(node->name);
      if (block) endLine(out);
      walk(node->children, out);
      if (block) endLine(out);
    }
  }
}

} // namespace

std::string htmlToText(const std::string& html) {
  if (html.empty()) return {};
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                      HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT;
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options), &xmlFreeDoc);
  if (!doc) return {};
  std::string out;
  walk(xmlDocGetRootElement(doc.get()), out);
  endLine(out);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  size_t start = out.find_first_not_of(" \n");
  return start == std::string::npos ? std::string() : out.substr(start);
}

} // namespace convoca::index
