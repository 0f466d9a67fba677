#include "portal.h"

namespace euft {
namespace {

constexpr const char* kTopicPage =
    "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/";
constexpr const char* kLegacyDetailsPath = "/data/topicDetails/";

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

std::string topicPageUrl(const std::string& identifier) {
  return kTopicPage + identifier;
}

std::string displayUrl(const std::string& given, const std::string& identifier, const std::string& kind) {
  const bool usable = given.rfind("https://", 0) == 0 || given.rfind("http://", 0) == 0;
  const bool legacyJson = given.find(kLegacyDetailsPath) != std::string::npos && endsWith(given, ".json");
  if (usable && !legacyJson) return given;
  return kind == "topic" || legacyJson ? topicPageUrl(identifier) : std::string();
}

std::string kindOfType(const std::string& typeCode) {
  if (typeCode == "1" || typeCode == "2") return "topic";
  if (typeCode == "8") return "call";
  if (typeCode == "0") return "tender";
  return {};
}

std::string statusWordOf(const std::string& statusCode) {
  if (statusCode == "31094501") return "forthcoming";
  if (statusCode == "31094502") return "open";
  if (statusCode == "31094503") return "closed";
  return {};
}

} // namespace euft
