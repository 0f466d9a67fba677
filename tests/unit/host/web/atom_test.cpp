// The Atom writer, read back with Poco's DOM parser: required elements, the
// namespace, xml:lang, links and escaping.
#include "formats/atom.h"

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/SAX/NamespaceSupport.h>
#include <gtest/gtest.h>

namespace convoca::web::testing {
namespace {

const std::string kAtom = "http://www.w3.org/2005/Atom";

AtomFeed sampleFeed() {
  AtomFeed feed;
  feed.id = "tag:convoca,2026:search:7";
  feed.title = "convoca — Habitatge <script>alert(1)</script>";
  feed.subtitle = "q=habitatge & status=open";
  feed.updated = "2026-03-02T09:00:00+01:00";
  feed.selfLink = "http://127.0.0.1:8080/api/searches/7/feed.atom?lang=ca";
  feed.alternateLink = "http://127.0.0.1:8080/#/search?q=habitatge&status=open";
  feed.language = "ca";
  AtomEntry call;
  call.id = "tag:convoca,2026:call:eu-ft:HORIZON-CL5";
  call.title = "Ajuts <script>alert('x')</script> & més";
  call.updated = "2026-03-01T12:00:00+01:00";
  call.link = "https://example.org/call?id=1&lang=ca";
  call.summary = "Col·laboració público-privada";
  call.categories = {"Horizon Europe", "SDG 11"};
  feed.entries.push_back(call);
  AtomEntry withoutLink;
  withoutLink.id = "tag:convoca,2026:call:local:2";
  withoutLink.title = "Subvencions";
  withoutLink.updated = "2026-02-28T12:00:00+01:00";
  withoutLink.summary = "Sense enllaç";
  feed.entries.push_back(withoutLink);
  return feed;
}

Poco::AutoPtr<Poco::XML::Document> parsed(const std::string& xml) {
  Poco::XML::DOMParser parser;
  parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
  return parser.parseString(xml);
}

// The direct children of `parent` in the Atom namespace named `name`.
std::vector<Poco::XML::Element*> children(Poco::XML::Element* parent, const std::string& name) {
  std::vector<Poco::XML::Element*> found;
  for (Poco::XML::Node* node = parent->firstChild(); node; node = node->nextSibling()) {
    auto* element = dynamic_cast<Poco::XML::Element*>(node);
    if (element && element->namespaceURI() == kAtom && element->localName() == name) found.push_back(element);
  }
  return found;
}

std::string childText(Poco::XML::Element* parent, const std::string& name) {
  const auto found = children(parent, name);
  return found.size() == 1 ? found.front()->innerText() : "<" + std::to_string(found.size()) + " elements>";
}

Poco::XML::Element* linkWithRel(Poco::XML::Element* parent, const std::string& rel) {
  for (Poco::XML::Element* link : children(parent, "link"))
    if (link->getAttribute("rel") == rel) return link;
  return nullptr;
}

TEST(AtomXml, WritesAFeedInTheAtomNamespaceWithItsRequiredElements) {
  const auto document = parsed(atomXml(sampleFeed()));
  Poco::XML::Element* feed = document->documentElement();
  EXPECT_EQ(feed->namespaceURI(), kAtom);
  EXPECT_EQ(feed->localName(), "feed");
  EXPECT_EQ(childText(feed, "id"), "tag:convoca,2026:search:7");
  EXPECT_EQ(childText(feed, "updated"), "2026-03-02T09:00:00+01:00");
  EXPECT_EQ(childText(feed, "subtitle"), "q=habitatge & status=open");
  const auto authors = children(feed, "author");
  ASSERT_EQ(authors.size(), 1u);
  EXPECT_EQ(childText(authors.front(), "name"), "convoca");
  Poco::XML::Element* self = linkWithRel(feed, "self");
  ASSERT_NE(self, nullptr);
  EXPECT_EQ(self->getAttribute("href"), "http://127.0.0.1:8080/api/searches/7/feed.atom?lang=ca");
  EXPECT_EQ(self->getAttribute("type"), "application/atom+xml");
  ASSERT_NE(linkWithRel(feed, "alternate"), nullptr);
}

TEST(AtomXml, GivesEveryEntryAnIdTitleAndUpdated) {
  const auto document = parsed(atomXml(sampleFeed()));
  const auto entries = children(document->documentElement(), "entry");
  ASSERT_EQ(entries.size(), 2u);
  for (Poco::XML::Element* entry : entries)
    for (const char* required : {"id", "title", "updated"})
      EXPECT_EQ(children(entry, required).size(), 1u) << required;
  EXPECT_EQ(childText(entries[0], "id"), "tag:convoca,2026:call:eu-ft:HORIZON-CL5");
  EXPECT_EQ(childText(entries[0], "summary"), "Col·laboració público-privada");
  EXPECT_EQ(linkWithRel(entries[0], "alternate")->getAttribute("href"),
            "https://example.org/call?id=1&lang=ca");
  const auto categories = children(entries[0], "category");
  ASSERT_EQ(categories.size(), 2u);
  EXPECT_EQ(categories[0]->getAttribute("term"), "Horizon Europe");
}

TEST(AtomXml, WritesTheSummaryAsContentWhenAnEntryHasNoLink) {
  const auto document = parsed(atomXml(sampleFeed()));
  Poco::XML::Element* entry = children(document->documentElement(), "entry")[1];
  EXPECT_EQ(linkWithRel(entry, "alternate"), nullptr);
  EXPECT_EQ(childText(entry, "content"), "Sense enllaç");
  EXPECT_EQ(children(entry, "content").front()->getAttribute("type"), "text");
}

TEST(AtomXml, EscapesMarkupInTitles) {
  const std::string xml = atomXml(sampleFeed());
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  const auto document = parsed(xml);
  Poco::XML::Element* feed = document->documentElement();
  EXPECT_EQ(childText(feed, "title"), "convoca — Habitatge <script>alert(1)</script>");
  EXPECT_EQ(children(feed, "title").front()->getAttribute("type"), "text");
  EXPECT_EQ(childText(children(feed, "entry")[0], "title"), "Ajuts <script>alert('x')</script> & més");
}

TEST(AtomXml, DeclaresTheFeedLanguage) {
  const auto document = parsed(atomXml(sampleFeed()));
  EXPECT_EQ(document->documentElement()->getAttributeNS(Poco::XML::NamespaceSupport::XML_NAMESPACE, "lang"),
            "ca");
}

TEST(AtomXml, LeavesOutEmptyOptionalElements) {
  AtomFeed feed;
  feed.id = "tag:convoca,2026:search:8";
  feed.title = "Buit";
  feed.updated = "2026-03-02T09:00:00+01:00";
  feed.selfLink = "/api/searches/8/feed.atom";
  const std::string xml = atomXml(feed);
  EXPECT_EQ(xml.find("xml:lang"), std::string::npos);
  const auto document = parsed(xml);
  Poco::XML::Element* root = document->documentElement();
  EXPECT_TRUE(children(root, "subtitle").empty());
  EXPECT_EQ(linkWithRel(root, "alternate"), nullptr);
  EXPECT_TRUE(children(root, "entry").empty());
}

TEST(AtomXml, DropsControlCharactersXmlCannotHold) {
  AtomFeed feed = sampleFeed();
  feed.entries[0].title = "Pàgina\x0C 2\x0B";
  const auto document = parsed(atomXml(feed));
  EXPECT_EQ(childText(children(document->documentElement(), "entry")[0], "title"), "Pàgina 2");
}

} // namespace
} // namespace convoca::web::testing
