// Harvest from TED: the Search API v3 (expert query, ITERATION pagination) for
// the publication numbers, then each notice's eForms XML.
#pragma once

#include "notice_handler.h"

#include <convoca/plugin.hpp>
#include <string>
#include <vector>

namespace ted {

inline constexpr const char* kDefaultSearchUrl = "https://api.ted.europa.eu/v3/notices/search";
// [unverified] pattern of a published notice's XML; {publication-number} is replaced.
inline constexpr const char* kDefaultNoticeXmlUrl =
    "https://ted.europa.eu/en/notice/{publication-number}/xml";
inline constexpr const char* kCursorKey = "since";

struct HarvestOptions {
  std::vector<std::string> buyerCountries{"ESP"};
  // Calls for competition; the Search API's notice-type values are the eForms BT-02 codes.
  std::vector<std::string> noticeTypes{"cn-standard", "cn-social",        "cn-desg",
                                       "subco",       "pin-cfc-standard", "pin-cfc-social"};
  std::string query; // replaces the buyer-country / notice-type filter when set
  std::string since; // YYYYMMDD; "" = the cursor, else today − lookbackDays
  int lookbackDays = 30;
  int pageSize = 100; // the API serves at most 250
  int maxPages = 20;
  std::string searchUrl = kDefaultSearchUrl;
  std::string noticeXmlUrl = kDefaultNoticeXmlUrl;
};

// Reads the options declared in the descriptor; throws Error(CONVOCA_CONFIG)
// naming the option for an invalid value.
HarvestOptions harvestOptionsFrom(const convoca::sdk::Host& host);

// "<filter> AND publication-date >= <since>", the filter being the query option or
// "buyer-country IN (ESP) AND notice-type IN (cn-standard …)".
std::string expertQuery(const HarvestOptions& options, const std::string& since);

// The XML URL of a notice: the pattern with {publication-number} replaced.
std::string noticeXmlUrl(const HarvestOptions& options, const std::string& publicationNumber);

// Runs the harvest. Throws Error(CONVOCA_RETRY | CONVOCA_NETWORK) for an HTTP
// failure, Error(CONVOCA_SOURCE_FORMAT) for an unreadable search answer, or when
// every fetched notice was unreadable, Error(CONVOCA_CANCELLED).
EmitCounts harvestTed(const convoca::sdk::Host& host, const HarvestOptions& options);

} // namespace ted
