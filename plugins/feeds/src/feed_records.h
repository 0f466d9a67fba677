// Feed items → records: ids, plain text through the host, dates, language.
#pragma once

#include "feed_reader.h"
#include "item_record.h"

#include <convoca/plugin.hpp>
#include <string>
#include <vector>

namespace feeds {

// What the operator says about one feed (options kind, language, programme,
// programme_code).
struct FeedSettings {
  std::string kind = "call";
  std::string language; // used when the feed does not say
  std::string programme;
  std::string programmeCode;
};

// "feeds:" + 8 hex digits of the SHA-1 of `feedKey` + ":" + the item key, where
// the item key is its guid (else its link, else title and date) kept as is when
// it is at most 64 URL-safe characters, else 16 hex digits of its SHA-1.
std::string itemRecordId(const std::string& feedKey, const std::string& itemKey);

// ISO 639 primary subtag of a language tag ("en-GB" → "en"), or "" when it is not one.
std::string languageCode(const std::string& tag);

// One record per item with a title (or a text to make one from), the first
// copy of an id winning. Items dropped, and dates that cannot be read, are logged.
std::vector<ItemRecord> recordsOf(const Feed& feed, const std::string& feedKey, const FeedSettings& settings,
                                  const convoca::sdk::Host& host);

} // namespace feeds
