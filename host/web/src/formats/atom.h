// Atom feeds (RFC 4287): the saved-search feed and the profile digest.
#pragma once

#include <string>
#include <vector>

namespace convoca::web {

struct AtomEntry {
  std::string id;      // a URI that never changes for this entry, e.g. "tag:convoca,2026:call:<id>"
  std::string title;   // plain text
  std::string updated; // RFC 3339
  // The call's page; without one the summary is written as the entry's content,
  // as RFC 4287 4.1.2 asks of an entry without an alternate link.
  std::string link;
  std::string summary;                 // plain text; empty for none
  std::vector<std::string> categories; // category terms, e.g. the programme
};

struct AtomFeed {
  std::string id;            // a URI that never changes for this feed
  std::string title;         // plain text
  std::string subtitle;      // plain text; empty for none
  std::string updated;       // RFC 3339: the newest entry's, or now when there is none
  std::string selfLink;      // the feed's own URL
  std::string alternateLink; // the page showing the same list; empty for none
  std::string language;      // xml:lang of the feed ("ca", "es", "en"); empty for none
  std::vector<AtomEntry> entries;
};

// The feed as a UTF-8 XML document in the Atom namespace, author "convoca";
// empty optional fields are left out, text is escaped by the XML writer.
std::string atomXml(const AtomFeed& feed);

} // namespace convoca::web
