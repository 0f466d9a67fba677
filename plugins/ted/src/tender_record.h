// The record this plugin emits, in convoca's record schema v1: one per lot of a
// call for tenders. Unknown values stay empty and are left out of the JSON.
#pragma once

#include "notice.h"

#include <optional>
#include <string>
#include <vector>

namespace ted {

inline constexpr const char* kSourceId = "ted";
// Public page of a published notice; the publication number completes it.
inline constexpr const char* kNoticePageUrl = "https://ted.europa.eu/en/notice/-/detail/";

struct TenderRecord {
  std::string id;
  std::string title;
  std::string summary;
  std::string text;
  std::string url;
  std::string language;
  std::string callId;
  std::string callTitle;
  std::string topicId;
  std::vector<std::string> deadlines; // ascending
  bool deadlinesTimeAssumed = false;
  std::vector<std::string> deadlinesRaw;
  std::optional<Amount> budget;
  std::vector<std::string> keywords; // "CPV 71630000", main classification first
  std::vector<std::string> tags;
  std::vector<std::string> documents;
  std::string sourceStatus; // the notice type, e.g. cn-standard
};

// "ted:<notice id>:<lot id>"; a change notice keeps the id of the notice it changes.
std::string recordIdFor(const Notice& notice, const Lot& lot);

// One record per lot of a call for tenders or prior information notice.
// Throws Error(CONVOCA_SOURCE_FORMAT) naming `name` when a lot has no title at all.
std::vector<TenderRecord> recordsFor(const std::string& name, const Notice& notice);

// One line of JSON, kind "tender". fetched_at and content_hash are left to the host.
std::string toJson(const TenderRecord& record);

} // namespace ted
