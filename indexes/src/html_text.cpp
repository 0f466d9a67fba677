#include "convoca/index/html_text.h"

#include <Poco/TextConverter.h>
#include <Poco/UTF8Encoding.h>
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <memory>
#include <utility>

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

bool named(const xmlChar* name, const char* wanted) {
  return xmlStrcasecmp(name, reinterpret_cast<const xmlChar*>(wanted)) == 0;
}

bool isSkipped(const xmlChar* name) {
  return named(name, "script") || named(name, "style");
}

// Page furniture that is not the page's content.
bool isFurniture(const xmlChar* name) {
  for (const char* tag :
       {"nav", "header", "footer", "aside", "form", "noscript", "script", "style", "template"})
    if (named(name, tag)) return true;
  return false;
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

void walk(const xmlNode* node, std::string& out, bool (*skip)(const xmlChar*) = isSkipped) {
  for (; node; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) appendCollapsed(out, reinterpret_cast<const char*>(node->content));
    } else if (node->type == XML_ELEMENT_NODE) {
      if (skip(node->name)) continue;
      const bool block = isBlock(node->name);
      if (block) endLine(out);
      walk(node->children, out, skip);
      if (block) endLine(out);
    }
  }
}

// The first element with this name, depth first.
const xmlNode* findElement(const xmlNode* node, const char* name) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (named(node->name, name)) return node;
    if (const xmlNode* found = findElement(node->children, name)) return found;
  }
  return nullptr;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  const size_t start = text.find_first_not_of(" \n");
  return start == std::string::npos ? std::string() : text.substr(start);
}

using HtmlDoc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

HtmlDoc parseHtml(const std::string& html) {
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                      HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT;
  return HtmlDoc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options),
                 &xmlFreeDoc);
}

// The code point of the UTF-8 sequence at text[i] and its length, or length 0
// when the bytes are not a shortest-form sequence.
std::pair<uint32_t, size_t> decodeUtf8(const std::string& text, size_t i) {
  const auto byte = [&](size_t at) { return at < text.size() ? static_cast<unsigned char>(text[at]) : 0u; };
  const unsigned char lead = byte(i);
  const size_t length = lead > 0xF4 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0) return {0, 0};
  uint32_t code = lead & (0xFF >> (length + 1));
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0, 0};
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  static const uint32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kShortest[length] || code > 0x10FFFF) return {0, 0};
  return {code, length};
}

// Text that libxml2's HTML parser would only copy: no markup or reference
// (`<`, `&`), and only characters it keeps unchanged. Anything else it drops
// (control characters, U+FFFE), reinterprets (bytes that are not UTF-8 switch
// it to Latin-1, a leading byte order mark is skipped) or decodes, so that
// text takes the parse.
bool isPlainText(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '<' || c == '&' || c == 0x7F || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
        return false;
      ++i;
      continue;
    }
    const auto [code, length] = decodeUtf8(text, i);
    if (length == 0 || code < 0xA0 || (code >= 0xD800 && code < 0xE000) || code == 0xFEFF || code == 0xFFFE ||
        code == 0xFFFF)
      return false;
    i += length;
  }
  return true;
}

} // namespace

std::string htmlToText(const std::string& html) {
  if (html.empty()) return {};
  // Many fields handed over as HTML are plain text (titles, open-data rows),
  // for which a whole HTML parse only collapses whitespace; converting HTML
  // was a fifth of a feed plugin's parse time.
  if (isPlainText(html)) {
    std::string out;
    appendCollapsed(out, html.c_str());
    return trimmed(std::move(out));
  }
  HtmlDoc doc = parseHtml(html);
  if (!doc) return {};
  std::string out;
  walk(xmlDocGetRootElement(doc.get()), out);
  return trimmed(out);
}

HtmlPage htmlMainText(const std::string& html) {
  HtmlPage page;
  if (html.empty()) return page;
  HtmlDoc doc = parseHtml(html);
  if (!doc) return page;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (const xmlNode* title = findElement(root, "title")) walk(title->children, page.title);
  page.title = trimmed(page.title);
  const xmlNode* content = findElement(root, "main");
  if (!content) content = findElement(root, "article");
  if (!content) content = findElement(root, "body");
  if (content) walk(content->children, page.text, isFurniture);
  page.text = trimmed(page.text);
  return page;
}

namespace {

// The longest prefix of `text` within maxBytes that does not end inside a
// UTF-8 sequence. Steps back at most 3 bytes (the longest sequence is 4): a run
// of stray continuation bytes is invalid text, not a sequence to keep whole.
size_t boundaryWithin(const std::string& text, size_t maxBytes) {
  size_t end = std::min(text.size(), maxBytes);
  for (int step = 0; step < 3 && end > 0 && end < text.size(); ++step) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) break;
    --end;
  }
  return end;
}

} // namespace

std::string validUtf8(const std::string& text, size_t maxBytes) {
  Poco::UTF8Encoding utf8;
  Poco::TextConverter converter(utf8, utf8, 0xFFFD);
  std::string out;
  converter.convert(text.substr(0, boundaryWithin(text, maxBytes)), out);
  // Each invalid byte became a 3-byte U+FFFD: cut again, now on valid UTF-8.
  out.resize(boundaryWithin(out, maxBytes));
  return out;
}

} // namespace convoca::index
