// Facts about the Funding & Tenders Portal that both payload formats share.
#pragma once

#include <string>

namespace euft {

// The portal page of a topic, e.g. .../topic-details/HORIZON-CL6-2026-04-GOVERNANCE-01.
std::string topicPageUrl(const std::string& identifier);

// The URL to show for a row: the given one, except that a legacy
// ".../data/topicDetails/<ID>.json" (a JSON file, 404 in upper case) becomes the
// topic's portal page. Without a usable http(s) URL, topics get their portal
// page and other kinds no URL.
std::string displayUrl(const std::string& given, const std::string& identifier, const std::string& kind);

// "topic", "call" or "tender" for the portal's `type` code; "" for a type this
// plugin does not read (FAQ entries, grant updates...).
std::string kindOfType(const std::string& typeCode);

// The source's own status word for a status code, "" when unknown.
std::string statusWordOf(const std::string& statusCode);

} // namespace euft
