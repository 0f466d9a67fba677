// Harvest from the portal's project list, following DRF's `next` links.
#pragma once

#include "call_record.h"

#include <convoca/plugin.hpp>
#include <string>
#include <vector>

namespace unpp {

inline constexpr const char* kDefaultSiteUrl = "https://www.unpartnerportal.org";

enum class ListApi {
  Open,       // GET /api/projects/open/ — what the portal's own table calls (2026)
  Public2019, // GET /api/public/projects/ — the public list of the 2019 code
};

struct HarvestOptions {
  ListApi api = ListApi::Open;
  std::string siteUrl = kDefaultSiteUrl;
  int pageSize = 50; // what the portal's own table asks for; DRF's maximum is 100
  int maxPages = 20; // a safety stop: about 60 open calls fit in two pages
};

// Reads the options declared in the descriptor; throws Error(CONVOCA_CONFIG)
// naming the option for an invalid value.
HarvestOptions harvestOptionsFrom(const convoca::sdk::Host& host);

// The first page: "<site>/api/projects/open/?page=1&page_size=50".
std::string firstPageUrl(const HarvestOptions& options);

// Every call of every page, once per id, in list order. Throws
// Error(CONVOCA_RETRY | CONVOCA_NETWORK) for an HTTP failure,
// Error(CONVOCA_SOURCE_FORMAT) for a page that is not a project list,
// Error(CONVOCA_CANCELLED) when the host asks to stop between pages.
std::vector<CallRecord> harvestProjects(const convoca::sdk::Host& host, const HarvestOptions& options);

} // namespace unpp
