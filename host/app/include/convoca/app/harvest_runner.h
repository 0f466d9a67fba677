// `convoca harvest`: runs each source in its own worker, streams its records
// into the index (one transaction per source run) and writes the run report.
#pragma once

#include "convoca/app/context.h"
#include "convoca/plugin_host/loader.h"
#include "convoca/state/state_db.h"

#include <string>
#include <vector>

namespace convoca::app {

struct SourceReport {
  std::string source;
  state::RunOutcome outcome = state::RunOutcome::Failed;
  state::SourceCounts counts;
  int64_t durationMs = 0;
  std::string message;
  bool skipped = false; // outside its harvest window: neither run nor failed
};

struct HarvestReport {
  int64_t runId = 0;
  std::vector<SourceReport> sources;
  bool ok() const;
};

// Harvests `sourceIds` (each must be in `catalog`; refused ones are reported as
// failed). `mode` is stored with the run ("harvest", "demo").
HarvestReport runHarvestOf(Context& context, const std::vector<plugin_host::PluginInfo>& catalog,
                           const std::vector<std::string>& sourceIds, const std::string& mode);

// The sources to harvest when none is named: config harvest.sources, else every
// usable plugin that can harvest.
std::vector<std::string> defaultSources(const Context& context,
                                        const std::vector<plugin_host::PluginInfo>& catalog);

// After a harvest, each stored profile's new and changed matches become its
// digest (run `runId`, 0 for the demo). A broken profile or a failed match is
// logged and skipped: the harvest itself has succeeded or failed already.
void updateDigests(Context& context, int64_t runId);

void printHarvestReport(const HarvestReport& report, std::ostream& out);

} // namespace convoca::app
