// The record this plugin emits, in convoca's record schema v1 (JSON field names
// as the schema has them). Unknown values stay empty and are left out of the JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace feeds {

inline constexpr const char* kSourceId = "feeds";

struct ItemRecord {
  std::string id;
  std::string kind = "call"; // call | document, per the kind option
  std::string title;
  std::string summary;
  std::string text;
  std::string url;
  std::string language;
  std::string programme;
  std::string programmeCode;
  // The item's publication date. The schema has no field for it yet: emitted
  // as the extension field "published" (feeds carry no deadlines or openings).
  std::optional<std::string> published;
  std::vector<std::string> keywords;
  std::vector<std::string> documents;
};

// One line of JSON. fetched_at and content_hash are left to the host.
std::string toJson(const ItemRecord& record);

} // namespace feeds
