// The record this plugin emits, in convoca's record schema v1 (JSON field names
// as the schema has them). Unknown values stay empty and are left out of the JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace raisc {

inline constexpr const char* kSourceId = "raisc";

struct CallRecord {
  std::string id;
  std::string title;
  std::string summary;
  std::string text;
  std::string url;
  std::string language = "ca";
  std::string programme;
  std::string programmeCode;
  std::string callId;
  std::vector<std::string> deadlines;
  bool deadlinesTimeAssumed = false;
  std::vector<std::string> deadlinesRaw;
  // Publication date in the official gazette (RAISC) or in the CIDO. The schema
  // has no field for it yet: emitted as the extension field "published".
  std::optional<std::string> published;
  std::optional<double> budgetEur;
  std::vector<std::string> eligibleCountries;
  std::vector<std::string> eligibleEntities;
  std::vector<std::string> keywords;
  std::vector<std::string> tags;
  std::vector<std::string> documents;
  // The same call's id in other sources: "bdns:<code>" when the row quotes its BDNS code.
  std::vector<std::string> aliases;
  std::string sourceStatus;
};

// One line of JSON, kind "call". fetched_at and content_hash are left to the host.
std::string toJson(const CallRecord& record);

} // namespace raisc
