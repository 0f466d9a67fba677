// Text of the documents a call links to (guides, terms of reference, annexes),
// so a call matches on what its documents say.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace convoca::documents {

// The document cannot be read as text: an unsupported type, a damaged or
// encrypted PDF. what() says which and why.
class ExtractError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct ExtractedText {
  std::string title; // the document's own title when it has one
  std::string text;  // plain UTF-8, at most maxBytes (cut at a character boundary)
};

// PDF (poppler-cpp), HTML (main text, no navigation: libxml2) or plain text,
// chosen by the content type, else by the body's first bytes.
ExtractedText extractText(const std::string& contentType, const std::string& body, size_t maxBytes);

} // namespace convoca::documents
