// The record this plugin emits, in convoca's record schema v1 (JSON field names
// as the schema has them). Unknown values stay empty and are left out of the JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace unpp {

struct CallRecord {
  std::string id;
  std::string title;
  std::string text;
  std::string url;
  std::string callId;
  std::optional<std::string> opening;
  bool openingTimeAssumed = false;
  std::vector<std::string> deadlines;
  bool deadlinesTimeAssumed = false;
  std::vector<std::string> deadlinesRaw;
  std::vector<std::string> eligibleCountries;
  std::vector<std::string> keywords; // specialisation names
  std::vector<std::string> tags;     // sector names and the agency
  std::vector<std::string> documents;
};

// "unpp:" + the portal's identifier of the call.
std::string recordIdFor(const std::string& identifier);

// One line of JSON. fetched_at and content_hash are left to the host.
std::string toJson(const CallRecord& record);

} // namespace unpp
