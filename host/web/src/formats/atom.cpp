#include "atom.h"

#include <Poco/SAX/AttributesImpl.h>
#include <Poco/SAX/NamespaceSupport.h>
#include <Poco/XML/XMLWriter.h>
#include <sstream>

namespace convoca::web {
namespace {

const std::string kAtomNamespace = "http://www.w3.org/2005/Atom";

// XML 1.0 allows no C0 control character but tab, LF and CR, and the writer
// passes them through; text extracted from harvested PDFs does carry some
// (form feeds, vertical tabs), which would make the whole feed unreadable.
std::string xmlText(const std::string& text) {
  std::string clean;
  clean.reserve(text.size());
  for (char c : text) {
    const auto octet = static_cast<unsigned char>(c);
    if (octet >= 0x20 || c == '\t' || c == '\n' || c == '\r') clean += c;
  }
  return clean;
}

class AtomWriter {
public:
  explicit AtomWriter(std::ostream& out)
      : writer_(out, Poco::XML::XMLWriter::WRITE_XML_DECLARATION | Poco::XML::XMLWriter::PRETTY_PRINT) {
    writer_.setNewLine("\n");
  }

  void feed(const AtomFeed& feed) {
    writer_.startDocument();
    writer_.startPrefixMapping("", kAtomNamespace);
    Poco::XML::AttributesImpl attributes;
    if (!feed.language.empty())
      attributes.addAttribute(Poco::XML::NamespaceSupport::XML_NAMESPACE, "lang", "xml:lang", "CDATA",
                              xmlText(feed.language));
    writer_.startElement(kAtomNamespace, "feed", "", attributes);
    text("id", feed.id);
    text("title", feed.title, "text");
    if (!feed.subtitle.empty()) text("subtitle", feed.subtitle, "text");
    text("updated", feed.updated);
    writer_.startElement(kAtomNamespace, "author", "");
    text("name", "convoca");
    writer_.endElement(kAtomNamespace, "author", "");
    link("self", feed.selfLink, "application/atom+xml");
    if (!feed.alternateLink.empty()) link("alternate", feed.alternateLink, "text/html");
    for (const AtomEntry& item : feed.entries) entry(item);
    writer_.endElement(kAtomNamespace, "feed", "");
    writer_.endPrefixMapping("");
    writer_.endDocument();
  }

private:
  void entry(const AtomEntry& entry) {
    writer_.startElement(kAtomNamespace, "entry", "");
    text("id", entry.id);
    text("title", entry.title, "text");
    text("updated", entry.updated);
    if (!entry.link.empty()) {
      link("alternate", entry.link, "text/html");
      if (!entry.summary.empty()) text("summary", entry.summary, "text");
    } else {
      text("content", entry.summary, "text");
    }
    for (const std::string& term : entry.categories)
      if (!term.empty()) category(term);
    writer_.endElement(kAtomNamespace, "entry", "");
  }

  void text(const std::string& name, const std::string& value, const std::string& type = "") {
    Poco::XML::AttributesImpl attributes;
    if (!type.empty()) attributes.addAttribute("", "type", "", "CDATA", type);
    writer_.startElement(kAtomNamespace, name, "", attributes);
    writer_.characters(xmlText(value));
    writer_.endElement(kAtomNamespace, name, "");
  }

  void link(const std::string& rel, const std::string& href, const std::string& type) {
    Poco::XML::AttributesImpl attributes;
    attributes.addAttribute("", "rel", "", "CDATA", rel);
    attributes.addAttribute("", "type", "", "CDATA", type);
    attributes.addAttribute("", "href", "", "CDATA", xmlText(href));
    writer_.emptyElement(kAtomNamespace, "link", "", attributes);
  }

  void category(const std::string& term) {
    Poco::XML::AttributesImpl attributes;
    attributes.addAttribute("", "term", "", "CDATA", xmlText(term));
    writer_.emptyElement(kAtomNamespace, "category", "", attributes);
  }

  Poco::XML::XMLWriter writer_;
};

} // namespace

std::string atomXml(const AtomFeed& feed) {
  std::ostringstream out;
  AtomWriter(out).feed(feed);
  return out.str();
}

} // namespace convoca::web
