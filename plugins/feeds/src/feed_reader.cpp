#include "feed_reader.h"

#include "xml_document.h"

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <convoca/plugin.hpp>
#include <cstring>

namespace feeds {
namespace {

using convoca::sdk::Error;

bool isHttpUrl(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

bool isElement(xmlNodePtr node, const char* localName, const char* ns) {
  if (!node || std::strcmp(reinterpret_cast<const char*>(node->name), localName) != 0) return false;
  const char* actual = node->ns && node->ns->href ? reinterpret_cast<const char*>(node->ns->href) : nullptr;
  return ns ? actual && std::strcmp(actual, ns) == 0 : actual == nullptr;
}

std::string linkAt(const XmlDocument& doc, xmlNodePtr node, const std::string& reference) {
  if (reference.empty()) return {};
  return resolvedUrl(baseOf(doc.get(), node), reference);
}

void addUnique(std::vector<std::string>& list, const std::string& value) {
  if (value.empty()) return;
  for (const auto& item : list)
    if (item == value) return;
  list.push_back(value);
}

// Atom text constructs (RFC 4287 §3.1): type text (default), html or xhtml.
FeedText atomText(const XmlDocument& doc, xmlNodePtr node) {
  if (!node) return {};
  const std::string type = Poco::toLower(attributeOf(node, "type"));
  if (type == "xhtml") {
    xmlNodePtr div = doc.node(node, "*[local-name()='div']");
    return {Poco::trim(innerXml(doc.get(), div ? div : node)), true};
  }
  return {contentOf(node), type == "html" || type == "text/html"};
}

// RSS titles are plain text, but many feeds escape HTML (or entities) twice.
FeedText rssTitle(const std::string& title) {
  return {title, title.find_first_of("<&") != std::string::npos};
}

FeedItem rssItem(const XmlDocument& doc, xmlNodePtr item, const std::string& channelLanguage) {
  FeedItem out;
  out.guid = doc.text(item, "guid");
  out.title = rssTitle(doc.text(item, "title"));
  out.summary = {doc.text(item, "description"), true};
  out.content = {doc.text(item, "content:encoded"), true};
  out.link = linkAt(doc, doc.node(item, "link"), doc.text(item, "link"));
  const bool guidIsPermalink = Poco::toLower(doc.text(item, "guid/@isPermaLink")) != "false";
  if (out.link.empty() && guidIsPermalink) out.link = linkAt(doc, doc.node(item, "guid"), out.guid);
  out.dateRaw = doc.text(item, "pubDate");
  out.dateIsRfc822 = !out.dateRaw.empty();
  if (out.dateRaw.empty()) out.dateRaw = doc.text(item, "dc:date");
  out.language = languageOf(item);
  if (out.language.empty()) out.language = channelLanguage;
  for (xmlNodePtr enclosure : doc.nodes(item, "enclosure"))
    addUnique(out.documents, linkAt(doc, enclosure, attributeOf(enclosure, "url")));
  for (xmlNodePtr category : doc.nodes(item, "category")) addUnique(out.categories, contentOf(category));
  return out;
}

FeedItem atomEntry(const XmlDocument& doc, xmlNodePtr entry) {
  FeedItem out;
  out.guid = doc.text(entry, "atom:id");
  out.title = atomText(doc, doc.node(entry, "atom:title"));
  out.summary = atomText(doc, doc.node(entry, "atom:summary"));
  xmlNodePtr content = doc.node(entry, "atom:content");
  if (content && attributeOf(content, "src").empty()) out.content = atomText(doc, content);
  xmlNodePtr alternate = doc.node(entry, "atom:link[not(@rel) or @rel='alternate'][1]");
  out.link = linkAt(doc, alternate, attributeOf(alternate, "href"));
  out.dateRaw = doc.text(entry, "atom:published");
  if (out.dateRaw.empty()) out.dateRaw = doc.text(entry, "atom:updated");
  out.language = languageOf(entry);
  for (xmlNodePtr link : doc.nodes(entry, "atom:link[@rel='enclosure' or @rel='related']"))
    addUnique(out.documents, linkAt(doc, link, attributeOf(link, "href")));
  if (content) addUnique(out.documents, linkAt(doc, content, attributeOf(content, "src")));
  for (xmlNodePtr category : doc.nodes(entry, "atom:category")) {
    const std::string label = attributeOf(category, "label");
    addUnique(out.categories, label.empty() ? attributeOf(category, "term") : label);
  }
  return out;
}

// The base for a saved file: its self link, else its own site link.
void setDocumentUrl(XmlDocument& doc, const std::string& documentUrl, const Feed& feed,
                    const std::string& siteLink) {
  if (!documentUrl.empty())
    doc.setUrl(documentUrl);
  else if (isHttpUrl(feed.selfUrl))
    doc.setUrl(feed.selfUrl);
  else if (isHttpUrl(siteLink))
    doc.setUrl(siteLink);
}

Feed readRss(XmlDocument& doc, const std::string& name, const std::string& documentUrl) {
  xmlNodePtr channel = doc.node(doc.root(), "channel");
  if (!channel) throw Error(CONVOCA_SOURCE_FORMAT, name + ": an <rss> document without a <channel>");
  Feed feed;
  feed.format = FeedFormat::Rss2;
  feed.title = doc.text(channel, "title");
  feed.selfUrl = doc.text(channel, "atom:link[@rel='self']/@href");
  feed.identity = doc.text(channel, "link");
  setDocumentUrl(doc, documentUrl, feed, feed.identity);
  std::string language = doc.text(channel, "language");
  if (language.empty()) language = doc.text(channel, "dc:language");
  if (language.empty()) language = languageOf(channel);
  for (xmlNodePtr item : doc.nodes(channel, "item")) feed.items.push_back(rssItem(doc, item, language));
  return feed;
}

Feed readAtom(XmlDocument& doc, const std::string& documentUrl) {
  xmlNodePtr root = doc.root();
  Feed feed;
  feed.format = FeedFormat::Atom1;
  feed.title = atomText(doc, doc.node(root, "atom:title")).value;
  feed.selfUrl = doc.text(root, "atom:link[@rel='self']/@href");
  feed.identity = doc.text(root, "atom:id");
  setDocumentUrl(doc, documentUrl, feed, doc.text(root, "atom:link[not(@rel) or @rel='alternate']/@href"));
  if (!documentUrl.empty() || isHttpUrl(feed.selfUrl))
    feed.selfUrl = linkAt(doc, doc.node(root, "atom:link[@rel='self']"), feed.selfUrl);
  for (xmlNodePtr entry : doc.nodes(root, "atom:entry")) feed.items.push_back(atomEntry(doc, entry));
  return feed;
}

} // namespace

Feed readFeed(const std::string& name, const std::string& bytes, const std::string& documentUrl) {
  XmlDocument doc(name, bytes);
  xmlNodePtr root = doc.root();
  if (isElement(root, "rss", nullptr)) {
    const std::string version = attributeOf(root, "version");
    if (!version.empty() && version.rfind("2.", 0) != 0)
      throw Error(CONVOCA_SOURCE_FORMAT, name + ": RSS version " + version + " (only RSS 2.0 is read)");
    return readRss(doc, name, documentUrl);
  }
  if (isElement(root, "feed", kAtomNs)) return readAtom(doc, documentUrl);
  const char* rootName = reinterpret_cast<const char*>(root->name);
  const bool oldAtom = std::strcmp(rootName, "feed") == 0;
  throw Error(CONVOCA_SOURCE_FORMAT,
              name + ": the root element <" + rootName + "> is neither RSS 2.0 <rss> nor Atom 1.0 <feed>" +
                  (oldAtom ? " (a <feed> outside the Atom 1.0 namespace " + std::string(kAtomNs) + ")" : ""));
}

std::string resolvedUrl(const std::string& base, const std::string& reference) {
  const std::string trimmed = Poco::trim(reference);
  if (trimmed.empty()) return {};
  try {
    if (base.empty()) return isHttpUrl(trimmed) ? Poco::URI(trimmed).toString() : std::string();
    Poco::URI uri(base);
    uri.resolve(trimmed);
    const std::string resolved = uri.toString();
    return isHttpUrl(resolved) ? resolved : std::string();
  } catch (const Poco::Exception&) {
    return {};
  }
}

} // namespace feeds
