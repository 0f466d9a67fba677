// Turns the values found for one item into a record of convoca's schema v1.
#pragma once

#include "definition.h"
#include "page_reader.h"

#include <convoca/plugin.hpp>
#include <optional>
#include <string>

namespace declarative {

inline constexpr const char* kSourceId = "declarative";

// "declarative:<definition id>:<item key>"
std::string recordIdFor(const Definition& definition, const std::string& key);

// The http(s) URL `href` designates on the page at `pageUrl`, or "" (mailto:, javascript:, unreadable).
std::string resolveUrl(const std::string& pageUrl, const std::string& href);

class RecordBuilder {
public:
  RecordBuilder(const Definition& definition, const convoca::sdk::Host& host)
      : definition_(definition), host_(host) {}

  // The record's JSON, or nullopt (with a warning) for an item without key or title.
  std::optional<std::string> toJson(const ItemValues& item, const std::string& pageUrl) const;

private:
  const Definition& definition_;
  const convoca::sdk::Host& host_;
};

} // namespace declarative
