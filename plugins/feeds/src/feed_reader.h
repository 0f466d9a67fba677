// RSS 2.0 and Atom 1.0 documents read into items, before any decision about
// records: links already resolved, texts still in the form the feed gave.
#pragma once

#include <string>
#include <vector>

namespace feeds {

// A text as the feed wrote it: plain text, or HTML to be turned into text.
struct FeedText {
  std::string value;
  bool isHtml = false;
};

struct FeedItem {
  std::string guid; // RSS guid, Atom id ("" when absent)
  std::string link; // absolute URL, or "" when the item has none that resolves
  FeedText title;
  FeedText summary;    // RSS description, Atom summary
  FeedText content;    // RSS content:encoded, Atom content
  std::string dateRaw; // pubDate, dc:date, Atom published or updated, as written
  bool dateIsRfc822 = false;
  std::string language;               // xml:lang in force at the item, else the feed's language
  std::vector<std::string> documents; // enclosures and related links, absolute
  std::vector<std::string> categories;
};

enum class FeedFormat { Rss2, Atom1 };

struct Feed {
  FeedFormat format = FeedFormat::Rss2;
  std::string title;
  std::string selfUrl;  // atom:link rel="self" (RSS or Atom), "" when absent
  std::string identity; // Atom feed id or RSS channel link, "" when absent
  std::vector<FeedItem> items;
};

// Parses a whole feed. `documentUrl` is where it was fetched from ("" for a
// saved file: the self link, else the channel link, then serves as base).
// Throws Error(CONVOCA_SOURCE_FORMAT) naming `name` for bytes that are not
// well-formed XML, or XML that is neither an RSS 2.0 <rss><channel> nor an
// Atom 1.0 <feed>.
Feed readFeed(const std::string& name, const std::string& bytes, const std::string& documentUrl);

// `reference` resolved against `base` (RFC 3986, Poco::URI::resolve); "" when
// the result is not an absolute http(s) URL.
std::string resolvedUrl(const std::string& base, const std::string& reference);

} // namespace feeds
