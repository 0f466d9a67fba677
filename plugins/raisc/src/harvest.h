// Harvest through the Socrata SODA API of analisi.transparenciacatalunya.cat:
// an incremental window on the publication date, paged with $limit/$offset
// under a stable $order, one dataset after the other.
#pragma once

#include "socrata_rows.h"

#include <convoca/plugin.hpp>
#include <optional>
#include <string>
#include <vector>

namespace raisc {

inline constexpr const char* kDefaultBaseUrl = "https://analisi.transparenciacatalunya.cat/resource";

struct HarvestOptions {
  std::vector<Dataset> datasets{Dataset::Raisc, Dataset::Cido};
  std::string baseUrl = kDefaultBaseUrl;
  int pageSize = 1000;
  int maxPages = 100;
  std::optional<std::string> since; // YYYY-MM-DD: a fixed window start (replays, back-fills)
  int initialDays = 365;            // first run without a cursor: this many days back
  int overlapDays = 7;              // later runs: from the latest day seen minus this
};

// Reads the declared options; throws Error(CONVOCA_CONFIG) naming a bad one.
HarvestOptions harvestOptionsFrom(const convoca::sdk::Host& host);

// The Socrata resource id, its publication-date column and its cursor key.
const char* resourceIdOf(Dataset dataset);
const char* dateColumnOf(Dataset dataset);
std::string cursorKeyOf(Dataset dataset);

// GET URL of one page: <base>/<id>.json?$where=<col> >= '<day>T00:00:00'
// &$order=<col>,:id&$limit=<n>&$offset=<k>, values percent-encoded.
std::string pageUrl(const HarvestOptions& options, Dataset dataset, const std::string& sinceDay, int offset);

// First day of the window for a dataset: `since`, else the cursor minus the
// overlap, else today minus initial_days.
std::string windowStart(const HarvestOptions& options, const std::optional<std::string>& cursor);

// Fetches every page of every dataset, emits the records, moves the cursors.
// Throws Error(CONVOCA_RETRY | CONVOCA_NETWORK | CONVOCA_SOURCE_FORMAT | CONVOCA_CANCELLED).
void harvestDatasets(const convoca::sdk::Host& host, const HarvestOptions& options);

} // namespace raisc
