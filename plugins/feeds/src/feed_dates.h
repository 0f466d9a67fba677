// Feed dates → RFC 3339 with the offset the feed wrote.
//
// RSS 2.0 pubDate is RFC 822 ("Tue, 10 Nov 2026 16:00:00 CET", with a four- or
// two-digit year, with or without the weekday and the seconds). The zone may be
// numeric (+0200), or a name: the RFC 822 names (UT, GMT, EST/EDT, CST/CDT,
// MST/MDT, PST/PDT), "UTC", "Z" and the European ones EU programme sites use
// (WET/WEST, BST, CET/CEST, MET/MEST, EET/EEST). Any other name (ambiguous ones
// such as IST included) makes the date unreadable rather than silently UTC.
// Atom published/updated and Dublin Core dc:date are RFC 3339 and must carry an
// offset (a local time without one is not an instant).
#pragma once

#include <optional>
#include <string>

namespace feeds {

// "Tue, 10 Nov 2026 16:00:00 CET" → "2026-11-10T16:00:00+01:00"; nullopt if unreadable.
std::optional<std::string> rfc822ToRfc3339(const std::string& text);

// "2026-11-10T16:00:00.5Z" → "2026-11-10T16:00:00Z"; nullopt if unreadable or without offset.
std::optional<std::string> normaliseRfc3339(const std::string& text);

// The numeric offset ("+0100") of a zone name in the table above, or nullopt.
std::optional<std::string> offsetOfZoneName(const std::string& name);

} // namespace feeds
