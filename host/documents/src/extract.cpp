#include "convoca/documents/extract.h"

#include "convoca/index/html_text.h"

#include <Poco/String.h>
#include <climits>
#include <memory>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

namespace convoca::documents {
namespace {

enum class Kind { Pdf, Html, Plain, Other };

Kind kindOf(const std::string& contentType, const std::string& body) {
  const std::string type = Poco::toLower(contentType.substr(0, contentType.find(';')));
  if (type == "application/pdf" || body.compare(0, 5, "%PDF-") == 0) return Kind::Pdf;
  if (type == "text/html" || type == "application/xhtml+xml") return Kind::Html;
  if (type == "text/plain") return Kind::Plain;
  const std::string start = Poco::toLower(body.substr(0, 512));
  if (start.find("<html") != std::string::npos || start.find("<!doctype html") != std::string::npos)
    return Kind::Html;
  return Kind::Other;
}

std::string toUtf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

ExtractedText fromPdf(const std::string& body, size_t maxBytes) {
  if (body.size() > static_cast<size_t>(INT_MAX)) throw ExtractError("PDF larger than 2 GiB");
  // poppler reads the bytes in place: `body` outlives the document.
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(body.data(), static_cast<int>(body.size())));
  if (!document) throw ExtractError("not a readable PDF");
  if (document->is_locked()) throw ExtractError("the PDF is encrypted");
  ExtractedText out;
  out.title = toUtf8(document->get_title());
  for (int i = 0; i < document->pages() && out.text.size() < maxBytes; ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    if (!page) continue;
    if (!out.text.empty()) out.text += "\n";
    out.text += toUtf8(page->text());
  }
  return out;
}

} // namespace

ExtractedText extractText(const std::string& contentType, const std::string& body, size_t maxBytes) {
  ExtractedText out;
  switch (kindOf(contentType, body)) {
  case Kind::Pdf:
    out = fromPdf(body, maxBytes);
    break;
  case Kind::Html: {
    index::HtmlPage page = index::htmlMainText(body);
    out.title = std::move(page.title);
    out.text = std::move(page.text);
    break;
  }
  case Kind::Plain:
    out.text = body;
    break;
  case Kind::Other:
    throw ExtractError("cannot read documents of type '" + contentType + "'");
  }
  out.title = index::validUtf8(out.title, 1024);
  out.text = index::validUtf8(out.text, maxBytes);
  return out;
}

} // namespace convoca::documents
