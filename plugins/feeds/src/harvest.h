// The feeds the operator listed, fetched one after the other.
#pragma once

#include "feed_records.h"

#include <convoca/plugin.hpp>
#include <string>
#include <vector>

namespace feeds {

struct FeedSource {
  std::string url;
  FeedSettings settings;
};

// Reads the options urls, kind, language, programme and programme_code. kind,
// language, programme and programme_code take one value for every feed or a
// comma-separated list with one value per URL, in the order of urls. Throws
// Error(CONVOCA_CONFIG) naming the option for a missing or invalid value.
std::vector<FeedSource> feedSourcesFrom(const convoca::sdk::Host& host);

// The settings a saved file gets: each option's value when it has exactly one.
FeedSettings parseSettingsFrom(const convoca::sdk::Host& host);

// Fetches and emits every feed. A feed that fails (HTTP, not a feed) is logged
// and skipped so the others still arrive; the run then fails with the first
// failure's status. Throws Error(CONVOCA_CANCELLED) between feeds when asked.
void harvestFeeds(const convoca::sdk::Host& host, const std::vector<FeedSource>& sources);

// Parses one saved feed file and emits its records; the feed is identified by
// its self link, else its Atom id or channel link, else the file name.
void parseSavedFeed(const convoca::sdk::Host& host, const std::string& name, const std::string& bytes);

} // namespace feeds
