// The one place that turns HTML (libxml2's HTML parser) or untrusted bytes into
// plain, valid UTF-8 text.
#pragma once

#include <cstddef>
#include <string>

namespace convoca::index {

// Plain text of an HTML fragment or document: tags dropped, scripts and styles
// skipped, block elements (p, li, br, h1-h6, tr, div...) on their own lines,
// entities decoded (&#xa0; becomes a space), runs of spaces collapsed.
// Never throws on malformed HTML: libxml2 recovers what it can.
std::string htmlToText(const std::string& html);

// A whole web page reduced to what a reader came for: the <title>, and the text
// of <main> (else <article>, else <body>) without navigation, headers, footers,
// asides, forms, scripts and styles.
struct HtmlPage {
  std::string title;
  std::string text;
};
HtmlPage htmlMainText(const std::string& html);

// At most maxBytes of `text`, cut at a character boundary, with bytes that are
// not UTF-8 replaced by U+FFFD: safe for JSON, logs and the index.
std::string validUtf8(const std::string& text, size_t maxBytes);

} // namespace convoca::index
