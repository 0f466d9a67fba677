// Harvest from the portal: the SEDIA search API (paged) and/or grantsTenders.json.
#pragma once

#include "emitter.h"
#include "parse_context.h"

#include <convoca/plugin.hpp>
#include <string>
#include <vector>

namespace euft {

inline constexpr const char* kDefaultSearchUrl = "https://api.tech.ec.europa.eu/search-api/prod/rest/search";
inline constexpr const char* kDefaultDumpUrl =
    "https://ec.europa.eu/info/funding-tenders/opportunities/data/referenceData/grantsTenders.json";

enum class HarvestMode { Search, Dump, Both };

struct HarvestOptions {
  HarvestMode mode = HarvestMode::Search;
  bool includeTenders = false;
  int pageSize = 100; // the API serves at most 100 per page
  int maxPages = 200; // a safety stop, far above the ~30 pages of a full run
  std::string searchUrl = kDefaultSearchUrl;
  std::string dumpUrl = kDefaultDumpUrl;
};

// Reads the options declared in the descriptor; throws Error(CONVOCA_CONFIG)
// naming the option for an invalid value.
HarvestOptions harvestOptionsFrom(const convoca::sdk::Host& host);

// "<search_url>?apiKey=SEDIA&text=***&pageSize=<n>&pageNumber=<page>"
std::string searchPageUrl(const HarvestOptions& options, int pageNumber);

// The multipart parts of every search request, in this order: query, languages, sort.
std::vector<convoca::sdk::MultipartPart> searchRequestParts(const HarvestOptions& options);

// Runs the harvest the options ask for and emits one record per identifier.
// Throws Error(CONVOCA_RETRY | CONVOCA_NETWORK) for an HTTP failure,
// Error(CONVOCA_SOURCE_FORMAT) for an unexpected answer, Error(CONVOCA_CANCELLED).
void harvestPortal(const HarvestOptions& options, ParseContext& context, Emitter& emitter);

} // namespace euft
