// The record this plugin emits, in convoca's record schema v1 (JSON field names
// as the schema has them). Unknown values stay empty and are left out of the JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace euft {

struct CallRecord {
  std::string id;
  std::string kind; // topic | call | tender
  std::string title;
  std::string summary;
  std::string text;
  std::string url;
  std::string language = "en";
  std::string programme;
  std::string programmeCode;
  std::string callId;
  std::string callTitle;
  std::string topicId;
  std::optional<std::string> opening;
  bool openingTimeAssumed = false;
  std::vector<std::string> deadlines; // ascending
  bool deadlinesTimeAssumed = false;
  std::vector<std::string> deadlinesRaw;
  std::optional<double> budgetEur;
  std::vector<std::string> eligibleCountries;
  std::vector<std::string> keywords;
  std::vector<std::string> tags;
  std::vector<std::string> actionTypes;
  std::vector<std::string> priorities;
  std::string sourceStatus;
};

// The id every record of this source carries: "eu-ft:" + the portal identifier.
std::string recordIdFor(const std::string& identifier);

// One line of JSON. fetched_at and content_hash are left to the host.
std::string toJson(const CallRecord& record);

} // namespace euft
